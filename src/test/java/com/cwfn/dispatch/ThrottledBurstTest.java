package com.cwfn.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.cwfn.admin.WebhookRegistration;
import com.cwfn.pause.Pauses;
import com.cwfn.testing.Env;
import com.cwfn.testing.ThrottledBurst;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 60 tickets at once against a ConnectWise that throttles with a sliding window, one connector on H2: each gets
 * exactly one work order, at most 2% of the requests are answered 429 and no 10-second window holds more than the
 * connector's pace. The same with two instances on one PostgreSQL is {@code jar.ThrottledClusterIT}.
 */
class ThrottledBurstTest {

    @Test
    void sixtyTicketsAtOnceStayWithinThePace() throws Exception {
        try (Env env = Env.sandboxesOnly()) {
            env.startConnector(Map.of("connectwise.requests-per-minute",
                    String.valueOf(ThrottledBurst.CONNECTOR_PER_MINUTE)), false);
            env.connector.bean("webhookRegistration", WebhookRegistration.class).register();
            env.settle();
            new ThrottledBurst(env).prepare().throttle().send(env.connector.setting("connectwise.callback-token"),
                    env.connector.url("")).check(ThrottledBurst.CONNECTOR_PER_MINUTE);
            assertThat(env.connector.bean("pauses", Pauses.class).isPaused("ConnectWise")).isFalse();
        }
    }
}
