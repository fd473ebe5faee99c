package com.cwfn.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cwfn.admin.CallbackRegistration;
import com.cwfn.sandbox.LoggedRequest;
import com.cwfn.store.Transaction;
import com.cwfn.store.InboxStore;
import com.cwfn.testing.Env;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a dispatch costs in ConnectWise calls, counted in the sandbox's request log: only what the shipped mapping
 * needs, and nothing at all for callbacks whose signed Entity shows a ticket that cannot dispatch. Only the callback
 * is registered (no Field Nation webhook), so every ConnectWise call counted is the dispatch's own.
 *
 * <p>The mapping is the shipped one with a dispatch rule per board: Field Services' reads
 * {@code ticket.company.identifier} (nothing more to read), Help Desk's reads {@code company.*} (the company record,
 * for its dispatches only, and never for a callback that cannot dispatch).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FewerCallsTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String RULES = """
            boards:
              "Field Services":
                rules:
                  - name: "Globex has its own technicians"
                    if: 'ticket.company.identifier = "GLOBEX"'
                    dispatch: false
              "Help Desk":
                rules:
                  - name: "Tampa clients pay more"
                    if: 'company.city = "Tampa"'
                    fields:
                      - { target: pay, action: static, value: { type: fixed, base: { amount: 175, units: 1 } } }
            """;
    final Env env = Env.sandboxesOnly();

    FewerCallsTest() {
        env.startConnector(Map.of("sync.mappings", withRules().toString()), false);
        env.connector.bean("callbackRegistration", CallbackRegistration.class).register();
        env.settle(); // the first reconciliation, at start, must not take a ticket a test prepares for its own run
    }

    static java.nio.file.Path withRules() {
        try {
            String shipped = java.nio.file.Files.readString(java.nio.file.Path.of("mappings.yaml"));
            assertThat(shipped).contains("\nboards: {}\n");
            java.nio.file.Path p = java.nio.file.Files.createTempFile("mappings-fewer-calls", ".yaml");
            p.toFile().deleteOnExit();
            java.nio.file.Files.writeString(p, shipped.replace("\nboards: {}\n", "\n" + RULES));
            return p;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    void stop() {
        env.close();
    }

    @BeforeEach
    void quiet() {
        env.quiesce();
        env.cw.clearRequests();
    }

    /** ConnectWise calls so far, the signing key fetch left out. */
    List<LoggedRequest> calls() {
        return env.cw.requests(r -> !r.path().contains("/callbackkey/"));
    }

    long scheduledTicket(String summary) {
        long id = env.newTicket(summary, t -> {
            t.putObject("contact").put("id", 2);
            t.putObject("site").put("id", 28);
            t.put("initialDescription", "Check the register.");
        });
        Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        env.cw.addScheduleEntry(id, start, start.plus(Duration.ofHours(2)));
        return id;
    }

    void dispatch(long id) {
        env.cw.setStatus(id, "Dispatch to FN");
        await().atMost(WAIT).until(() -> env.workOrdersOf(id).size() == 1
                && env.notesContaining(id, "Dispatched to Field Nation") == 1);
        env.quiesce();
    }

    @Test
    void aTicketWithSiteContactAndScheduleAndNoDocumentDispatchesInAtMostSixCalls() {
        long id = scheduledTicket("Six calls at most");
        env.quiesce();
        env.cw.clearRequests(); // the ticket's "added" callback cost nothing either: see the test below
        dispatch(id);
        List<String> calls = calls().stream().map(r -> r.method() + " " + r.path().replaceAll(".*/apis/3.0", ""))
                .toList();
        assertThat(calls).as("ticket, site, notes, documents, schedule entries, the dispatched note")
                .hasSizeLessThanOrEqualTo(6)
                .contains("GET /service/tickets/" + id, "GET /service/tickets/" + id + "/notes",
                        "GET /system/documents", "GET /schedule/entries", "POST /service/tickets/" + id + "/notes")
                .noneMatch(c -> c.startsWith("GET /company/contacts") || c.matches("GET /company/companies/\\d+"));
        assertThat(env.workOrdersOf(id).get(0).path("contacts").path("results").get(0).path("email").asText())
                .as("the contact came from the ticket").isEqualTo("jane@acme.example");
    }

    @Test
    void aRuleOnTheCompanyRecordReadsItOnceForItsBoardsDispatch() {
        long id = env.newTicket("Help desk visit", t -> {
            t.putObject("board").put("name", "Help Desk");
            t.putObject("contact").put("id", 2);
            t.putObject("site").put("id", 28);
        });
        Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        env.cw.addScheduleEntry(id, start, start.plus(Duration.ofHours(2)));
        env.quiesce();
        env.cw.clearRequests();
        dispatch(id);
        List<String> calls = calls().stream().map(r -> r.method() + " " + r.path().replaceAll(".*/apis/3.0", ""))
                .toList();
        assertThat(calls).as("the six of a dispatch and the company its rule reads")
                .hasSizeLessThanOrEqualTo(7).containsOnlyOnce("GET /company/companies/2");
        assertThat(env.workOrdersOf(id).get(0).path("pay").path("base").path("amount").asDouble())
                .as("the rule held on the company record").isEqualTo(175.0);
    }

    @Test
    void eachDocumentAddsItsDownload() {
        long id = scheduledTicket("Two documents");
        env.cw.addDocument(id, "floorplan.pdf", "application/pdf", "PDF-1".getBytes(StandardCharsets.UTF_8));
        env.cw.addDocument(id, "photo.png", "image/png", new byte[] {1, 2, 3});
        env.quiesce();
        env.cw.clearRequests();
        dispatch(id);
        await().atMost(WAIT).until(() -> env.fn.attachments(env.workOrdersOf(id).get(0).path("id").asLong()).size() == 2);
        env.quiesce();
        List<LoggedRequest> calls = calls();
        assertThat(calls.stream().filter(r -> r.path().endsWith("/download"))).hasSize(2);
        assertThat(calls).hasSizeLessThanOrEqualTo(6 + 2);
        assertThat(calls.stream().filter(r -> r.path().endsWith("/system/documents")).findFirst().orElseThrow().query())
                .as("a list read only to copy the documents").contains("fields=");
    }

    @Test
    void fiftyCallbacksForUnlinkedTicketsOutsideTheTriggerStatusCostNoCallButTheSigningKey() {
        InboxStore inbox = env.connector.bean("inboxStore", InboxStore.class);
        List<Long> tickets = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            tickets.add(env.newTicket("New ticket " + i, t -> { })); // a callback each, status New
        }
        for (int i = 0; i < 10; i++) {
            env.cw.setStatus(tickets.get(i), "In Progress"); // ten more, another status that does not dispatch
        }
        for (int i = 0; i < 10; i++) {
            env.cw.addNote(tickets.get(i), "Called the customer", true); // and ten edits that are not status changes
        }
        for (int i = 0; i < 10; i++) { // and ten on the board whose rule reads the company record
            tickets.add(env.newTicket("Help desk ticket " + i, t -> t.putObject("board").put("name", "Help Desk")));
        }
        await().atMost(WAIT).until(() -> skippedFromEntity(inbox, tickets) == 50);
        env.quiesce();
        assertThat(calls()).as("ConnectWise calls besides the signing key").isEmpty();
        assertThat(env.cw.requests(r -> r.path().contains("/callbackkey/"))).hasSizeLessThanOrEqualTo(1);
        Transaction one = inbox.list(InboxStore.SKIPPED, tickets.get(0), null, 10).get(0);
        assertThat(one.outcome()).contains("not the trigger status 'Dispatch to FN'").contains("signed Entity");
        tickets.forEach(id -> assertThat(env.workOrdersOf(id)).isEmpty());
    }

    @Test
    void reconciliationListsTheTicketsInTriggerStatusWithOnlyTheFieldsItChecks() {
        long missed = env.silentTicketInTriggerStatus("Callback never came");
        assertThat(env.connector.bean("reconciler", com.cwfn.jobs.Reconciler.class).run()).isEqualTo(1);
        await().atMost(WAIT).until(() -> env.workOrdersOf(missed).size() == 1);
        assertThat(env.cw.requests(r -> r.path().endsWith("/service/tickets") && r.method().equals("GET")))
                .isNotEmpty().allMatch(r -> r.query().contains("fields=id%2Cboard%2Fname%2Cstatus%2Fname"));
    }

    static long skippedFromEntity(InboxStore inbox, List<Long> tickets) {
        return tickets.stream().mapToLong(id -> inbox.list(InboxStore.SKIPPED, id, null, 10).stream()
                .filter(e -> e.outcome() != null && e.outcome().contains("signed Entity")).count()).sum();
    }
}
