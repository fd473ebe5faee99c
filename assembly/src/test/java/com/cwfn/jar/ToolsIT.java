package com.cwfn.jar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cwfn.json.Json;
import com.cwfn.testing.JarProcess;
import com.cwfn.testing.Ports;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Camel's own tools against the built jar, run as operators run it: with the CLI connector on, the status Camel JBang
 * reads ({@code camel get route}: every route with its state and counters) is published in ~/.camel of its user,
 * {@code camel trace} gets the messages of a callback, and no secret is in any of those files; a route file beside the
 * jar that Camel's YAML DSL schema refuses, or whose step names an unknown bean, stops start-up with one line naming
 * file, route and step.
 */
class ToolsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TOKEN = "tools-it-callback-token-8c1d";
    private static final String PRIVATE_KEY = "tools-it-private-key-5e0b";

    @Test
    void theCliConnectorPublishesEveryRouteWithItsStateAndCounters(@TempDir Path dir) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        int port = Ports.free();
        int mgmt = Ports.free();
        Process p = new ProcessBuilder(JarProcess.java("-Xmx256m", "-Duser.home=" + home,
                "-Dcamel.server.port=" + port, "-Dcamel.management.port=" + mgmt,
                "-Dconnector.camel-cli.enabled=true", "-Dconnectwise.callback-token=" + TOKEN,
                "-Dconnectwise.private-key=" + PRIVATE_KEY, "-Dconnectwise.verify-signature=false",
                "-Dconnectwise.url=http://127.0.0.1:9", "-Dfieldnation.url=http://127.0.0.1:9",
                "-jar", FatJarIT.jar().toString())).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.log").toFile()).start();
        try {
            assertThat(FatJarIT.awaitHealth(mgmt, Duration.ofSeconds(60), p)).as(log(dir)).contains("UP");
            Path camel = home.resolve(".camel");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(camel)))
                    .as("~/.camel is the connector user's own").isEqualTo("rwx------");
            Path status = camel.resolve(p.pid() + "-status.json");
            // a callback with a wrong token: intake-connectwise counts an exchange
            HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/callbacks/connectwise/wrong"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

            Set<String> expected = routeIds();
            // the status file is rewritten every second: wait for one written after the callback, with every route
            // started (on a loaded machine a snapshot taken while the last routes started showed one still stopped);
            // a route that never starts fails below, after the wait
            JsonNode routes = await().atMost(Duration.ofSeconds(60)).until(() -> routes(status),
                    r -> r != null && total(r, "intake-connectwise") >= 1 && allStarted(r));
            Set<String> published = new TreeSet<>();
            for (JsonNode r : routes) {
                published.add(r.path("routeId").asText());
                assertThat(r.path("state").asText()).as(r.path("routeId").asText()).isEqualTo("Started");
                JsonNode stats = r.path("statistics");
                for (String counter : List.of("exchangesTotal", "exchangesFailed", "exchangesInflight")) {
                    assertThat(stats.has(counter)).as("%s of %s", counter, r.path("routeId").asText()).isTrue();
                }
            }
            assertThat(published).as("every route of the route files, as camel get route lists them")
                    .containsAll(expected);
            assertThat(total(routes, "intake-connectwise")).isGreaterThanOrEqualTo(1);

            // camel trace: start tracing the way `camel trace --action=start` does, and read the traced callback
            Files.writeString(camel.resolve(p.pid() + "-action.json"), "{\"action\":\"trace\",\"enabled\":\"true\"}");
            await().atMost(Duration.ofSeconds(60)).until(() -> !Files.exists(camel.resolve(p.pid() + "-action.json"))
                    || Files.readString(camel.resolve(p.pid() + "-action.json")).isBlank());
            Path traces = camel.resolve(p.pid() + "-trace.json");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/callbacks/connectwise/"
                        + TOKEN)).POST(HttpRequest.BodyPublishers.ofString("{\"ID\":7,\"Type\":\"ticket\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                return Files.exists(traces) && Files.readString(traces).contains("intake-connectwise");
            });

            // no secret in anything Camel JBang reads
            try (Stream<Path> files = Files.list(camel)) {
                for (Path f : files.toList()) {
                    String text = Files.readString(f);
                    assertThat(text).as(f.getFileName().toString()).doesNotContain(PRIVATE_KEY).doesNotContain(TOKEN);
                }
            }
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }

    @Test
    void aRouteFileBesideTheJarWithAnUnknownBeanStopsStartUpNamingFileRouteAndStep(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("routes"));
        Files.writeString(dir.resolve("routes/mine.camel.yaml"), """
                - route:
                    id: my-route
                    description: an engineer's own route
                    from:
                      id: from-my-timer
                      description: once a minute
                      uri: timer:mine?period=60000
                      steps:
                        - bean:
                            id: call-my-bean
                            description: calls a bean nobody bound
                            ref: myMissingBean
                            method: run
                """);
        List<String> lines = startAndFail(dir);
        assertThat(lines).as("the one line it stops with").anyMatch(l -> l.equals("The connector cannot start: route "
                + "my-route in routes/mine.camel.yaml, step call-my-bean (line 9): No bean could be found in the "
                + "registry for: myMissingBean"));
    }

    @Test
    void aRouteFileBesideTheJarThatTheSchemaRefusesStopsStartUp(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("routes"));
        Files.writeString(dir.resolve("routes/schedules.camel.yaml"), Files.readString(Path.of(
                "routes/schedules.camel.yaml")).replace("precondition: \"{{connector.reload}}\"",
                "autoStartup: \"{{connector.reload}}\""));
        List<String> lines = startAndFail(dir);
        assertThat(lines).anyMatch(l -> l.startsWith("The connector cannot start: route file not valid against Camel's "
                + "YAML DSL schema: routes/schedules.camel.yaml line ") && l.contains("autoStartup"));
    }

    private static List<String> startAndFail(Path dir) throws Exception {
        Process p = new ProcessBuilder(JarProcess.java("-Dconnectwise.callback-token=t", "-Dcamel.server.port="
                + Ports.free(), "-Dcamel.management.port=" + Ports.free(), "-jar", FatJarIT.jar().toString()))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile())
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exits").isTrue();
        assertThat(p.exitValue()).isNotZero();
        return Files.readAllLines(dir.resolve("out.log"));
    }

    /** The route ids of the shipped route files (their route: items) and of the admin API's operations. */
    static Set<String> routeIds() throws IOException {
        Set<String> ids = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path f : files.filter(x -> x.toString().endsWith(".camel.yaml")).toList()) {
                for (Object item : (List<?>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(f))) {
                    Map<?, ?> top = (Map<?, ?>) item;
                    if (top.get("route") instanceof Map<?, ?> r && !"reload".equals(r.get("id"))) {
                        ids.add(String.valueOf(r.get("id"))); // reload exists only with connector.reload=true
                    }
                }
            }
        }
        assertThat(ids).hasSizeGreaterThanOrEqualTo(12);
        return ids;
    }

    private static JsonNode routes(Path status) {
        try {
            return Files.exists(status) && Files.size(status) > 0 ? Json.parse(Files.readString(status)).path("routes")
                    : null;
        } catch (IOException | RuntimeException e) {
            return null; // being written
        }
    }

    private static boolean allStarted(JsonNode routes) {
        for (JsonNode r : routes) {
            if (!"Started".equals(r.path("state").asText())) {
                return false;
            }
        }
        return true;
    }

    private static long total(JsonNode routes, String id) {
        for (JsonNode r : routes) {
            if (r.path("routeId").asText().equals(id)) {
                return r.path("statistics").path("exchangesTotal").asLong();
            }
        }
        return -1;
    }

    private static String log(Path dir) throws IOException {
        return Files.readString(dir.resolve("out.log"));
    }

    static List<String> list(Iterable<String> it) {
        List<String> out = new ArrayList<>();
        it.forEach(out::add);
        return out;
    }
}
