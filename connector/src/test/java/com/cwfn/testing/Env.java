package com.cwfn.testing;

import com.cwfn.admin.CallbackRegistration;
import com.cwfn.admin.WebhookRegistration;
import com.cwfn.conformance.ConformanceCheck;
import com.cwfn.json.Json;
import com.cwfn.sandbox.connectwise.ConnectWiseSandbox;
import com.cwfn.sandbox.fieldnation.FieldNationSandbox;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A whole test world: the ConnectWise and Field Nation sandboxes over real HTTP, seeded, and the connector
 * pointed at them with its callback and webhook registered the way an administrator would (through the
 * connector's own registration), so callbacks and webhooks really travel. Every request the connector sends to
 * either sandbox is checked as it arrives against docs/api-conformance.md ({@link #conformance()}); a test that made
 * one that does not conform fails (after the test, by {@code conformance.ConformanceExtension}, or at the latest when
 * the world is closed).
 */
public final class Env implements AutoCloseable {
    public static final String WEBHOOK_SECRET = "5f0c8a3e-2b7d-4c1e-9a6f-3d8e7b1c0a42";
    public final ConnectWiseSandbox cw;
    public final FieldNationSandbox fn;
    public Connector connector;
    private final Map<String, String> settings = new HashMap<>();
    private final ConformanceCheck conformance = new ConformanceCheck();

    private Env() {
        cw = ConnectWiseSandbox.withDefaults();
        cw.onRequest(conformance);
        cw.start(0);
        cw.seedDemo();
        cw.callbackRetryDelay(Duration.ofMillis(100));
        fn = FieldNationSandbox.withDefaults();
        fn.onRequest(conformance);
        fn.start(0);
        fn.seedDemo();
        fn.webhookRetryBaseDelay(Duration.ofMillis(200));
    }

    /** Only the sandboxes; the test starts connectors (e.g. jar processes) itself. */
    public static Env sandboxesOnly() {
        return new Env();
    }

    /** Registers a ticket callback (owner level) pointing at {@code baseUrl} straight through ConnectWise's API. */
    public void registerCallback(String baseUrl, String token) {
        String body = "{\"url\":\"" + baseUrl + "/callbacks/connectwise/" + token + "?recordId=\",\"objectId\":1,"
                + "\"type\":\"ticket\",\"level\":\"owner\",\"isSelfSuppressedFlag\":true}";
        var r = Connector.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(cw.apiBaseUrl()
                + "/system/callbacks")).header("Authorization", cw.authorizationHeader())
                .header("clientId", cw.clientId()).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("callback registration: " + r.statusCode() + " " + r.body());
        }
    }

    /** Registers a signed webhook for every event pointing at {@code baseUrl}, through Field Nation's API. */
    public void registerWebhook(String baseUrl) {
        String tokenBody = "{\"grant_type\":\"password\",\"client_id\":\"" + fn.clientId() + "\",\"client_secret\":\""
                + fn.clientSecret() + "\",\"username\":\"" + fn.username() + "\",\"password\":\"" + fn.password() + "\"}";
        var t = Connector.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(fn.baseUrl()
                + "/authentication/api/oauth/token")).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(tokenBody)).build());
        String token = com.cwfn.json.Json.text(com.cwfn.json.Json.parse(t.body()), "access_token");
        StringBuilder events = new StringBuilder();
        for (String e : java.util.List.of("workorder.created", "workorder.status.published", "workorder.status.assigned",
                "workorder.status.work_done", "workorder.status.approved", "workorder.status.cancelled",
                "workorder.message_posted", "workorder.provider_upload", "workorder.schedule_updated")) {
            events.append(events.length() == 0 ? "" : ",").append('"').append(e).append('"');
        }
        String body = "{\"url\":\"" + baseUrl + "/webhooks/fieldnation\",\"method\":\"post\",\"status\":\"active\","
                + "\"events\":[" + events + "],\"secret\":\"" + WEBHOOK_SECRET + "\"}";
        var r = Connector.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(fn.baseUrl()
                + "/api/v1/webhooks")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("webhook registration: " + r.statusCode() + " " + r.body());
        }
    }

    /** Sandboxes plus a connector with {@code overrides}; callback and webhook registered. */
    public static Env start(Map<String, String> overrides) {
        Env env = new Env();
        try {
            env.startConnector(overrides, true);
        } catch (RuntimeException e) {
            try {
                env.close();
            } catch (AssertionError notConforming) {
                e.addSuppressed(notConforming);
            }
            throw e;
        }
        return env;
    }

    /** The settings that point a connector at these sandboxes. */
    public Map<String, String> sandboxSettings(int port) {
        Map<String, String> s = new HashMap<>();
        s.put("camel.server.port", String.valueOf(port));
        s.put("connector.public-url", "http://127.0.0.1:" + port);
        s.put("connectwise.url", cw.baseUrl());
        s.put("connectwise.company-id", cw.companyId());
        s.put("connectwise.public-key", cw.publicKey());
        s.put("connectwise.private-key", cw.privateKey());
        s.put("connectwise.client-id", cw.clientId());
        s.put("fieldnation.url", fn.baseUrl());
        s.put("fieldnation.client-id", fn.clientId());
        s.put("fieldnation.client-secret", fn.clientSecret());
        s.put("fieldnation.username", fn.username());
        s.put("fieldnation.password", fn.password());
        s.put("fieldnation.webhook-secret", WEBHOOK_SECRET);
        return s;
    }

    public Connector startConnector(Map<String, String> overrides, boolean register) {
        int port = Ports.free();
        settings.clear();
        settings.putAll(sandboxSettings(port));
        settings.putAll(overrides);
        connector = Connector.start(settings);
        if (register) {
            connector.bean("callbackRegistration", CallbackRegistration.class).register();
            connector.bean("webhookRegistration", WebhookRegistration.class).register();
        }
        return connector;
    }

    /** Stops the connector (as a crash would leave the database) and starts a new one on the same database. */
    public Connector restartConnector() {
        Map<String, String> same = new HashMap<>(settings);
        connector.close();
        connector = Connector.start(same);
        return connector;
    }

    // ---------------------------------------------------------------- helpers for tests

    /** A new ticket on Field Services (status New) with the given extra fields, created as a UI user. */
    public long newTicket(String summary, java.util.function.Consumer<ObjectNode> fields) {
        ObjectNode body = com.cwfn.json.Json.object().put("summary", summary);
        body.putObject("board").put("name", "Field Services");
        body.putObject("company").put("identifier", "ACME");
        body.putObject("type").put("name", "Hardware");
        fields.accept(body);
        return cw.createTicket(body).path("id").asLong();
    }

    /** A ConnectWise callback body for a ticket, as ConnectWise signs and sends it. */
    public String callbackBody(long ticketId, String messageId, String action) {
        ObjectNode cb = com.cwfn.json.Json.object().put("MessageId", messageId).put("FromUrl", "127.0.0.1")
                .put("CompanyId", cw.companyId()).put("MemberId", "jsmith").put("Action", action).put("Type", "ticket")
                .put("ID", ticketId).put("Entity", cw.ticket(ticketId).map(Object::toString).orElse(null));
        cb.putObject("Metadata").put("key_url", cw.signingKeyUrl());
        cb.put("CallbackObjectRecId", 1);
        return cb.toString();
    }

    /** Posts a callback signed with the sandbox's real signing key. */
    public java.net.http.HttpResponse<String> postCallback(String body) {
        String sig = com.cwfn.connectwise.CallbackSignature.sign(cw.signingKey(),
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return connector.post("/callbacks/connectwise/" + connector.setting("connectwise.callback-token"), body,
                Map.of("Content-Type", "application/json", "x-content-signature", sig));
    }

    /** Work orders in the Field Nation sandbox whose ticket id custom field holds this ticket id. */
    public java.util.List<ObjectNode> workOrdersOf(long ticketId) {
        return fn.workOrders().stream().filter(wo -> ticketIdOf(wo) == ticketId).toList();
    }

    public static long ticketIdOf(com.fasterxml.jackson.databind.JsonNode wo) {
        for (com.fasterxml.jackson.databind.JsonNode f : com.cwfn.fieldnation.FieldNationClient.flattenFields(
                wo.path("custom_fields"))) {
            if (f.path("id").asLong() == 129 && !f.path("value").asText("").isEmpty()) {
                return Long.parseLong(f.path("value").asText());
            }
        }
        return -1;
    }

    /**
     * Waits until nothing is in flight: no callback or webhook being delivered, no event pending or being worked
     * (events due for a retry later do not count).
     */
    public void quiesce() {
        com.cwfn.store.InboxStore inbox = connector.bean("inboxStore", com.cwfn.store.InboxStore.class);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .conditionEvaluationListener(c -> {
                    if (c.getRemainingTimeInMS() < 500) {
                        System.out.println("quiesce: callbacks " + cw.callbacksInFlight() + ", webhooks "
                                + fn.pendingDeliveries() + ", due " + inbox.due(5) + ", processing "
                                + inbox.list(com.cwfn.store.InboxStore.PROCESSING, null, null, 5));
                    }
                })
                .pollInterval(java.time.Duration.ofMillis(100)).until(() -> cw.callbacksInFlight() == 0
                        && fn.pendingDeliveries() == 0 && inbox.due(1).isEmpty()
                        && inbox.count(com.cwfn.store.InboxStore.PROCESSING) == 0);
    }

    /**
     * Waits for the connector's first reconciliation (it runs at start) to be over, so that it cannot take tickets
     * the test is preparing for its own callbacks; and fetches the signing key now, so that a callback does not.
     */
    public void settle() {
        com.cwfn.store.StateStore state = connector.bean("stateStore", com.cwfn.store.StateStore.class);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> state.get("reconcile.since").isPresent());
        connector.bean("signingKeys", com.cwfn.connectwise.SigningKeys.class).keyFor(cw.signingKeyUrl());
    }

    /** A ticket in the trigger status that ConnectWise never called back about (callbacks dropped meanwhile). */
    public long silentTicketInTriggerStatus(String summary) {
        cw.dropCallbacks(true);
        try {
            long id = newTicket(summary, t -> { });
            cw.setStatus(id, "Dispatch to FN");
            return id;
        } finally {
            cw.dropCallbacks(false);
        }
    }

    /** A ticket with a schedule entry, dispatched and published; answers its work order id. */
    public long dispatchedWorkOrder(String summary) {
        long id = newTicket(summary, t -> { });
        java.time.Instant start = java.time.Instant.now().plus(java.time.Duration.ofDays(2))
                .truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        cw.addScheduleEntry(id, start, start.plus(java.time.Duration.ofHours(2)));
        cw.setStatus(id, "Dispatch to FN");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> workOrdersOf(id).size() == 1 && notesContaining(id, "work order #") == 1);
        quiesce();
        return workOrdersOf(id).get(0).path("id").asLong();
    }

    /** The ticket id linked to a work order. */
    public long workOrdersOfTicket(long woId) {
        return connector.bean("linkStore", com.cwfn.store.LinkStore.class).findByWorkOrder(woId).orElseThrow()
                .ticketId();
    }

    /** Posts a Field Nation webhook body to the connector, signed with the configured secret. */
    public java.net.http.HttpResponse<String> postWebhook(String body, String deliveryId) {
        Map<String, String> h = new HashMap<>();
        h.put("Content-Type", "application/json");
        h.put("X-FN-Signature", com.cwfn.fieldnation.WebhookSignature.sign(WEBHOOK_SECRET,
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        if (deliveryId != null) {
            h.put("X-FN-Delivery-Id", deliveryId);
        }
        return connector.post("/webhooks/fieldnation", body, h);
    }

    /** Notes on a ticket whose text contains {@code text}. */
    public long notesContaining(long ticketId, String text) {
        return cw.notes(ticketId).stream().filter(n -> n.path("text").asText().contains(text)).count();
    }

    /** Posts a callback signed with the sandbox's key to any connector URL. */
    public java.net.http.HttpResponse<String> postCallbackTo(String baseUrl, String token, String body) {
        String sig = com.cwfn.connectwise.CallbackSignature.sign(cw.signingKey(),
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return Connector.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl
                + "/callbacks/connectwise/" + token)).header("Content-Type", "application/json")
                .header("x-content-signature", sig).POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** The check of every request the connector sends to these sandboxes. */
    public ConformanceCheck conformance() {
        return conformance;
    }

    /** Stops everything, then fails if a request since the last check did not conform. */
    @Override
    public void close() {
        if (connector != null) {
            connector.close();
        }
        cw.close();
        fn.close();
        conformance.assertConforms();
    }
}
