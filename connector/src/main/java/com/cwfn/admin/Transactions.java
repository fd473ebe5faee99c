package com.cwfn.admin;

import com.cwfn.inbox.InboxWorker;
import com.cwfn.json.Json;
import com.cwfn.store.Transaction;
import com.cwfn.store.InboxStore;
import com.cwfn.store.Link;
import com.cwfn.store.LinkStore;
import com.cwfn.store.NewTransaction;
import com.cwfn.store.SyncLog;
import com.cwfn.store.SyncedItemStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The sync transactions as operators see them: list, one with its log steps and payload, replay,
 * the link of a ticket with what was copied, and a manual dispatch trigger.
 */
public class Transactions {
    /** The statuses a transaction can have, for validating the list filter. */
    static final List<String> STATUSES = List.of(InboxStore.PENDING, InboxStore.PROCESSING, InboxStore.DONE,
            InboxStore.SKIPPED, InboxStore.IGNORED, InboxStore.COALESCED, InboxStore.FAILED);

    /** The directions a transaction can have, for validating the list filter. */
    static final List<String> DIRECTIONS = List.of(Transaction.CW_TO_FN, Transaction.FN_TO_CW);

    private final InboxStore inbox;
    private final SyncLog log;
    private final LinkStore links;
    private final SyncedItemStore items;
    private final InboxWorker worker;

    public Transactions(InboxStore inbox, SyncLog log, LinkStore links, SyncedItemStore items, InboxWorker worker) {
        this.inbox = inbox;
        this.log = log;
        this.links = links;
        this.items = items;
        this.worker = worker;
    }

    public ObjectNode list(String status, Long ticketId, Instant since, int limit) {
        return list(new InboxStore.Filter(status, null, ticketId, null, since == null ? null : since.toEpochMilli(),
                null), limit);
    }

    public ObjectNode list(InboxStore.Filter f, int limit) {
        List<Transaction> events = inbox.list(f, limit);
        ObjectNode out = Json.object();
        describe(f, out.putObject("filter")).put("limit", limit);
        out.put("count", events.size());
        ArrayNode a = out.putArray("transactions");
        events.forEach(e -> a.add(summary(e)));
        return out;
    }

    /** One transaction with its payload and the steps logged for it. */
    public Optional<ObjectNode> get(long id) {
        return inbox.find(id).map(e -> {
            ObjectNode o = summary(e);
            o.put("dedupKey", e.dedupKey()).put("entity", e.entityKey());
            o.set("payload", payload(e.payload()));
            ArrayNode steps = o.putArray("steps");
            for (SyncLog.Entry s : log.forTransaction(id)) {
                ObjectNode st = steps.addObject().put("at", Instant.ofEpochMilli(s.at()).toString())
                        .put("step", s.step()).put("outcome", s.outcome()).put("detail", s.detail());
                if (s.workOrderId() != null) {
                    st.put("workOrder", s.workOrderId());
                }
            }
            return o;
        });
    }

    /** The outcome of a replay request. */
    public enum Replay { REPLAYED, NOT_FOUND, BUSY }

    /** Puts a finished transaction back to pending and queues it; BUSY while it is pending or processing. */
    public Replay replay(long id) {
        Optional<Transaction> e = inbox.find(id);
        if (e.isEmpty()) {
            return Replay.NOT_FOUND;
        }
        if (!inbox.replay(id)) {
            return Replay.BUSY;
        }
        worker.wake(id);
        return Replay.REPLAYED;
    }

    /** Replays every failed transaction matching {@code f} (its status is taken as failed), at most {@code max}. */
    public ObjectNode replayFailed(InboxStore.Filter f, int max) {
        InboxStore.Filter failed = new InboxStore.Filter(InboxStore.FAILED, f.direction(), f.ticketId(),
                f.workOrderId(), f.since(), f.until());
        ObjectNode out = Json.object();
        describe(failed, out.putObject("filter"));
        ArrayNode ids = Json.array();
        for (Transaction e : inbox.list(failed, max)) {
            if (replay(e.id()) == Replay.REPLAYED) {
                ids.add(e.id());
            }
        }
        out.put("status", "replayed").put("replayed", ids.size()).set("transactions", ids);
        return out;
    }

    private static ObjectNode describe(InboxStore.Filter f, ObjectNode o) {
        o.put("status", f.status()).put("direction", f.direction());
        putOrNull(o, "ticket", f.ticketId());
        putOrNull(o, "workOrder", f.workOrderId());
        o.put("since", f.since() == null ? null : Instant.ofEpochMilli(f.since()).toString());
        o.put("until", f.until() == null ? null : Instant.ofEpochMilli(f.until()).toString());
        return o;
    }

    private static void putOrNull(ObjectNode o, String name, Long v) {
        if (v == null) {
            o.putNull(name);
        } else {
            o.put(name, v);
        }
    }

    public Optional<ObjectNode> link(long ticketId) {
        Optional<Link> l = links.find(ticketId);
        List<SyncedItemStore.Item> copied = items.forTicket(ticketId);
        if (l.isEmpty() && copied.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode o = Json.object().put("ticket", ticketId);
        if (l.isPresent()) {
            Link k = l.get();
            ObjectNode lo = o.putObject("link");
            lo.put("state", k.state()).put("recordType", k.recordType()).put("board", k.board())
                    .put("origin", k.origin()).put("createdAt", Instant.ofEpochMilli(k.createdAt()).toString())
                    .put("updatedAt", Instant.ofEpochMilli(k.updatedAt()).toString());
            if (k.workOrderId() == null) {
                lo.putNull("workOrderId");
            } else {
                lo.put("workOrderId", k.workOrderId());
            }
            lo.set("lastSent", payload(k.lastSent()));
        } else {
            o.putNull("link");
        }
        ArrayNode a = o.putArray("syncedItems");
        copied.forEach(i -> a.addObject().put("kind", i.kind()).put("key", i.key()).put("state", i.state())
                .put("targetId", i.targetId()));
        return Optional.of(o);
    }

    /** Records a manual dispatch of a ticket, as a callback would, and queues it; answers the transaction. */
    public ObjectNode dispatch(long ticketId) {
        String messageId = UUID.randomUUID().toString();
        String payload = Json.write(Json.object().put("MessageId", messageId).put("Action", "updated")
                .put("Type", "ticket").put("ID", ticketId).put("Source", "admin"));
        long id = inbox.record(NewTransaction.forTicket("admin", "admin:" + messageId, "ticket.updated", ticketId, payload))
                .orElseThrow(() -> new IllegalStateException("a fresh manual dispatch id was taken"));
        worker.wake(id);
        return Json.object().put("status", "accepted").put("transaction", id).put("ticket", ticketId)
                .put("detail", "queued like a ConnectWise callback; see GET /admin/transactions/" + id);
    }

    private static ObjectNode summary(Transaction e) {
        ObjectNode o = Json.object().put("id", e.id()).put("source", e.source()).put("direction", e.direction())
                .put("event", e.eventType());
        if (e.ticketId() == null) {
            o.putNull("ticket");
        } else {
            o.put("ticket", e.ticketId());
        }
        if (e.workOrderId() == null) {
            o.putNull("workOrder");
        } else {
            o.put("workOrder", e.workOrderId());
        }
        o.put("status", e.status()).put("attempts", e.attempts()).put("step", e.step())
                .put("error", e.lastError()).put("outcome", e.outcome())
                .put("receivedAt", Instant.ofEpochMilli(e.receivedAt()).toString())
                .put("updatedAt", Instant.ofEpochMilli(e.updatedAt()).toString())
                .put("finishedAt", e.finishedAt() == null ? null : Instant.ofEpochMilli(e.finishedAt()).toString());
        if (InboxStore.PENDING.equals(e.status())) {
            o.put("nextAttemptAt", Instant.ofEpochMilli(e.nextAttemptAt()).toString());
        }
        return o;
    }

    /** A stored JSON text as JSON, or as text when it is not JSON. */
    private static JsonNode payload(String text) {
        if (text == null) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        try {
            return Json.parse(text);
        } catch (RuntimeException e) {
            return Json.MAPPER.getNodeFactory().textNode(text);
        }
    }
}
