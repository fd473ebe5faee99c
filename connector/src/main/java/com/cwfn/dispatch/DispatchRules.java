package com.cwfn.dispatch;

import com.cwfn.inbox.Outcome;
import com.cwfn.json.Json;
import com.cwfn.mapping.Mappings;
import com.cwfn.settings.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which tickets dispatch: a ticket on a synced board ({@code sync.boards}, empty = all) in the trigger status
 * of its board (mappings.yaml, else {@code sync.trigger-status}). A ticket that is linked already keeps
 * syncing (updates, notes, documents) whatever its status.
 *
 * <p>Owner- and board-level callbacks fire on every edit of every ticket. Their {@code Entity}, the ticket as it was,
 * is part of the signed body: when it shows a ticket that is not linked and not in a trigger status on a synced
 * board, the callback is skipped before the ticket is read ({@link #checkCallback}), at no cost in ConnectWise calls.
 */
public class DispatchRules {
    private static final Logger LOG = LoggerFactory.getLogger(DispatchRules.class);
    /** Event types of schedule callbacks: {@code schedule.added}, {@code schedule.updated}. */
    static final String SCHEDULE_EVENT = "schedule.";
    private final Settings settings;
    private final Mappings mappings;

    public DispatchRules(Settings settings, Mappings mappings) {
        this.settings = settings;
        this.mappings = mappings;
    }

    /**
     * Before the ticket is read: null (outcome skipped, with the reason) when the callback's signed {@code Entity}
     * shows an unlinked ticket that does not dispatch; else the dispatch goes on (null passes through). An unsigned
     * callback ({@code connectwise.verify-signature=false}), or one without a board and status in its Entity (a
     * reconciliation, a trigger by hand), is read.
     */
    public Dispatch checkCallback(Dispatch d, Exchange exchange) {
        if (d != null && d.transaction.eventType().startsWith(SCHEDULE_EVENT) && (d.link == null || !d.link.isLinked())) {
            return skip(exchange, "schedule entry of ticket " + d.ticketId + ", which has no work order: nothing to "
                    + "sync (from the schedule callback's signed Entity; nothing was read)");
        }
        if (d == null || d.link != null && d.link.isLinked() || !settings.verifySignature()) {
            return d;
        }
        JsonNode entity = entity(d.transaction.payload());
        String board = Json.text(entity, "board/name");
        String status = Json.text(entity, "status/name");
        if (board == null || status == null) {
            return d;
        }
        String why = whyNot(d.ticketId, board, status);
        return why == null ? d : skip(exchange, why + " (from the callback's signed Entity; the ticket was not read)");
    }

    /**
     * The dispatch when it goes on; null (outcome skipped, reason logged) when the ticket does not sync. A linked
     * ticket that was deleted goes on (its work order is cancelled). A ticket claimed for a create whose work order
     * is unknown (the create's answer was lost, or the process died), now off its trigger status or deleted, goes on
     * to have its claim settled first ({@link ClaimSettler}): a cancel racing the create must not leave a live work
     * order behind.
     */
    public Dispatch check(Dispatch d, Exchange exchange) {
        if (d == null) {
            return null;
        }
        boolean linked = d.link != null && d.link.isLinked();
        if (d.deleted) {
            d.claimToSettle = !linked;
            return d;
        }
        if (!isSyncedBoard(d.board)) {
            return skip(exchange, notSynced(d.ticketId, d.board));
        }
        if (linked) {
            return d;
        }
        String why = whyNot(d.ticketId, d.board, Json.text(d.ticket, "status/name"));
        if (why != null && d.link != null) {
            d.claimToSettle = true;
            return d;
        }
        return why == null ? d : skip(exchange, why);
    }

    /** Why an unlinked ticket on this board in this status does not dispatch; null when it does. */
    private String whyNot(long ticketId, String board, String status) {
        if (!isSyncedBoard(board)) {
            return notSynced(ticketId, board);
        }
        String trigger = triggerStatus(board);
        if (status == null || !status.equalsIgnoreCase(trigger)) {
            return "ticket " + ticketId + " is in status '" + status + "', not the trigger status '" + trigger
                    + "' of board '" + board + "'";
        }
        return null;
    }

    private String notSynced(long ticketId, String board) {
        return "ticket " + ticketId + " is on board '" + board + "', which is not in sync.boards " + settings.syncBoards();
    }

    public boolean isSyncedBoard(String board) {
        List<String> boards = settings.syncBoards();
        return boards.isEmpty() || (board != null && boards.stream().anyMatch(b -> b.equalsIgnoreCase(board)));
    }

    public String triggerStatus(String board) {
        return mappings.current().triggerStatus(board, settings.triggerStatus());
    }

    /** The callback's Entity (JSON text in the body, or an object), or an empty object when there is none or it does not parse. */
    static JsonNode entity(String payload) {
        try {
            JsonNode e = Json.parse(payload).get("Entity");
            if (e != null && e.isTextual() && !e.asText().isBlank()) {
                e = Json.parse(e.asText());
            }
            return e != null && e.isObject() ? e : Json.object();
        } catch (RuntimeException e) {
            return Json.object();
        }
    }

    private static Dispatch skip(Exchange exchange, String why) {
        LOG.info("skipped: {}", why);
        Outcome.skipped(exchange, why);
        return null;
    }
}
