package com.cwfn.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.cwfn.testing.Env;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin API's OpenAPI document: behind the same login, and naming every operation the API has. */
class AdminOpenApiTest {
    static Env env;

    @BeforeAll
    static void start() {
        env = Env.start(Map.of("admin.password", AdminHttp.PASSWORD));
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @Test
    void theDocumentListsEveryAdminEndpoint() {
        JsonNode doc = AdminHttp.ok(AdminHttp.get(env.connector, "/admin/openapi.json"));
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        assertThat(doc.path("info").path("title").asText()).contains("admin API");
        Set<String> documented = new TreeSet<>();
        doc.path("paths").properties().forEach(p -> p.getValue().fieldNames().forEachRemaining(m ->
                documented.add(m.toUpperCase(Locale.ROOT) + " /admin" + p.getKey().replaceAll("\\{[^}]+}", "1"))));
        Set<String> endpoints = new TreeSet<>();
        for (String[] e : AdminEndpointsTest.ENDPOINTS) {
            endpoints.add(e[0] + " " + e[1].replaceAll("/\\d+", "/1"));
        }
        assertThat(documented).isEqualTo(endpoints);
        JsonNode preview = doc.path("paths").path("/preview/{ticketId}").path("get");
        assertThat(preview.path("parameters").get(0).path("name").asText()).isEqualTo("ticketId");
    }

    @Test
    void theDocumentNeedsTheAdminLogin() {
        HttpResponse<String> r = AdminHttp.call(env.connector, "GET", "/admin/openapi.json", null, null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).doesNotContain("openapi");
    }
}
