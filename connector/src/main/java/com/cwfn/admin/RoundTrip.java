package com.cwfn.admin;

import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.dispatch.DispatchRules;
import com.cwfn.failure.PermanentFailure;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.http.Refusal;
import com.cwfn.inbox.InboxWorker;
import com.cwfn.json.Json;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Settings;
import com.cwfn.store.Transaction;
import com.cwfn.store.InboxStore;
import com.cwfn.store.LinkStore;
import com.cwfn.store.NewTransaction;
import com.cwfn.store.StateStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /admin/roundtrip} and {@code GET /admin/roundtrip}: the setup's last stage, a test ticket's round trip
 * that never reaches Field Nation's marketplace. It creates a ticket (on the template ticket's board, for its company,
 * in the trigger status), dispatches it through the inbox like a callback would but marked so the work order stays a
 * draft, cancels that draft in Field Nation, and waits for Field Nation's webhook about it to come back and be worked.
 * Each step is recorded in the database as it goes (any instance shows it); the first that fails says what to fix.
 */
public class RoundTrip {
    private static final Logger LOG = LoggerFactory.getLogger(RoundTrip.class);
    static final String STATE = "console.round-trip";
    static final String SUMMARY = "Connector round-trip test (safe to delete)";

    private final Settings settings;
    private final ConnectWiseClient cw;
    private final FieldNationClient fn;
    private final DispatchRules rules;
    private final InboxStore inbox;
    private final LinkStore links;
    private final InboxWorker worker;
    private final StateStore state;
    private final Clock clock;
    private final Duration patience;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "round-trip");
        t.setDaemon(true);
        return t;
    });

    public RoundTrip(Settings settings, ConnectWiseClient cw, FieldNationClient fn, DispatchRules rules,
            InboxStore inbox, LinkStore links, InboxWorker worker, StateStore state, Clock clock, Duration patience) {
        this.settings = settings;
        this.cw = cw;
        this.fn = fn;
        this.rules = rules;
        this.inbox = inbox;
        this.links = links;
        this.worker = worker;
        this.state = state;
        this.clock = clock;
        this.patience = patience;
    }

    /** The last round trip, as far as it got; {@code state} is {@code never} before the first. */
    public ObjectNode last() {
        return state.get(STATE).map(s -> (ObjectNode) Json.parse(s))
                .orElseGet(() -> Json.object().put("state", "never").put("detail", "no round trip has run yet"));
    }

    /** Starts a round trip in the background; 409 while one runs (one that stopped answering for long is over). */
    public ObjectNode start() {
        ObjectNode last = last();
        if ("running".equals(last.path("state").asText()) && Instant.parse(last.path("updatedAt").asText())
                .isAfter(clock.instant().minus(patience.multipliedBy(3)))) {
            throw new Refusal(409, "running", "a round trip is running (started "
                    + last.path("startedAt").asText() + "); GET /admin/roundtrip shows how far it is");
        }
        String template = settings.text(Catalog.SYNC_TEMPLATE_TICKET_ID);
        if (template.isEmpty()) {
            throw new PermanentFailure("sync.template-ticket-id is not set: the test ticket is made on the template "
                    + "ticket's board, for its company");
        }
        ObjectNode run = Json.object().put("id", UUID.randomUUID().toString()).put("state", "running")
                .put("startedAt", clock.instant().toString()).put("updatedAt", clock.instant().toString());
        run.putArray("steps");
        save(run);
        runner.submit(() -> run(run, Long.parseLong(template)));
        return run;
    }

    private void run(ObjectNode run, long templateId) {
        try {
            ObjectNode template = cw.ticket(templateId, null).orElseThrow(() -> new StepFailed("ConnectWise has no "
                    + "ticket " + templateId, "set sync.template-ticket-id to an existing ticket on a synced board"));
            String board = Json.text(template, "board/name");
            if (!rules.isSyncedBoard(board)) {
                throw new StepFailed("the template ticket's board '" + board + "' does not sync", "add it to "
                        + "sync.boards or choose a template ticket on a synced board");
            }
            long ticket = step(run, "create-test-ticket", () -> {
                ObjectNode body = Json.object().put("summary", SUMMARY + " " + clock.instant());
                body.putObject("board").put("id", Json.number(template, "board/id"));
                body.putObject("company").put("id", Json.number(template, "company/id"));
                body.putObject("status").put("name", rules.triggerStatus(board));
                long id = Json.number(cw.createTicket(body), "id");
                return new Result<>(id, "ticket " + id + " on board '" + board + "' in status '"
                        + rules.triggerStatus(board) + "'");
            });
            run.put("ticket", ticket);
            long tx = inbox.record(NewTransaction.forTicket(Transaction.SOURCE_ROUND_TRIP, "roundtrip:" + run.path("id")
                    .asText(), "ticket.updated", ticket, Json.write(Json.object().put("ID", ticket)
                    .put("Source", Transaction.SOURCE_ROUND_TRIP)))).orElseThrow();
            worker.wake(tx);
            long wo = step(run, "dispatch-as-draft", () -> {
                Transaction e = finished(tx);
                if (!InboxStore.DONE.equals(e.status())) {
                    throw new StepFailed("transaction " + tx + " ended " + e.status() + " at " + e.step() + ": "
                            + e.lastError(), "see the transaction's steps on the Transactions page");
                }
                Long id = links.find(ticket).map(l -> l.workOrderId()).orElse(null);
                if (id == null) {
                    throw new StepFailed("transaction " + tx + " is done but the ticket has no work order", null);
                }
                return new Result<>(id, "work order " + id + " created as a draft (transaction " + tx + ")");
            });
            run.put("workOrder", wo);
            long cancelledAt = clock.millis();
            step(run, "cancel-draft", () -> {
                fn.cancel(wo, "connector round-trip test");
                return new Result<>(0L, "work order " + wo + " cancelled in Field Nation");
            });
            step(run, "webhook-back", () -> {
                Transaction e = waitFor(() -> inbox.list(new InboxStore.Filter(null, Transaction.FN_TO_CW, null, wo,
                        cancelledAt - 1000, null), 5).stream().filter(x -> x.finishedAt() != null).findFirst(),
                        "Field Nation's webhook about work order " + wo + " did not arrive",
                        "check the Field Nation webhook stage: registered, active, and connector.public-url reachable "
                                + "from Field Nation");
                String status = cw.ticket(ticket, null).map(t -> Json.text(t, "status/name")).orElse("(deleted)");
                return new Result<>(0L, "webhook " + e.eventType() + " arrived and was worked (" + e.status()
                        + "); the test ticket's status is now '" + status + "'");
            });
            run.put("state", "passed").put("ok", true);
        } catch (StepFailed e) {
            run.put("state", "failed").put("ok", false).put("detail", e.getMessage()).put("fix", e.fix);
        } catch (RuntimeException e) {
            LOG.warn("round trip failed", e);
            run.put("state", "failed").put("ok", false).put("detail", e.getClass().getSimpleName() + ": "
                    + settings.mask(String.valueOf(e.getMessage())));
        }
        save(run);
    }

    /** A step's value and what to say about it. */
    private record Result<T>(T value, String detail) {
    }

    private <T> T step(ObjectNode run, String name, Supplier<Result<T>> work) {
        ObjectNode s = run.withArray("steps").addObject().put("step", name).put("state", "running");
        save(run);
        try {
            Result<T> r = work.get();
            s.put("state", "ok").put("ok", true).put("detail", r.detail());
            save(run);
            return r.value();
        } catch (StepFailed e) {
            s.put("state", "failed").put("ok", false).put("detail", e.getMessage()).put("fix", e.fix);
            throw e;
        } catch (RuntimeException e) {
            s.put("state", "failed").put("ok", false).put("detail", settings.mask(String.valueOf(e.getMessage())));
            throw new StepFailed(name + " failed: " + settings.mask(String.valueOf(e.getMessage())), null);
        }
    }

    private Transaction finished(long tx) {
        return waitFor(() -> inbox.find(tx).filter(e -> e.finishedAt() != null), "transaction " + tx
                + " did not finish in " + patience.toSeconds() + " s", "see the transaction on the Transactions page");
    }

    private <T> T waitFor(Supplier<Optional<T>> probe, String failure, String fix) {
        long deadline = clock.millis() + patience.toMillis();
        while (clock.millis() < deadline) {
            Optional<T> v = probe.get();
            if (v.isPresent()) {
                return v.get();
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new StepFailed(failure, fix);
    }

    private void save(ObjectNode run) {
        run.put("updatedAt", clock.instant().toString());
        state.put(STATE, Json.write(run));
    }

    /** A step that failed, with what to change. */
    static final class StepFailed extends RuntimeException {
        final String fix;

        StepFailed(String message, String fix) {
            super(message);
            this.fix = fix;
        }
    }
}
