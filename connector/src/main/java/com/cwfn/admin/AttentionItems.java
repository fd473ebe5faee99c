package com.cwfn.admin;

import com.cwfn.dispatch.AttentionChoice;
import com.cwfn.dispatch.CancelWorkOrder;
import com.cwfn.http.Refusal;
import com.cwfn.http.RemoteCallException;
import com.cwfn.inbox.InboxWorker;
import com.cwfn.json.Json;
import com.cwfn.notify.NeedsAttention;
import com.cwfn.store.AttentionStore;
import com.cwfn.store.Transaction;
import com.cwfn.store.InboxStore;
import com.cwfn.store.NewTransaction;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The things that wait for a person ("needs attention") in the admin API and the console: the list (each open item
 * with an action says what Field Nation will do when it is pressed, as Field Nation has the work order now), a
 * person's choice of an item's action (recorded once as a transaction of its ticket, worked by
 * routes/attention.camel.yaml), and dismissing an item.
 */
public class AttentionItems {
    static final List<String> STATES = List.of(AttentionStore.OPEN, AttentionStore.ACTING, AttentionStore.DONE,
            AttentionStore.DISMISSED);
    private static final int LIMIT = 200;
    private final AttentionStore items;
    private final InboxStore inbox;
    private final InboxWorker worker;
    private final CancelWorkOrder cancel;

    public AttentionItems(AttentionStore items, InboxStore inbox, InboxWorker worker, CancelWorkOrder cancel) {
        this.items = items;
        this.inbox = inbox;
        this.worker = worker;
        this.cancel = cancel;
    }

    /** Items in a state (null: open and acting), newest first, at most 200; open ones with their action's preview. */
    public ObjectNode list(String state, Long ticketId) {
        List<AttentionStore.Item> found = state == null
                ? concat(items.list(AttentionStore.OPEN, ticketId, LIMIT), items.list(AttentionStore.ACTING, ticketId,
                LIMIT)) : items.list(state, ticketId, LIMIT);
        ObjectNode o = Json.object().put("count", found.size()).put("open", items.countOpen());
        ArrayNode a = o.putArray("items");
        found.forEach(i -> a.add(describe(i, i.isOpen())));
        return o;
    }

    /** A person chooses an item's action: one transaction of its ticket, however often it is pressed. */
    public ObjectNode act(long id, String by) {
        AttentionStore.Item item = item(id);
        if (item.action() == null) {
            throw new Refusal(409, "no action", "item " + id + " has no action; dismiss it when it is dealt with");
        }
        if (!item.isOpen()) {
            throw new Refusal(409, "not open", "item " + id + " is " + item.state() + "; its action was chosen or it was settled");
        }
        Optional<Long> recorded = inbox.record(NewTransaction.forTicket("admin", "attention:" + id + ":act",
                Transaction.ATTENTION_PREFIX + item.action(), item.ticketId(), AttentionChoice.payload(id, by)));
        if (recorded.isEmpty()) {
            throw new Refusal(409, "chosen already", "item " + id + "'s action was chosen already");
        }
        items.settle(id, AttentionStore.OPEN, AttentionStore.ACTING, by, null);
        worker.wake(recorded.get());
        ObjectNode o = Json.object().put("status", "accepted").put("transaction", recorded.get());
        o.set("item", describe(items.find(id).orElseThrow(), false));
        return o;
    }

    /** A person says an item is dealt with. */
    public ObjectNode dismiss(long id, String by) {
        item(id);
        if (!items.settle(id, AttentionStore.OPEN, AttentionStore.DISMISSED, by, "dismissed")) {
            throw new Refusal(409, "not open", "item " + id + " is not open");
        }
        return Json.object().put("status", "dismissed").set("item", describe(items.find(id).orElseThrow(), false));
    }

    private AttentionStore.Item item(long id) {
        return items.find(id).orElseThrow(() -> new Refusal(404, "no such item", "there is no item " + id + " that needs attention"));
    }

    private ObjectNode describe(AttentionStore.Item i, boolean withPreview) {
        ObjectNode o = Json.object().put("id", i.id()).put("kind", i.kind()).put("state", i.state())
                .put("title", i.title()).put("detail", i.detail()).put("action", i.action())
                .put("actionLabel", label(i.action()));
        o.put("ticket", i.ticketId());
        o.put("workOrder", i.workOrderId());
        o.put("transaction", i.transactionId());
        o.put("createdAt", Instant.ofEpochMilli(i.createdAt()).toString());
        o.put("resolvedAt", i.resolvedAt() == null ? null : Instant.ofEpochMilli(i.resolvedAt()).toString());
        o.put("resolvedBy", i.resolvedBy()).put("resolution", i.resolution());
        if (withPreview && i.action() != null) {
            o.put("preview", preview(i));
        }
        return o;
    }

    /** What Field Nation does when the action is pressed now (read from Field Nation, best effort). */
    private String preview(AttentionStore.Item i) {
        if (!NeedsAttention.CANCEL_WORK_ORDER.equals(i.action()) || i.workOrderId() == null) {
            return null;
        }
        try {
            return cancel.preview(i.workOrderId());
        } catch (RemoteCallException e) {
            return "Field Nation cancels work order #" + i.workOrderId() + " (its state could not be read now: "
                    + e.getMessage() + ").";
        }
    }

    private static String label(String action) {
        return NeedsAttention.CANCEL_WORK_ORDER.equals(action) ? "Cancel work order" : null;
    }

    private static List<AttentionStore.Item> concat(List<AttentionStore.Item> a, List<AttentionStore.Item> b) {
        List<AttentionStore.Item> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        out.sort((x, y) -> Long.compare(y.id(), x.id()));
        return out;
    }
}
