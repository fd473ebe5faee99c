package com.cwfn.intake;

import static org.assertj.core.api.Assertions.assertThat;
import com.cwfn.testing.Connector;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BootTest {
    @Test
    void startsAndIsHealthy() {
        try (Connector c = Connector.start(Map.of("connectwise.url", "http://127.0.0.1:9", "fieldnation.url",
                "http://127.0.0.1:9"))) {
            var r = c.get(c.managementUrl("/observe/health"));
            System.out.println(r.statusCode() + " " + r.body());
            assertThat(r.statusCode()).isEqualTo(200);
            var m = c.get(c.managementUrl("/observe/metrics"));
            System.out.println(m.statusCode() + " " + m.body().substring(0, Math.min(500, m.body().length())));
            var w = c.post("/callbacks/connectwise/wrong", "{}", Map.of());
            System.out.println(w.statusCode() + " " + w.headers().map() + " " + w.body());
        }
    }
}
