package com.cwfn.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cwfn.sandbox.Fault;
import com.cwfn.sandbox.LoggedRequest;
import com.cwfn.store.InboxStore;
import com.cwfn.testing.Env;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the ticket's status does to its work order (statusActions), end to end through both sandboxes on H2: a move
 * to Cancelled cancels a published work order once with one note, through repeated callbacks and a replay; a lost
 * answer to the cancel (a crash between the call and its record) cancels once; approve and send back act on a Work
 * Done work order and approve before Work Done changes nothing but one note; the status the connector writes from a
 * Field Nation event acts on nothing; deleted tickets, by callback and by reconciliation, cancel once; a cancel racing
 * the create leaves no live work order.
 */
class StatusActionsTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static Env env;

    /** The shipped mapping, and on Field Services: Completed and Closed approve, In Progress sends back. */
    static Path mapping() {
        try {
            String shipped = Files.readString(Path.of("mappings.yaml"));
            String board = """
                    boards:
                      "Field Services":
                        statusActions:
                          completed: approve      # the connector writes Completed from Work Done: that must not approve
                          Closed: approve
                          "In Progress": incomplete
                    """;
            assertThat(shipped).contains("\nboards: {}\n");
            Path p = Files.createTempFile("status-actions", ".yaml");
            p.toFile().deleteOnExit();
            Files.writeString(p, shipped.replace("\nboards: {}\n", "\n" + board));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void start() {
        env = Env.start(Map.of("sync.mappings", mapping().toString(), "sync.incomplete-reason", "missing DELIVERABLES"));
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    static String woStatus(long woId) {
        return env.fn.workOrder(woId).map(w -> w.path("status").path("name").asText()).orElse("gone");
    }

    static List<LoggedRequest> fnCalls(String method, String path) {
        return env.fn.requests(r -> r.method().equals(method) && r.path().equals(path));
    }

    static long notes(long ticketId, String text) {
        return env.notesContaining(ticketId, text);
    }

    @Test
    void aTicketMovedToCancelledCancelsItsWorkOrderOnceWithOneNote() {
        long woId = env.dispatchedWorkOrder("Customer called it off");
        long ticket = env.workOrdersOfTicket(woId);
        env.cw.setStatus(ticket, "Cancelled");
        await().atMost(WAIT).until(() -> woStatus(woId).equals("Cancelled")
                && notes(ticket, "work order #" + woId + " cancelled") == 1);
        env.quiesce();
        // the same callback again, another one, a later edit and a replay: nothing more happens
        env.postCallback(env.callbackBody(ticket, "again-" + ticket, "updated"));
        env.postCallback(env.callbackBody(ticket, "again-" + ticket, "updated"));
        env.cw.addNote(ticket, "The customer will call back next month", false);
        InboxStore inbox = env.connector.bean("inboxStore", InboxStore.class);
        env.quiesce();
        long cancelTx = inbox.list(null, ticket, null, 50).stream().filter(e -> "done".equals(e.status())
                && String.valueOf(e.outcome()).contains("cancelled")).findFirst().orElseThrow().id();
        env.connector.bean("transactions", com.cwfn.admin.Transactions.class).replay(cancelTx);
        env.quiesce();
        assertThat(fnCalls("DELETE", "/api/rest/v2/workorders/" + woId)).hasSize(1);
        assertThat(fnCalls("DELETE", "/api/rest/v2/workorders/" + woId).get(0).query())
                .contains("cancel_reason=ConnectWise+ticket+" + ticket + "+moved+to+status+Cancelled");
        assertThat(notes(ticket, "cancelled")).isEqualTo(1);
        assertThat(env.fn.requests(r -> r.method().equals("PUT") && r.path().startsWith("/api/rest/v2/workorders/"
                + woId))).as("nothing of the ticket goes to the cancelled work order").isEmpty();
        assertThat(inbox.find(cancelTx).orElseThrow().status()).as("the replay found nothing to do").isEqualTo("skipped");
    }

    @Test
    void aCancelWhoseAnswerWasLostCancelsOnceAndSaysSo() {
        long woId = env.dispatchedWorkOrder("Lost cancel answer");
        long ticket = env.workOrdersOfTicket(woId);
        env.fn.inject(Fault.lostAnswer("DELETE", "/api/rest/v2/workorders/" + woId, 1));
        try {
            env.cw.setStatus(ticket, "Cancelled");
            await().atMost(WAIT).until(() -> notes(ticket, "work order #" + woId + " cancelled") == 1);
            env.quiesce();
        } finally {
            env.fn.clearFaults();
        }
        assertThat(woStatus(woId)).isEqualTo("Cancelled");
        assertThat(fnCalls("DELETE", "/api/rest/v2/workorders/" + woId)).as("the call whose answer was lost")
                .hasSize(1);
        assertThat(notes(ticket, "already")).isZero();
    }

    @Test
    void aWorkDoneWorkOrderIsApprovedAndTheConnectorsOwnCompletedDoesNotApprove() {
        long woId = env.dispatchedWorkOrder("Approve when closed");
        long ticket = env.workOrdersOfTicket(woId);
        env.fn.assignProvider(woId, 1068);
        env.fn.completeWork(woId, "Replaced the printer");
        await().atMost(WAIT).until(() -> status(ticket).equals("Completed"));
        env.cw.addNote(ticket, "a note, so a callback reads the ticket in Completed", false);
        env.quiesce();
        // Completed approves (this board's statusActions), but the connector wrote it: no echo
        assertThat(woStatus(woId)).isEqualTo("Work Done");
        assertThat(fnCalls("POST", "/api/rest/v2/workorders/" + woId + "/approve")).isEmpty();

        env.cw.setStatus(ticket, "Closed");
        await().atMost(WAIT).until(() -> woStatus(woId).equals("Approved")
                && notes(ticket, "work order #" + woId + " approved") == 1);
        env.quiesce();
        assertThat(fnCalls("POST", "/api/rest/v2/workorders/" + woId + "/approve")).hasSize(1);
        assertThat(status(ticket)).isEqualTo("Closed");
    }

    @Test
    void approveBeforeWorkDoneChangesNothingAndWritesOneNote() {
        long woId = env.dispatchedWorkOrder("Closed too early");
        long ticket = env.workOrdersOfTicket(woId);
        env.cw.setStatus(ticket, "Closed");
        await().atMost(WAIT).until(() -> notes(ticket, "was not approved") == 1);
        env.postCallback(env.callbackBody(ticket, UUID.randomUUID().toString(), "updated"));
        env.quiesce();
        assertThat(woStatus(woId)).isEqualTo("Published");
        assertThat(fnCalls("POST", "/api/rest/v2/workorders/" + woId + "/approve")).isEmpty();
        assertThat(notes(ticket, "was not approved")).isEqualTo(1);
        assertThat(env.cw.notes(ticket).stream().filter(n -> n.path("text").asText().contains("was not approved"))
                .findFirst().orElseThrow().path("text").asText()).contains("it is Published, not Work Done");
    }

    @Test
    void theIncompleteStatusSendsWorkDoneBackWithTheNewestNoteAsTheReason() {
        long woId = env.dispatchedWorkOrder("Send it back");
        long ticket = env.workOrdersOfTicket(woId);
        // in the status once before Work Done (nothing to send back), then moved back into it after the connector
        // wrote Assigned and Completed: that is a move, and it sends the work back
        env.cw.setStatus(ticket, "In Progress");
        await().atMost(WAIT).until(() -> notes(ticket, "was not sent back: it is Published, not Work Done") == 1);
        env.fn.assignProvider(woId, 1068);
        env.fn.completeWork(woId, "Done, I think");
        await().atMost(WAIT).until(() -> status(ticket).equals("Completed"));
        env.cw.addNote(ticket, "The photos of the rack are missing", false);
        env.cw.setStatus(ticket, "In Progress");
        await().atMost(WAIT).until(() -> woStatus(woId).equals("Assigned")
                && notes(ticket, "sent back to the provider") == 1);
        env.quiesce();
        List<LoggedRequest> sent = fnCalls("DELETE", "/api/rest/v2/workorders/" + woId + "/complete");
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).query()).contains("reason=The+photos+of+the+rack+are+missing").contains("reason_id=2");
        assertThat(fnCalls("GET", "/api/rest/v2/company/incomplete-reasons")).isNotEmpty();
        assertThat(notes(ticket, "('Missing deliverables')")).isEqualTo(1);
    }

    @Test
    void theCancelledStatusTheConnectorWritesFromFieldNationCancelsNothingBack() {
        long woId = env.dispatchedWorkOrder("Cancelled in Field Nation");
        long ticket = env.workOrdersOfTicket(woId);
        env.fn.cancel(woId);
        await().atMost(WAIT).until(() -> status(ticket).equals("Cancelled"));
        env.cw.addNote(ticket, "later edit, read in Cancelled", false);
        env.quiesce();
        assertThat(fnCalls("DELETE", "/api/rest/v2/workorders/" + woId)).isEmpty();
        assertThat(notes(ticket, "work order #" + woId)).as("only the dispatched note").isEqualTo(1);
    }

    @Test
    void aDeletedTicketCancelsItsWorkOrderOnce() {
        long woId = env.dispatchedWorkOrder("Deleted ticket");
        long ticket = env.workOrdersOfTicket(woId);
        env.cw.deleteTicket(ticket);
        await().atMost(WAIT).until(() -> woStatus(woId).equals("Cancelled"));
        env.quiesce();
        env.connector.bean("deletionCheck", com.cwfn.jobs.DeletionCheck.class).run();
        env.quiesce();
        assertThat(fnCalls("DELETE", "/api/rest/v2/workorders/" + woId)).hasSize(1);
        assertThat(fnCalls("DELETE", "/api/rest/v2/workorders/" + woId).get(0).query())
                .contains("cancel_reason=ConnectWise+ticket+" + ticket + "+was+deleted");
    }

    @Test
    void aTicketDeletedWhileCallbacksWereDroppedIsFoundByReconciliationInOneListCall() {
        long woId = env.dispatchedWorkOrder("Deleted silently");
        long ticket = env.workOrdersOfTicket(woId);
        long other = env.workOrdersOfTicket(env.dispatchedWorkOrder("Still there"));
        env.cw.dropCallbacks(true);
        try {
            env.cw.deleteTicket(ticket);
        } finally {
            env.cw.dropCallbacks(false);
        }
        env.cw.clearRequests();
        assertThat(env.connector.bean("deletionCheck", com.cwfn.jobs.DeletionCheck.class).run()).isEqualTo(1);
        List<LoggedRequest> lists = env.cw.requests(r -> r.path().endsWith("/service/tickets"));
        assertThat(lists).hasSize(1);
        assertThat(java.net.URLDecoder.decode(lists.get(0).query(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("conditions=id in (").contains(String.valueOf(ticket)).contains(String.valueOf(other))
                .contains("fields=id");
        await().atMost(WAIT).until(() -> woStatus(woId).equals("Cancelled"));
        env.quiesce();
        assertThat(env.connector.bean("deletionCheck", com.cwfn.jobs.DeletionCheck.class).run()).isZero();
        env.quiesce();
        assertThat(fnCalls("DELETE", "/api/rest/v2/workorders/" + woId)).hasSize(1);
        assertThat(env.fn.workOrders().stream().filter(w -> Env.ticketIdOf(w) == other)
                .map(w -> w.path("status").path("name").asText())).containsExactly("Published");
    }

    @Test
    void aCancelRacingTheCreateLeavesNoLiveWorkOrder() {
        // the create's answer is lost; before its retry the ticket is cancelled: the work order Field Nation made is
        // found, linked and cancelled; and a flip too fast for the create makes none
        env.fn.enforceUniqueCustomFields(false);
        env.fn.inject(Fault.lostAnswer("POST", "/api/rest/v2/workorders", 1));
        try {
            long lost = env.newTicket("Lost create, then cancelled", t -> { });
            env.cw.setStatus(lost, "Dispatch to FN");
            await().atMost(WAIT).until(() -> env.workOrdersOf(lost).size() == 1);
            long made = env.workOrdersOf(lost).get(0).path("id").asLong();
            env.cw.setStatus(lost, "Cancelled");
            long fast = env.newTicket("Flipped at once", t -> { });
            env.cw.setStatus(fast, "Dispatch to FN");
            env.cw.setStatus(fast, "Cancelled");
            await().atMost(WAIT).until(() -> !fnCalls("DELETE", "/api/rest/v2/workorders/" + made).isEmpty());
            env.quiesce();
            for (long t : List.of(lost, fast)) {
                // a draft is deleted by the cancel (and listed no more), anything else is Cancelled
                assertThat(env.workOrdersOf(t)).as("live work orders of %d", t).allSatisfy(w ->
                        assertThat(w.path("status").path("name").asText()).isEqualTo("Cancelled"));
            }
            assertThat(woStatus(made)).isIn("Cancelled", "gone");
            assertThat(fnCalls("DELETE", "/api/rest/v2/workorders/" + made)).hasSize(1);
            assertThat(env.fn.requests(r -> r.method().equals("POST") && r.path().equals("/api/rest/v2/workorders")
                    && r.body().contains("\"incident_id\":\"" + fast + "\""))).as("the fast flip: created or not,"
                    + " never left live").hasSizeLessThanOrEqualTo(1);
        } finally {
            env.fn.clearFaults();
            env.fn.enforceUniqueCustomFields(true);
        }
    }

    static String status(long ticketId) {
        return env.cw.ticket(ticketId).map(t -> t.path("status").path("name").asText()).orElse("gone");
    }

}
