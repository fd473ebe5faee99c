package com.cwfn.sandbox.fieldnation;

import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxException;
import com.cwfn.sandbox.fieldnation.FnModel.Webhook;
import com.cwfn.sandbox.fieldnation.FnModel.WorkOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Raises events: records each one (with the work order as it is now) and queues one signed delivery per active
 * webhook subscribed to it. Called under the store lock, so the event order is the change order.
 */
final class FnEmitter {
    private final FnStore store;

    FnEmitter(FnStore store) {
        this.store = store;
    }

    List<FnEvent> events() {
        synchronized (store) {
            return List.copyOf(store.events);
        }
    }

    void emit(WorkOrder wo, String name, long actor, Integer previousStatus, Consumer<ObjectNode> extra) {
        ObjectNode params = Json.object();
        if (store.stringWorkOrderIdInParams) {
            params.put("work_order_id", String.valueOf(wo.id));
        } else {
            params.put("work_order_id", wo.id);
        }
        params.put("status_id", wo.status);
        if (previousStatus != null) {
            params.put("previous_status_id", previousStatus);
        }
        extra.accept(params);
        ObjectNode snapshot = store.view.render(wo);
        Instant now = Instant.now();
        String trace = UUID.randomUUID().toString();
        store.events.add(new FnEvent(trace, name, wo.id, actor, now, params, snapshot));
        List<Webhook> targets = new ArrayList<>();
        for (Webhook w : store.webhookById.values()) {
            if ("active".equals(w.status) && w.events.contains(name)) {
                targets.add(w);
            }
        }
        if (targets.isEmpty()) {
            return;
        }
        ObjectNode envelope = Json.object();
        String timestamp = FnTime.isoOffset(now, store.eventZone);
        if (store.flatWebhookShape) {
            envelope.put("eventName", name);
            envelope.put("eventId", trace);
            envelope.put("workOrderId", wo.id);
            envelope.put("timestamp", timestamp);
            envelope.set("data", snapshot);
        } else {
            ObjectNode event = envelope.putObject("event");
            event.put("name", name);
            event.set("params", params);
            envelope.put("timestamp", timestamp);
            envelope.putObject("triggered_by_user").put("id", actor);
            envelope.set("workorder", snapshot);
        }
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(envelope);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        int generation = store.dispatcher.generation();
        for (Webhook w : targets) {
            WebhookDispatcher.Target t = new WebhookDispatcher.Target(w.webhookId, w.url, w.method, w.secret,
                    Map.copyOf(w.headers));
            store.dispatcher.submit(new WebhookDispatcher.Job(t, name, trace, wo.id, body, UUID.randomUUID().toString(),
                    generation));
        }
    }

    /** PATCH delivery-logs/{id}/retry: a new delivery (new uuid) of the same payload. */
    String redeliver(String deliveryUuid) {
        WebhookDispatcher.Job job = store.dispatcher.job(deliveryUuid);
        if (job == null) {
            throw new SandboxException(404, "Delivery not found: " + deliveryUuid);
        }
        String uuid = UUID.randomUUID().toString();
        store.dispatcher.submit(new WebhookDispatcher.Job(job.target(), job.eventName(), job.traceId(),
                job.workOrderId(), job.body(), uuid, store.dispatcher.generation()));
        return uuid;
    }
}
