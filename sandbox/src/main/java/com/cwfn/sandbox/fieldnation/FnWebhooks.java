package com.cwfn.sandbox.fieldnation;

import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxException;
import com.cwfn.sandbox.fieldnation.FnModel.Webhook;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Webhook registrations of the Webhooks v3 management API: create, update (with history), delete, read and list;
 * validation of url, method, status, events and custom headers. Every entry point takes the store lock ({@code
 * synchronized (store)}), as all Field Nation resources do.
 */
final class FnWebhooks {
    private final FnStore store;

    FnWebhooks(FnStore store) {
        this.store = store;
    }

    private ObjectNode renderWebhook(Webhook w, boolean withAttributes) {
        ObjectNode o = Json.object();
        o.put("id", w.id);
        o.put("webhookId", w.webhookId);
        o.put("companyId", w.companyId);
        o.put("userId", w.userId);
        ArrayNode ev = o.putArray("events");
        w.events.forEach(ev::add);
        o.put("url", w.url);
        o.put("method", w.method);
        o.put("status", w.status);
        if (w.secret == null) {
            o.putNull("secret");
        } else {
            o.put("secret", w.secret);
        }
        if (w.notificationEmail == null) {
            o.putNull("notificationEmail");
        } else {
            o.put("notificationEmail", w.notificationEmail);
        }
        ArrayNode mp = o.putArray("modelProperties");
        w.modelProperties.forEach(mp::add);
        o.put("isIntegrationOnly", w.integrationOnly);
        o.put("createdAt", FnTime.isoUtc(w.createdAt));
        o.put("updatedAt", FnTime.isoUtc(w.updatedAt));
        if (withAttributes) {
            ObjectNode attr = o.putObject("webhookAttribute");
            ObjectNode h = attr.putObject("header");
            w.headers.forEach(h::put);
        }
        return o;
    }

    private Webhook webhook(String webhookId) {
        Webhook w = store.webhookById.get(webhookId);
        if (w == null) {
            for (Webhook c : store.webhookById.values()) {
                if (String.valueOf(c.id).equals(webhookId)) {
                    return c;
                }
            }
            throw new SandboxException(404, "Webhook not found: " + webhookId);
        }
        return w;
    }

    ObjectNode createWebhook(JsonNode body, long userId) {
        synchronized (store) {
            if (body == null || !body.isObject()) {
                throw new SandboxException(400, "Request body must be a JSON object");
            }
            List<String> missing = new ArrayList<>();
            for (String f : List.of("url", "method", "status", "events")) {
                if (!body.hasNonNull(f)) {
                    missing.add(f);
                }
            }
            if (!missing.isEmpty()) {
                throw new SandboxException(400, "Missing required field(s): " + String.join(", ", missing));
            }
            Webhook w = new Webhook();
            applyWebhook(w, body, true);
            w.id = store.nextWebhook++;
            w.webhookId = UUID.randomUUID().toString();
            w.companyId = FnStore.COMPANY_ID;
            w.userId = userId;
            w.createdAt = Instant.now();
            w.updatedAt = w.createdAt;
            if (w.secret == null && store.autoGenerateWebhookSecret) {
                w.secret = UUID.randomUUID().toString();
            }
            store.webhookById.put(w.webhookId, w);
            history(w, userId, "created", renderWebhook(w, true));
            return renderWebhook(w, false);
        }
    }

    private void applyWebhook(Webhook w, JsonNode body, boolean create) {
        String url = body.hasNonNull("url") ? body.get("url").asText().trim() : w.url;
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new SandboxException(400, "url must be a valid URL");
        }
        if (uri.getScheme() == null || uri.getHost() == null
                || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw new SandboxException(400, "url must be a valid http(s) URL");
        }
        if (store.requireHttpsWebhookUrls && !"https".equalsIgnoreCase(uri.getScheme()) && !loopback(uri.getHost())) {
            throw new SandboxException(400, "url must be a valid HTTPS URL");
        }
        String method = body.hasNonNull("method") ? body.get("method").asText() : w.method;
        if (!List.of("post", "put").contains(method)) {
            throw new SandboxException(400, "method must be one of the following values: post, put");
        }
        String status = body.hasNonNull("status") ? body.get("status").asText() : w.status;
        if (!List.of("active", "inactive", "archived").contains(status)) {
            throw new SandboxException(400, "status must be one of the following values: active, inactive, archived");
        }
        Set<String> events = new LinkedHashSet<>(w.events);
        if (body.has("events")) {
            JsonNode ev = body.get("events");
            if (!ev.isArray() || ev.isEmpty()) {
                throw new SandboxException(400, "events must contain at least 1 elements");
            }
            events.clear();
            List<String> invalid = new ArrayList<>();
            Set<String> given = new java.util.HashSet<>();
            for (JsonNode e : ev) {
                if (!given.add(e.asText())) {
                    throw new SandboxException(400, "All events's elements must be unique: " + e.asText());
                }
            }
            for (JsonNode e : ev) {
                for (String name : e.asText().split(",")) {
                    String n = name.trim();
                    if (n.isEmpty()) {
                        continue;
                    }
                    if (FnEvents.isValid(n)) {
                        events.add(n);
                    } else {
                        invalid.add(n);
                    }
                }
            }
            if (!invalid.isEmpty()) {
                throw new SandboxException(400, "each value in events must be one of the following values: "
                        + String.join(", ", FnEvents.names()) + " (invalid: " + String.join(", ", invalid) + ")");
            }
            if (events.isEmpty()) {
                throw new SandboxException(400, "events must contain at least 1 elements");
            }
        }
        Map<String, String> headers = new LinkedHashMap<>(w.headers);
        if (body.path("webhookAttribute").has("header")) {
            JsonNode h = body.path("webhookAttribute").get("header");
            if (!h.isObject()) {
                throw new SandboxException(400, "webhookAttribute.header must be an object");
            }
            Iterator<Map.Entry<String, JsonNode>> it = h.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().toLowerCase(Locale.ROOT).startsWith("x-fn-")) {
                    throw new SandboxException(400, "Custom header names can not start with x-fn-: " + e.getKey());
                }
                headers.put(e.getKey(), e.getValue().asText());
            }
        }
        String secret = body.path("secret").asText("");
        if (body.hasNonNull("secret") && !secret.isEmpty() && !isUuid(secret)) {
            throw new SandboxException(400, "secret must be a UUID");
        }
        String email = body.path("notificationEmail").asText("");
        if (body.hasNonNull("notificationEmail") && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new SandboxException(400, "notificationEmail must be an email");
        }
        w.url = url;
        w.method = method;
        w.status = status;
        w.events.clear();
        w.events.addAll(events);
        w.headers.clear();
        w.headers.putAll(headers);
        if (body.has("secret")) {
            w.secret = body.get("secret").isNull() || body.get("secret").asText().isEmpty() ? null
                    : body.get("secret").asText();
        }
        if (body.has("notificationEmail")) {
            w.notificationEmail = body.get("notificationEmail").isNull() ? null : body.get("notificationEmail").asText();
        }
        if (body.has("isIntegrationOnly")) {
            w.integrationOnly = body.get("isIntegrationOnly").asBoolean();
        }
        if (body.has("modelProperties") && body.get("modelProperties").isArray()) {
            w.modelProperties.clear();
            body.get("modelProperties").forEach(n -> w.modelProperties.add(n.asText()));
        }
    }

    /** 127.0.0.0/8, ::1 and localhost: local receivers (the sandbox's own tests and demo) may use http. */
    static boolean loopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return h.equalsIgnoreCase("localhost") || h.matches("127(\\.\\d{1,3}){3}") || h.equals("::1");
    }

    private static boolean isUuid(String s) {
        return s.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    }

    private void history(Webhook w, long userId, String action, ObjectNode changes) {
        ObjectNode h = Json.object();
        h.put("id", store.nextHistory++);
        h.put("userId", userId);
        h.put("action", action);
        h.set("changes", changes);
        h.put("createdAt", FnTime.isoUtc(Instant.now()));
        w.history.add(h);
    }

    ObjectNode updateWebhook(String webhookId, JsonNode body, long userId) {
        synchronized (store) {
            Webhook w = webhook(webhookId);
            if (body == null || !body.isObject()) {
                throw new SandboxException(400, "Request body must be a JSON object");
            }
            ObjectNode before = renderWebhook(w, true);
            applyWebhook(w, body, false);
            w.updatedAt = Instant.now();
            ObjectNode changes = Json.object();
            changes.set("before", before);
            changes.set("after", renderWebhook(w, true));
            history(w, userId, "updated", changes);
            return renderWebhook(w, false);
        }
    }

    ObjectNode deleteWebhook(String webhookId) {
        synchronized (store) {
            Webhook w = webhook(webhookId);
            store.webhookById.remove(w.webhookId);
            return renderWebhook(w, false);
        }
    }

    ObjectNode getWebhook(String webhookId, boolean withAttributes) {
        synchronized (store) {
            return renderWebhook(webhook(webhookId), withAttributes);
        }
    }

    ArrayNode webhookHistory(String webhookId) {
        synchronized (store) {
            ArrayNode a = Json.array();
            webhook(webhookId).history.forEach(h -> a.add(h.deepCopy()));
            return a;
        }
    }

    List<ObjectNode> webhookList() {
        synchronized (store) {
            List<ObjectNode> out = new ArrayList<>();
            store.webhookById.values().forEach(w -> out.add(renderWebhook(w, false)));
            return out;
        }
    }
}
