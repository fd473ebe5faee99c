package com.cwfn.sandbox.connectwise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sandbox's throttling over real HTTP: a sliding window, 429 with Retry-After and ConnectWise's body, counted. */
class CwThrottleTest {
    static ConnectWiseSandbox cw;

    @BeforeAll
    static void start() {
        cw = ConnectWiseSandbox.withDefaults().start(0);
        cw.seedDemo();
    }

    @AfterAll
    static void stop() {
        cw.close();
    }

    @Test
    void requestsOverTheWindowAreAnswered429WithRetryAfterUntilItHasRoom() {
        CwClient client = new CwClient(cw);
        cw.throttle().limit(5, Duration.ofMinutes(1));
        try {
            for (int i = 0; i < 5; i++) {
                assertThat(client.get("/service/tickets/100").status()).isEqualTo(200);
            }
            CwClient.Res refused = client.get("/service/tickets/100");
            assertThat(refused.status()).isEqualTo(429);
            assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(55, 60);
            assertThat(refused.json().path("error").asText()).isEqualTo("ConnectWiseAPI");
            assertThat(refused.json().path("message").asText()).contains("Too many requests");
            assertThat(cw.throttle().refused()).isEqualTo(1);
            assertThat(cw.throttle().arrivals()).hasSize(6);
            assertThat(cw.throttle().mostInAnyWindow(Duration.ofSeconds(10))).isEqualTo(6);
            assertThat(cw.requests(r -> r.status() == 429)).hasSize(1);
        } finally {
            cw.throttle().off();
        }
        assertThat(client.get("/service/tickets/100").status()).as("off again").isEqualTo(200);
        assertThat(cw.throttle().arrivals()).as("nothing counted while off").isEmpty();
    }
}
