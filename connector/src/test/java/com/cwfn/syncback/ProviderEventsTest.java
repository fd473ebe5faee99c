package com.cwfn.syncback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cwfn.notify.NeedsAttention;
import com.cwfn.store.AttentionStore;
import com.cwfn.testing.Env;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the provider does, on the ticket, end to end through both sandboxes: each provider event becomes one internal
 * note (every webhook delivered twice), a delay with an ETA moves the ticket's schedule entry and leaves the work
 * order's schedule alone, a decline is a note only when the work order was routed to that one provider, a provider
 * who cancels, a work order at risk and a problem wait for a person until an event settles them; the webhook subscribes
 * to exactly what this needs.
 */
class ProviderEventsTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static Env env;

    @BeforeAll
    static void start() {
        env = Env.start(Map.of());
        env.fn.duplicateWebhooks(2);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    static long notes(long ticket, String text) {
        return env.notesContaining(ticket, text);
    }

    static void settled(long ticket, String text) {
        await().atMost(WAIT).until(() -> notes(ticket, text) >= 1);
        env.quiesce();
        assertThat(notes(ticket, text)).as("notes with '%s'", text).isEqualTo(1);
    }

    @Test
    void eachProviderEventWritesOneNoteAndADelayMovesTheScheduleEntry() {
        long wo = env.dispatchedWorkOrder("The provider's day");
        long ticket = env.workOrdersOfTicket(wo);
        JsonNode entry = env.cw.scheduleEntries(ticket).get(0);
        Duration length = Duration.between(Instant.parse(entry.path("dateStart").asText()),
                Instant.parse(entry.path("dateEnd").asText()));
        String scheduled = env.fn.workOrder(wo).orElseThrow().path("schedule").path("service_window").path("start")
                .path("utc").asText();
        env.fn.assignProvider(wo, 1068);
        env.quiesce();
        env.fn.atRisk(wo);
        settled(ticket, "is at risk: Pat Tech has not confirmed it");
        env.fn.onMyWay(wo);
        settled(ticket, "Pat Tech is on the way to work order #" + wo);
        Instant eta = Instant.parse(entry.path("dateStart").asText()).plus(Duration.ofMinutes(90));
        env.fn.providerDelay(wo, eta);
        settled(ticket, "Pat Tech is running late for work order #" + wo);
        await().atMost(WAIT).until(() -> env.cw.scheduleEntries(ticket).get(0).path("dateStart").asText()
                .equals(eta.toString()));
        assertThat(env.cw.scheduleEntries(ticket).get(0).path("dateEnd").asText()).isEqualTo(eta.plus(length)
                .toString());
        assertThat(env.cw.notes(ticket).stream().map(n -> n.path("text").asText())
                .filter(t -> t.contains("running late")).findFirst().orElseThrow())
                .contains("by about 90 min").contains("new ETA " + eta.toString().substring(0, 10) + " "
                        + eta.toString().substring(11, 16) + " UTC");
        env.fn.checkIn(wo);
        settled(ticket, "Pat Tech checked in on site for work order #" + wo);
        long problem = env.fn.reportProblem(wo, 3, "The replacement board did not arrive");
        settled(ticket, "Pat Tech reported a problem on work order #" + wo + ": Parts missing (\"The replacement board "
                + "did not arrive\")");
        env.fn.resolveProblem(wo, problem);
        settled(ticket, "the problem on work order #" + wo + " is resolved: Parts missing");
        env.fn.checkOut(wo);
        settled(ticket, "Pat Tech checked out of work order #" + wo);
        env.fn.postpone(wo);
        settled(ticket, "work order #" + wo + " is postponed");
        env.fn.providerCancel(wo);
        settled(ticket, "the assigned provider (provider 1068) cancelled work order #" + wo + "; it is back on offer");
        // the provider's delay moved the ticket's entry, not the work order's agreed schedule
        assertThat(env.fn.workOrder(wo).orElseThrow().path("schedule").path("service_window").path("start")
                .path("utc").asText()).isEqualTo(scheduled);
        assertThat(env.fn.requests(r -> r.method().equals("PUT") && r.path().endsWith("/workorders/" + wo
                + "/schedule"))).isEmpty();

        AttentionStore items = env.connector.bean("attentionStore", AttentionStore.class);
        List<AttentionStore.Item> mine = items.list(null, ticket, 50);
        assertThat(mine).extracting(AttentionStore.Item::kind).containsExactlyInAnyOrder(NeedsAttention.AT_RISK,
                NeedsAttention.PROBLEM, NeedsAttention.PROVIDER_CANCELLED);
        assertThat(mine).filteredOn(i -> !i.kind().equals(NeedsAttention.PROVIDER_CANCELLED))
                .as("settled by the provider on the way, and by the problem resolved").allSatisfy(i -> {
                    assertThat(i.state()).isEqualTo(AttentionStore.DONE);
                    assertThat(i.resolvedBy()).isEqualTo(NeedsAttention.BY_CONNECTOR);
                });
        assertThat(mine).filteredOn(i -> i.kind().equals(NeedsAttention.PROVIDER_CANCELLED)).singleElement()
                .satisfies(i -> assertThat(i.state()).isEqualTo(AttentionStore.OPEN));

        env.fn.assignProvider(wo, 1069);
        await().atMost(WAIT).until(() -> items.list(AttentionStore.OPEN, ticket, 50).isEmpty());
    }

    @Test
    void aDeclineIsANoteOnlyWhenTheWorkOrderWasRoutedToThatOneProvider() {
        long routed = env.dispatchedWorkOrder("Routed to one provider");
        long routedTicket = env.workOrdersOfTicket(routed);
        env.fn.route(routed, 1069);
        env.fn.decline(routed, 1069);
        settled(routedTicket, "Sam Fixit declined work order #" + routed + ", which was routed to them alone");

        long published = env.dispatchedWorkOrder("On the marketplace");
        long publishedTicket = env.workOrdersOfTicket(published);
        env.fn.decline(published, 1070);
        await().atMost(WAIT).until(() -> env.fn.events().stream().anyMatch(e -> e.workOrderId() == published
                && e.name().equals("workorder.declined")));
        env.quiesce();
        assertThat(notes(publishedTicket, "declined")).isZero();
    }

    @Test
    void theWebhookSubscribesToWhatTheConnectorNeedsAndNoMore() {
        Set<String> events = new TreeSet<>();
        env.fn.webhooks().stream().filter(w -> w.path("url").asText().equals(env.connector.url("/webhooks/fieldnation")))
                .findFirst().orElseThrow().path("events").forEach(e -> events.add(e.asText()));
        assertThat(events).contains("workorder.status.assigned_cancelled", "workorder.status.on_my_way",
                "workorder.status.checked_in", "workorder.status.checked_out", "workorder.status.delayed",
                "workorder.status.at_risk", "workorder.status.postponed", "workorder.problem_reported",
                "workorder.problem_resolved", "workorder.declined", "workorder.message_posted",
                "workorder.provider_upload", "workorder.schedule_updated");
        assertThat(events).as("nothing the connector does nothing with").doesNotContain("workorder.routed",
                "workorder.requested", "workorder.undeclined", "workorder.task_completed", "workorder.task_incomplete",
                "workorder.custom_field_value_updated", "workorder.tag_added", "workorder.tag_removed",
                "workorder.part_updated", "workorder.created");
        assertThat(events).allMatch(e -> e.startsWith("workorder.status.") || Set.of("workorder.problem_reported",
                "workorder.problem_resolved", "workorder.declined", "workorder.message_posted",
                "workorder.provider_upload", "workorder.schedule_updated").contains(e));
        // a decline is nothing to the connector but a note: without that note, no subscription
        Map<String, String> noDeclines = Map.of("sync.provider-notes", "delayed,problem_reported");
        assertThat(new com.cwfn.admin.WebhookRegistration(null, new com.cwfn.settings.Settings(noDeclines::get), null)
                .events()).doesNotContain("workorder.declined").contains("workorder.problem_reported",
                "workorder.problem_resolved", "workorder.status.delayed");
    }

}
