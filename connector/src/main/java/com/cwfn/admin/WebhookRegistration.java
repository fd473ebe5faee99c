package com.cwfn.admin;

import com.cwfn.settings.Catalog;
import com.cwfn.failure.PermanentFailure;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.fieldnation.WebhookSecrets;
import com.cwfn.json.Json;
import com.cwfn.settings.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Registers the Field Nation webhook that posts to this connector, with the events the connector handles and no more
 * (every status, which the status map may name; messages, uploads, schedule changes, problems; declines only when
 * {@code sync.provider-notes} writes them; created work orders only with outbound create), its
 * secret and {@code notify.email.to} as {@code notificationEmail} (Field Nation mails it when deliveries fail, even
 * while the connector is down). Idempotent: a webhook with our URL is kept, or updated when its events, secret,
 * notification email or status differ. The URL must be HTTPS (Webhooks v3: "Must be a valid HTTPS URL"), except on a
 * loopback host; otherwise nothing is registered. The secret is {@code fieldnation.webhook-secret} when set; else
 * the one Field Nation already holds for our webhook is adopted, or one is generated; either is kept in the
 * database for intake ({@link WebhookSecrets}). Answers never show the secret.
 */
public class WebhookRegistration {
    /** Status events: any of them may be mapped in mappings.yaml. */
    static final List<String> STATUS_EVENTS = List.of("workorder.status.draft", "workorder.status.published",
            "workorder.status.routed", "workorder.status.assigned", "workorder.status.confirmed",
            "workorder.status.assigned_cancelled", "workorder.status.on_my_way", "workorder.status.checked_in",
            "workorder.status.checked_out", "workorder.status.at_risk", "workorder.status.delayed",
            "workorder.status.postponed", "workorder.status.work_done", "workorder.status.approved",
            "workorder.status.paid", "workorder.status.cancelled", "workorder.status.deleted");
    /**
     * The other events: messages, uploads, schedule changes, and problems reported and resolved (a note each, with
     * sync.provider-notes, and a "needs attention" item while one is open).
     */
    static final List<String> OTHER_EVENTS = List.of("workorder.message_posted", "workorder.provider_upload",
            "workorder.schedule_updated", "workorder.problem_reported", "workorder.problem_resolved");
    /** Subscribed only when sync.provider-notes writes it: a decline is nothing else to the connector. */
    static final String DECLINED = "workorder.declined";
    private final FieldNationClient fn;
    private final Settings settings;
    private final WebhookSecrets secrets;

    public WebhookRegistration(FieldNationClient fn, Settings settings, WebhookSecrets secrets) {
        this.fn = fn;
        this.settings = settings;
        this.secrets = secrets;
    }

    public List<String> events() {
        List<String> e = new ArrayList<>(STATUS_EVENTS);
        e.addAll(OTHER_EVENTS);
        if (settings.providerNotes().contains("declined")) {
            e.add(DECLINED);
        }
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

    /** Why Field Nation would refuse {@code url} as a webhook URL, or null when it is fine. */
    static String urlProblem(String url) {
        URI u;
        try {
            u = URI.create(url);
        } catch (IllegalArgumentException e) {
            return "connector.public-url is not a URL: '" + url + "'";
        }
        if (u.getHost() == null) {
            return "connector.public-url is not a URL with a host: '" + url + "'";
        }
        if (!"https".equalsIgnoreCase(u.getScheme()) && !isLoopback(u.getHost())) {
            return "connector.public-url must be an https URL for Field Nation (\"Must be a valid HTTPS URL\"), not '"
                    + url + "'; only a loopback host (127.0.0.1, localhost) may use http";
        }
        return null;
    }

    /** 127.0.0.0/8, ::1, localhost. */
    private static boolean isLoopback(String host) {
        String h = host.replaceAll("^\\[|]$", "").toLowerCase(java.util.Locale.ROOT);
        return List.of("localhost", "::1").contains(h) || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    public ObjectNode register() {
        String url = url();
        String problem = urlProblem(url);
        if (problem != null) {
            throw new PermanentFailure(problem);
        }
        List<JsonNode> mine = new ArrayList<>(ours());
        // keep an active one when there is a choice
        mine.sort((a, b) -> Boolean.compare(!"active".equalsIgnoreCase(Json.text(a, "status")),
                !"active".equalsIgnoreCase(Json.text(b, "status"))));
        JsonNode existing = mine.isEmpty() ? null : mine.get(0);
        String held = existing == null ? null : Json.text(existing, "secret");
        String secret;
        String source;
        if (secrets.isConfigured()) {
            secret = secrets.current().orElseThrow();
            source = "configured";
        } else if (held != null && !held.isBlank()) {
            secret = secrets.adopt(held);
            source = "adopted";
        } else {
            secret = secrets.generated();
            source = "generated";
        }
        ObjectNode body = Json.object().put("url", url).put("method", "post").put("status", "active")
                .put("isIntegrationOnly", true);
        ArrayNode ev = body.putArray("events");
        events().forEach(ev::add);
        if (!secret.equals(held)) {
            body.put("secret", secret);
        }
        String email = settings.list(Catalog.NOTIFY_EMAIL_TO).stream().findFirst().orElse(null);
        if (email != null) {
            body.put("notificationEmail", email);
        }
        ObjectNode out;
        if (existing == null) {
            out = describe(fn.createWebhook(body)).put("status", "created");
        } else {
            Set<String> have = new HashSet<>();
            existing.path("events").forEach(e -> have.add(e.asText()));
            boolean same = have.equals(new HashSet<>(events()))
                    && "active".equalsIgnoreCase(Json.text(existing, "status"))
                    && secret.equals(held)
                    && (email == null || email.equals(Json.text(existing, "notificationEmail")));
            out = same ? describe(existing).put("status", "kept")
                    : describe(fn.updateWebhook(webhookId(existing), body)).put("status", "updated");
        }
        out.put("secretSource", source);
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
