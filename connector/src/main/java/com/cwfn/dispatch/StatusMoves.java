package com.cwfn.dispatch;

import com.cwfn.inbox.Outcome;
import com.cwfn.json.Json;
import com.cwfn.mapping.Mappings;
import com.cwfn.mapping.StatusAction;
import com.cwfn.store.Link;
import com.cwfn.store.LinkStore;
import com.cwfn.store.SyncLog;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the linked ticket's status asks of its work order ({@code statusActions} in {@code mappings.yaml}), once per
 * move of the status. The link remembers the status the connector last saw ({@code cw_status}): a ticket still in it
 * asks nothing (repeated callbacks, replays, later edits); a move to another status is recorded in one statement
 * with its action pending, so a retry, a replay or another instance after a crash goes on with that action and never
 * starts a second one. A move to the status the connector wrote itself from a Field Nation event ({@code own_status})
 * is nobody's request: no echo. A deleted ticket asks for {@code cancel}. A link made before this step existed takes
 * the status it first sees as its start. The dispatch rule that applies to the ticket now (step {@code choose-rule})
 * lays its own {@code statusActions} over the board's.
 *
 * <p>A ticket that sits in a status whose action is {@code cancel} ends its dispatch here: its work order is
 * cancelled (or held for a person), and nothing of the ticket goes to it any more.
 */
public class StatusMoves {
    /** The status a deleted ticket is recorded in (no ConnectWise status has parentheses in its name). */
    public static final String DELETED = "(deleted in ConnectWise)";
    private static final Logger LOG = LoggerFactory.getLogger(StatusMoves.class);
    private static final int TRIES = 3;
    private final LinkStore links;
    private final Mappings mappings;
    private final SyncLog log;

    public StatusMoves(LinkStore links, Mappings mappings, SyncLog log) {
        this.links = links;
        this.mappings = mappings;
        this.log = log;
    }

    /** The dispatch with the action to do now (or none); null when the ticket sits in a cancel status. */
    public Dispatch find(Dispatch d, Exchange exchange) {
        if (d == null) {
            return null;
        }
        for (int i = 0; i < TRIES; i++) {
            Link link = links.find(d.ticketId).orElse(null);
            if (link == null || !link.isLinked()) {
                return d; // not dispatched yet: the create records the status it dispatched in
            }
            d.link = link;
            d.workOrderId = link.workOrderId();
            if (link.pendingAction() != null) {
                return pending(d, link);
            }
            String status = d.deleted ? DELETED : Json.text(d.ticket, "status/name");
            if (status == null) {
                return d;
            }
            if (link.cwStatus() == null && !d.deleted) {
                links.seeStatus(d.ticketId, status);
                return d;
            }
            if (status.equalsIgnoreCase(link.cwStatus())) {
                return sits(d, status, exchange);
            }
            boolean own = status.equalsIgnoreCase(link.ownStatus());
            StatusAction action = own ? null : d.deleted ? StatusAction.CANCEL
                    : mappings.current().statusActionFor(d.board, d.rule(), status).orElse(null);
            if (links.recordStatusMove(d.ticketId, link.statusSeq(), status, action == null ? null
                    : action.yamlName(), own)) {
                moved(d, link, status, action, own);
                return action == null ? sits(d, status, exchange) : d;
            }
            // another worker recorded a move of this ticket meanwhile (a claim that expired): look again
        }
        throw new IllegalStateException("the status of ticket " + d.ticketId + " kept moving while it was recorded; "
                + "tried " + TRIES + " times");
    }

    private Dispatch pending(Dispatch d, Link link) {
        d.action = StatusAction.byName(link.pendingAction()).orElseThrow(() -> new IllegalStateException("ticket "
                + d.ticketId + " has an unknown pending action '" + link.pendingAction() + "'"));
        d.moveSeq = link.statusSeq();
        d.movedTo = link.cwStatus();
        LOG.info("ticket {}: the {} action of its move to '{}' is under way; going on with it", d.ticketId,
                d.action.yamlName(), d.movedTo);
        return d;
    }

    private void moved(Dispatch d, Link link, String status, StatusAction action, boolean own) {
        d.action = action;
        d.moveSeq = link.statusSeq() + 1;
        d.movedTo = status;
        String what = "'" + link.cwStatus() + "' -> '" + status + "': " + (own ? "the connector's own status (from "
                + "Field Nation), no action" : action == null ? "no status action" : action.yamlName()
                + " work order " + link.workOrderId());
        log.append(d.transaction.id(), d.transaction.direction(), d.ticketId, link.workOrderId(), "find-status-action", "ok", what);
        LOG.info("ticket {} status {}", d.ticketId, what);
    }

    /** A ticket in a status that acts no (more): a cancel status ends the dispatch, any other lets it go on. */
    private Dispatch sits(Dispatch d, String status, Exchange exchange) {
        if (d.deleted || mappings.current().statusActionFor(d.board, d.rule(), status).orElse(null)
                == StatusAction.CANCEL) {
            Outcome.skipped(exchange, "ticket " + d.ticketId + " is " + (d.deleted ? "deleted" : "in status '" + status
                    + "'") + ", whose action cancels work order " + d.workOrderId + ": nothing goes to it any more");
            return null;
        }
        return d;
    }
}
