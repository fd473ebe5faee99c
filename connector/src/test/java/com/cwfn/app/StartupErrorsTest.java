package com.cwfn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.cwfn.testing.Connector;
import com.cwfn.testing.Ports;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A route that cannot be built stops start-up with one line naming the route id, its file and the step that failed
 * (Camel's own message names the route's first step and the innermost cause only). The jar prints the same line
 * ({@code ToolsIT}).
 */
class StartupErrorsTest {

    static final String ROUTE = """
            - route:
                id: engineers-route
                description: an engineer's own route
                from:
                  id: from-engineers-timer
                  description: once a minute
                  uri: %s
                  steps:
                    - filter:
                        id: only-some
                        description: some exchanges
                        simple: "${body} == null"
                        steps:
                          - %s
            """;

    @Test
    void anUnknownBeanNamesRouteFileAndStep(@TempDir Path home) throws IOException {
        String line = startWith(home, "timer:minute?period=60000", """
                bean:
                                  id: call-the-missing-bean
                                  description: calls a bean nobody bound
                                  ref: noSuchBean
                                  method: run""");
        assertThat(line).isEqualTo("route engineers-route in " + file(home) + ", step call-the-missing-bean (line 14): "
                + "No bean could be found in the registry for: noSuchBean");
    }

    @Test
    void aBadEndpointOptionNamesRouteFileAndStep(@TempDir Path home) throws IOException {
        String line = startWith(home, "timer:minute?period=60000", """
                to:
                                  id: send-somewhere
                                  description: sends to an endpoint with an option it does not have
                                  uri: direct:somewhere?noSuchOption=1""");
        assertThat(line).startsWith("route engineers-route in " + file(home) + ", step send-somewhere (line 14): ")
                .contains("direct://somewhere?noSuchOption=1").contains("Unknown parameters=[{noSuchOption=1}]")
                .doesNotContain("\n");
    }

    @Test
    void aBadOptionOfTheRoutesOwnEndpointNamesRouteAndFile(@TempDir Path home) throws IOException {
        String line = startWith(home, "timer:minute?noSuchOption=1", """
                log:
                                  id: say-hello
                                  description: says hello
                                  message: hello""");
        assertThat(line).startsWith("route engineers-route in " + file(home) + ": ")
                .contains("timer://minute?noSuchOption=1").doesNotContain("\n");
    }

    @Test
    void aPortAnotherProcessListensOnStopsStartUpNamingTheSetting(@TempDir Path home) throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.setReuseAddress(true);
            taken.bind(new InetSocketAddress(Ports.free()));
            int port = taken.getLocalPort();
            // Camel's Vert.x server only warns and the connector looked healthy while the other process answered
            Throwable failed = catchThrowable(() -> Connector.start(Map.of("camel.server.port", String.valueOf(port)),
                    home).close());
            assertThat(failed).as("start-up stops").isNotNull();
            assertThat(Application.rootMessage(failed)).isEqualTo("camel.server.port " + port + " is not listening "
                    + "(0.0.0.0:" + port + " is taken): is another process listening there? Stop it or choose "
                    + "another port");
        }
    }

    /** The one line the jar prints for a start-up that fails with this route file beside it. */
    private static String startWith(Path home, String from, String step) throws IOException {
        Path routes = Files.createDirectories(home.resolve("routes"));
        Files.writeString(routes.resolve("engineers.camel.yaml"), ROUTE.formatted(from, step));
        Throwable failed = catchThrowable(() -> Connector.start(Map.of(), home).close());
        assertThat(failed).as("start-up stops").isNotNull();
        return RouteProblem.describe(failed);
    }

    private static String file(Path home) {
        return RouteProblem.file("file:" + home.resolve("routes/engineers.camel.yaml"));
    }
}
