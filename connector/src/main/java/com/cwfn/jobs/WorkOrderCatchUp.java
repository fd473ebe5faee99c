package com.cwfn.jobs;

import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.inbox.InboxWorker;
import com.cwfn.json.Json;
import com.cwfn.store.InboxStore;
import com.cwfn.store.NewTransaction;
import com.cwfn.store.WatchStore.Seen;
import com.cwfn.store.WatchStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the linked open work orders back in batches ({@code GET /workorders?f_work_order_id=...}, 100 a call) and
 * puts in the inbox what changed since the last look and may have come without its webhook (Field Nation gives a
 * delivery up after about 21 minutes): a new status, new messages, new files. The events run through the usual sync
 * back, which copies each message and file once and does not undo a newer status, so a change the webhook did bring
 * costs a read and changes nothing. A work order first seen shows what it has so far.
 */
public class WorkOrderCatchUp {
    private static final Logger LOG = LoggerFactory.getLogger(WorkOrderCatchUp.class);
    private static final Set<String> CLOSED = Set.of("approved", "paid", "cancelled", "deleted");
    private static final Set<String> NOTHING_TO_TELL = Set.of("draft", "published", "routed");
    private final FieldNationClient fn;
    private final WatchStore watch;
    private final InboxStore inbox;
    private final InboxWorker worker;
    private final int batch;

    public WorkOrderCatchUp(FieldNationClient fn, WatchStore watch, InboxStore inbox, InboxWorker worker, int batch) {
        this.fn = fn;
        this.watch = watch;
        this.inbox = inbox;
        this.worker = worker;
        this.batch = batch;
    }

    /** One look at up to {@code batch} open linked work orders (those looked at longest ago first). */
    public int run() {
        List<Long> ids = watch.openLinked(batch);
        if (ids.isEmpty()) {
            return 0;
        }
        int queued = 0;
        for (JsonNode wo : fn.workOrdersById(ids)) {
            Long id = Json.number(wo, "id");
            if (id != null) {
                queued += look(id, wo);
            }
        }
        if (queued > 0) {
            LOG.warn("catch-up: {} change(s) of linked work orders put in the inbox (their webhooks may not have come)",
                    queued);
        }
        return queued;
    }

    private int look(long id, JsonNode wo) {
        String status = code(Json.text(wo, "status/name"));
        int messages = (int) wo.path("messages").path("metadata").path("total").asLong(0);
        int files = 0;
        for (JsonNode folder : wo.path("attachments").path("results")) {
            files += folder.path("results").size();
        }
        Optional<Seen> before = watch.find(id);
        List<String> events = new ArrayList<>();
        if (status != null && before.map(b -> !status.equals(b.status())).orElse(!NOTHING_TO_TELL.contains(status))
                && !inbox.lastStatusEventOf(id).map(("workorder.status." + status)::equals).orElse(false)) {
            events.add("workorder.status." + status); // no webhook brought it: the newest status event is another
        }
        if (messages > before.map(Seen::messages).orElse(0)) {
            events.add("workorder.message_posted");
        }
        if (files > before.map(Seen::files).orElse(0)) {
            events.add("workorder.provider_upload");
        }
        int queued = 0;
        for (String name : events) {
            // the time of the read: a status a webhook brings from later still wins (sync back keeps the newest)
            ObjectNode payload = Json.object().put("eventName", name).put("workOrderId", id)
                    .put("timestamp", Instant.now().toString());
            payload.putObject("data").put("source", "catch-up");
            // one event per state seen: the same change found twice is recorded once
            String dedup = "catchup:" + id + ":" + name + ":" + status + ":" + messages + ":" + files;
            Optional<Long> recorded = inbox.record(NewTransaction.forWorkOrder("reconcile", dedup, name, id, Json.write(payload)));
            recorded.ifPresent(worker::wake);
            queued += recorded.isPresent() ? 1 : 0;
        }
        watch.save(new Seen(id, status, messages, files, status != null && CLOSED.contains(status)));
        return queued;
    }

    /** "Work Done" -> work_done, the event name's form. */
    private static String code(String name) {
        return name == null ? null : name.trim().toLowerCase(Locale.ROOT).replace(' ', '_');
    }
}
