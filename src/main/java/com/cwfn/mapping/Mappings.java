package com.cwfn.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The mapping in use: {@code sync.mappings} from the working directory when it exists, else the copy in the jar.
 * A reload that fails validation keeps the running mapping and reports the problem.
 */
public class Mappings {
    private final Path file;
    private volatile MappingConfig current;
    private volatile long loadedStamp;

    public Mappings(Path home, String setting) {
        Path p = Path.of(setting.isEmpty() ? "mappings.yaml" : setting);
        this.file = p.isAbsolute() ? p : home.resolve(p);
        this.loadedStamp = stamp();
        this.current = load();
    }

    /** Reloads when the file changed since it was read; false when it did not. Throws on a broken edit. */
    public synchronized boolean reloadIfChanged() {
        long s = stamp();
        if (s == loadedStamp) {
            return false;
        }
        loadedStamp = s;
        current = load();
        return true;
    }

    private long stamp() {
        try {
            return Files.isRegularFile(file) ? Files.getLastModifiedTime(file).toMillis() ^ Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The file read, or null when the jar's copy is used. */
    public Path file() {
        return Files.isRegularFile(file) ? file : null;
    }

    public MappingConfig current() {
        return current;
    }

    /** Reads the file again; on a problem the running mapping stays and the exception says what is wrong. */
    public MappingConfig reload() {
        MappingConfig next = load();
        current = next;
        return next;
    }

    private MappingConfig load() {
        if (Files.isRegularFile(file)) {
            return MappingLoader.load(file);
        }
        try (InputStream in = Mappings.class.getResourceAsStream("/mappings.yaml")) {
            if (in == null) {
                throw new MappingException("no " + file + " and no mappings.yaml inside the jar");
            }
            return MappingLoader.load(new String(in.readAllBytes(), StandardCharsets.UTF_8), "mappings.yaml (built in)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
