package com.cwfn.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import com.cwfn.testing.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With connectwise.verify-signature=false the ticket id may come alone in the query (the URL ConnectWise calls,
 * or a trigger by hand); with verification on, an unsigned callback is refused and says how to trigger by hand.
 */
class UnsignedCallbackTest {

    @Test
    void theTicketIdInTheQueryDispatchesWhenSignaturesAreOff() {
        try (Env env = Env.start(Map.of("connectwise.verify-signature", "false"))) {
            long id = env.silentTicketInTriggerStatus("Triggered by hand");
            String path = "/callbacks/connectwise/" + env.connector.setting("connectwise.callback-token");
            var r = env.connector.post(path + "?recordId=" + id, "", Map.of());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).until(() -> env.workOrdersOf(id).size() == 1);
            assertThat(env.connector.post(path + "?id=abc", "", Map.of()).statusCode()).isEqualTo(400);
        }
    }

    @Test
    void anUnsignedCallbackIsRefusedWhenSignaturesAreOn() {
        try (Env env = Env.start(Map.of())) {
            String path = "/callbacks/connectwise/" + env.connector.setting("connectwise.callback-token");
            var r = env.connector.post(path + "?recordId=100", "", Map.of());
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains("/admin/dispatch/");
        }
    }
}
