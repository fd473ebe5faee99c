package com.cwfn.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The mapping in use: {@code sync.mappings} from the working directory when it exists, else the copy in the jar.
 * A reload that fails validation keeps the running mapping and reports the problem. Once a check against the live
 * systems is given ({@link #checkWith}: names Refresh Fields read, such as provider pools), a file that names what
 * they do not have is refused the same way, each problem with its line.
 */
public class Mappings {
    private final Path file;
    private volatile MappingConfig current;
    private volatile Function<MappingConfig, List<String>> liveCheck = c -> List.of();
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

    /**
     * Checks the mapping in use now, and every one loaded from now on, with {@code check} (problems formatted
     * {@code "<file> line <N>: <problem>"}; none when it passes).
     *
     * @throws MappingException when the mapping in use does not pass
     */
    public synchronized void checkWith(Function<MappingConfig, List<String>> check) {
        List<String> problems = check.apply(current);
        if (!problems.isEmpty()) {
            throw new MappingException(problems);
        }
        this.liveCheck = check;
    }

    /** Reads the file again; on a problem the running mapping stays and the exception says what is wrong. */
    public MappingConfig reload() {
        MappingConfig next = load();
        current = next;
        return next;
    }

    private MappingConfig load() {
        MappingConfig loaded = read();
        List<String> problems = liveCheck.apply(loaded);
        if (!problems.isEmpty()) {
            throw new MappingException(problems);
        }
        return loaded;
    }

    private MappingConfig read() {
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
