package com.cwfn.admin;

import com.cwfn.settings.Catalog;
import com.cwfn.failure.PermanentFailure;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.json.Json;
import com.cwfn.settings.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Registers the Field Nation webhook that posts to this connector, with the events the connector handles and
 * {@code fieldnation.webhook-secret}. Idempotent: a webhook with our URL is kept, or updated when its events,
 * secret or status differ. Answers never show the secret.
 */
public class WebhookRegistration {
    /** Status events: any of them may be mapped in mappings.yaml. */
    static final List<String> STATUS_EVENTS = List.of("workorder.status.draft", "workorder.status.published",
            "workorder.status.routed", "workorder.status.assigned", "workorder.status.confirmed",
            "workorder.status.assigned_cancelled", "workorder.status.on_my_way", "workorder.status.checked_in",
            "workorder.status.checked_out", "workorder.status.at_risk", "workorder.status.delayed",
            "workorder.status.postponed", "workorder.status.work_done", "workorder.status.approved",
            "workorder.status.paid", "workorder.status.cancelled", "workorder.status.deleted");
    static final List<String> OTHER_EVENTS = List.of("workorder.message_posted", "workorder.provider_upload",
            "workorder.schedule_updated");
    private final FieldNationClient fn;
    private final Settings settings;

    public WebhookRegistration(FieldNationClient fn, Settings settings) {
        this.fn = fn;
        this.settings = settings;
    }

    public List<String> events() {
        List<String> e = new ArrayList<>(STATUS_EVENTS);
        e.addAll(OTHER_EVENTS);
        if (settings.outboundCreate()) {
            e.add("workorder.created");
        }
        return e;
    }

    String url() {
        String base = settings.text(Catalog.PUBLIC_URL).replaceAll("/+$", "");
        if (base.isEmpty()) {
            throw new PermanentFailure("connector.public-url is not set: Field Nation needs the URL it reaches this "
                    + "connector at (e.g. https://connector.example.com)");
        }
        return base + "/webhooks/fieldnation";
    }

    public ObjectNode register() {
        String url = url();
        String secret = settings.text(Catalog.FIELDNATION_WEBHOOK_SECRET);
        ObjectNode body = Json.object().put("url", url).put("method", "post").put("status", "active")
                .put("isIntegrationOnly", true);
        ArrayNode ev = body.putArray("events");
        events().forEach(ev::add);
        if (!secret.isEmpty()) {
            body.put("secret", secret);
        }
        String email = settings.list(Catalog.NOTIFY_EMAIL_TO).stream().findFirst().orElse(null);
        if (email != null) {
            body.put("notificationEmail", email);
        }
        List<JsonNode> mine = new ArrayList<>(ours());
        // keep an active one when there is a choice
        mine.sort((a, b) -> Boolean.compare(!"active".equalsIgnoreCase(Json.text(a, "status")),
                !"active".equalsIgnoreCase(Json.text(b, "status"))));
        JsonNode existing = mine.isEmpty() ? null : mine.get(0);
        ObjectNode out;
        if (existing == null) {
            out = describe(fn.createWebhook(body)).put("status", "created");
        } else {
            Set<String> have = new HashSet<>();
            existing.path("events").forEach(e -> have.add(e.asText()));
            boolean same = have.equals(new HashSet<>(events()))
                    && "active".equalsIgnoreCase(Json.text(existing, "status"))
                    && (secret.isEmpty() || secret.equals(Json.text(existing, "secret")));
            out = same ? describe(existing).put("status", "kept")
                    : describe(fn.updateWebhook(webhookId(existing), body)).put("status", "updated");
        }
        if (mine.size() > 1) {
            // more than one webhook at our URL would deliver every event twice
            ArrayNode removed = out.putArray("removedDuplicates");
            for (JsonNode w : mine.subList(1, mine.size())) {
                fn.deleteWebhook(webhookId(w));
                removed.add(webhookId(w));
            }
        }
        return out;
    }

    public ArrayNode list() {
        ArrayNode out = Json.array();
        ours().forEach(w -> out.add(describe(w)));
        return out;
    }

    public ArrayNode remove() {
        ArrayNode out = Json.array();
        for (JsonNode w : ours()) {
            fn.deleteWebhook(webhookId(w));
            out.addObject().put("webhookId", webhookId(w)).put("status", "deleted");
        }
        return out;
    }

    /** The state of this connector's webhook: active, inactive (registered, not delivering) or missing. */
    public RegistrationWatch.State state() {
        List<JsonNode> mine = ours();
        if (mine.isEmpty()) {
            return RegistrationWatch.State.MISSING;
        }
        return mine.stream().anyMatch(w -> "active".equalsIgnoreCase(Json.text(w, "status")))
                ? RegistrationWatch.State.ACTIVE : RegistrationWatch.State.INACTIVE;
    }

    private List<JsonNode> ours() {
        String url = url();
        return fn.listWebhooks().stream().filter(w -> url.equals(Json.text(w, "url"))).toList();
    }

    private static String webhookId(JsonNode w) {
        String id = Json.text(w, "webhookId");
        return id != null ? id : Json.text(w, "id");
    }

    private static ObjectNode describe(JsonNode w) {
        ObjectNode o = Json.object().put("webhookId", webhookId(w)).put("url", Json.text(w, "url"))
                .put("method", Json.text(w, "method")).put("state", Json.text(w, "status"))
                .put("signed", !Json.isBlank(w.get("secret")));
        o.set("events", w.path("events").deepCopy());
        return o;
    }
}
