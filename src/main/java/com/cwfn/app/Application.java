package com.cwfn.app;

import com.cwfn.demo.SandboxMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.camel.main.Main;

/**
 * The connector: a Camel Main application. It reads application.properties, routes/*.camel.yaml and
 * mappings.yaml from the directory it is started in, falling back to the copies built into the jar.
 *
 * <pre>
 *   java -jar cw-fn-connector.jar              run against the configured ConnectWise and Field Nation
 *   java -jar cw-fn-connector.jar --sandbox    run against built-in sandboxes and show a demo timeline
 *   java -jar cw-fn-connector.jar admin ...    operator commands (see README)
 * </pre>
 */
public final class Application {
    /** The route files built into the jar; a file of the same name in ./routes replaces one. */
    public static final List<String> ROUTE_FILES = List.of("intake.camel.yaml", "inbox.camel.yaml", "dispatch.camel.yaml",
            "sync-back.camel.yaml", "failures.camel.yaml", "schedules.camel.yaml", "admin.camel.yaml");

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        List<String> argList = Arrays.asList(args);
        LogFormat.apply();
        if (!argList.isEmpty() && argList.get(0).equals("admin")) {
            int code = com.cwfn.admin.AdminCommand.run(argList.subList(1, argList.size()));
            com.cwfn.app.GracefulShutdown.exiting();
            System.exit(code);
            return;
        }
        Properties overrides = new Properties();
        SandboxMode sandbox = null;
        if (argList.contains("--sandbox")) {
            sandbox = SandboxMode.start(overrides);
        }
        Main main = create(overrides, Path.of("").toAbsolutePath());
        if (sandbox != null) {
            main.addMainListener(sandbox);
        }
        List<String> camelArgs = new ArrayList<>(argList);
        camelArgs.remove("--sandbox");
        com.cwfn.app.GracefulShutdown.install(main);
        java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
        main.addMainListener(new org.apache.camel.main.MainListenerSupport() {
            @Override
            public void afterStart(org.apache.camel.main.BaseMainSupport m) {
                started.set(true);
            }
        });
        int code;
        try {
            code = main.run(camelArgs.toArray(new String[0]));
        } catch (Exception e) {
            com.cwfn.app.GracefulShutdown.exiting();
            System.err.println("The connector cannot start: " + rootMessage(e));
            System.exit(1);
            return;
        }
        com.cwfn.app.GracefulShutdown.exiting();
        // a connector that could not start (a setting, the database, a broken mappings.yaml) exits non-zero
        System.exit(started.get() ? code : Math.max(code, 1));
    }

    /**
     * A Camel Main for the connector in {@code home}, with {@code overrides} winning over every other source
     * (tests and sandbox mode use them; operators use -D and environment variables).
     */
    public static Main create(Properties overrides, Path home) {
        Main main = new Main();
        // the jar's application.properties, then the one in home on top of it; -D and environment variables win
        // over both (Camel's properties component looks at them first), override properties over everything
        main.setInitialProperties(withEnvironment(fileProperties(home), System.getenv()));
        main.setPropertyPlaceholderLocations("false");
        if (!overrides.isEmpty()) {
            main.setOverrideProperties(overrides);
        }
        main.configure().addConfiguration(new ConnectorConfiguration(home));
        main.configure().withRoutesIncludePattern(routesIncludePattern(home));
        return main;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c && !(c instanceof com.cwfn.mapping.MappingException)
                && !(c instanceof com.cwfn.settings.SettingsException)) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }

    /** The jar's copy of application.properties with the one in {@code home} (if any) on top. */
    static Properties fileProperties(Path home) {
        Properties p = new Properties();
        try (var in = Application.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            }
            Path local = home.resolve("application.properties");
            if (Files.isRegularFile(local)) {
                try (var r = Files.newBufferedReader(local, java.nio.charset.StandardCharsets.UTF_8)) {
                    p.load(r);
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read application.properties: " + e.getMessage(), e);
        }
        return p;
    }

    /**
     * Environment variables win over the files: for every key, {@code KEY_WITH_UNDERSCORES} (upper case, '.' and '-'
     * as '_'), e.g. CONNECTWISE_PRIVATE_KEY or CAMEL_SERVER_PORT. Camel resolves -D options over this again.
     */
    static Properties withEnvironment(Properties file, java.util.Map<String, String> env) {
        Properties p = new Properties();
        p.putAll(file);
        for (String key : file.stringPropertyNames()) {
            String v = env.get(envName(key));
            if (v != null) {
                p.setProperty(key, v);
            }
        }
        return p;
    }

    public static String envName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** Each built-in route file from ./routes when present there, else from the jar; plus any other ./routes file. */
    static String routesIncludePattern(Path home) {
        Path dir = home.resolve("routes");
        List<String> patterns = new ArrayList<>();
        for (String name : ROUTE_FILES) {
            Path local = dir.resolve(name);
            patterns.add(Files.isRegularFile(local) ? "file:" + local : "classpath:routes/" + name);
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.getFileName().toString().endsWith(".camel.yaml"))
                        .filter(p -> !ROUTE_FILES.contains(p.getFileName().toString()))
                        .sorted()
                        .forEach(p -> patterns.add("file:" + p));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return String.join(",", patterns);
    }

    /** Picks the log format before the first logger exists: -D, environment, ./application.properties, text. */
    static final class LogFormat {
        private LogFormat() {
        }

        static void apply() {
            String key = "connector.log-format";
            String v = System.getProperty(key);
            if (v == null) {
                v = System.getenv("CONNECTOR_LOG_FORMAT");
            }
            if (v == null) {
                Path file = Path.of("application.properties");
                if (Files.isRegularFile(file)) {
                    Properties p = new Properties();
                    try (var in = Files.newInputStream(file)) {
                        p.load(in);
                        v = p.getProperty(key);
                    } catch (java.io.IOException e) {
                        // the file is read again by Camel, which reports problems
                    }
                }
            }
            System.setProperty(key, "json".equalsIgnoreCase(v == null ? "" : v.trim()) ? "json" : "text");
        }
    }

    /** For tests: properties map to {@link Properties}. */
    public static Properties properties(Map<String, String> map) {
        Properties p = new Properties();
        p.putAll(map);
        return p;
    }
}
