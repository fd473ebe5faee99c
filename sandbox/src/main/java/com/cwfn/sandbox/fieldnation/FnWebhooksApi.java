package com.cwfn.sandbox.fieldnation;

import static com.cwfn.sandbox.fieldnation.FieldNationSandbox.WEBHOOKS_PREFIX;
import static com.cwfn.sandbox.fieldnation.FnHttp.intQuery;
import static com.cwfn.sandbox.fieldnation.FnHttp.ok;
import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxException;
import com.cwfn.sandbox.SandboxRequest;
import com.cwfn.sandbox.SandboxResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The Webhooks v3 management API of the Field Nation sandbox: the event catalog, webhook registrations, delivery logs
 * (with their log files) and redelivery, in v3's {@code {"metadata","result"}} envelope.
 */
final class FnWebhooksApi {
    private final FnStore store;
    private final long apiUserId;
    private final Supplier<String> baseUrl;

    FnWebhooksApi(FnStore store, long apiUserId, Supplier<String> baseUrl) {
        this.store = store;
        this.apiUserId = apiUserId;
        this.baseUrl = baseUrl;
    }

    void register(FnRouteTable t) {
        t.route("GET", WEBHOOKS_PREFIX + "/events", this::eventCatalog);
        t.route("GET", WEBHOOKS_PREFIX + "/delivery-logs", this::deliveryLogs);
        t.route("GET", WEBHOOKS_PREFIX + "/delivery-logs/{deliveryId}", this::deliveryLog);
        t.route("PATCH", WEBHOOKS_PREFIX + "/delivery-logs/{deliveryId}/retry", this::retryDelivery);
        t.route("GET", WEBHOOKS_PREFIX, this::listWebhooks);
        t.route("POST", WEBHOOKS_PREFIX, r -> ok(v3(store.webhooks.createWebhook(r.json(), apiUserId))));
        t.route("GET", WEBHOOKS_PREFIX + "/{webhookId}", r -> ok(v3(store.webhooks.getWebhook(r.pathVar("webhookId"),
                r.query("webhookAttribute") != null && r.query("webhookAttribute").contains("header")))));
        t.route("PUT", WEBHOOKS_PREFIX + "/{webhookId}",
                r -> ok(v3(store.webhooks.updateWebhook(r.pathVar("webhookId"), r.json(), apiUserId))));
        t.route("DELETE", WEBHOOKS_PREFIX + "/{webhookId}",
                r -> ok(v3(store.webhooks.deleteWebhook(r.pathVar("webhookId")))));
        t.route("GET", WEBHOOKS_PREFIX + "/{webhookId}/history", r -> {
            ArrayNode h = store.webhooks.webhookHistory(r.pathVar("webhookId"));
            ObjectNode o = v3(h);
            ((ObjectNode) o.get("metadata")).put("count", h.size()).put("total", h.size());
            return ok(o);
        });
    }

    static ObjectNode v3(JsonNode result) {
        ObjectNode o = Json.object();
        o.putObject("metadata").put("timestamp", FnTime.isoUtc(Instant.now()));
        o.set("result", result);
        return o;
    }

    static ObjectNode v3Error(int status, String message, String path) {
        ObjectNode o = Json.object();
        ObjectNode md = o.putObject("metadata");
        md.put("timestamp", FnTime.isoUtc(Instant.now()));
        md.put("path", path);
        ObjectNode e = o.putArray("errors").addObject();
        e.put("code", status);
        e.put("message", message);
        o.putObject("result");
        return o;
    }

    private SandboxResponse eventCatalog(SandboxRequest r) {
        String model = r.query("model");
        ArrayNode result = Json.array();
        if (model == null || model.isBlank() || "workorder".equalsIgnoreCase(model)) {
            FnEvents.CATALOG.forEach((name, ld) -> {
                ObjectNode e = result.addObject();
                e.put("name", name);
                e.put("label", ld[0]);
                e.put("description", ld[1]);
                e.put("model", "WorkOrder");
            });
        }
        ObjectNode o = v3(result);
        ObjectNode q = ((ObjectNode) o.get("metadata")).putObject("query");
        if (model != null) {
            q.put("model", model);
        }
        return ok(o);
    }

    private SandboxResponse listWebhooks(SandboxRequest r) {
        List<ObjectNode> all = new ArrayList<>(store.webhooks.webhookList());
        String status = r.query("status");
        String webhookId = r.query("webhookId");
        String search = r.query("search");
        all.removeIf(w -> (status != null && !status.equalsIgnoreCase(w.path("status").asText()))
                || (webhookId != null && !webhookId.equals(w.path("webhookId").asText()))
                || (search != null && !w.toString().toLowerCase(Locale.ROOT).contains(search.toLowerCase(Locale.ROOT))));
        String sortBy = r.query("sortBy") == null ? "id" : r.query("sortBy");
        Comparator<ObjectNode> cmp = "id".equals(sortBy)
                ? Comparator.comparingLong(w -> w.path("id").asLong())
                : Comparator.comparing(w -> w.path(sortBy).asText(""));
        all.sort("ASC".equalsIgnoreCase(r.query("sortDirection")) ? cmp : cmp.reversed());
        return ok(page(all, r, 25, 1000));
    }

    private ObjectNode page(List<ObjectNode> all, SandboxRequest r, int dfltPerPage, int maxPerPage) {
        int perPage = Math.max(1, Math.min(maxPerPage, intQuery(r, "perPage", dfltPerPage)));
        int page = Math.max(1, intQuery(r, "page", 1));
        ArrayNode result = Json.array();
        for (int i = (page - 1) * perPage; i < Math.min(all.size(), page * perPage); i++) {
            result.add(all.get(i));
        }
        ObjectNode o = v3(result);
        ((ObjectNode) o.get("metadata")).put("count", result.size()).put("total", all.size());
        return o;
    }

    private ObjectNode deliveryLogInfo(WebhookDelivery d) {
        ObjectNode o = Json.object();
        o.put("deliveryId", d.deliveryId());
        o.put("webhookId", d.webhookId());
        o.put("workOrderId", d.workOrderId());
        o.put("eventName", d.eventName());
        o.put("deliveryStatus", d.status());
        o.put("deliveryAttempt", d.attempt());
        o.put("createdAt", FnTime.isoUtc(d.at()));
        return o;
    }

    private List<WebhookDelivery> sentDeliveries() {
        List<WebhookDelivery> out = new ArrayList<>(store.dispatcher.deliveries());
        out.removeIf(d -> d.outcome() == WebhookDelivery.Outcome.DROPPED);
        return out;
    }

    private SandboxResponse deliveryLogs(SandboxRequest r) {
        List<WebhookDelivery> all = sentDeliveries();
        List<Predicate<WebhookDelivery>> f = new ArrayList<>();
        String webhookId = r.query("webhookId");
        if (webhookId != null) {
            f.add(d -> webhookId.equals(d.webhookId()));
        }
        String woId = r.query("workOrderId");
        if (woId != null) {
            f.add(d -> woId.equals(String.valueOf(d.workOrderId())));
        }
        String event = r.query("eventName");
        if (event != null) {
            f.add(d -> event.equals(d.eventName()));
        }
        String status = r.query("deliveryStatus");
        if (status != null) {
            f.add(d -> status.equals(String.valueOf(d.status())));
        }
        String deliveryId = r.query("deliveryId");
        if (deliveryId != null) {
            f.add(d -> deliveryId.equals(d.deliveryId()) || deliveryId.equals(d.deliveryUuid()));
        }
        all.removeIf(d -> !f.stream().allMatch(p -> p.test(d)));
        List<ObjectNode> rows = new ArrayList<>();
        for (WebhookDelivery d : all) {
            rows.add(deliveryLogInfo(d));
        }
        Comparator<ObjectNode> cmp = Comparator.comparing(o -> o.path("createdAt").asText());
        rows.sort("ASC".equalsIgnoreCase(r.query("sortDirection")) ? cmp : cmp.reversed());
        return ok(page(rows, r, 50, 500));
    }

    private WebhookDelivery findDelivery(String id) {
        WebhookDelivery found = null;
        for (WebhookDelivery d : sentDeliveries()) {
            if (d.deliveryId().equals(id) || d.deliveryUuid().equals(id)) {
                found = d; // the latest attempt wins for a bare uuid
            }
        }
        if (found == null) {
            throw new SandboxException(404, "Delivery log not found: " + id);
        }
        return found;
    }

    private SandboxResponse deliveryLog(SandboxRequest r) {
        WebhookDelivery d = findDelivery(r.pathVar("deliveryId"));
        ObjectNode info = deliveryLogInfo(d);
        info.put("delivery_log", baseUrl.get() + "/files/delivery-logs/" + d.deliveryId());
        return ok(v3(info));
    }

    private SandboxResponse retryDelivery(SandboxRequest r) {
        WebhookDelivery d = findDelivery(r.pathVar("deliveryId"));
        String job = store.emitter.redeliver(d.deliveryUuid());
        ObjectNode res = Json.object();
        res.put("job_id", job);
        return ok(v3(res));
    }

    SandboxResponse deliveryLogFile(SandboxRequest r) {
        WebhookDelivery d;
        try {
            d = findDelivery(r.pathVar("deliveryId"));
        } catch (SandboxException e) {
            return SandboxResponse.text(404, "Not Found");
        }
        ObjectNode o = deliveryLogInfo(d);
        o.put("requestUrl", d.url());
        o.put("requestMethod", d.method().toUpperCase(Locale.ROOT));
        ObjectNode h = o.putObject("requestHeaders");
        d.requestHeaders().forEach(h::put);
        o.put("requestBody", d.requestBody());
        o.put("responseStatus", d.status());
        o.put("responseBody", d.responseBody());
        o.put("error", d.error());
        o.put("responseTime", d.durationMs());
        return ok(o);
    }
}
