package com.cwfn.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.cwfn.failure.PermanentFailure;
import com.cwfn.fieldnation.WebhookSecrets;
import com.cwfn.fieldnation.WebhookSignature;
import com.cwfn.json.Json;
import com.cwfn.store.StateStore;
import com.cwfn.testing.Connector;
import com.cwfn.testing.Env;
import com.cwfn.testing.TestDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook's secret and URL as Webhooks v3 defines them: a UUID secret (a bad one stops start-up), generated and
 * kept in the database when none is configured or adopted from the webhook Field Nation has, and verified by intake
 * from there; an HTTPS URL (loopback excepted), else nothing is registered; notify.email.to as notificationEmail.
 */
class WebhookSecretTest {
    private Env env;

    @AfterEach
    void stop() {
        if (env != null) {
            env.close();
        }
    }

    private Env world(Map<String, String> overrides, boolean register) {
        env = Env.sandboxesOnly();
        Map<String, String> s = new HashMap<>(Map.of("db.url", TestDatabases.h2(), "fieldnation.webhook-secret", ""));
        s.putAll(overrides);
        env.startConnector(s, register);
        return env;
    }

    @Test
    void aSecretThatIsNotAUuidStopsStartUpWithALineSayingSoAndRegistersNothing() {
        env = Env.sandboxesOnly();
        Map<String, String> s = new HashMap<>(env.sandboxSettings(com.cwfn.testing.Ports.free()));
        s.put("fieldnation.webhook-secret", "my-old-shared-secret");
        assertThatThrownBy(() -> Connector.start(s)).satisfies(e -> {
            String all = messages(e);
            assertThat(all).contains("fieldnation.webhook-secret must be a UUID").doesNotContain("my-old-shared-secret");
        });
        assertThat(env.fn.webhooks()).isEmpty();
    }

    @Test
    void withoutAConfiguredSecretRegistrationGeneratesOneKeepsItAndIntakeVerifiesWithIt() throws Exception {
        world(Map.of("notify.email.to", "ops@msp.example, second@msp.example"), true);
        String stored = env.connector.bean("stateStore", StateStore.class).get(WebhookSecrets.STATE_KEY).orElseThrow();
        assertThat(UUID.fromString(stored).toString()).isEqualTo(stored);
        JsonNode hook = ours();
        assertThat(hook.path("secret").asText()).isEqualTo(stored);
        assertThat(hook.path("notificationEmail").asText()).isEqualTo("ops@msp.example");

        // a real delivery, signed by Field Nation with that secret, is taken; a forged one is not
        long wo = env.fn.createWorkOrderAsUser((ObjectNode) Json.parse("{\"title\":\"signed\"}")).path("id").asLong();
        env.fn.buyerMessage(wo, "signed with the generated secret", null);
        await().atMost(Duration.ofSeconds(60)).until(() -> env.fn.deliveries().stream()
                .anyMatch(d -> d.workOrderId() == wo && d.status() == 202));
        String body = "{\"event\":{\"name\":\"workorder.status.approved\",\"params\":{\"work_order_id\":" + wo
                + "}},\"workorder\":{\"id\":" + wo + "}}";
        String wrong = WebhookSignature.sign(UUID.randomUUID().toString(), body.getBytes(StandardCharsets.UTF_8));
        assertThat(env.connector.post("/webhooks/fieldnation", body, Map.of("Content-Type", "application/json",
                "X-FN-Signature", wrong)).statusCode()).isEqualTo(401);

        // another instance on the same database verifies with the same secret, and registering again keeps it
        env.restartConnector();
        String good = WebhookSignature.sign(stored, body.getBytes(StandardCharsets.UTF_8));
        assertThat(env.connector.post("/webhooks/fieldnation", body, Map.of("Content-Type", "application/json",
                "X-FN-Signature", good)).statusCode()).isEqualTo(202);
        JsonNode again = env.connector.bean("webhookRegistration", WebhookRegistration.class).register();
        assertThat(again.path("status").asText()).isEqualTo("kept");
        assertThat(ours().path("secret").asText()).isEqualTo(stored);
        assertThat(again.toString()).doesNotContain(stored);
    }

    @Test
    void aSecretFieldNationAlreadyHoldsForOurWebhookIsAdoptedNotReplaced() {
        world(Map.of(), false);
        String held = UUID.randomUUID().toString();
        ObjectNode body = Json.object().put("url", env.connector.url("/webhooks/fieldnation")).put("method", "post")
                .put("status", "inactive").put("secret", held);
        body.putArray("events").add("workorder.status.assigned");
        fnApi("POST", body);

        JsonNode r = env.connector.bean("webhookRegistration", WebhookRegistration.class).register();
        assertThat(r.path("status").asText()).isEqualTo("updated");
        assertThat(r.path("secretSource").asText()).isEqualTo("adopted");
        assertThat(ours().path("secret").asText()).isEqualTo(held);
        assertThat(ours().path("status").asText()).isEqualTo("active");
        assertThat(env.connector.bean("stateStore", StateStore.class).get(WebhookSecrets.STATE_KEY)).hasValue(held);
        assertThat(env.fn.requests(q -> q.method().equals("PUT") && q.path().startsWith("/api/v1/webhooks/")))
                .allMatch(q -> !q.body().contains("\"secret\""));
    }

    @Test
    void aPublicUrlThatIsNotHttpsIsRefusedOnRegistrationAndNothingIsRegistered() {
        world(Map.of("connector.public-url", "http://connector.example.com"), false);
        env.fn.clearRequests();
        assertThatThrownBy(() -> env.connector.bean("webhookRegistration", WebhookRegistration.class).register())
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("connector.public-url must be an https URL")
                .hasMessageContaining("http://connector.example.com");
        assertThat(env.fn.webhooks()).isEmpty();
        assertThat(env.fn.requests(q -> q.path().startsWith("/api/v1/webhooks"))).isEmpty();
        assertThat(env.connector.bean("stateStore", StateStore.class).get(WebhookSecrets.STATE_KEY)).isEmpty();
        // the admin API says so with 409
        env.connector.close();
        Map<String, String> s = new HashMap<>(env.sandboxSettings(com.cwfn.testing.Ports.free()));
        s.put("connector.public-url", "http://connector.example.com");
        s.put("admin.password", "pw-0123456789");
        env.connector = Connector.start(s);
        var answer = Connector.send(HttpRequest.newBuilder(URI.create(env.connector.url("/admin/webhooks")))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "admin:pw-0123456789".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answer.body()).contains("https");
        assertThat(env.fn.webhooks()).isEmpty();
    }

    @Test
    void aLoopbackHostMayUseHttp() {
        assertThat(WebhookRegistration.urlProblem("http://127.0.0.1:8080/webhooks/fieldnation")).isNull();
        assertThat(WebhookRegistration.urlProblem("http://localhost/webhooks/fieldnation")).isNull();
        assertThat(WebhookRegistration.urlProblem("http://[::1]:8080/webhooks/fieldnation")).isNull();
        assertThat(WebhookRegistration.urlProblem("https://connector.example.com/webhooks/fieldnation")).isNull();
        assertThat(WebhookRegistration.urlProblem("http://10.0.0.5/webhooks/fieldnation")).contains("https");
    }

    private JsonNode ours() {
        List<com.fasterxml.jackson.databind.node.ObjectNode> hooks = env.fn.webhooks().stream()
                .filter(w -> w.path("url").asText().equals(env.connector.url("/webhooks/fieldnation"))).toList();
        assertThat(hooks).hasSize(1);
        return hooks.get(0);
    }

    private void fnApi(String method, ObjectNode body) {
        String tokenBody = "{\"grant_type\":\"password\",\"client_id\":\"" + env.fn.clientId() + "\",\"client_secret\":\""
                + env.fn.clientSecret() + "\",\"username\":\"" + env.fn.username() + "\",\"password\":\""
                + env.fn.password() + "\"}";
        var t = Connector.send(HttpRequest.newBuilder(URI.create(env.fn.tokenUrl()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(tokenBody)).build());
        var r = Connector.send(HttpRequest.newBuilder(URI.create(env.fn.webhooksApiUrl()))
                .header("Authorization", "Bearer " + Json.text(Json.parse(t.body()), "access_token"))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString())).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            sb.append(t.getMessage()).append('\n');
        }
        return sb.toString();
    }
}
