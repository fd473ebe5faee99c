package com.cwfn.sandbox.fieldnation;

import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.Multipart;
import com.cwfn.sandbox.SandboxException;
import com.cwfn.sandbox.SandboxRequest;
import com.cwfn.sandbox.SandboxResponse;
import com.cwfn.sandbox.SandboxServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * An in-memory, stateful Field Nation sandbox served over real HTTP: OAuth token endpoint, REST API v2 (work orders
 * and their status machine, schedule, location, pay, contacts, custom fields, messages, attachments, lookups),
 * the Webhooks v3 management API, and asynchronous, signed, ordered, retried webhook delivery.
 *
 * <p>The Java control API (route, assignProvider, providerMessage, providerUpload, completeWork, approve, ...)
 * plays providers and buyer UI users; their actions raise the same events as REST calls.
 */
public class FieldNationSandbox extends SandboxServer {
    public static final String TOKEN_PATH = "/authentication/api/oauth/token";
    public static final String REST_PREFIX = "/api/rest/v2";
    public static final String WEBHOOKS_PREFIX = "/api/v1/webhooks";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String clientId;
    private final String clientSecret;
    private final String username;
    private final String password;
    private final long apiUserId = 500;
    private final String apiUserName = "MSP Dispatch";

    private final WebhookDispatcher dispatcher = new WebhookDispatcher();
    private final FnStore store;

    private record Token(String value, Instant expires, long userId) {
    }

    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, Long> refreshTokens = new ConcurrentHashMap<>();
    private final Set<String> expiredTokens = ConcurrentHashMap.newKeySet();
    private volatile Duration tokenTtl = Duration.ofSeconds(3600);

    public FieldNationSandbox(String clientId, String clientSecret, String username, String password) {
        super("fieldnation");
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.username = username;
        this.password = password;
        this.store = new FnStore(apiUserId, "MSP", "Dispatch", this::baseUrlOrPlaceholder, dispatcher);
        routes();
    }

    /** clientId {@code sandbox-client}, clientSecret {@code sandbox-secret}, username {@code api.user@msp.example}, password {@code sandbox-password}. */
    public static FieldNationSandbox withDefaults() {
        return new FieldNationSandbox("sandbox-client", "sandbox-secret", "api.user@msp.example", "sandbox-password");
    }

    @Override
    public synchronized FieldNationSandbox start(int port) {
        super.start(port);
        dispatcher.open();
        return this;
    }

    @Override
    public synchronized void close() {
        dispatcher.shutdown();
        super.close();
    }

    private String baseUrlOrPlaceholder() {
        try {
            return baseUrl();
        } catch (RuntimeException e) {
            return "http://127.0.0.1:0";
        }
    }

    // ================================================================== getters and switches

    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** The API user's numeric id (500, "MSP Dispatch", role buyer); {@code triggered_by_user.id} of REST calls. */
    public long apiUserId() {
        return apiUserId;
    }

    public String apiUserName() {
        return apiUserName;
    }

    /** The buyer UI user (501 "Casey Coordinator") the control API acts as for buyer actions. */
    public long buyerUiUserId() {
        return FnStore.BUYER_UI_USER;
    }

    /** The seeded provider (1068 "Pat Tech"). */
    public long defaultProviderId() {
        return FnStore.DEFAULT_PROVIDER;
    }

    public long companyId() {
        return FnStore.COMPANY_ID;
    }

    /** {@code baseUrl() + "/api/rest/v2"}. */
    public String restBaseUrl() {
        return baseUrl() + REST_PREFIX;
    }

    public String tokenUrl() {
        return baseUrl() + TOKEN_PATH;
    }

    public String webhooksApiUrl() {
        return baseUrl() + WEBHOOKS_PREFIX;
    }

    /** Lifetime of newly issued tokens (default 3600 s). */
    public FieldNationSandbox tokenTtl(Duration ttl) {
        this.tokenTtl = ttl;
        return this;
    }

    public Duration tokenTtl() {
        return tokenTtl;
    }

    /** Every token issued so far stops working (answers 401 "expired"); new token requests work. */
    public void expireAllTokens() {
        expiredTokens.addAll(tokens.keySet());
        tokens.clear();
    }

    /** Calls to the token endpoint (including refused and fault-injected ones) since the last clearRequests()/reset(). */
    public int tokenRequests() {
        return requests(r -> TOKEN_PATH.equals(r.path())).size();
    }

    /** Whether publish/route (and assign from Draft) need types_of_work, schedule, pay and location (default true). */
    public FieldNationSandbox requireCompleteForPublish(boolean on) {
        store.requireCompleteForPublish = on;
        return this;
    }

    /** Send {@code {"eventName","eventId","workOrderId","timestamp","data"}} instead of the event/workorder envelope. */
    public FieldNationSandbox flatWebhookShape(boolean on) {
        store.flatWebhookShape = on;
        return this;
    }

    /** Silently drop every webhook delivery (recorded as DROPPED). */
    public FieldNationSandbox dropWebhooks(boolean on) {
        dispatcher.drop = on;
        return this;
    }

    /** Send every delivery attempt {@code n} times with the same X-FN-Delivery-Id (1 = normal). */
    public FieldNationSandbox duplicateWebhooks(int n) {
        dispatcher.copies = Math.max(1, n);
        return this;
    }

    /** Base delay of the exponential retry backoff (default 10 s: 10, 20, 40 ...). */
    public FieldNationSandbox webhookRetryBaseDelay(Duration d) {
        dispatcher.retryBaseDelay = d;
        return this;
    }

    /** Retries after the first attempt (default 7, i.e. 8 attempts). */
    public FieldNationSandbox webhookMaxRetries(int n) {
        dispatcher.maxRetries = Math.max(0, n);
        return this;
    }

    /** Per-attempt timeout (default 30 s); a timeout is retried. */
    public FieldNationSandbox webhookTimeout(Duration d) {
        dispatcher.timeout = d;
        return this;
    }

    /** Send {@code event.params.work_order_id} as a string instead of a number (both occur in FN docs). */
    public FieldNationSandbox stringWorkOrderIdInParams(boolean on) {
        store.stringWorkOrderIdInParams = on;
        return this;
    }

    /** Refuse a second live work order with the same value in a {@code unique} custom field (default true). */
    public FieldNationSandbox enforceUniqueCustomFields(boolean on) {
        store.enforceUniqueCustomFields = on;
        return this;
    }

    /** Refuse http:// webhook URLs as FN does (default false so local receivers work). */
    public FieldNationSandbox requireHttpsWebhookUrls(boolean on) {
        store.requireHttpsWebhookUrls = on;
        return this;
    }

    /** Generate a secret for webhooks created without one, as OAS-WH says (default true). */
    public FieldNationSandbox autoGenerateWebhookSecret(boolean on) {
        store.autoGenerateWebhookSecret = on;
        return this;
    }

    /** Zone of the envelope {@code timestamp} (default America/Chicago, giving e.g. -05:00). */
    public FieldNationSandbox eventTimeZone(ZoneId zone) {
        store.eventZone = zone;
        return this;
    }

    // ================================================================== control API

    /** Idempotent seed: users (500 API user, 501 buyer UI user, providers 1068-1070), custom fields 129-131, types of work. */
    public FieldNationSandbox seedDemo() {
        store.seed();
        return this;
    }

    /** Back to the seed: no work orders, webhooks, deliveries, events, faults or request log; switches back to defaults. */
    public void reset() {
        dispatcher.reset();
        store.reset();
        clearFaults();
        clearRequests();
    }

    /** Creates a work order as buyer UI user 501 (a work order created outside the connector). */
    public ObjectNode createWorkOrderAsUser(ObjectNode body) {
        return store.workOrders.create(body, FnStore.BUYER_UI_USER);
    }

    /** Buyer UI user routes the work order to a provider (Routed, 9). The completeness rule is not applied. */
    public void route(long woId, long providerId) {
        store.statusMachine.route(woId, providerId, FnStore.BUYER_UI_USER, false);
    }

    /**
     * Assigns a provider (Assigned, 3): the provider accepting when the work order was routed to them, otherwise the
     * buyer UI user assigning. The completeness rule is not applied.
     */
    public void assignProvider(long woId, long providerId) {
        boolean accepting = store.workOrders.find(woId).map(w -> {
            for (JsonNode r : w.path("routes").path("results")) {
                if (r.path("user").path("id").asLong() == providerId) {
                    return true;
                }
            }
            return false;
        }).orElse(false);
        store.statusMachine.assign(woId, providerId, accepting ? providerId : FnStore.BUYER_UI_USER, false);
    }

    /** The assigned provider (or 1068) posts a message to the buyer; returns the message object. */
    public ObjectNode providerMessage(long woId, String text) {
        ObjectNode body = Json.object();
        body.put("message", text);
        body.put("type", "FROMTECH");
        return store.messages.postMessage(woId, body, provider(woId), "provider");
    }

    /** Buyer UI user 501 posts a message (type INTERNAL unless given). */
    public ObjectNode buyerMessage(long woId, String text, String type) {
        ObjectNode body = Json.object();
        body.put("message", text);
        if (type != null) {
            body.put("type", type);
        }
        return store.messages.postMessage(woId, body, FnStore.BUYER_UI_USER, "buyer");
    }

    /** The assigned provider (or 1068) uploads into the Misc folder; fires workorder.provider_upload. Returns the file. */
    public ObjectNode providerUpload(long woId, String fileName, String mime, byte[] content) {
        return store.attachments.upload(woId, null, fileName, mime, content, "", provider(woId), true);
    }

    public void confirm(long woId) {
        store.statusMachine.subStatus(woId, "confirmed", FnEvents.STATUS_CONFIRMED, provider(woId));
    }

    public void onMyWay(long woId) {
        store.statusMachine.subStatus(woId, "on_my_way", FnEvents.STATUS_ON_MY_WAY, provider(woId));
    }

    public void checkIn(long woId) {
        store.statusMachine.subStatus(woId, "checked_in", FnEvents.STATUS_CHECKED_IN, provider(woId));
    }

    public void checkOut(long woId) {
        store.statusMachine.subStatus(woId, "checked_out", FnEvents.STATUS_CHECKED_OUT, provider(woId));
    }

    /** The assigned provider marks work done with closing notes (Work Done, 4). */
    public void completeWork(long woId, String closingNotes) {
        store.statusMachine.complete(woId, provider(woId), closingNotes);
    }

    /** The assigned provider withdraws (status.assigned_cancelled, back to Published). */
    public void providerCancel(long woId) {
        store.statusMachine.providerCancel(woId, provider(woId));
    }

    /** Buyer UI user approves (Approved, 5). */
    public void approve(long woId) {
        store.statusMachine.approve(woId, FnStore.BUYER_UI_USER);
    }

    /** Field Nation's payment run (Paid, 6); actor is the buyer UI user. */
    public void markPaid(long woId) {
        store.statusMachine.markPaid(woId, FnStore.BUYER_UI_USER);
    }

    /** Buyer UI user cancels (Draft is deleted, otherwise Cancelled, 7). */
    public void cancel(long woId) {
        store.statusMachine.cancel(woId, FnStore.BUYER_UI_USER, null, null);
    }

    /** Buyer UI user changes the service window ({@code {"mode","start":{"utc"},"end":{"utc"}}}); fires schedule_updated. */
    public void updateSchedule(long woId, ObjectNode serviceWindow) {
        ObjectNode body = Json.object();
        body.set("service_window", serviceWindow);
        store.schedules.putSchedule(woId, body, FnStore.BUYER_UI_USER);
    }

    /** Buyer UI user sets a custom field value; fires custom_field_value_updated. */
    public void setCustomFieldAsUser(long woId, long customFieldId, String value) {
        ObjectNode body = Json.object();
        body.put("value", value);
        store.customFields.setCustomField(woId, String.valueOf(customFieldId), body, FnStore.BUYER_UI_USER);
    }

    private long provider(long woId) {
        return store.workOrders.find(woId).map(w -> w.path("assignee").path("user").path("id").asLong(0))
                .filter(id -> id > 0).orElse(FnStore.DEFAULT_PROVIDER);
    }

    public Optional<ObjectNode> workOrder(long id) {
        return store.workOrders.find(id);
    }

    public List<ObjectNode> workOrders() {
        return store.workOrders.all();
    }

    /** Newest first, replies nested in their thread. */
    public List<ObjectNode> messages(long woId) {
        return store.messages.messageList(woId);
    }

    /** Files across all folders of the work order. */
    public List<ObjectNode> attachments(long woId) {
        return store.attachments.attachmentList(woId);
    }

    /** The stored bytes, or null for an unknown attachment. */
    public byte[] attachmentContent(long attachmentId) {
        FnModel.Attachment a = store.attachments.attachment(attachmentId);
        return a == null ? null : a.content.clone();
    }

    public List<ObjectNode> webhooks() {
        return store.webhooks.webhookList();
    }

    public List<WebhookDelivery> deliveries() {
        return dispatcher.deliveries();
    }

    /** Deliveries queued, in flight or waiting for a retry. */
    public int pendingDeliveries() {
        return dispatcher.pending();
    }

    /** Every event raised, in order, whether or not a webhook was subscribed. */
    public List<FnEvent> events() {
        return store.emitter.events();
    }

    // ================================================================== authentication and errors

    @Override
    protected SandboxResponse authenticate(SandboxRequest req) {
        String path = req.path();
        boolean rest = path.startsWith(REST_PREFIX + "/") || path.equals(REST_PREFIX);
        boolean hooks = path.startsWith(WEBHOOKS_PREFIX);
        if (!rest && !hooks) {
            return null;
        }
        // REST v2: ?access_token= (documented), else Authorization: Bearer; webhooks v3: Bearer only
        String token = rest ? req.query("access_token") : null;
        String auth = req.header("Authorization");
        if ((token == null || token.isEmpty()) && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = auth.substring(7).trim();
        }
        String problem;
        if (token == null || token.isEmpty()) {
            problem = hooks ? "Unauthorized: missing Bearer token" : "The request is missing a valid access token";
        } else {
            Token t = tokens.get(token);
            if (t == null) {
                problem = expiredTokens.contains(token) ? "The access token provided has expired"
                        : "The access token provided is invalid";
            } else if (!Instant.now().isBefore(t.expires())) {
                problem = "The access token provided has expired";
            } else {
                return null;
            }
        }
        return error(401, problem, path).header("WWW-Authenticate", "Bearer");
    }

    @Override
    protected SandboxResponse error(int status, String message) {
        ObjectNode o = Json.object();
        o.put("status", status);
        o.put("message", message);
        return SandboxResponse.json(status, o);
    }

    @Override
    protected SandboxResponse error(int status, String message, String path) {
        if (path != null && path.startsWith(WEBHOOKS_PREFIX)) {
            return SandboxResponse.json(status, v3Error(status, message, path));
        }
        if (path != null && path.startsWith("/authentication")) {
            ObjectNode o = Json.object();
            o.put("status_code", status);
            o.put("message", message);
            return SandboxResponse.json(status, o);
        }
        return error(status, message);
    }

    private static ObjectNode v3Error(int status, String message, String path) {
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

    // ================================================================== routes

    private void routes() {
        route("POST", TOKEN_PATH, this::token);
        route("GET", "/files/delivery-logs/{deliveryId}", this::deliveryLogFile);
        route("GET", "/files/{attachmentId}/{name}", this::download);

        String wo = REST_PREFIX + "/workorders/{id}";
        route("GET", REST_PREFIX + "/workorders", r -> ok(store.workOrders.list(query(r))));
        route("POST", REST_PREFIX + "/workorders", r -> ok(store.workOrders.create(r.json(), actor(r))));
        route("GET", REST_PREFIX + "/workorders/lists", r -> ok(store.workOrders.lists()));
        route("GET", wo, r -> ok(store.workOrders.get(woId(r))));
        route("PUT", wo, r -> ok(store.workOrders.update(woId(r), r.json(), actor(r))));
        route("DELETE", wo, this::deleteWorkOrder);
        route("GET", wo + "/status", r -> ok(store.view.status(woId(r))));
        route("GET", wo + "/milestones", r -> ok(store.view.milestones(woId(r))));
        route("POST", wo + "/publish", r -> ok(store.statusMachine.publish(woId(r), actor(r))));
        route("DELETE", wo + "/publish", r -> ok(store.statusMachine.unpublish(woId(r), actor(r))));
        route("DELETE", wo + "/draft", r -> ok(store.statusMachine.unpublish(woId(r), actor(r))));
        route("POST", wo + "/route", r -> ok(store.statusMachine.route(woId(r), userId(body(r), "technician"), actor(r), true)));
        route("DELETE", wo + "/route", r -> ok(store.statusMachine.unroute(woId(r), userIdOrZero(body(r), "technician"), actor(r))));
        route("GET", wo + "/assignee", r -> ok(store.view.assignee(woId(r))));
        route("POST", wo + "/assignee", r -> ok(store.statusMachine.assign(woId(r), userId(body(r), "user"), actor(r), true)));
        route("DELETE", wo + "/assignee", r -> ok(store.statusMachine.unassign(woId(r), actor(r))));
        route("POST", wo + "/provider/cancel", r -> ok(store.statusMachine.providerCancel(woId(r), actor(r))));
        route("POST", wo + "/complete", r -> ok(store.statusMachine.complete(woId(r), actor(r), null)));
        route("DELETE", wo + "/complete", r -> ok(store.statusMachine.incomplete(woId(r), actor(r), r.query("reason"),
                r.query("reason_id"))));
        route("POST", wo + "/approve", r -> ok(store.statusMachine.approve(woId(r), actor(r))));
        route("DELETE", wo + "/approve", r -> ok(store.statusMachine.unapprove(woId(r), actor(r))));
        route("GET", wo + "/schedule", r -> ok(store.schedules.schedule(woId(r))));
        route("PUT", wo + "/schedule", r -> ok(store.schedules.putSchedule(woId(r), r.json(), actor(r))));
        route("GET", wo + "/location", r -> ok(store.locations.location(woId(r))));
        route("PUT", wo + "/location", r -> ok(store.locations.putLocation(woId(r), r.json())));
        route("GET", wo + "/pay", r -> ok(store.pay.pay(woId(r))));
        route("PUT", wo + "/pay", r -> ok(store.pay.putPay(woId(r), r.json())));
        route("GET", wo + "/contacts", r -> ok(store.contacts.contacts(woId(r))));
        route("POST", wo + "/contacts", r -> ok(store.contacts.addContact(woId(r), r.json())));
        route("PUT", wo + "/contacts/{contactId}", r -> ok(store.contacts.updateContact(woId(r), num(r, "contactId", "Contact"),
                r.json())));
        route("DELETE", wo + "/contacts/{contactId}", r -> ok(store.contacts.deleteContact(woId(r),
                num(r, "contactId", "Contact"))));
        route("GET", wo + "/custom_fields", r -> ok(store.customFields.customFields(woId(r))));
        route("GET", wo + "/custom_fields/{fieldId}", r -> ok(store.customFields.customField(woId(r), r.pathVar("fieldId"))));
        route("PUT", wo + "/custom_fields/{fieldId}", r -> ok(store.customFields.setCustomField(woId(r), r.pathVar("fieldId"),
                r.json(), actor(r))));
        route("GET", wo + "/messages", r -> ok(store.messages.messages(woId(r), Math.max(1, intQuery(r, "page", 1)),
                Math.max(1, Math.min(100, intQuery(r, "per_page", 25))))));
        route("POST", wo + "/messages", r -> ok(store.messages.postMessage(woId(r), r.json(), actor(r), "buyer")));
        route("POST", wo + "/messages/{messageId}", r -> ok(store.messages.reply(woId(r), num(r, "messageId", "Message"),
                r.json(), actor(r), "buyer")));
        route("GET", wo + "/attachments", r -> ok(store.attachments.attachmentFolders(woId(r))));
        route("POST", wo + "/attachments", r -> ok(store.attachments.createFolder(woId(r), r.json())));
        route("POST", wo + "/attachments/{folderId}", this::upload);
        route("DELETE", wo + "/attachments/{folderId}", r -> ok(store.attachments.deleteFolder(woId(r),
                num(r, "folderId", "Attachment folder"))));
        route("PUT", wo + "/attachments/{folderId}/{attachmentId}", r -> ok(store.attachments.updateAttachment(woId(r),
                num(r, "folderId", "Attachment folder"), num(r, "attachmentId", "Attachment"), body(r))));
        route("DELETE", wo + "/attachments/{folderId}/{attachmentId}", r -> ok(store.attachments.deleteAttachment(woId(r),
                num(r, "folderId", "Attachment folder"), num(r, "attachmentId", "Attachment"))));
        route("GET", REST_PREFIX + "/custom-fields", r -> ok(store.customFields.customFieldDefinitions()));
        route("GET", REST_PREFIX + "/types-of-work", r -> ok(store.typesOfWork.typesOfWork()));
        route("GET", REST_PREFIX + "/types-of-work/{typeId}/service-types", r -> ok(store.typesOfWork.serviceTypes(
                num(r, "typeId", "Type of work"))));
        route("GET", REST_PREFIX + "/users/{userId}", r -> ok(store.view.userJson(num(r, "userId", "User"))));
        route("GET", REST_PREFIX + "/company/incomplete-reasons", r -> ok(incompleteReasons()));

        route("GET", WEBHOOKS_PREFIX + "/events", this::eventCatalog);
        route("GET", WEBHOOKS_PREFIX + "/delivery-logs", this::deliveryLogs);
        route("GET", WEBHOOKS_PREFIX + "/delivery-logs/{deliveryId}", this::deliveryLog);
        route("PATCH", WEBHOOKS_PREFIX + "/delivery-logs/{deliveryId}/retry", this::retryDelivery);
        route("GET", WEBHOOKS_PREFIX, this::listWebhooks);
        route("POST", WEBHOOKS_PREFIX, r -> ok(v3(store.webhooks.createWebhook(r.json(), apiUserId))));
        route("GET", WEBHOOKS_PREFIX + "/{webhookId}", r -> ok(v3(store.webhooks.getWebhook(r.pathVar("webhookId"),
                r.query("webhookAttribute") != null && r.query("webhookAttribute").contains("header")))));
        route("PUT", WEBHOOKS_PREFIX + "/{webhookId}", r -> ok(v3(store.webhooks.updateWebhook(r.pathVar("webhookId"), r.json(),
                apiUserId))));
        route("DELETE", WEBHOOKS_PREFIX + "/{webhookId}", r -> ok(v3(store.webhooks.deleteWebhook(r.pathVar("webhookId")))));
        route("GET", WEBHOOKS_PREFIX + "/{webhookId}/history", r -> {
            ArrayNode h = store.webhooks.webhookHistory(r.pathVar("webhookId"));
            ObjectNode o = v3(h);
            ((ObjectNode) o.get("metadata")).put("count", h.size()).put("total", h.size());
            return ok(o);
        });
    }

    private static SandboxResponse ok(Object body) {
        return SandboxResponse.ok(body);
    }

    private static ObjectNode v3(JsonNode result) {
        ObjectNode o = Json.object();
        o.putObject("metadata").put("timestamp", FnTime.isoUtc(Instant.now()));
        o.set("result", result);
        return o;
    }

    private static long woId(SandboxRequest r) {
        String s = r.pathVar("id");
        if (s == null || !s.matches("\\d{1,18}")) {
            throw FnStore.notFound();
        }
        return Long.parseLong(s);
    }

    private static long num(SandboxRequest r, String var, String what) {
        String s = r.pathVar(var);
        if (s == null || !s.matches("\\d{1,18}")) {
            throw new SandboxException(404, what + " not found: " + s);
        }
        return Long.parseLong(s);
    }

    private long actor(SandboxRequest r) {
        String acting = r.query("acting_user_id");
        return acting != null && acting.matches("\\d{1,18}") ? Long.parseLong(acting) : apiUserId;
    }

    private static int intQuery(SandboxRequest r, String name, int dflt) {
        String v = r.query(name);
        return v != null && v.trim().matches("\\d{1,9}") ? Integer.parseInt(v.trim()) : dflt;
    }

    private static Map<String, String> query(SandboxRequest r) {
        Map<String, String> q = new HashMap<>();
        r.queryParams().forEach((k, v) -> {
            if (!v.isEmpty()) {
                q.put(k, v.get(0));
            }
        });
        return q;
    }

    /** The JSON body, or an empty object when there is none. */
    private static JsonNode body(SandboxRequest r) {
        return r.body().length == 0 || r.bodyText().isBlank() ? Json.object() : r.json();
    }

    /** {@code {"<key>":{"id":N}}} (also tolerates {"<key>_id":N} and {"id":N}). */
    private static long userId(JsonNode body, String key) {
        long id = userIdOrZero(body, key);
        if (id <= 0) {
            throw new SandboxException(400, "Missing Parameter: " + key + ".id");
        }
        return id;
    }

    private static long userIdOrZero(JsonNode body, String key) {
        JsonNode n = body.path(key);
        if (n.isObject()) {
            return n.path("id").asLong(0);
        }
        if (n.canConvertToLong()) {
            return n.asLong();
        }
        if (body.path(key + "_id").canConvertToLong()) {
            return body.path(key + "_id").asLong();
        }
        return body.path("id").asLong(0);
    }

    private static ObjectNode incompleteReasons() {
        ObjectNode o = Json.object();
        String[] reasons = {"Work not completed", "Missing deliverables", "Closing notes incomplete", "Other"};
        o.set("metadata", FnPaging.metadata(reasons.length, 1, 25));
        ArrayNode r = o.putArray("results");
        for (int i = 0; i < reasons.length; i++) {
            r.addObject().put("id", i + 1).put("name", reasons[i]);
        }
        return o;
    }

    // ---------------------------------------------------------------- OAuth

    private SandboxResponse token(SandboxRequest r) {
        Map<String, String> p = new HashMap<>();
        String text = r.bodyText().trim();
        if (r.isFormEncoded() || (!text.isEmpty() && !text.startsWith("{"))) {
            r.form().forEach((k, v) -> {
                if (!v.isEmpty()) {
                    p.put(k, v.get(0));
                }
            });
        } else if (!text.isEmpty()) {
            JsonNode j = r.json();
            if (!j.isObject()) {
                throw new SandboxException(400, "Request body must be a JSON object");
            }
            j.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    p.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        String basic = r.header("Authorization");
        if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String dec = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = dec.indexOf(':');
                if (colon > 0) {
                    p.putIfAbsent("client_id", dec.substring(0, colon));
                    p.putIfAbsent("client_secret", dec.substring(colon + 1));
                }
            } catch (IllegalArgumentException e) {
                // not Basic credentials: ignored
            }
        }
        String grant = p.get("grant_type");
        if (grant == null || grant.isBlank()) {
            throw new SandboxException(400, "Missing Parameter: grant_type");
        }
        switch (grant) {
            case "password":
                require(p, "client_id", "client_secret", "username", "password");
                checkClient(p);
                if (!username.equalsIgnoreCase(p.get("username")) || !password.equals(p.get("password"))) {
                    throw new SandboxException(401, "Invalid username or password");
                }
                return issue();
            case "client_credentials":
                require(p, "client_id", "client_secret");
                checkClient(p);
                return issue();
            case "refresh_token":
                require(p, "refresh_token");
                if (p.containsKey("client_id") || p.containsKey("client_secret")) {
                    require(p, "client_id", "client_secret");
                    checkClient(p);
                }
                if (refreshTokens.remove(p.get("refresh_token")) == null) {
                    throw new SandboxException(401, "Invalid refresh token");
                }
                return issue();
            default:
                throw new SandboxException(400, "Unsupported grant type: " + grant);
        }
    }

    private static void require(Map<String, String> p, String... names) {
        List<String> missing = new ArrayList<>();
        for (String n : names) {
            if (p.get(n) == null || p.get(n).isBlank()) {
                missing.add(n);
            }
        }
        if (!missing.isEmpty()) {
            throw new SandboxException(400, "Missing Parameter: " + String.join(", ", missing));
        }
    }

    private void checkClient(Map<String, String> p) {
        if (!clientId.equals(p.get("client_id")) || !clientSecret.equals(p.get("client_secret"))) {
            throw new SandboxException(401, "Client authentication failed");
        }
    }

    private SandboxResponse issue() {
        byte[] raw = new byte[24];
        RANDOM.nextBytes(raw);
        String access = HexFormat.of().formatHex(raw);
        RANDOM.nextBytes(raw);
        String refresh = HexFormat.of().formatHex(raw);
        Duration ttl = tokenTtl;
        tokens.put(access, new Token(access, Instant.now().plus(ttl), apiUserId));
        refreshTokens.put(refresh, apiUserId);
        ObjectNode o = Json.object();
        o.put("access_token", access);
        o.put("expires_in", ttl.toSeconds());
        o.put("token_type", "Bearer");
        o.put("scope", "basic");
        o.put("refresh_token", refresh);
        o.putObject("user").put("id", apiUserId);
        return SandboxResponse.ok(o).header("Cache-Control", "no-store");
    }

    // ---------------------------------------------------------------- REST handlers needing more than one line

    private SandboxResponse deleteWorkOrder(SandboxRequest r) {
        String reason = r.query("cancel_reason");
        String notes = r.query("notes");
        JsonNode b = body(r);
        if (reason == null && b.hasNonNull("cancel_reason")) {
            reason = b.get("cancel_reason").asText();
        }
        if (notes == null && b.hasNonNull("notes")) {
            notes = b.get("notes").asText();
        }
        return ok(store.statusMachine.cancel(woId(r), actor(r), reason, notes));
    }

    private SandboxResponse upload(SandboxRequest r) {
        long id = woId(r);
        long folderId = num(r, "folderId", "Attachment folder");
        if (!r.isMultipart()) {
            store.workOrders.get(id);
            throw new SandboxException(400, "Upload must be multipart/form-data with a 'file' part");
        }
        List<Multipart.Part> parts = r.multipart();
        Multipart.Part file = Multipart.find(parts, "file");
        if (file == null) {
            throw new SandboxException(400, "Missing Parameter: file");
        }
        String notes = null;
        Multipart.Part notesPart = Multipart.find(parts, "notes");
        if (notesPart != null) {
            notes = notesPart.text();
        }
        String name = file.filename();
        Multipart.Part meta = Multipart.find(parts, "attachment");
        if (meta != null) {
            try {
                JsonNode m = Json.MAPPER.readTree(meta.content());
                if (notes == null && m.hasNonNull("notes")) {
                    notes = m.get("notes").asText();
                }
                if ((name == null || name.isBlank()) && m.path("file").hasNonNull("name")) {
                    name = m.path("file").get("name").asText();
                }
            } catch (Exception e) {
                throw new SandboxException(400, "The 'attachment' part must be JSON");
            }
        }
        store.attachments.upload(id, folderId, name, file.contentType(), file.content(), notes, actor(r), false);
        return ok(store.workOrders.get(id));
    }

    private SandboxResponse download(SandboxRequest r) {
        String idText = r.pathVar("attachmentId");
        FnModel.Attachment a = idText != null && idText.matches("\\d{1,18}")
                ? store.attachments.attachment(Long.parseLong(idText)) : null;
        if (a == null || !a.name.equals(r.pathVar("name"))) {
            return SandboxResponse.text(404, "Not Found");
        }
        return SandboxResponse.bytes(200, a.content.clone(), a.mime)
                .header("Content-Disposition", "attachment; filename=\"" + a.name.replace("\"", "") + "\"");
    }

    // ---------------------------------------------------------------- webhooks v3 handlers

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
        List<WebhookDelivery> out = new ArrayList<>(dispatcher.deliveries());
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
        info.put("delivery_log", baseUrl() + "/files/delivery-logs/" + d.deliveryId());
        return ok(v3(info));
    }

    private SandboxResponse retryDelivery(SandboxRequest r) {
        WebhookDelivery d = findDelivery(r.pathVar("deliveryId"));
        String job = store.emitter.redeliver(d.deliveryUuid());
        ObjectNode res = Json.object();
        res.put("job_id", job);
        return ok(v3(res));
    }

    private SandboxResponse deliveryLogFile(SandboxRequest r) {
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
