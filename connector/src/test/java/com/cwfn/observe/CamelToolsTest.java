package com.cwfn.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.cwfn.json.Json;
import com.cwfn.testing.Connector;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.camel.management.JmxManagementStrategy;
import org.apache.camel.spi.CliConnector;
import org.junit.jupiter.api.Test;

/**
 * Camel's own tools on the management port: off by default (no JMX, no /q/dev, no Jolokia, no CLI connector); when
 * switched on, the developer console and Jolokia answer behind the admin login only, health and metrics stay open, and
 * no console shows a configured secret.
 */
class CamelToolsTest {
    static final String PASSWORD = "tools-admin-pw-51c7";
    static final Map<String, String> SECRETS = Map.of("connectwise.private-key", "cw-private-9d2f1a",
            "fieldnation.client-secret", "fn-client-secret-3e8b", "fieldnation.password", "fn-password-77c1",
            "fieldnation.webhook-secret", "6a1f3c2e-8b4d-4e5f-9a0b-1c2d3e4f5a6b", "mail.smtp.password",
            "smtp-password-4a0e", "admin.password", PASSWORD, "connectwise.callback-token", "callback-token-e5a91f");

    @Test
    void offByDefault() {
        try (Connector c = Connector.start(Map.of())) {
            assertThat(c.context().getManagementStrategy()).as("no JMX").isNotInstanceOf(JmxManagementStrategy.class);
            assertThat(c.context().hasService(CliConnector.class)).as("no CLI connector").isNull();
            assertThat(c.get(c.managementUrl("/q/dev")).statusCode()).isEqualTo(404);
            assertThat(c.get(c.managementUrl("/observe/jolokia/version")).statusCode()).isEqualTo(404);
            assertThat(c.get(c.managementUrl("/observe/health")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theDeveloperConsoleAndJolokiaAnswerBehindTheAdminLoginAndShowNoSecret() {
        Map<String, String> s = new HashMap<>(SECRETS);
        s.put("camel.management.dev-console-enabled", "true");
        s.put("camel.management.jolokia-enabled", "true");
        try (Connector c = Connector.start(s)) {
            assertThat(c.context().getManagementStrategy()).as("Jolokia turns JMX on")
                    .isInstanceOf(JmxManagementStrategy.class);
            // health and metrics stay open for load balancers and Prometheus
            assertThat(c.get(c.managementUrl("/observe/health")).statusCode()).isEqualTo(200);
            assertThat(c.get(c.managementUrl("/observe/metrics")).statusCode()).isEqualTo(200);
            for (String path : List.of("/q/dev", "/q/dev/route", "/observe/jolokia/version")) {
                HttpResponse<String> none = c.get(c.managementUrl(path));
                assertThat(none.statusCode()).as(path + " without login").isEqualTo(401);
                assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"cw-fn-connector\"");
                assertThat(get(c, path, "admin:wrong").statusCode()).as(path + " wrong password").isEqualTo(401);
            }
            // the developer console: the routes with their state
            HttpResponse<String> routes = get(c, "/q/dev/route", "admin:" + PASSWORD);
            assertThat(routes.statusCode()).isEqualTo(200);
            assertThat(routes.body()).contains("dispatch").contains("intake-connectwise").contains("Started");

            // Jolokia: the agent, and Camel's route MBeans (what Hawtio reads)
            JsonNode version = Json.parse(get(c, "/observe/jolokia/version", "admin:" + PASSWORD).body());
            assertThat(version.path("value").path("agent").asText()).isNotEmpty();
            JsonNode search = Json.parse(get(c, "/observe/jolokia/search/org.apache.camel:type=routes,*",
                    "admin:" + PASSWORD).body());
            String dispatch = null;
            for (JsonNode name : search.path("value")) {
                if (name.asText().contains("name=\"dispatch\"")) {
                    dispatch = name.asText();
                }
            }
            assertThat(dispatch).as("the dispatch route's MBean in %s", search).isNotNull();
            JsonNode state = Json.parse(get(c, "/observe/jolokia/read/" + URLEncoder.encode(dispatch,
                    StandardCharsets.UTF_8).replace("+", "%20") + "/State", "admin:" + PASSWORD).body());
            assertThat(state.path("value").asText()).as(state.toString()).isEqualTo("Started");

            // no console shows a configured secret, in text or JSON
            JsonNode index = Json.parse(send(c, "/q/dev", "admin:" + PASSWORD, "application/json").body());
            List<String> ids = new ArrayList<>();
            index.fieldNames().forEachRemaining(ids::add);
            assertThat(ids).contains("properties", "route", "context");
            for (String id : ids) {
                if (List.of("send", "receive", "eval-language", "browse").contains(id)) {
                    continue; // they act on the connector, or need what to act on
                }
                for (String accept : List.of("text/plain", "application/json")) {
                    String body = send(c, "/q/dev/" + id, "admin:" + PASSWORD, accept).body();
                    for (Map.Entry<String, String> secret : SECRETS.entrySet()) {
                        assertThat(body).as("console %s (%s) shows %s", id, accept, secret.getKey())
                                .doesNotContain(secret.getValue());
                    }
                }
            }
            String properties = send(c, "/q/dev/properties", "admin:" + PASSWORD, "application/json").body();
            assertThat(properties).contains("connectwise.private-key").contains("fieldnation.url");
        }
    }

    @Test
    void withoutAnAdminPasswordTheConsoleIsClosed() {
        try (Connector c = Connector.start(Map.of("camel.management.dev-console-enabled", "true"))) {
            assertThat(c.get(c.managementUrl("/q/dev/route")).statusCode()).isEqualTo(403);
            assertThat(get(c, "/q/dev/route", "admin:").statusCode()).isEqualTo(403);
        }
    }

    static HttpResponse<String> get(Connector c, String path, String userAndPassword) {
        return send(c, path, userAndPassword, "text/plain");
    }

    static HttpResponse<String> send(Connector c, String path, String userAndPassword, String accept) {
        return Connector.send(HttpRequest.newBuilder(URI.create(c.managementUrl(path))).header("Accept", accept)
                .timeout(java.time.Duration.ofSeconds(60))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(
                        StandardCharsets.UTF_8))).GET().build());
    }

    static <T> List<T> list(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
