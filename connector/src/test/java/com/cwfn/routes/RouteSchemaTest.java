package com.cwfn.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cwfn.app.RouteSchema;
import com.cwfn.testing.Connector;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The route files against the JSON schema of the YAML DSL that ships in the camel-yaml-dsl jar of the Camel in use:
 * the schema Kaoto and the VS Code Camel extension check them with.
 */
class RouteSchemaTest {

    @Test
    void theSchemaIsTheOneOfTheCamelYamlDslJarInUse() throws IOException {
        URL schema = getClass().getClassLoader().getResource(RouteSchema.RESOURCE);
        assertThat(schema).isNotNull();
        // the Camel in use: camel-api's version on the class path
        Properties api = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(
                "META-INF/maven/org.apache.camel/camel-api/pom.properties")) {
            api.load(in);
        }
        String version = api.getProperty("version");
        assertThat(schema.toString()).as("read from the camel-yaml-dsl jar")
                .contains("camel-yaml-dsl-" + version + ".jar!/" + RouteSchema.RESOURCE);
        Properties pom = new Properties();
        try (InputStream in = new URL(schema.toString().replace(RouteSchema.RESOURCE,
                "META-INF/maven/org.apache.camel/camel-yaml-dsl/pom.properties")).openStream()) {
            pom.load(in);
        }
        assertThat(pom.getProperty("version")).isEqualTo(version).startsWith("4.18.");
    }

    @Test
    void everyShippedRouteFileIsValid() throws IOException {
        List<Path> files = routeFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(8);
        for (Path f : files) {
            assertThat(RouteSchema.problems(f.toString(), Files.readString(f))).as(f.toString()).isEmpty();
        }
    }

    @Test
    void aSchemaErrorIsFoundNamingFileLineAndWhatTheSchemaWants() throws IOException {
        // what schedules.camel.yaml had: a placeholder where the schema wants a boolean
        String placeholder = """
                - route:
                    id: reload
                    autoStartup: "{{connector.reload}}"
                    from:
                      uri: timer:reload
                      steps:
                        - log: tick
                """;
        assertThat(RouteSchema.problems("routes/x.camel.yaml", placeholder)).singleElement().asString()
                .startsWith("routes/x.camel.yaml line 3: ").contains("autoStartup").contains("boolean");

        // a misspelled option of a step, in a shipped file
        String dispatch = Files.readString(Path.of("routes/dispatch.camel.yaml"));
        String misspelled = dispatch.replaceFirst("method: start", "methd: start");
        int line = lineOf(misspelled, "methd: start");
        assertThat(RouteSchema.problems("routes/dispatch.camel.yaml", misspelled)).isNotEmpty()
                .allMatch(p -> p.startsWith("routes/dispatch.camel.yaml line "))
                .anyMatch(p -> p.contains("line " + line + ": ") || p.contains("methd"));
        assertThatThrownBy(() -> RouteSchema.check("routes/dispatch.camel.yaml", misspelled))
                .hasMessageStartingWith("route file not valid against Camel's YAML DSL schema: routes/dispatch.camel.yaml line ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aRouteFileBesideTheJarThatTheSchemaRefusesStopsStartUp(@TempDir Path home) throws IOException {
        Path routes = Files.createDirectories(home.resolve("routes"));
        Files.writeString(routes.resolve("extra.camel.yaml"), """
                - route:
                    id: extra
                    description: an engineer's own route
                    from:
                      uri: timer:extra
                      steps:
                        - log:
                            id: say-hello
                            description: says hello
                            mesage: hello
                """);
        assertThat(RouteSchema.problems("routes/extra.camel.yaml", Files.readString(routes.resolve("extra.camel.yaml"))))
                .anyMatch(p -> p.startsWith("routes/extra.camel.yaml line 10: ") && p.contains("'mesage'"));
        assertThatThrownBy(() -> Connector.start(Map.of(), home))
                .hasMessageContaining("route file not valid against Camel's YAML DSL schema: routes/extra.camel.yaml line ")
                .hasMessageContaining("message");
    }

    static List<Path> routeFiles() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("routes"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        }
    }

    static int lineOf(String text, String part) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(part)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(part);
    }
}
