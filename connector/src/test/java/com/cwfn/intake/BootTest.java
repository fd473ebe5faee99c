package com.cwfn.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.cwfn.json.Json;
import com.cwfn.testing.Connector;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The connector starts with nothing reachable, is healthy, serves metrics and answers intake. */
class BootTest {
    @Test
    void startsAndIsHealthy() {
        try (Connector c = Connector.start(Map.of("connectwise.url", "http://127.0.0.1:9", "fieldnation.url",
                "http://127.0.0.1:9"))) {
            var r = c.get(c.managementUrl("/observe/health"));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(Json.text(Json.parse(r.body()), "status")).isEqualTo("UP");
            var m = c.get(c.managementUrl("/observe/metrics"));
            assertThat(m.statusCode()).isEqualTo(200);
            assertThat(m.body()).contains("connector_inbox_depth").contains("camel_exchanges_total");
            var w = c.post("/callbacks/connectwise/wrong", "{}", Map.of());
            assertThat(w.statusCode()).isEqualTo(404);
            assertThat(Json.text(Json.parse(w.body()), "error")).isEqualTo("not found");
            assertThat(w.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("application/json"));
        }
    }
}
