package com.cwfn.syncback;

import static com.cwfn.syncback.ChargesWorld.iso;
import static com.cwfn.syncback.ChargesWorld.onlyLog;
import static com.cwfn.syncback.ChargesWorld.writes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import com.cwfn.inbox.InboxWorker;
import com.cwfn.jobs.ChargeReconciler;
import com.cwfn.sandbox.LoggedRequest;
import com.cwfn.sandbox.fieldnation.WebhookDelivery;
import com.cwfn.store.Transaction;
import com.cwfn.store.InboxStore;
import com.cwfn.testing.Env;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time logs, expenses and the technician back on the ticket, end to end over HTTP through both sandboxes:
 * {@code sync.time.enabled} with member dtech, {@code sync.expenses.enabled} as expense entries, the shipped
 * mappings with a writeBack of the technician into the ticket custom field "FN Technician".
 */
class TimeAndExpensesTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    @TempDir
    static Path dir;
    static Env env;

    @BeforeAll
    static void start() throws Exception {
        Path mapping = ChargesWorld.mapping(dir, "    - { target: \"customFields.FN Technician\", action: concat, "
                + "sources: [provider.name, provider.phone], separator: \", \" }\n", "    - { target: workType.name, "
                + "action: static, value: Onsite }\n");
        env = Env.sandboxesOnly();
        env.cw.defineCustomField(11, "FN Technician", "Text");
        env.startConnector(Map.of("sync.time.enabled", "true", "sync.time.member", "dtech",
                "sync.expenses.enabled", "true", "sync.mappings", mapping.toString(),
                "connector.reconcile-interval-ms", "3600000"), true);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @BeforeEach
    void quiet() {
        env.quiesce();
        env.cw.clearFaults();
    }

    static long ticketOf(long wo) {
        return env.workOrdersOfTicket(wo);
    }

    /** A dispatched work order with Pat Tech assigned, checked in and out: one finished time log. */
    static long workedOrder(String summary) {
        long wo = env.dispatchedWorkOrder(summary);
        env.fn.assignProvider(wo, 1068);
        env.fn.checkIn(wo);
        env.fn.checkOut(wo);
        return wo;
    }

    @Test
    void checkInAndOutBecomeOneTimeEntryWithTheLogsTimesTheMemberAndTheTicket() {
        long wo = workedOrder("Time on site");
        long ticket = ticketOf(wo);
        await().atMost(WAIT).until(() -> env.cw.timeEntries(ticket).size() == 1);
        env.quiesce();
        JsonNode log = onlyLog(env, wo);
        JsonNode entry = env.cw.timeEntries(ticket).get(0);
        assertThat(entry.path("chargeToId").asLong()).isEqualTo(ticket);
        assertThat(entry.path("chargeToType").asText()).isEqualTo("ServiceTicket");
        assertThat(entry.path("member").path("identifier").asText()).isEqualTo("dtech");
        assertThat(entry.path("timeStart").asText()).isEqualTo(iso(log.path("in").path("created").path("utc").asText()));
        assertThat(entry.path("timeEnd").asText()).isEqualTo(iso(log.path("out").path("created").path("utc").asText()));
        assertThat(entry.path("billableOption").asText()).as("no labor charge: billable").isEqualTo("Billable");
        assertThat(entry.path("workType").path("name").asText()).as("timeEntries of mappings.yaml").isEqualTo("Onsite");
        assertThat(entry.path("internalNotes").asText()).contains("(fn-time-log:" + log.path("id").asLong() + ")");
        assertThat(entry.path("notes").asText()).contains("work order " + wo).contains("Pat Tech");
        Transaction checkedOut = ChargesWorld.events(env, wo, "workorder.status.checked_out").get(0);
        assertThat(checkedOut.status()).as("the transaction wrote the entry").isEqualTo(InboxStore.DONE);
        assertThat(checkedOut.outcome()).contains("time entry " + entry.path("id").asLong() + " created");
    }

    @Test
    void theSameWebhookTwiceAndAReplayStillMakeOneEntry() {
        long wo = workedOrder("Delivered twice");
        long ticket = ticketOf(wo);
        await().atMost(WAIT).until(() -> env.cw.timeEntries(ticket).size() == 1);
        env.quiesce();
        WebhookDelivery d = env.fn.deliveries().stream().filter(x -> x.workOrderId() == wo
                && x.eventName().equals("workorder.status.checked_out")).findFirst().orElseThrow();
        assertThat(env.postWebhook(d.requestBody(), d.deliveryUuid() + ":" + (d.attempt() + 1)).statusCode())
                .isEqualTo(202);
        assertThat(env.postWebhook(d.requestBody(), "another-delivery-" + wo + ":1").statusCode()).isEqualTo(202);
        env.quiesce();
        Transaction first = ChargesWorld.events(env, wo, "workorder.status.checked_out").stream()
                .min(java.util.Comparator.comparingLong(Transaction::id)).orElseThrow();
        InboxStore inbox = env.connector.bean("inboxStore", InboxStore.class);
        assertThat(inbox.replay(first.id())).isTrue();
        env.connector.bean("inboxWorker", InboxWorker.class).wake(first.id());
        await().atMost(WAIT).until(() -> !inbox.find(first.id()).orElseThrow().status().equals(InboxStore.PENDING));
        env.quiesce();
        assertThat(env.cw.timeEntries(ticket)).hasSize(1);
        assertThat(writes(env, "POST", ".*/time/entries").stream().filter(r -> r.body().contains("\"chargeToId\":"
                + ticket + ",")).count()).isEqualTo(1);
    }

    @Test
    void aCrashBetweenCreateAndRecordIsFoundAgainBeforeCreating() {
        env.cw.loseCreateAnswers(1); // ConnectWise makes the entry, the connector never hears of it
        long wo = workedOrder("Lost answer");
        long ticket = ticketOf(wo);
        await().atMost(WAIT).until(() -> ChargesWorld.events(env, wo, "workorder.status.checked_out").stream()
                .anyMatch(e -> e.status().equals(InboxStore.DONE)));
        env.quiesce();
        assertThat(env.cw.timeEntries(ticket)).hasSize(1);
        List<LoggedRequest> posts = writes(env, "POST", ".*/time/entries").stream()
                .filter(r -> r.body().contains("\"chargeToId\":" + ticket + ",")).toList();
        assertThat(posts).extracting(LoggedRequest::status).containsExactly(502);
        Transaction e = ChargesWorld.events(env, wo, "workorder.status.checked_out").get(0);
        assertThat(e.attempts()).isEqualTo(2);
        assertThat(e.outcome()).contains("time entry " + env.cw.timeEntries(ticket).get(0).path("id").asLong()
                + " found");
    }

    @Test
    void anEditedLogUpdatesTheSameEntryAndADeletedOneRemovesIt() {
        long wo = workedOrder("Corrected time");
        long ticket = ticketOf(wo);
        await().atMost(WAIT).until(() -> env.cw.timeEntries(ticket).size() == 1);
        env.quiesce();
        long entryId = env.cw.timeEntries(ticket).get(0).path("id").asLong();
        Instant in = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        long logId = onlyLog(env, wo).path("id").asLong();
        env.fn.editTimeLog(wo, logId, in, in.plus(Duration.ofMinutes(135)));
        env.cw.clearRequests();
        env.fn.completeWork(wo, "Done"); // work done reads the time logs again
        await().atMost(WAIT).until(() -> env.cw.timeEntries(ticket).get(0).path("timeStart").asText()
                .equals(in.toString()));
        env.quiesce();
        JsonNode entry = env.cw.timeEntries(ticket).get(0);
        assertThat(env.cw.timeEntries(ticket)).hasSize(1);
        assertThat(entry.path("id").asLong()).as("the same entry").isEqualTo(entryId);
        assertThat(entry.path("timeEnd").asText()).isEqualTo(in.plus(Duration.ofMinutes(135)).toString());
        assertThat(entry.path("actualHours").asDouble()).isEqualTo(2.25);
        assertThat(writes(env, "POST", ".*/time/entries")).isEmpty();
        assertThat(writes(env, "PATCH", ".*/time/entries/" + entryId)).hasSize(1);
        assertThat(writes(env, "PATCH", ".*/time/entries/" + entryId).get(0).body()).contains("timeStart")
                .doesNotContain("member");

        // deleted in Field Nation, with no event at all: reconciliation finds it and the entry goes
        env.fn.deleteTimeLog(wo, logId);
        assertThat(env.connector.bean("chargeReconciler", ChargeReconciler.class).run()).isEqualTo(1);
        await().atMost(WAIT).until(() -> env.cw.timeEntries(ticket).isEmpty());
        env.quiesce();
        assertThat(env.connector.bean("chargeReconciler", ChargeReconciler.class).run())
                .as("nothing left to do: no event").isZero();
    }

    @Test
    void reconciliationFindsATimeLogAddedWithoutAnEvent() {
        long wo = workedOrder("Added by hand");
        long ticket = ticketOf(wo);
        await().atMost(WAIT).until(() -> env.cw.timeEntries(ticket).size() == 1);
        env.quiesce();
        ChargeReconciler reconciler = env.connector.bean("chargeReconciler", ChargeReconciler.class);
        env.cw.clearRequests();
        assertThat(reconciler.run()).as("nothing changed").isZero();
        assertThat(env.cw.requests()).as("comparing costs no ConnectWise call").isEmpty();
        Instant in = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        env.fn.addTimeLog(wo, in, in.plus(Duration.ofHours(1)));
        assertThat(reconciler.run()).isEqualTo(1);
        assertThat(reconciler.run()).as("the same difference is recorded once").isZero();
        await().atMost(WAIT).until(() -> env.cw.timeEntries(ticket).size() == 2);
        env.quiesce();
        assertThat(env.cw.timeEntries(ticket)).extracting(e -> e.path("timeStart").asText()).contains(in.toString());
    }

    @Test
    void anApprovedExpenseBecomesOneExpenseEntryAndAnUnapprovedOneNothing() {
        long wo = env.dispatchedWorkOrder("Expenses");
        long ticket = ticketOf(wo);
        env.fn.assignProvider(wo, 1068);
        ObjectNode cable = env.fn.addExpense(wo, 2, "Extra patch cable", "12.50");
        env.fn.addExpense(wo, 3, "Drive to the other store", "30");
        env.fn.decideExpense(wo, cable.path("id").asLong(), true);
        env.fn.completeWork(wo, "Done");
        await().atMost(WAIT).until(() -> env.cw.expenseEntries(ticket).size() == 1);
        env.quiesce();
        JsonNode entry = env.cw.expenseEntries(ticket).get(0);
        assertThat(entry.path("amount").asDouble()).isEqualTo(12.5);
        assertThat(entry.path("type").path("name").asText()).as("arrayMap of the category").isEqualTo("Materials");
        assertThat(entry.path("member").path("identifier").asText()).isEqualTo("dtech");
        assertThat(entry.path("chargeToId").asLong()).isEqualTo(ticket);
        assertThat(entry.path("notes").asText()).contains("Extra patch cable").contains("(fn-expense:"
                + cable.path("id").asLong() + ")");
        assertThat(entry.path("date").asText()).isEqualTo(iso(cable.path("added").path("utc").asText()));
        assertThat(env.cw.products(ticket)).isEmpty();
    }

    @Test
    void approvedWithTheShippedMapWritesTheEntriesAndThenClosesTheTicket() {
        long wo = workedOrder("Approve and close");
        long ticket = ticketOf(wo);
        env.fn.completeWork(wo, "Done");
        await().atMost(WAIT).until(() -> env.cw.ticket(ticket).orElseThrow().path("status").path("name").asText()
                .equals("Completed"));
        env.quiesce();
        // after work done: another log and an expense approved; only the approval can bring them
        Instant in = Instant.now().minus(Duration.ofHours(5)).truncatedTo(ChronoUnit.SECONDS);
        env.fn.addTimeLog(wo, in, in.plus(Duration.ofMinutes(30)));
        ObjectNode parking = env.fn.addExpense(wo, 4, "Parking garage", "8");
        env.fn.decideExpense(wo, parking.path("id").asLong(), true);
        env.cw.clearRequests();
        env.fn.approve(wo);
        await().atMost(WAIT).until(() -> env.cw.ticket(ticket).orElseThrow().path("status").path("name").asText()
                .equals("Closed"));
        env.quiesce();
        assertThat(env.cw.timeEntries(ticket)).hasSize(2);
        assertThat(env.cw.expenseEntries(ticket)).hasSize(1);
        List<LoggedRequest> writes = env.cw.writes();
        int time = indexOf(writes, "POST", "/time/entries");
        int expense = indexOf(writes, "POST", "/expense/entries");
        int status = indexOf(writes, "PATCH", "/service/tickets/" + ticket);
        assertThat(time).isNotNegative().isLessThan(status);
        assertThat(expense).isNotNegative().isLessThan(status);
        assertThat(writes).allMatch(r -> r.status() < 400, "nothing was refused");
    }

    static int indexOf(List<LoggedRequest> writes, String method, String pathEnd) {
        for (int i = 0; i < writes.size(); i++) {
            if (writes.get(i).method().equals(method) && writes.get(i).path().endsWith(pathEnd)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void theTechniciansNameReachesTheTicketInOneNoteAndInTheMappedCustomField() {
        long wo = env.dispatchedWorkOrder("Who is coming");
        long ticket = ticketOf(wo);
        env.fn.assignProvider(wo, 1068);
        await().atMost(WAIT).until(() -> env.notesContaining(ticket, "Field Nation technician") == 1);
        await().atMost(WAIT).until(() -> "Pat Tech, 6125550168".equals(customField(ticket, "FN Technician")));
        env.quiesce();
        JsonNode note = env.cw.notes(ticket).stream().filter(n -> n.path("text").asText()
                .contains("Field Nation technician")).findFirst().orElseThrow();
        assertThat(note.path("text").asText()).isEqualTo("Field Nation technician for work order " + wo
                + ": Pat Tech, phone 6125550168.");
        assertThat(note.path("internalAnalysisFlag").asBoolean()).isTrue();
        assertThat(customField(ticket, "Ext Ref")).as("the other custom fields keep their values").isNull();

        // the provider confirms with an ETA: one note for the ETA, no second technician note, nothing re-written
        env.cw.clearRequests();
        Instant eta = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
        env.fn.setEta(wo, eta, null);
        env.fn.confirm(wo);
        await().atMost(WAIT).until(() -> env.notesContaining(ticket, "ETA for work order " + wo) == 1);
        env.fn.onMyWay(wo);
        env.quiesce();
        assertThat(env.notesContaining(ticket, "Field Nation technician")).isEqualTo(1);
        assertThat(env.notesContaining(ticket, "ETA for work order " + wo)).isEqualTo(1);
        assertThat(writes(env, "PATCH", ".*/service/tickets/" + ticket)).as("the custom field has its value")
                .isEmpty();
        // nothing the connector wrote went back to Field Nation as a message
        assertThat(env.fn.messages(wo)).noneMatch(m -> m.path("message").asText().contains("Field Nation technician"));
    }

    @Test
    void refreshFieldsListsWorkTypesWorkRolesExpenseTypesAndCatalogItemsAndFindsTheMappedNames() {
        JsonNode f = env.connector.bean("fieldsRefresh", com.cwfn.admin.FieldsRefresh.class).refresh();
        JsonNode c = f.path("connectwise");
        assertThat(c.path("workTypes").findValuesAsText("name")).contains("Onsite", "Remote Support");
        assertThat(c.path("workRoles").findValuesAsText("name")).contains("Field Technician");
        assertThat(c.path("expenseTypes").findValuesAsText("name")).contains("Materials", "Mileage", "Other");
        assertThat(c.path("catalogItems").findValuesAsText("identifier")).contains("FN-EXPENSE", "FN-LABOR");
        assertThat(c.path("timeMember").path("found").asBoolean()).as("dtech").isTrue();
        assertThat(f.path("errors")).isEmpty();
        assertThat(f.path("mappings").path("problems").toString()).doesNotContain("work type")
                .doesNotContain("expense type").doesNotContain("sync.time.member");
    }

    static String customField(long ticket, String caption) {
        for (JsonNode cf : env.cw.ticket(ticket).orElseThrow().path("customFields")) {
            if (caption.equals(cf.path("caption").asText())) {
                return cf.path("value").isNull() ? null : cf.path("value").asText();
            }
        }
        throw new AssertionError("no custom field " + caption);
    }
}
