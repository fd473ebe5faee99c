package com.cwfn.syncback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import com.cwfn.json.Json;
import com.cwfn.store.LinkStore;
import com.cwfn.testing.Env;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Outbound create on: a work order made in Field Nation becomes a ConnectWise ticket, linked both ways. */
class OutboundCreateTest {
    static Env env;

    @BeforeAll
    static void start() {
        env = Env.start(Map.of("sync.outbound-create.enabled", "true"));
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @Test
    void aWorkOrderMadeInFieldNationBecomesOneLinkedTicket() {
        ObjectNode body = Json.object().put("title", "Survey the new branch office");
        body.putObject("description").put("html", "<p>Walk the site &amp; count the drops.</p>");
        long wo = env.fn.createWorkOrderAsUser(body).path("id").asLong();

        await().atMost(Duration.ofSeconds(60)).until(() -> env.connector.bean("linkStore", LinkStore.class)
                .findByWorkOrder(wo).isPresent());
        env.quiesce();
        long ticketId = env.connector.bean("linkStore", LinkStore.class).findByWorkOrder(wo).orElseThrow().ticketId();
        ObjectNode ticket = env.cw.ticket(ticketId).orElseThrow();
        assertThat(ticket.path("summary").asText()).isEqualTo("Survey the new branch office");
        assertThat(ticket.path("board").path("name").asText()).isEqualTo("Field Services");
        assertThat(ticket.path("company").path("identifier").asText()).isEqualTo("ACME");
        assertThat(env.cw.notes(ticketId).stream().anyMatch(n -> n.path("text").asText()
                .contains("Walk the site & count the drops."))).isTrue();
        // linked both ways: the work order carries the ticket id
        assertThat(Env.ticketIdOf(env.fn.workOrder(wo).orElseThrow())).isEqualTo(ticketId);
        List<ObjectNode> made = env.cw.tickets().stream()
                .filter(t -> t.path("summary").asText().equals("Survey the new branch office")).toList();
        assertThat(made).hasSize(1);

        // and it syncs from now on: a provider message becomes a note on that ticket
        env.fn.assignProvider(wo, 1068);
        await().atMost(Duration.ofSeconds(60)).until(() -> env.cw.ticket(ticketId).orElseThrow().path("status")
                .path("name").asText().equals("Assigned"));
    }

    @Test
    void aWorkOrderTheConnectorCreatedDoesNotComeBackAsATicket() {
        long wo = env.dispatchedWorkOrder("Dispatched, not outbound");
        env.quiesce();
        List<JsonNode> copies = env.cw.tickets().stream().map(t -> (JsonNode) t)
                .filter(t -> t.path("summary").asText().equals("Dispatched, not outbound")).toList();
        assertThat(copies).hasSize(1);
        assertThat(env.connector.bean("linkStore", LinkStore.class).findByWorkOrder(wo)).isPresent();
    }
}
