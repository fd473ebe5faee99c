package com.cwfn.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.cwfn.admin.FieldsRefresh;
import com.cwfn.app.Reloader;
import com.cwfn.json.Json;
import com.cwfn.testing.Connector;
import com.cwfn.testing.Env;
import com.cwfn.testing.Ports;
import com.cwfn.testing.TestDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pool name Field Nation does not have: once fields have been refreshed, a mapping naming one is refused with its
 * line at start-up and on reload, and Refresh Fields reports it; before any refresh it cannot be known, and loads.
 */
class PoolNamesTest {
    static final String GOOD = """
                - name: "Tampa first"
                  routing:
                    - { pool: "tampa preferred", wait: 1h }
                    - { pool: "Florida Network", wait: 1h }
                    - { marketplace: true }
            """;

    @Test
    void anUnknownPoolIsRefusedAtLoadWithItsLineOnceFieldsHaveBeenRefreshed() throws Exception {
        String db = TestDatabases.h2();
        Path mapping = RulesWorld.mapping(GOOD);
        Path typo = RulesWorld.mapping(GOOD.replace("Florida Network", "Florida Netwrok"));
        int line = lineOf(typo, "Florida Netwrok");
        try (Env env = Env.sandboxesOnly()) {
            Map<String, String> s = new HashMap<>(env.sandboxSettings(Ports.free()));
            s.put("db.url", db);
            s.put("sync.mappings", typo.toString());
            try (Connector before = Connector.start(s)) {
                assertThat(before.context().getStatus().isStarted()).as("not refreshed yet: nothing to check against")
                        .isTrue();
            }
            s.put("sync.mappings", mapping.toString());
            s.put("camel.server.port", String.valueOf(Ports.free()));
            try (Connector c = Connector.start(s)) {
                JsonNode fields = c.bean("fieldsRefresh", FieldsRefresh.class).refresh();
                assertThat(fields.path("fieldnation").path("pools")).extracting(p -> p.path("name").asText())
                        .contains("Tampa Preferred", "Orlando Techs", "Florida Network");
                assertThat(pools(fields)).isEmpty();
            }
            s.put("sync.mappings", typo.toString());
            s.put("camel.server.port", String.valueOf(Ports.free()));
            assertThatThrownBy(() -> Connector.start(s)).hasStackTraceContaining(typo + " line " + line
                    + ": Field Nation has no talent pool or preferred provider group named 'Florida Netwrok'");
        }
    }

    @Test
    void aReloadNamingAnUnknownPoolIsRefusedAndTheRunningMappingStays() throws Exception {
        Path home = Files.createTempDirectory("pools-reload");
        Path file = home.resolve("mappings.yaml");
        Files.copy(RulesWorld.mapping(GOOD), file);
        Map<String, String> s = new HashMap<>();
        s.put("connector.reload", "true");
        s.put("sync.mappings", file.toString());
        try (Env env = Env.start(s)) {
            Connector c = env.connector;
            JsonNode refreshed = c.bean("fieldsRefresh", FieldsRefresh.class).refresh();
            assertThat(pools(refreshed)).isEmpty();
            Reloader reloader = c.bean("reloader", Reloader.class);
            long refusedBefore = reloader.refused();
            Files.writeString(file, Files.readString(file).replace("tampa preferred", "Tampa Preferd"));
            await().atMost(RulesWorld.WAIT).until(() -> reloader.refused() > refusedBefore);
            assertThat(c.bean("mappings", com.cwfn.mapping.Mappings.class).current().rules(null).get(0).routing()
                    .get(0).pool()).as("the running mapping stays").isEqualTo("tampa preferred");
            assertThat(pools(c.bean("fieldsRefresh", FieldsRefresh.class).stored().orElseThrow()))
                    .as("the running mapping has no unknown pool").isEmpty();
        }
    }

    @Test
    void refreshFieldsReportsAPoolOfTheRunningMappingThatIsGone() {
        Map<String, String> s = new HashMap<>();
        s.put("sync.mappings", RulesWorld.mapping(GOOD).toString());
        try (Env env = Env.start(s)) {
            env.fn.definePreferredProviderGroup(35, "Tampa Preferred (old)", List.of(1068L));
            JsonNode refreshed = env.connector.bean("fieldsRefresh", FieldsRefresh.class).refresh();
            assertThat(Json.write(refreshed.path("mappings").path("problems"))).contains("POOL_NAME")
                    .contains("Field Nation has no talent pool or preferred provider group named 'tampa preferred'");
        }
    }

    /** The pool problems of a Refresh Fields answer. */
    private static List<JsonNode> pools(JsonNode fields) {
        List<JsonNode> out = new java.util.ArrayList<>();
        fields.path("mappings").path("problems").forEach(p -> {
            if (p.path("kind").asText().equals("POOL_NAME")) {
                out.add(p);
            }
        });
        return out;
    }

    private static int lineOf(Path file, String text) throws Exception {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text);
    }
}
