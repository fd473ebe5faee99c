package com.cwfn.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.cwfn.testing.Connector;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The refusals written outside the routes, on the Vert.x handlers, come out as the routes' do: the not-ready answer
 * of intake while its routes do not run, and the management port's login; each with Retry-After where due.
 */
class RefusalAnswersTest {
    static final String PASSWORD = "Refusals-Adm1n";

    @Test
    void whileIntakeDoesNotRunCallbacksAndWebhooksAreToldToRetrySoon() throws Exception {
        try (Connector c = Connector.start(Map.of())) {
            c.context().getRouteController().stopRoute("intake-connectwise");
            c.context().getRouteController().stopRoute("intake-fieldnation");
            HttpResponse<String> callback = c.post("/callbacks/connectwise/test-callback-token", "{}", Map.of());
            assertThat(callback.statusCode()).as("ConnectWise retries a 429").isEqualTo(429);
            assertThat(callback.headers().firstValue("Retry-After")).hasValue(String.valueOf(Refusal.SOON.toSeconds()));
            assertThat(callback.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(callback.body()).isEqualTo("{\"status\":429,\"error\":\"not ready\",\"detail\":\"the connector "
                    + "is starting or stopping; please retry\"}");
            HttpResponse<String> webhook = c.post("/webhooks/fieldnation", "{}", Map.of());
            assertThat(webhook.statusCode()).as("Field Nation retries a 5xx").isEqualTo(503);
            assertThat(webhook.headers().firstValue("Retry-After")).hasValue(String.valueOf(Refusal.SOON.toSeconds()));
            assertThat(webhook.body()).isEqualTo("{\"status\":503,\"error\":\"not ready\",\"detail\":\"the connector "
                    + "is starting or stopping; please retry\"}");

            c.context().getRouteController().startRoute("intake-connectwise");
            HttpResponse<String> wrong = c.post("/callbacks/connectwise/wrong", "{}", Map.of("Authorization",
                    "Basic c2VjcmV0", "X-Content-Signature", "signed"));
            assertThat(wrong.statusCode()).as("running again: the route's own refusal").isEqualTo(404);
            assertThat(wrong.body()).isEqualTo("{\"status\":404,\"error\":\"not found\"}");
            assertThat(wrong.headers().firstValue("Retry-After")).isEmpty();
            assertThat(wrong.headers().map().keySet()).as("no request header travels back")
                    .noneMatch(h -> h.equalsIgnoreCase("Authorization") || h.equalsIgnoreCase("X-Content-Signature"));
        }
    }

    @Test
    void theManagementLoginSaysHowLongToWaitAndNeverRepeatsThePassword() {
        try (Connector c = Connector.start(Map.of("camel.management.dev-console-enabled", "true",
                "admin.password", PASSWORD, "admin.login-failures-before-delay", "2"))) {
            HttpResponse<String> none = get(c, null);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"cw-fn-connector\"");
            assertThat(none.body()).isEqualTo("{\"status\":401,\"error\":\"unauthorized\",\"detail\":\"HTTP Basic "
                    + "credentials admin.username / admin.password are required\"}");
            HttpResponse<String> last = null;
            for (int i = 0; i < 3; i++) {
                last = get(c, "admin:guess-" + i);
                assertThat(last.body()).doesNotContain("guess-");
            }
            assertThat(last.statusCode()).isEqualTo(429);
            assertThat(Integer.parseInt(last.headers().firstValue("Retry-After").orElseThrow())).isPositive();
            assertThat(last.body()).contains("\"error\":\"too many failed logins\"");
            // the right password waits too, and is told so again
            HttpResponse<String> right = get(c, "admin:" + PASSWORD);
            assertThat(right.statusCode()).isEqualTo(429);
            assertThat(right.headers().firstValue("Retry-After")).isPresent();
        }
    }

    private static HttpResponse<String> get(Connector c, String userAndPassword) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(c.managementUrl("/q/dev")))
                .timeout(Duration.ofSeconds(60)).GET();
        if (userAndPassword != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(
                    StandardCharsets.UTF_8)));
        }
        return Connector.send(b.build());
    }
}
