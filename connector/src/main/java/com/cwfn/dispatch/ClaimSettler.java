package com.cwfn.dispatch;

import com.cwfn.inbox.Outcome;
import com.cwfn.store.InboxStore;
import com.cwfn.store.Link;
import com.cwfn.store.LinkStore;
import com.cwfn.store.SyncLog;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Settles a claim whose create never answered, for a ticket that no longer dispatches (moved off its trigger status,
 * or deleted): a cancel racing the create. Field Nation is asked first ({@link WorkOrderFinder}, as a retried create
 * would): a work order it has is linked, without sending it anything, as if dispatched in the trigger status, so the
 * ticket's move (say, to Cancelled) acts on it next; when it has none the claim is dropped, and nothing is created.
 */
public class ClaimSettler {
    private static final Logger LOG = LoggerFactory.getLogger(ClaimSettler.class);
    private final WorkOrderWriter writer;
    private final LinkStore links;
    private final InboxStore inbox;
    private final DispatchRules rules;
    private final SyncLog log;

    public ClaimSettler(WorkOrderWriter writer, LinkStore links, InboxStore inbox, DispatchRules rules, SyncLog log) {
        this.writer = writer;
        this.links = links;
        this.inbox = inbox;
        this.rules = rules;
        this.log = log;
    }

    /** The dispatch, with its work order linked when Field Nation has one; null (skipped) when it has none. */
    public Dispatch settle(Dispatch d, Exchange exchange) {
        if (d == null || !d.claimToSettle) {
            return d;
        }
        Link claim = links.find(d.ticketId).orElse(null);
        if (claim == null) {
            Outcome.skipped(exchange, "ticket " + d.ticketId + " has no claim any more; nothing to do");
            return null;
        }
        if (claim.isLinked()) {
            d.link = claim;
            return d;
        }
        String now = d.deleted ? "deleted" : "in status '" + d.ticket.path("status").path("name").asText() + "'";
        Optional<Long> found = writer.findByTicketId(d.ticketId, claim.createdAt());
        if (found.isEmpty()) {
            links.abandonCreate(d.ticketId);
            String why = "ticket " + d.ticketId + " is " + now + "; its work order was never created in Field Nation, "
                    + "so the claim for it is dropped and none is created";
            LOG.info(why);
            Outcome.skipped(exchange, why);
            return null;
        }
        long woId = found.get();
        links.linked(d.ticketId, woId, "{}");
        links.seeStatus(d.ticketId, rules.triggerStatus(claim.board()));
        inbox.setWorkOrder(d.transaction.id(), woId);
        MDC.put("workOrder", String.valueOf(woId));
        d.link = links.find(d.ticketId).orElseThrow();
        d.workOrderId = woId;
        log.append(d.transaction.id(), d.transaction.direction(), d.ticketId, woId, "settle-claim", "ok", "work order " + woId
                + " was created before the ticket went " + now + "; linked to act on it");
        LOG.warn("ticket {} is {}: work order {} created for it before is linked now", d.ticketId, now, woId);
        return d;
    }
}
