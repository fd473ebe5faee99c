package com.cwfn.app;

import com.cwfn.admin.AdminCommand;
import com.cwfn.mapping.MappingException;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.PropertySources;
import com.cwfn.settings.SettingsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListener;
import org.apache.camel.main.MainListenerSupport;

/**
 * The connector: a Camel Main application. It reads application.properties, routes/*.camel.yaml and
 * mappings.yaml from the directory it is started in, falling back to the copies built into the jar.
 *
 * <pre>
 *   java -jar cw-fn-connector.jar              run against the configured ConnectWise and Field Nation
 *   java -jar cw-fn-connector.jar --sandbox    run against built-in sandboxes and show a demo timeline
 *   java -jar cw-fn-connector.jar admin ...    operator commands (docs/administration.md)
 * </pre>
 */
public final class Application {
    /** The route files built into the jar; a file of the same name in ./routes replaces one. */
    public static final List<String> ROUTE_FILES = List.of("refusals.camel.yaml", "intake.camel.yaml",
            "inbox.camel.yaml", "dispatch.camel.yaml", "sync-back.camel.yaml", "routing.camel.yaml",
            "attention.camel.yaml", "failures.camel.yaml", "schedules.camel.yaml", "admin.camel.yaml",
            "console.camel.yaml");

    private Application() {
    }

    public static void main(String[] args) throws Exception {
        List<String> argList = Arrays.asList(args);
        chooseLogFormat();
        if (!argList.isEmpty() && argList.get(0).equals("admin")) {
            int code = AdminCommand.run(argList.subList(1, argList.size()));
            GracefulShutdown.exiting();
            System.exit(code);
            return;
        }
        Properties overrides = new Properties();
        MainListener sandbox = null;
        if (argList.contains("--sandbox")) {
            // the demo is in the shipped jar, not in the connector module (SandboxDemo)
            Optional<SandboxDemo> demo = ServiceLoader.load(SandboxDemo.class).findFirst();
            if (demo.isEmpty()) {
                GracefulShutdown.exiting();
                System.err.println("The connector cannot start: --sandbox needs the demo and the sandboxes, which "
                        + "the shipped jar brings (the assembly module); they are not on this class path");
                System.exit(1);
                return;
            }
            sandbox = demo.get().start(overrides);
        }
        Main main;
        try {
            main = create(overrides, Path.of("").toAbsolutePath());
        } catch (RouteProblem e) {
            cannotStart(e); // a route file beside the jar that Camel's YAML DSL schema refuses
            return;
        }
        if (sandbox != null) {
            main.addMainListener(sandbox);
        }
        List<String> camelArgs = new ArrayList<>(argList);
        camelArgs.remove("--sandbox");
        GracefulShutdown.install(main);
        AtomicBoolean started = new AtomicBoolean();
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport m) {
                started.set(true);
            }
        });
        int code;
        try {
            code = main.run(camelArgs.toArray(new String[0]));
        } catch (Exception e) {
            cannotStart(e);
            return;
        }
        GracefulShutdown.exiting();
        // a connector that could not start (a setting, the database, a broken mappings.yaml) exits non-zero
        System.exit(started.get() ? code : Math.max(code, 1));
    }

    /**
     * A Camel Main for the connector in {@code home}, with {@code overrides} winning over every other source
     * (tests and sandbox mode use them; operators use -D and environment variables).
     */
    public static Main create(Properties overrides, Path home) {
        Main main = new Main();
        // the jar's application.properties, then the one in home on top of it, with environment variables applied;
        // -D wins over both (Camel's properties component looks at it first), override properties over everything
        Properties initial = PropertySources.withEnvironment(PropertySources.files(home), System.getenv());
        // environment variables reach every key through the files (above); Camel itself consults them only for keys
        // no source has, so that override properties (the sandbox demo's own database and mail) win over them
        initial.setProperty("camel.component.properties.environment-variable-mode", "1");
        main.setInitialProperties(initial);
        main.setPropertyPlaceholderLocations("false");
        if (!overrides.isEmpty()) {
            main.setOverrideProperties(overrides);
        }
        ConnectorConfiguration.addTo(main, home);
        main.addMainListener(new CamelToolsSwitch());
        checkRouteFiles(home);
        main.configure().withRoutesIncludePattern(routesIncludePattern(home));
        return main;
    }

    private static void cannotStart(Exception e) {
        GracefulShutdown.exiting();
        System.err.println("The connector cannot start: " + rootMessage(e));
        System.exit(1);
    }

    /** The one line start-up stops with: a setting, mappings.yaml, or the route and step that cannot be built. */
    static String rootMessage(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof MappingException || c instanceof SettingsException) {
                return c.getMessage();
            }
        }
        return RouteProblem.describe(t);
    }

    /**
     * The route files in ./routes (each replaces the jar's copy of its name, or adds routes) are checked against
     * Camel's YAML DSL schema before Camel reads them: one the schema refuses stops start-up naming file and line.
     */
    static void checkRouteFiles(Path home) {
        for (Path file : localRouteFiles(home)) {
            try {
                RouteSchema.check("routes/" + file.getFileName(), Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static List<Path> localRouteFiles(Path home) {
        Path dir = home.resolve("routes");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each built-in route file from ./routes when present there, else from the jar; plus any other ./routes file. */
    static String routesIncludePattern(Path home) {
        Path dir = home.resolve("routes");
        List<String> patterns = new ArrayList<>();
        for (String name : ROUTE_FILES) {
            Path local = dir.resolve(name);
            patterns.add(Files.isRegularFile(local) ? "file:" + local : "classpath:routes/" + name);
        }
        localRouteFiles(home).stream().filter(p -> !ROUTE_FILES.contains(p.getFileName().toString()))
                .forEach(p -> patterns.add("file:" + p));
        return String.join(",", patterns);
    }

    /** Picks the log format before the first logger exists (logback.xml reads the system property). */
    static void chooseLogFormat() {
        String key = Catalog.LOG_FORMAT.key();
        String v = PropertySources.lookup(Path.of("")).apply(key);
        System.setProperty(key, "json".equalsIgnoreCase(v == null ? "" : v.trim()) ? "json" : "text");
    }
}
