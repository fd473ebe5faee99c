package com.cwfn.jobs;

import com.cwfn.admin.RegistrationWatch;
import com.cwfn.connectwise.ConnectWiseClient.TicketKind;
import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.dispatch.DispatchRules;
import com.cwfn.http.RequestBudget;
import com.cwfn.inbox.InboxWorker;
import com.cwfn.json.Json;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Settings;
import com.cwfn.store.InboxStore;
import com.cwfn.store.Link;
import com.cwfn.store.LinkStore;
import com.cwfn.store.NewTransaction;
import com.cwfn.store.StateStore;
import com.cwfn.store.WatchStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches up what no callback or webhook brought. Each run: looks at the callback and the webhook (inactive or
 * missing ones are told once and, when asked, registered again); reads the tickets on synced boards changed since
 * the last run that finished (ConnectWise drops callbacks; a deactivated callback or a database outage drops them
 * all): one in a trigger status without a work order is dispatched as if its callback had come, a linked one whose
 * change no callback brought is synced; and reads the linked open work orders back ({@link WorkOrderCatchUp}). Each
 * run looks back ten minutes before the last one, to cover clock skew; a run that fails does not move the mark, so
 * the next covers its time too. Its calls go through the budgets at background priority (they never hold back a
 * dispatch, and sit a pause out), and the ticket list is read with {@code fields=} for what the checks need.
 */
public class Reconciler {
    static final String SINCE = "reconcile.since";
    /** What the checks read of each ticket found. */
    static final String FIELDS = "id,board/name,status/name,_info/lastUpdated";
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final long OVERLAP_MS = 10 * 60_000;

    private final ConnectWiseClient cw;
    private final LinkStore links;
    private final InboxStore inbox;
    private final StateStore state;
    private final Settings settings;
    private final DispatchRules rules;
    private final InboxWorker worker;
    private final Clock clock;
    private final RegistrationWatch registrations;
    private final WorkOrderCatchUp workOrders;
    private final WatchStore watch;

    public Reconciler(ConnectWiseClient cw, LinkStore links, InboxStore inbox, StateStore state, Settings settings,
            DispatchRules rules, InboxWorker worker, Clock clock, RegistrationWatch registrations,
            WorkOrderCatchUp workOrders, WatchStore watch) {
        this.watch = watch;
        this.registrations = registrations;
        this.workOrders = workOrders;
        this.cw = cw;
        this.links = links;
        this.inbox = inbox;
        this.state = state;
        this.settings = settings;
        this.rules = rules;
        this.worker = worker;
        this.clock = clock;
    }

    /** One pass, at background priority; answers how many tickets and work order changes were queued. */
    public int run() {
        return RequestBudget.background(this::pass);
    }

    private int pass() {
        registrations.look();
        long now = clock.millis();
        long lookback = settings.integer(Catalog.RECONCILE_LOOKBACK_HOURS) * 3_600_000L;
        long since = state.get(SINCE).map(Long::parseLong).orElse(now - lookback) - OVERLAP_MS;
        String conditions = conditions(Instant.ofEpochMilli(since));
        int missed = 0;
        int changed = 0;
        for (TicketKind kind : TicketKind.values()) {
            for (JsonNode t : cw.tickets(kind, conditions, FIELDS)) {
                Long id = Json.number(t, "id");
                Optional<Link> link = id == null ? Optional.empty() : links.find(id);
                if (link.isEmpty() && queueMissed(t, kind)) {
                    missed++;
                } else if (link.isPresent() && link.get().isLinked() && queueChanged(t, kind)) {
                    changed++;
                }
            }
        }
        int caughtUp = workOrders.run();
        state.put(SINCE, String.valueOf(now));
        if (missed > 0) {
            LOG.warn("reconciliation found {} ticket(s) in trigger status without a work order whose callback never "
                    + "came; dispatching them", missed);
        }
        if (changed > 0) {
            LOG.warn("reconciliation found {} linked ticket(s) changed without a callback; syncing them", changed);
        }
        return missed + changed + caughtUp;
    }

    /** Tickets on synced boards changed since then: unlinked ones in a trigger status, and the linked ones. */
    String conditions(Instant since) {
        String c = "lastUpdated > [" + since.truncatedTo(ChronoUnit.SECONDS) + "]";
        List<String> boards = settings.syncBoards();
        if (!boards.isEmpty()) {
            c += " AND board/name in (" + quoted(boards) + ")";
        }
        return c;
    }

    private boolean queueMissed(JsonNode t, TicketKind kind) {
        Long id = Json.number(t, "id");
        String board = Json.text(t, "board/name");
        String status = Json.text(t, "status/name");
        if (id == null || !rules.isSyncedBoard(board) || status == null
                || !status.equalsIgnoreCase(rules.triggerStatus(board))
                || inbox.hasUnfinished(NewTransaction.ticketKey(id))) { // its callback came and waits for a worker
            return false;
        }
        String updated = Optional.ofNullable(Json.text(t, "_info/lastUpdated")).orElse("");
        return record(id, kind, "reconciled", "reconcile:" + id + ":" + updated);
    }

    /**
     * A linked ticket at a version ({@code _info/lastUpdated}) the connector has not read: a change no callback
     * brought, synced now. The version a dispatch read is remembered (dispatch step {@code remember-ticket-version}).
     */
    private boolean queueChanged(JsonNode t, TicketKind kind) {
        long id = Json.number(t, "id");
        String updated = Json.text(t, "_info/lastUpdated");
        if (updated == null || !rules.isSyncedBoard(Json.text(t, "board/name"))) {
            return false;
        }
        if (watch.ticketVersion(id).map(updated::equals).orElse(false)) {
            return false;
        }
        return record(id, kind, "caught_up", "catchup:ticket:" + id + ":" + updated);
    }

    /** Records a ticket transaction as if its callback had come (once per dedup key) and wakes a worker for it. */
    private boolean record(long id, TicketKind kind, String action, String dedup) {
        String payload = Json.write(Json.object().put("ID", id).put("Type", "ticket").put("Action", action)
                .put("Entity", Json.write(Json.object().put("id", id).put("recordType", kind.recordType()))));
        Optional<Long> recorded = inbox.record(NewTransaction.forTicket("reconcile", dedup, "ticket." + action, id, payload));
        recorded.ifPresent(worker::wake);
        return recorded.isPresent();
    }

    private static String quoted(Iterable<String> values) {
        return java.util.stream.StreamSupport.stream(values.spliterator(), false)
                .map(v -> "\"" + v.replace("\"", "\\\"") + "\"").collect(Collectors.joining(", "));
    }
}
