package com.cwfn.routing;

import static com.cwfn.routing.RulesWorld.WAIT;
import static com.cwfn.routing.RulesWorld.adminJson;
import static com.cwfn.routing.RulesWorld.scheduledTicket;
import static com.cwfn.routing.RulesWorld.status;
import static com.cwfn.routing.RulesWorld.workOrderOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cwfn.notify.NeedsAttention;
import com.cwfn.store.AttentionStore;
import com.cwfn.store.Transaction;
import com.cwfn.store.InboxStore;
import com.cwfn.store.Routing;
import com.cwfn.store.RoutingStore;
import com.cwfn.testing.Env;
import com.cwfn.testing.Ports;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Dispatch rules end to end, against both sandboxes over HTTP, with waits of seconds: a company kept from Field
 * Nation, a rule's fields over the board's, routing in stages (a pool, the marketplace after the wait, an alert after
 * the last, in the failure mail once), stopped by an assignment and started again when the provider cancels, drafts
 * held for approval until the console's publish or the rule's publish status (or cancelled through issue 20's cancel),
 * and the alert before an unassigned visit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DispatchRulesTest {
    static final String RULES = """
                - name: "Globex has its own technicians"
                  if: 'ticket.company.identifier = "GLOBEX"'
                  dispatch: false
                - name: "Preferred first"
                  if: '$contains(ticket.summary, "[preferred]")'
                  fields:
                    - { target: pay, action: static, value: { type: fixed, base: { amount: 175, units: 1 } } }
                  routing:
                    - { pool: "Tampa Preferred", wait: 4s }
                    - { marketplace: true, wait: 4s }
                    - { alert: true }
                - name: "Lead approves"
                  if: '$contains(ticket.summary, "[approval]")'
                  publish: on-approval
                  statusActions: { "In Progress": publish }
                  routing:
                    - { providers: [1072, 1073], wait: 3s }
                    - { marketplace: true }
            """;
    final Env env;
    final GreenMail mail;

    DispatchRulesTest() {
        mail = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", "smtp"));
        mail.start();
        Map<String, String> s = new HashMap<>();
        s.put("sync.mappings", RulesWorld.mapping(RULES).toString());
        s.put("admin.password", RulesWorld.ADMIN_PASSWORD);
        s.put("sync.unassigned-status", "New");
        s.put("sync.unassigned-alert-before", "24h");
        s.put("notify.email.to", "dispatch@msp.example");
        s.put("mail.smtp.host", "127.0.0.1");
        s.put("mail.smtp.port", String.valueOf(mail.getSmtp().getPort()));
        s.put("notify.email.batch-window-ms", "2000");
        env = Env.start(s);
        env.cw.defineCompany(7, "GLOBEX", "Globex Corporation");
    }

    @AfterAll
    void stop() {
        env.close();
        mail.stop();
    }

    /** The failure mails received that say {@code text}. */
    List<MimeMessage> mailsAbout(String text) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> GreenMailUtil.getBody(m).contains(text)).toList();
    }

    /** The items that need attention of a ticket, of one kind, in any state. */
    List<AttentionStore.Item> items(long ticket, String kind) {
        return env.connector.bean("attentionStore", AttentionStore.class).list(null, ticket, 50).stream()
                .filter(i -> i.kind().equals(kind)).toList();
    }

    @Test
    void anExcludedCompanysTicketGetsNoWorkOrderAndOneNote() {
        long id = env.newTicket("Printer at Globex", t -> t.putObject("company").put("identifier", "GLOBEX"));
        env.cw.setStatus(id, "Dispatch to FN");
        await().atMost(WAIT).until(() -> env.notesContaining(id, "Not dispatched to Field Nation") == 1);
        env.cw.setStatus(id, "New");
        env.cw.setStatus(id, "Dispatch to FN");
        env.quiesce();
        assertThat(env.workOrdersOf(id)).isEmpty();
        assertThat(env.cw.notes(id).stream().filter(n -> n.path("text").asText().startsWith("Not dispatched")))
                .singleElement().satisfies(n -> {
                    assertThat(n.path("text").asText()).isEqualTo("Not dispatched to Field Nation: rule \"Globex has "
                            + "its own technicians\" (" + mappingFile() + " line "
                            + ruleLine("Globex") + ") says dispatch: false (its if holds: ticket.company.identifier = "
                            + "\"GLOBEX\").");
                    assertThat(n.path("internalAnalysisFlag").asBoolean()).isTrue();
                });
        List<Transaction> events = env.connector.bean("inboxStore", InboxStore.class).list(null, id, null, 10);
        assertThat(events).filteredOn(e -> InboxStore.SKIPPED.equals(e.status()) && e.outcome().contains(
                "says dispatch: false")).isNotEmpty();
    }

    @Test
    void aPoolStageRoutesToExactlyThatPoolThenTheMarketplaceAfterTheWaitThenOneAlert() {
        long id = scheduledTicket(env, "[preferred] POS down at Store 114", Duration.ofDays(3));
        env.cw.setStatus(id, "Dispatch to FN");
        await().atMost(WAIT).until(() -> env.notesContaining(id, "routed to 4 providers of \"Tampa Preferred\"") == 1);
        long wo = workOrderOf(env, id);
        JsonNode routed = env.fn.workOrder(wo).orElseThrow();
        assertThat(env.fn.routedProviders(wo)).as("exactly the pool's providers").containsExactly(1068L, 1069L,
                1070L, 1071L);
        assertThat(routed.path("status").path("name").asText()).isEqualTo("Routed");
        assertThat(routed.path("pay").path("base").path("amount").asDouble()).as("the rule's pay, not the board's")
                .isEqualTo(175.0);
        assertThat(env.notesContaining(id, "Dispatched to Field Nation as work order #" + wo)).isEqualTo(1);

        await().atMost(WAIT).until(() -> env.notesContaining(id, "published to the marketplace after 4 s unassigned")
                == 1);
        assertThat(status(env, wo)).isEqualTo("Published");
        await().atMost(WAIT).until(() -> env.notesContaining(id, "Nobody has taken Field Nation work order #" + wo)
                == 1);
        await().atMost(WAIT).until(() -> "New".equals(env.cw.ticket(id).orElseThrow().path("status")
                .path("name").asText()));
        // the alert goes into the failure mail, once
        await().atMost(WAIT).until(() -> mailsAbout("Nobody has taken work order #" + wo).size() == 1);
        env.quiesce();
        await().pollDelay(Duration.ofSeconds(5)).atMost(WAIT).until(() -> true); // past the mail's window
        assertThat(mailsAbout("Nobody has taken work order #" + wo)).hasSize(1);
        assertThat(GreenMailUtil.getBody(mailsAbout("Nobody has taken work order #" + wo).get(0)))
                .contains("Needs attention").contains("work order " + wo);
        assertThat(items(id, NeedsAttention.UNASSIGNED)).singleElement().satisfies(i -> {
            assertThat(i.title()).isEqualTo("Nobody has taken work order #" + wo + " (ticket #" + id + ") after 8 s");
            assertThat(i.isOpen()).isTrue();
        });
        assertThat(env.notesContaining(id, "routed to 4 providers")).isEqualTo(1);
        assertThat(env.notesContaining(id, "published to the marketplace")).isEqualTo(1);
        assertThat(env.notesContaining(id, "Nobody has taken")).isEqualTo(1);
        assertThat(env.cw.notes(id).stream().filter(n -> n.path("text").asText().startsWith("Nobody")).findFirst()
                .orElseThrow().path("text").asText()).isEqualTo("Nobody has taken Field Nation work order #" + wo
                + " after 8 s (pool \"Tampa Preferred\", then wait 4 s; the marketplace, then wait 4 s): rule "
                + "\"Preferred first\" (" + mappingFile() + " line " + ruleLine("Preferred")
                + ") ends in this alert.");
        // each stage a transaction of its own, named by its steps
        List<Transaction> stages = env.connector.bean("inboxStore", InboxStore.class).list(null, id, null, 50).stream()
                .filter(e -> e.eventType().equals(RoutingTimers.STAGE)).toList();
        assertThat(stages).hasSize(3).allMatch(e -> e.status().equals(InboxStore.DONE));
        assertThat(env.fn.events().stream().filter(e -> e.workOrderId() == wo
                && e.name().equals("workorder.status.published"))).hasSize(1);
    }

    @Test
    void anAssignmentDuringAStageStopsTheStagesAndAProviderCancellingStartsThemAgain() {
        long id = scheduledTicket(env, "[preferred] Network switch down", Duration.ofDays(3));
        env.cw.setStatus(id, "Dispatch to FN");
        await().atMost(WAIT).until(() -> env.notesContaining(id, "routed to 4 providers") == 1);
        long wo = workOrderOf(env, id);
        env.fn.providerAccepts(wo, 1069);
        RoutingStore routing = env.connector.bean("routingStore", RoutingStore.class);
        await().atMost(WAIT).until(() -> Routing.ASSIGNED.equals(routing.find(wo).orElseThrow().state()));
        // well past both waits: nothing published, no alert
        await().pollDelay(Duration.ofSeconds(10)).atMost(WAIT).until(() -> true);
        env.quiesce();
        assertThat(status(env, wo)).isEqualTo("Assigned");
        assertThat(env.notesContaining(id, "published to the marketplace")).isZero();
        assertThat(env.notesContaining(id, "Nobody has taken")).isZero();
        assertThat(env.connector.bean("inboxStore", InboxStore.class).list(null, id, null, 50)).filteredOn(e ->
                e.eventType().equals(RoutingTimers.STAGE) && e.status().equals(InboxStore.SKIPPED)).isNotEmpty();

        env.fn.providerCancel(wo);
        await().atMost(WAIT).until(() -> env.notesContaining(id, "Started again after the assigned provider "
                + "cancelled: Field Nation work order #" + wo + " routed to 4 providers") == 1);
        assertThat(routing.find(wo).orElseThrow().generation()).isEqualTo(1);
        await().atMost(WAIT).until(() -> env.notesContaining(id, "Started again after the assigned provider cancelled: "
                + "Field Nation work order #" + wo + " published to the marketplace after 4 s unassigned") == 1);
        assertThat(status(env, wo)).isEqualTo("Published");
        // issue 20's steps of the same event still do theirs: the provider's note and the item that needs attention
        env.quiesce();
        assertThat(env.notesContaining(id, "cancelled work order #" + wo + "; it is back on offer"))
                .as("one provider note").isEqualTo(1);
        assertThat(items(id, NeedsAttention.PROVIDER_CANCELLED)).hasSize(1);
    }

    @Test
    void onApprovalStaysADraftUntilPublishedAndACancelledOneIsNeverPublished() {
        long id = scheduledTicket(env, "[approval] Replace the server rack", Duration.ofDays(4));
        env.cw.setStatus(id, "Dispatch to FN");
        await().atMost(WAIT).until(() -> env.notesContaining(id, "is a draft waiting for approval") == 1);
        long wo = workOrderOf(env, id);
        await().pollDelay(Duration.ofSeconds(4)).atMost(WAIT).until(() -> true);
        assertThat(status(env, wo)).isEqualTo("Draft");
        assertThat(env.fn.routedProviders(wo)).isEmpty();

        JsonNode waiting = adminJson(env.connector, "GET", "/admin/approvals", 200);
        JsonNode draft = null;
        for (JsonNode d : waiting.path("drafts")) {
            if (d.path("workOrderId").asLong() == wo) {
                draft = d;
            }
        }
        assertThat(draft).as(waiting.toString()).isNotNull();
        assertThat(draft.path("ticket").asLong()).isEqualTo(id);
        assertThat(draft.path("summary").asText()).isEqualTo("[approval] Replace the server rack");
        assertThat(draft.path("company").asText()).isEqualTo("Acme Corp");
        assertThat(draft.path("escrow").asDouble()).isEqualTo(150.0);
        assertThat(draft.path("pay").path("type").asText()).isEqualTo("fixed");
        assertThat(draft.path("schedule").path("start").path("utc").asText()).isNotEmpty();
        assertThat(draft.path("routing").asText()).isEqualTo("providers 1072, 1073, then wait 3 s; the marketplace");

        adminJson(env.connector, "POST", "/admin/approvals/" + wo + "/publish", 202);
        adminJson(env.connector, "POST", "/admin/approvals/" + wo + "/publish", 409);
        await().atMost(WAIT).until(() -> env.notesContaining(id, "routed to 2 providers (1072, 1073)") == 1);
        assertThat(env.fn.routedProviders(wo)).containsExactly(1072L, 1073L);
        await().atMost(WAIT).until(() -> "Published".equals(status(env, wo)));

        long other = scheduledTicket(env, "[approval] Second rack", Duration.ofDays(4));
        env.cw.setStatus(other, "Dispatch to FN");
        await().atMost(WAIT).until(() -> env.notesContaining(other, "is a draft waiting for approval") == 1);
        long woOther = workOrderOf(env, other);
        assertThat(items(other, NeedsAttention.WAITING_APPROVAL)).as("a draft waiting is an item that needs attention")
                .singleElement().satisfies(i -> assertThat(i.action()).isEqualTo(NeedsAttention.CANCEL_WORK_ORDER));
        adminJson(env.connector, "POST", "/admin/approvals/" + woOther + "/cancel", 202);
        adminJson(env.connector, "POST", "/admin/approvals/" + woOther + "/cancel", 409);
        await().atMost(WAIT).until(() -> env.notesContaining(other, "Field Nation work order #" + woOther
                + " cancelled: it was turned down in the connector's console while it waited for approval; it was "
                + "never published.") == 1);
        adminJson(env.connector, "POST", "/admin/approvals/" + woOther + "/publish", 409);
        adminJson(env.connector, "POST", "/admin/approvals/999999/publish", 404);
        adminJson(env.connector, "POST", "/admin/approvals/999999/cancel", 404);
        env.quiesce();
        assertThat(env.fn.workOrder(woOther)).as("a draft is deleted when cancelled").isEmpty();
        assertThat(env.fn.requests(r -> r.method().equals("DELETE") && r.path().endsWith("/workorders/" + woOther)))
                .as("issue 20's cancel, with the cancel_reason the spec requires").singleElement()
                .satisfies(r -> assertThat(r.query()).contains("cancel_reason="));
        assertThat(items(other, NeedsAttention.WAITING_APPROVAL)).singleElement().satisfies(i ->
                assertThat(i.state()).isEqualTo(AttentionStore.DONE));
        assertThat(items(id, NeedsAttention.WAITING_APPROVAL)).as("publishing settles the draft's item")
                .singleElement().satisfies(i -> assertThat(i.state()).isEqualTo(AttentionStore.DONE));
        assertThat(env.fn.events().stream().filter(e -> e.workOrderId() == woOther
                && e.name().equals("workorder.status.published"))).isEmpty();
    }

    @Test
    void onApprovalStaysADraftUntilTheTicketReachesItsPublishStatus() {
        long id = scheduledTicket(env, "[approval] Rewire the store, published by status", Duration.ofDays(4));
        env.cw.setStatus(id, "Dispatch to FN");
        await().atMost(WAIT).until(() -> env.notesContaining(id, "is a draft waiting for approval") == 1);
        long wo = workOrderOf(env, id);
        await().atMost(WAIT).until(() -> mailsAbout("Work order #" + wo + " waits for approval").size() == 1);
        // other changes of the ticket publish nothing
        env.cw.setStatus(id, "Assigned");
        env.quiesce();
        await().pollDelay(Duration.ofSeconds(4)).atMost(WAIT).until(() -> true);
        assertThat(status(env, wo)).isEqualTo("Draft");
        assertThat(env.fn.routedProviders(wo)).isEmpty();

        env.cw.setStatus(id, "In Progress");
        await().atMost(WAIT).until(() -> env.notesContaining(id, "Field Nation work order #" + wo + " published: the "
                + "ticket moved to 'In Progress'. It waited for approval; its routing starts now.") == 1);
        await().atMost(WAIT).until(() -> env.notesContaining(id, "routed to 2 providers (1072, 1073)") == 1);
        // the same status again (a repeated callback, a replay) publishes nothing twice
        env.postCallback(env.callbackBody(id, java.util.UUID.randomUUID().toString(), "updated"));
        await().atMost(WAIT).until(() -> "Published".equals(status(env, wo)));
        env.quiesce();
        assertThat(env.notesContaining(id, "published: the ticket moved to")).isEqualTo(1);
        assertThat(env.fn.routedProviders(wo)).containsExactly(1072L, 1073L);
        assertThat(env.fn.events().stream().filter(e -> e.workOrderId() == wo
                && e.name().equals("workorder.status.published"))).hasSize(1);
        assertThat(adminJson(env.connector, "GET", "/admin/approvals", 200).path("drafts"))
                .noneMatch(d -> d.path("workOrderId").asLong() == wo);
        assertThat(items(id, NeedsAttention.WAITING_APPROVAL)).singleElement().satisfies(i -> {
            assertThat(i.state()).isEqualTo(AttentionStore.DONE);
            assertThat(i.resolution()).isEqualTo("published: ticket #" + id + " moved to 'In Progress' (statusActions)");
        });
        assertThat(mailsAbout("Work order #" + wo + " waits for approval")).hasSize(1);
    }

    @Test
    void aWorkOrderStillUnassignedADayBeforeItsVisitIsAlertedOnce() {
        long id = scheduledTicket(env, "Unassigned the day before", Duration.ofHours(24).plusSeconds(6));
        env.cw.setStatus(id, "Dispatch to FN");
        await().atMost(WAIT).until(() -> env.workOrdersOf(id).size() == 1);
        long wo = workOrderOf(env, id);
        assertThat(env.notesContaining(id, "is still unassigned")).isZero();
        await().atMost(WAIT).until(() -> env.notesContaining(id, "Field Nation work order #" + wo
                + " is still unassigned (Published) 1 d before its scheduled start") == 1);
        InboxStore inbox = env.connector.bean("inboxStore", InboxStore.class);
        Transaction alert = inbox.list(null, id, null, 50).stream().filter(e -> e.eventType().equals(
                RoutingTimers.UNASSIGNED_ALERT)).findFirst().orElseThrow();
        // the note is written before its event is marked done, and an event in work cannot be replayed
        await().atMost(WAIT).until(() -> InboxStore.DONE.equals(inbox.find(alert.id()).orElseThrow().status()));
        assertThat(inbox.replay(alert.id())).isTrue();
        env.connector.bean("inboxWorker", com.cwfn.inbox.InboxWorker.class).wake(alert.id());
        await().atMost(WAIT).until(() -> InboxStore.DONE.equals(inbox.find(alert.id()).orElseThrow().status()));
        env.quiesce();
        assertThat(env.notesContaining(id, "is still unassigned")).as("once, also when replayed").isEqualTo(1);
        assertThat(items(id, NeedsAttention.UNASSIGNED_BEFORE_VISIT)).singleElement().satisfies(i ->
                assertThat(i.title()).isEqualTo("Work order #" + wo + " (ticket #" + id + ") is still unassigned 1 d "
                        + "before its visit"));
        await().atMost(WAIT).until(() -> mailsAbout("Work order #" + wo + " (ticket #" + id + ") is still unassigned")
                .size() == 1);
        env.fn.assignProvider(wo, 1068);
        await().atMost(WAIT).until(() -> !items(id, NeedsAttention.UNASSIGNED_BEFORE_VISIT).get(0).isOpen());
    }

    @Test
    void thePreviewShowsWhichRuleAppliesAndWhy() {
        long excluded = env.newTicket("Preview at Globex", t -> t.putObject("company").put("identifier", "GLOBEX"));
        JsonNode p = adminJson(env.connector, "GET", "/admin/preview/" + excluded, 200);
        assertThat(p.path("rule").path("applies").asBoolean()).isTrue();
        assertThat(p.path("rule").path("name").asText()).isEqualTo("Globex has its own technicians");
        assertThat(p.path("rule").path("why").asText()).contains("its if holds (ticket.company.identifier = \"GLOBEX\")");
        assertThat(p.path("dispatches").asBoolean()).isFalse();
        assertThat(p.path("reason").asText()).contains("says dispatch: false");

        long preferred = scheduledTicket(env, "[preferred] Preview only", Duration.ofDays(3));
        JsonNode q = adminJson(env.connector, "GET", "/admin/preview/" + preferred, 200);
        assertThat(q.path("rule").path("name").asText()).isEqualTo("Preferred first");
        assertThat(q.path("rule").path("checked")).extracting(JsonNode::asText).singleElement().asString()
                .startsWith("rule \"Globex has its own technicians\"");
        assertThat(q.path("rule").path("routing").asText()).isEqualTo("pool \"Tampa Preferred\", then wait 4 s; "
                + "the marketplace, then wait 4 s; an alert");
        assertThat(q.path("rule").path("fields")).extracting(JsonNode::asText).containsExactly("pay");
        assertThat(q.path("workOrder").path("pay").path("base").path("amount").asDouble()).isEqualTo(175.0);
        assertThat(q.path("fields")).anyMatch(f -> f.path("target").asText().equals("pay")
                && f.path("line").asInt() == ruleLine("Preferred") + 3);

        long plain = env.newTicket("Preview, no rule", t -> { });
        JsonNode n = adminJson(env.connector, "GET", "/admin/preview/" + plain, 200);
        assertThat(n.path("rule").path("applies").asBoolean()).isFalse();
        assertThat(n.path("rule").path("why").asText()).isEqualTo("no rule's if holds (3 checked)");
        assertThat(env.workOrdersOf(preferred)).as("a preview sends nothing").isEmpty();
    }

    /** The mapping file's name, as notes name it. */
    private String mappingFile() {
        return java.nio.file.Path.of(env.connector.setting("sync.mappings")).getFileName().toString();
    }

    /** The line of the rule whose name starts with {@code name} in the test's mapping file. */
    private int ruleLine(String name) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of(env.connector.setting(
                    "sync.mappings")));
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("- name: \"" + name)) {
                    return i + 1;
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError(name);
    }
}
