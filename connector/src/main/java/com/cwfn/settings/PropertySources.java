package com.cwfn.settings;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import org.apache.camel.util.IOHelper;

/**
 * Where settings come from, lowest to highest: the {@code application.properties} built into the jar, the one in the
 * directory the connector runs in (both read as UTF-8), environment variables ({@code CONNECTWISE_PRIVATE_KEY} for
 * {@code connectwise.private-key}, Camel's rule), then {@code -D} system properties. The running connector hands the
 * files and the environment to Camel, whose properties component adds {@code -D} on top; the admin command and the
 * log set-up, which run before or without Camel, read them here the same way.
 */
public final class PropertySources {
    private PropertySources() {
    }

    /** The jar's copy of application.properties with the one in {@code home} (if any) on top. */
    public static Properties files(Path home) {
        Properties p = new Properties();
        try (InputStream in = PropertySources.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                load(p, new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            Path local = home.resolve("application.properties");
            if (Files.isRegularFile(local)) {
                load(p, Files.newBufferedReader(local, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read application.properties: " + e.getMessage(), e);
        }
        return p;
    }

    /** The files with every key an environment variable sets replaced by its value. */
    public static Properties withEnvironment(Properties files, Map<String, String> env) {
        Properties p = new Properties();
        p.putAll(files);
        for (String key : files.stringPropertyNames()) {
            String v = env.get(environmentVariable(key));
            if (v != null) {
                p.setProperty(key, v);
            }
        }
        return p;
    }

    /** A key's value as the connector would see it: -D, environment, the file in {@code home}, the jar's copy. */
    public static Function<String, String> lookup(Path home) {
        Properties files = files(home);
        return key -> {
            String v = System.getProperty(key);
            if (v == null) {
                v = IOHelper.lookupEnvironmentVariable(key);
            }
            return v != null ? v : files.getProperty(key);
        };
    }

    /** The environment variable of a key: upper case, '.' and '-' as '_'. */
    public static String environmentVariable(String key) {
        return IOHelper.normalizeEnvironmentVariable(key);
    }

    private static void load(Properties p, Reader r) throws IOException {
        try (r) {
            p.load(r);
        }
    }
}
