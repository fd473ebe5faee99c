package com.cwfn.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cwfn.json.Json;
import com.cwfn.sandbox.connectwise.CallbackDelivery;
import com.cwfn.store.Transaction;
import com.cwfn.store.InboxStore;
import com.cwfn.testing.Env;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rescheduled in ConnectWise: the schedule callback is registered with the ticket callback (owner level, the
 * connector's own writes suppressed); a schedule callback of an entry of an unlinked ticket costs no ConnectWise call
 * (40 of them, none); moving a linked ticket's entry moves the work order's schedule; the entry the connector moves
 * itself (from Field Nation) does not come back as a change.
 */
class ScheduleCallbacksTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static Env env;

    @BeforeAll
    static void start() {
        env = Env.start(Map.of());
        env.settle();
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    static List<CallbackDelivery> scheduleDeliveries() {
        return env.cw.deliveries().stream().filter(d -> "schedule".equals(d.type())).toList();
    }

    @Test
    void theScheduleCallbackIsRegisteredAtOwnerLevelWithTheConnectorsOwnChangesSuppressed() {
        assertThat(env.cw.callbacks()).filteredOn(c -> "schedule".equals(c.path("type").asText())).singleElement()
                .satisfies(c -> {
                    assertThat(c.path("level").asText()).isEqualTo("owner");
                    assertThat(c.path("isSelfSuppressedFlag").asBoolean()).isTrue();
                    assertThat(c.path("url").asText()).startsWith(env.connector.url("/callbacks/connectwise/"));
                });
    }

    @Test
    void fortyScheduleCallbacksOfUnlinkedTicketsCostNoConnectWiseCall() {
        List<Long> tickets = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tickets.add(env.newTicket("Scheduled, never dispatched " + i, t -> { }));
        }
        env.quiesce();
        int before = scheduleDeliveries().size();
        env.cw.clearRequests();
        Instant start = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        for (int i = 0; i < 40; i++) {
            env.cw.addScheduleEntry(tickets.get(i % 4), start.plus(Duration.ofHours(i)), start.plus(Duration.ofHours(i + 1)));
        }
        InboxStore inbox = env.connector.bean("inboxStore", InboxStore.class);
        await().atMost(WAIT).until(() -> scheduleDeliveries().size() - before >= 40 && tickets.stream()
                .mapToLong(t -> inbox.list(null, t, null, 100).stream().filter(e -> e.eventType().equals("schedule.added")
                        && !e.status().equals("pending") && !e.status().equals("processing")).count()).sum() == 40);
        env.quiesce();
        assertThat(scheduleDeliveries().subList(before, scheduleDeliveries().size()))
                .allSatisfy(d -> assertThat(d.status()).isEqualTo(202));
        assertThat(tickets.stream().flatMap(t -> inbox.list(null, t, null, 100).stream())
                .filter(e -> e.eventType().equals("schedule.added")).map(Transaction::status).distinct())
                .containsExactly("skipped");
        assertThat(env.cw.requests()).as("ConnectWise calls for 40 schedule callbacks").isEmpty();
        assertThat(tickets.stream().flatMap(t -> env.workOrdersOf(t).stream())).isEmpty();
    }

    @Test
    void movingALinkedTicketsScheduleEntryMovesItsWorkOrdersSchedule() {
        long woId = env.dispatchedWorkOrder("The customer asked for Thursday");
        long ticket = env.workOrdersOfTicket(woId);
        JsonNode entry = env.cw.scheduleEntries(ticket).get(0);
        Instant thursday = Instant.now().plus(Duration.ofDays(6)).truncatedTo(ChronoUnit.HOURS);
        env.cw.moveScheduleEntry(entry.path("id").asLong(), thursday, thursday.plus(Duration.ofHours(3)));
        await().atMost(WAIT).until(() -> window(woId).path("start").path("utc").asText()
                .equals(DispatchSuite.utc(thursday)));
        assertThat(window(woId).path("end").path("utc").asText())
                .isEqualTo(DispatchSuite.utc(thursday.plus(Duration.ofHours(3))));
        assertThat(env.cw.deliveries().stream().filter(d -> "schedule".equals(d.type())
                && d.ticketId() == entry.path("id").asLong()).map(CallbackDelivery::action)).contains("updated");
    }

    @Test
    void theEntryTheConnectorMovesFromFieldNationDoesNotComeBack() {
        long woId = env.dispatchedWorkOrder("Moved in Field Nation");
        long ticket = env.workOrdersOfTicket(woId);
        long entryId = env.cw.scheduleEntries(ticket).get(0).path("id").asLong();
        int deliveries = scheduleDeliveries().size();
        env.fn.clearRequests();
        Instant friday = Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.HOURS);
        var window = Json.object().put("mode", "between");
        window.putObject("start").put("utc", DispatchSuite.utc(friday));
        window.putObject("end").put("utc", DispatchSuite.utc(friday.plus(Duration.ofHours(2))));
        env.fn.updateSchedule(woId, window);
        await().atMost(WAIT).until(() -> env.cw.scheduleEntries(ticket).get(0).path("dateStart").asText()
                .equals(friday.toString()));
        env.cw.addNote(ticket, "a later change of the ticket, dispatched as usual", false);
        env.quiesce();
        assertThat(scheduleDeliveries().subList(deliveries, scheduleDeliveries().size()))
                .as("no schedule callback for the connector's own write").noneMatch(d -> d.ticketId() == entryId);
        assertThat(env.fn.requests(r -> r.method().equals("PUT") && r.path().endsWith("/workorders/" + woId
                + "/schedule"))).as("nothing sent back to Field Nation").isEmpty();
        assertThat(env.cw.scheduleEntries(ticket)).hasSize(1);
    }

    static JsonNode window(long woId) {
        return env.fn.workOrder(woId).orElseThrow().path("schedule").path("service_window");
    }
}
