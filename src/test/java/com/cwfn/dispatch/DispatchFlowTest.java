package com.cwfn.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cwfn.testing.Env;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DispatchFlowTest {
    static Env env;

    @BeforeAll
    static void start() {
        env = Env.start(Map.of());
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @Test
    void aTicketInTriggerStatusBecomesOneWorkOrder() {
        env.cw.setStatus(100, "Dispatch to FN");
        await().atMost(Duration.ofSeconds(15)).until(() -> env.fn.workOrders().size() == 1);
        ObjectNode wo = env.fn.workOrders().get(0);
        System.out.println(wo.toPrettyString());
        await().atMost(Duration.ofSeconds(10)).until(() -> env.cw.notes(100).stream()
                .anyMatch(n -> n.path("text").asText().contains("work order #" + wo.path("id").asLong())));
        List<ObjectNode> notes = env.cw.notes(100);
        notes.forEach(n -> System.out.println(n.path("text").asText()));
    }
}
