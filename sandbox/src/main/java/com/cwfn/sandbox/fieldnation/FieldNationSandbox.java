package com.cwfn.sandbox.fieldnation;

import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxRequest;
import com.cwfn.sandbox.SandboxResponse;
import com.cwfn.sandbox.SandboxServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

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

    private final String clientId;
    private final String clientSecret;
    private final String username;
    private final String password;
    private final long apiUserId = 500;
    private final String apiUserName = "MSP Dispatch";

    private final WebhookDispatcher dispatcher = new WebhookDispatcher();
    private final FnStore store;
    private final FnOAuth oauth;
    private final FnRestApi restApi;
    private final FnWebhooksApi webhooksApi;

    public FieldNationSandbox(String clientId, String clientSecret, String username, String password) {
        super("fieldnation");
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.username = username;
        this.password = password;
        this.store = new FnStore(apiUserId, "MSP", "Dispatch", this::baseUrlOrPlaceholder, dispatcher);
        this.oauth = new FnOAuth(clientId, clientSecret, username, password, apiUserId);
        this.restApi = new FnRestApi(store, apiUserId);
        this.webhooksApi = new FnWebhooksApi(store, apiUserId, this::baseUrl);
        routes();
    }

    /** First match wins: the delivery log files must come before the attachment downloads under /files. */
    private void routes() {
        route("POST", TOKEN_PATH, oauth::token);
        route("GET", "/files/delivery-logs/{deliveryId}", webhooksApi::deliveryLogFile);
        route("GET", "/files/{attachmentId}/{name}", restApi::download);
        restApi.register(this::route);
        store.timeLogs.register(this::route, restApi::actor);
        store.expenses.register(this::route, restApi::actor);
        store.pools.register(this::route);
        store.problems.register(this::route, restApi::actor);
        webhooksApi.register(this::route);
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
        oauth.tokenTtl(ttl);
        return this;
    }

    public Duration tokenTtl() {
        return oauth.tokenTtl();
    }

    /** Every token issued so far stops working (answers 401 "expired"); new token requests work. */
    public void expireAllTokens() {
        oauth.expireAllTokens();
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

    /**
     * Refuse webhook URLs that are not HTTPS, as the Webhooks v3 spec says ("Must be a valid HTTPS URL"); loopback
     * hosts (127.0.0.0/8, ::1, localhost) stay allowed so local receivers and tests work (default true).
     */
    public FieldNationSandbox requireHttpsWebhookUrls(boolean on) {
        store.requireHttpsWebhookUrls = on;
        return this;
    }

    /**
     * Take no {@code custom_fields} in {@code POST /workorders} (default false): a Field Nation where the spec's
     * create shape does not take, which the reference lists as unverified; values then need the per-field endpoint.
     */
    public FieldNationSandbox ignoreCustomFieldsOnCreate(boolean on) {
        store.ignoreCustomFieldsOnCreate = on;
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

    /**
     * A provider the work order was routed to accepts it (Assigned, 3; workorder.status.assigned, triggered by the
     * provider). Refused when the work order was not routed to them.
     */
    public void providerAccepts(long woId, long providerId) {
        if (!routedProviders(woId).contains(providerId)) {
            throw new IllegalStateException("work order " + woId + " is not routed to provider " + providerId
                    + " (routed to " + routedProviders(woId) + ")");
        }
        store.statusMachine.assign(woId, providerId, providerId, false);
    }

    /** A user's first and last name ("Provider N" for a provider the seed does not name). */
    public String userName(long id) {
        return store.user(id).name();
    }

    /** The providers a work order is routed to, in the order they were routed. */
    public List<Long> routedProviders(long woId) {
        List<Long> out = new java.util.ArrayList<>();
        store.workOrders.find(woId).ifPresent(w -> w.path("routes").path("results")
                .forEach(r -> out.add(r.path("user").path("id").asLong())));
        return out;
    }

    /** Adds or replaces a preferred provider group (GET /preferred-provider-groups, /providers/select-all). */
    public void definePreferredProviderGroup(long id, String name, List<Long> providers) {
        store.pools.definePreferred(id, name, providers);
    }

    /** Adds or replaces a talent pool group with one tier "Tier 1" holding {@code providers}. */
    public void defineTalentPoolGroup(String uuid, String name, List<Long> providers) {
        store.pools.defineTalent(uuid, name, List.of(new FnPools.Tier(4, "Tier 1", providers)));
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

    /** The assigned provider runs late and gives a new ETA: fires status.delayed (the work order's eta moves). */
    public void providerDelay(long woId, Instant eta) {
        store.statusMachine.delay(woId, provider(woId), eta);
    }

    /** Field Nation flags the assigned work order at risk (the provider has not confirmed): fires status.at_risk. */
    public void atRisk(long woId) {
        store.statusMachine.atRisk(woId);
    }

    /** Buyer UI user puts the work on hold indefinitely: fires status.postponed. */
    public void postpone(long woId) {
        store.statusMachine.postpone(woId, FnStore.BUYER_UI_USER);
    }

    /** A provider declines the published or routed work order (decline reason 1): fires workorder.declined. */
    public void decline(long woId, long providerId) {
        store.statusMachine.decline(woId, providerId, 1);
    }

    /**
     * The assigned provider (or 1068) reports a problem of a type (1 running late, 2 no-show, 3 parts missing, 4
     * site not ready, 5 other): fires workorder.problem_reported. Returns the problem's id.
     */
    public long reportProblem(long woId, long typeId, String comments) {
        ObjectNode body = Json.object().put("comments", comments);
        body.putObject("type").put("id", typeId);
        ObjectNode wo = store.problems.report(woId, body, provider(woId));
        JsonNode results = wo.path("problems").path("results");
        return results.get(results.size() - 1).path("id").asLong();
    }

    /** Buyer UI user marks a problem resolved: fires workorder.problem_resolved. */
    public void resolveProblem(long woId, long problemId) {
        ObjectNode body = Json.object();
        body.putObject("resolution").put("status", "resolved");
        store.problems.update(woId, problemId, body, FnStore.BUYER_UI_USER);
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

    /** The time logs of a work order as stored (check-in/out and REST edits). */
    public List<ObjectNode> timeLogs(long woId) {
        return store.timeLogs.logs(woId);
    }

    /** The buyer UI user corrects a time log's check-in and check-out (null: still checked in); no event. */
    public void editTimeLog(long woId, long logId, Instant in, Instant out) {
        store.timeLogs.edit(woId, logId, timeLogBody(in, out).put("id", logId));
    }

    /** The assigned provider (or 1068) adds a finished time log by hand; no event. */
    public void addTimeLog(long woId, Instant in, Instant out) {
        store.timeLogs.add(woId, timeLogBody(in, out), provider(woId));
    }

    /** The buyer UI user deletes a time log; no event. */
    public void deleteTimeLog(long woId, long logId) {
        store.timeLogs.delete(woId, logId);
    }

    private static ObjectNode timeLogBody(Instant in, Instant out) {
        ObjectNode body = Json.object();
        body.putObject("in").put("created", FnTime.utc(in));
        if (out != null) {
            body.putObject("out").put("created", FnTime.utc(out));
        }
        return body;
    }

    /** The provider sets an ETA (the work order's {@code eta}); Field Nation sends no event for it. */
    public void setEta(long woId, Instant start, Instant end) {
        store.timeLogs.setEta(woId, start, end);
    }

    /**
     * The assigned provider (or 1068) adds an expense (status new) in category 1 Uncategorized, 2 Materials, 3 Travel
     * or 4 Parking and Tolls; no event. Returns the expense as listed.
     */
    public ObjectNode addExpense(long woId, int categoryId, String description, String amount) {
        ObjectNode body = Json.object();
        body.putObject("category").put("id", categoryId);
        body.put("description", description);
        body.put("amount", amount);
        body.put("quantity", 1);
        store.expenses.add(woId, body, provider(woId));
        List<ObjectNode> all = expenses(woId);
        return all.get(all.size() - 1);
    }

    /** The buyer UI user approves ({@code approved}) or disapproves an expense; no event. */
    public void decideExpense(long woId, long expenseId, boolean approve) {
        store.expenses.update(woId, expenseId, expenseBody(woId, expenseId).put("status", approve ? "approved"
                : "disapproved"), FnStore.BUYER_UI_USER);
    }

    /** The buyer UI user changes an expense's amount; no event. */
    public void changeExpenseAmount(long woId, long expenseId, String amount) {
        store.expenses.update(woId, expenseId, expenseBody(woId, expenseId).put("amount", amount),
                FnStore.BUYER_UI_USER);
    }

    /** An expense as a WorkOrderUpdateExpenseDto body: its category, description and amount. */
    private ObjectNode expenseBody(long woId, long expenseId) {
        ObjectNode current = expenses(woId).stream().filter(e -> e.path("id").asLong() == expenseId).findFirst()
                .orElseThrow(() -> new java.util.NoSuchElementException("expense " + expenseId));
        ObjectNode body = Json.object();
        body.set("category", Json.object().put("id", current.path("category").path("id").asInt()));
        body.put("description", current.path("description").asText());
        body.put("amount", current.path("amount").asText());
        return body;
    }

    /** The expenses of a work order, as listed by GET /workorders/{id}/expenses. */
    public List<ObjectNode> expenses(long woId) {
        List<ObjectNode> out = new java.util.ArrayList<>();
        store.expenses.expenses(woId).path("results").forEach(e -> out.add((ObjectNode) e));
        return out;
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
        String problem = oauth.problem(req);
        return problem == null ? null : error(401, problem, req.path()).header("WWW-Authenticate", "Bearer");
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
            return SandboxResponse.json(status, FnWebhooksApi.v3Error(status, message, path));
        }
        if (path != null && path.startsWith("/authentication")) {
            ObjectNode o = Json.object();
            o.put("status_code", status);
            o.put("message", message);
            return SandboxResponse.json(status, o);
        }
        return error(status, message);
    }
}
