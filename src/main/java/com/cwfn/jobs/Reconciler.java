package com.cwfn.jobs;

import com.cwfn.settings.Catalog;
import com.cwfn.connectwise.ConnectWiseClient.TicketKind;
import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.dispatch.DispatchRules;
import com.cwfn.http.RequestBudget;
import com.cwfn.inbox.InboxWorker;
import com.cwfn.json.Json;
import com.cwfn.mapping.Mappings;
import com.cwfn.settings.Settings;
import com.cwfn.store.InboxStore;
import com.cwfn.store.LinkStore;
import com.cwfn.store.NewEvent;
import com.cwfn.store.StateStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds tickets whose callback never came (ConnectWise drops callbacks): tickets in a trigger status on a
 * synced board, updated since the last run, that have no work order, are put in the inbox as if their
 * callback had arrived. Each run looks back ten minutes before the last one, to cover clock skew. Its calls go through
 * the ConnectWise budget at background priority (they never hold back a dispatch, and sit a pause out), and the list
 * is read with {@code fields=} for what the check needs.
 */
public class Reconciler {
    static final String SINCE = "reconcile.since";
    /** What {@link #queue} reads of each ticket found. */
    static final String FIELDS = "id,board/name,status/name,_info/lastUpdated";
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final long OVERLAP_MS = 10 * 60_000;

    private final ConnectWiseClient cw;
    private final LinkStore links;
    private final InboxStore inbox;
    private final StateStore state;
    private final Settings settings;
    private final Mappings mappings;
    private final DispatchRules rules;
    private final InboxWorker worker;
    private final Clock clock;

    public Reconciler(ConnectWiseClient cw, LinkStore links, InboxStore inbox, StateStore state, Settings settings,
            Mappings mappings, DispatchRules rules, InboxWorker worker, Clock clock) {
        this.cw = cw;
        this.links = links;
        this.inbox = inbox;
        this.state = state;
        this.settings = settings;
        this.mappings = mappings;
        this.rules = rules;
        this.worker = worker;
        this.clock = clock;
    }

    /** One pass, at background priority; answers how many missed tickets were queued. */
    public int run() {
        return RequestBudget.background(this::pass);
    }

    private int pass() {
        long now = clock.millis();
        long lookback = settings.integer(Catalog.RECONCILE_LOOKBACK_HOURS) * 3_600_000L;
        long since = state.get(SINCE).map(Long::parseLong).orElse(now - lookback) - OVERLAP_MS;
        String conditions = conditions(Instant.ofEpochMilli(since));
        int queued = 0;
        for (TicketKind kind : TicketKind.values()) {
            for (JsonNode t : cw.tickets(kind, conditions, FIELDS)) {
                if (queue(t, kind)) {
                    queued++;
                }
            }
        }
        state.put(SINCE, String.valueOf(now));
        if (queued > 0) {
            LOG.warn("reconciliation found {} ticket(s) in trigger status without a work order whose callback never "
                    + "came; dispatching them", queued);
        }
        return queued;
    }

    String conditions(Instant since) {
        Set<String> triggers = new LinkedHashSet<>();
        triggers.add(settings.triggerStatus());
        for (String board : mappings.current().boards()) {
            triggers.add(mappings.current().triggerStatus(board, settings.triggerStatus()));
        }
        String c = "status/name in (" + quoted(triggers) + ") AND lastUpdated > ["
                + since.truncatedTo(ChronoUnit.SECONDS) + "]";
        List<String> boards = settings.syncBoards();
        if (!boards.isEmpty()) {
            c += " AND board/name in (" + quoted(boards) + ")";
        }
        return c;
    }

    private boolean queue(JsonNode t, TicketKind kind) {
        Long id = Json.number(t, "id");
        String board = Json.text(t, "board/name");
        String status = Json.text(t, "status/name");
        if (id == null || !rules.isSyncedBoard(board) || status == null
                || !status.equalsIgnoreCase(rules.triggerStatus(board)) || links.find(id).isPresent()) {
            return false;
        }
        String updated = Optional.ofNullable(Json.text(t, "_info/lastUpdated")).orElse("");
        String payload = Json.write(Json.object().put("ID", id).put("Type", "ticket").put("Action", "reconciled")
                .put("Entity", Json.write(Json.object().put("id", id).put("recordType", kind.recordType()))));
        Optional<Long> event = inbox.record(NewEvent.forTicket("reconcile", "reconcile:" + id + ":" + updated,
                "ticket.reconciled", id, payload));
        event.ifPresent(worker::wake);
        return event.isPresent();
    }

    private static String quoted(Iterable<String> values) {
        return java.util.stream.StreamSupport.stream(values.spliterator(), false)
                .map(v -> "\"" + v.replace("\"", "\\\"") + "\"").collect(Collectors.joining(", "));
    }
}
