package com.cwfn.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import com.cwfn.testing.Connector;
import com.cwfn.testing.Env;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * connector.reload=true: edits of mappings.yaml and routes/ take effect without a restart; a broken edit is
 * refused and the version that ran before keeps running.
 */
class ReloadTest {

    static final String HELLO = """
            - route:
                id: hello
                from:
                  uri: platform-http:/hello
                  steps:
                    - setBody:
                        constant: "%s"
            """;

    @Test
    void editsTakeEffectAndBrokenEditsAreRefused(@TempDir Path home) throws Exception {
        Path routes = Files.createDirectories(home.resolve("routes"));
        Files.copy(Path.of("routes/intake.camel.yaml"), routes.resolve("intake.camel.yaml"));
        Files.writeString(routes.resolve("hello.camel.yaml"), HELLO.formatted("hello v1"));
        Path mappings = home.resolve("mappings.yaml");
        Files.copy(Path.of("mappings.yaml"), mappings);

        try (Env env = Env.sandboxesOnly()) {
            Map<String, String> s = new HashMap<>(env.sandboxSettings(com.cwfn.testing.Ports.free()));
            s.putAll(Connector.baseSettings());
            s.put("connector.reload", "true");
            env.connector = Connector.start(s, home);
            env.connector.bean("callbackRegistration", com.cwfn.admin.CallbackRegistration.class).register();
            env.connector.bean("webhookRegistration", com.cwfn.admin.WebhookRegistration.class).register();
            Connector c = env.connector;
            Reloader reloader = c.bean("reloader", Reloader.class);
            assertThat(c.get(c.url("/hello")).body()).isEqualTo("hello v1");

            // a route edit takes effect
            Files.writeString(routes.resolve("hello.camel.yaml"), HELLO.formatted("hello v2"));
            await().atMost(Duration.ofSeconds(60)).until(() -> c.get(c.url("/hello")).body().equals("hello v2"));
            assertThat(reloader.applied()).isEqualTo(1);

            // broken edits are refused: YAML that does not parse, and a route naming a bean that does not exist
            Files.writeString(routes.resolve("hello.camel.yaml"), "- route: [ this is not yaml");
            awaitRefusals(reloader, 1);
            assertThat(c.get(c.url("/hello")).body()).isEqualTo("hello v2");
            String intake = Files.readString(routes.resolve("intake.camel.yaml"));
            Files.writeString(routes.resolve("intake.camel.yaml"), intake.replace("ref: connectWiseIntake",
                    "ref: noSuchBean"));
            awaitRefusals(reloader, 2);
            var wrongToken = c.post("/callbacks/connectwise/not-the-token", "{}", Map.of());
            assertThat(wrongToken.statusCode()).isEqualTo(404);
            assertThat(wrongToken.body()).as("the intake route still runs").contains("\"error\":\"not found\"");

            // a mapping edit takes effect: titles get a prefix
            String shipped = Files.readString(mappings);
            Files.writeString(mappings, shipped.replace(
                    "- { target: title, source: ticket.summary, default: \"ConnectWise ticket\" }",
                    "- { target: title, action: concat, sources: [\"literal:[CW]\", ticket.summary] }"));
            await().atMost(Duration.ofSeconds(60)).until(() -> reloader.applied() == 2);
            long first = env.newTicket("After the mapping edit", t -> { });
            env.cw.setStatus(first, "Dispatch to FN");
            await().atMost(Duration.ofSeconds(60)).until(() -> env.workOrdersOf(first).size() == 1);
            assertThat(env.workOrdersOf(first).get(0).path("title").asText()).isEqualTo("[CW] After the mapping edit");

            // a broken mapping edit is refused; the mapping that ran keeps running
            Files.writeString(mappings, Files.readString(mappings).replace("action: concat", "action: concatenate"));
            awaitRefusals(reloader, 3);
            long second = env.newTicket("After the broken edit", t -> { });
            env.cw.setStatus(second, "Dispatch to FN");
            await().atMost(Duration.ofSeconds(60)).until(() -> env.workOrdersOf(second).size() == 1);
            assertThat(env.workOrdersOf(second).get(0).path("title").asText()).isEqualTo("[CW] After the broken edit");
        }
    }

    /** Waits for the reloader to have refused {@code n} edits: the signal that it looked at the edit. */
    private static void awaitRefusals(Reloader reloader, long n) {
        await().atMost(Duration.ofSeconds(60)).until(() -> reloader.refused() >= n);
        assertThat(reloader.refused()).isEqualTo(n);
    }
}
