package com.cwfn.dispatch;

import com.cwfn.connectwise.ConnectWiseClient.TicketKind;
import com.cwfn.inbox.InboxWorker;
import com.cwfn.inbox.Outcome;
import com.cwfn.json.Json;
import com.cwfn.mapping.StatusAction;
import com.cwfn.notify.NeedsAttention;
import com.cwfn.store.AttentionStore;
import com.cwfn.store.Transaction;
import com.cwfn.store.InboxStore;
import com.cwfn.store.Link;
import com.cwfn.store.LinkStore;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.slf4j.MDC;

/**
 * A person's choice on an item that needs attention, as routes/attention.camel.yaml works it: {@link #start} finds
 * the item (only one a person chose, state {@code acting}) and the work order it is about, and makes the dispatch
 * its action step works on; {@link #close} settles the item with what was done and who chose it. The transaction's
 * payload is {@code {"item": id, "by": who}}, recorded once per item by the admin API.
 */
public class AttentionChoice {
    private final AttentionStore items;
    private final LinkStore links;
    private final InboxStore inbox;

    public AttentionChoice(AttentionStore items, LinkStore links, InboxStore inbox) {
        this.items = items;
        this.links = links;
        this.inbox = inbox;
    }

    /** The payload of the transaction a person's choice records. */
    public static String payload(long itemId, String by) {
        return Json.write(Json.object().put("item", itemId).put("by", by));
    }

    public Dispatch start(Exchange exchange) {
        Transaction e = InboxWorker.Context.transaction(exchange);
        long itemId = Json.parse(e.payload()).path("item").asLong();
        AttentionStore.Item item = items.find(itemId).orElse(null);
        if (item == null || !AttentionStore.ACTING.equals(item.state())) {
            Outcome.skipped(exchange, "item " + itemId + " needs no action (it is " + (item == null ? "gone"
                    : item.state()) + ")");
            return null;
        }
        Link link = item.ticketId() == null ? null : links.find(item.ticketId()).orElse(null);
        if (link == null || !link.isLinked()) {
            Outcome.done(exchange, "ticket " + item.ticketId() + " has no work order any more; nothing to do");
            return null;
        }
        Dispatch d = new Dispatch(e, link.ticketId());
        d.link = link;
        d.workOrderId = link.workOrderId();
        d.kind = TicketKind.of(link.recordType());
        d.board = link.board();
        d.heldItemId = itemId;
        d.heldKind = item.kind();
        d.action = NeedsAttention.CANCEL_WORK_ORDER.equals(item.action()) ? StatusAction.CANCEL : null;
        inbox.setWorkOrder(e.id(), d.workOrderId);
        MDC.put("workOrder", String.valueOf(d.workOrderId));
        return d;
    }

    /** Settles the item the choice was about: done, with the transaction's outcome and who chose it. */
    public void close(Exchange exchange) {
        Transaction e = InboxWorker.Context.transaction(exchange);
        JsonNode p = Json.parse(e.payload());
        items.settle(p.path("item").asLong(), AttentionStore.ACTING, AttentionStore.DONE, Json.text(p, "by"),
                exchange.getProperty(InboxWorker.OUTCOME_TEXT, String.class));
    }
}
