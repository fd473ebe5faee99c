package com.cwfn.sandbox.fieldnation;

import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxException;
import com.cwfn.sandbox.fieldnation.FnModel.Attachment;
import com.cwfn.sandbox.fieldnation.FnModel.CustomFieldDef;
import com.cwfn.sandbox.fieldnation.FnModel.TypeOfWork;
import com.cwfn.sandbox.fieldnation.FnModel.User;
import com.cwfn.sandbox.fieldnation.FnModel.Webhook;
import com.cwfn.sandbox.fieldnation.FnModel.WorkOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Field Nation sandbox's shared state and its one lock: work orders, attachments, users, custom field
 * definitions, types of work, webhooks, events, the id counters and the switches, plus the resource classes that
 * work on them. Every public-facing operation of every resource takes this store's lock, so state changes and the
 * events they raise are totally ordered (which is what makes per-work-order delivery order hold).
 */
final class FnStore {
    static final long COMPANY_ID = 4120;
    static final String COMPANY_NAME = "MSP Example Co";
    static final long BUYER_UI_USER = 501;
    static final long DEFAULT_PROVIDER = 1068;
    /** The company's incomplete reasons (IncompleteReasonDto labels), ids 1, 2, ... in this order. */
    static final List<String> INCOMPLETE_REASONS = List.of("Work not completed", "Missing deliverables",
            "Closing notes incomplete", "Other");
    /** The user Field Nation's own automations act as (an at-risk work order is flagged by the platform). */
    static final long PLATFORM_USER = 1;

    final long apiUserId;
    private final String apiUserFirst;
    private final String apiUserLast;
    final Supplier<String> baseUrl;
    final WebhookDispatcher dispatcher;

    volatile boolean requireCompleteForPublish = true;
    volatile boolean flatWebhookShape;
    volatile boolean stringWorkOrderIdInParams;
    volatile boolean enforceUniqueCustomFields = true;
    volatile boolean requireHttpsWebhookUrls = true;
    volatile boolean ignoreCustomFieldsOnCreate;
    volatile boolean autoGenerateWebhookSecret = true;
    volatile ZoneId eventZone = ZoneId.of("America/Chicago");
    volatile ZoneId defaultSiteZone = ZoneId.of("America/Chicago");

    // ---- state, guarded by this store's lock
    final Map<Long, WorkOrder> workOrderById = new LinkedHashMap<>();
    final Map<Long, Attachment> attachmentById = new HashMap<>();
    final Map<Long, User> users = new LinkedHashMap<>();
    final Map<Long, CustomFieldDef> fieldDefs = new LinkedHashMap<>();
    final Map<Long, TypeOfWork> workTypes = new LinkedHashMap<>();
    final Map<String, Webhook> webhookById = new LinkedHashMap<>();
    final List<FnEvent> events = new ArrayList<>();
    long nextWorkOrder;
    long nextFolder;
    long nextAttachment;
    long nextMessage;
    long nextContact;
    long nextWebhook;
    long nextHistory;
    long nextJob;

    // ---- the resources, each working on this state under this lock
    final FnWebhooks webhooks = new FnWebhooks(this);
    final FnEmitter emitter = new FnEmitter(this);
    final FnMessages messages = new FnMessages(this);
    final FnAttachments attachments = new FnAttachments(this);
    final FnContacts contacts = new FnContacts(this);
    final FnCustomFields customFields = new FnCustomFields(this);
    final FnTypesOfWork typesOfWork = new FnTypesOfWork(this);
    final FnLocations locations = new FnLocations(this);
    final FnSchedules schedules = new FnSchedules(this);
    final FnPay pay = new FnPay(this);
    final FnTimeLogs timeLogs = new FnTimeLogs(this);
    final FnExpenses expenses = new FnExpenses(this);
    final FnPools pools = new FnPools(this);
    final FnProblems problems = new FnProblems(this);
    final FnStatusMachine statusMachine = new FnStatusMachine(this);
    final FnWorkOrderView view = new FnWorkOrderView(this);
    final FnWorkOrders workOrders = new FnWorkOrders(this);

    FnStore(long apiUserId, String apiUserFirst, String apiUserLast, Supplier<String> baseUrl,
            WebhookDispatcher dispatcher) {
        this.apiUserId = apiUserId;
        this.apiUserFirst = apiUserFirst;
        this.apiUserLast = apiUserLast;
        this.baseUrl = baseUrl;
        this.dispatcher = dispatcher;
        reset();
    }

    synchronized void reset() {
        workOrderById.clear();
        attachmentById.clear();
        webhookById.clear();
        events.clear();
        users.clear();
        fieldDefs.clear();
        workTypes.clear();
        nextWorkOrder = 20001;
        nextFolder = 1001;
        nextAttachment = 700001;
        nextMessage = 40001;
        nextContact = 8001;
        nextWebhook = 1;
        nextHistory = 1;
        nextJob = 900001;
        pools.clear();
        requireCompleteForPublish = true;
        flatWebhookShape = false;
        stringWorkOrderIdInParams = false;
        enforceUniqueCustomFields = true;
        requireHttpsWebhookUrls = true;
        ignoreCustomFieldsOnCreate = false;
        autoGenerateWebhookSecret = true;
        seed();
    }

    /** Idempotent: users, custom field definitions and types of work. */
    synchronized void seed() {
        users.putIfAbsent(apiUserId, new User(apiUserId, apiUserFirst, apiUserLast, "buyer", "api.user@msp.example",
                "6125550100"));
        users.putIfAbsent(BUYER_UI_USER, new User(BUYER_UI_USER, "Casey", "Coordinator", "buyer",
                "casey.coordinator@msp.example", "6125550101"));
        users.putIfAbsent(DEFAULT_PROVIDER, new User(DEFAULT_PROVIDER, "Pat", "Tech", "provider", "pat.tech@example.net",
                "6125550168"));
        users.putIfAbsent(1069L, new User(1069, "Sam", "Fixit", "provider", "sam.fixit@example.net", "6125550169"));
        users.putIfAbsent(1070L, new User(1070, "Lee", "Cable", "provider", "lee.cable@example.net", "6125550170"));
        users.putIfAbsent(1071L, new User(1071, "Kim", "Wire", "provider", "kim.wire@example.net", "6125550171"));
        users.putIfAbsent(1072L, new User(1072, "Ana", "Volt", "provider", "ana.volt@example.net", "4075550172"));
        users.putIfAbsent(1073L, new User(1073, "Raj", "Port", "provider", "raj.port@example.net", "4075550173"));
        pools.seed();

        putField(new CustomFieldDef(129, "ConnectWise Ticket ID", "text", "buyer", List.of("internal_id", "unique"), 7,
                "Buyer fields", "The PSA ticket this work order was dispatched from", List.of(), 1));
        putField(new CustomFieldDef(130, "Site Access", "text", "buyer", List.of("seen_by_provider"), 7, "Buyer fields",
                "How the technician gets on site", List.of(), 2));
        putField(new CustomFieldDef(131, "PO Number", "text", "buyer", List.of(), 7, "Buyer fields",
                "Customer purchase order", List.of(), 3));

        putType(new TypeOfWork(1, "Desktop Support", 1, "IT", List.of()));
        putType(new TypeOfWork(5, "Cabling - Low Voltage", 1, "IT", List.of()));
        putType(new TypeOfWork(14, "Networking", 1, "IT", List.of(new String[] {"1401", "Router/Switch Installation"},
                new String[] {"1402", "Network Troubleshooting"})));
        putType(new TypeOfWork(21, "Server", 1, "IT", List.of()));
        putType(new TypeOfWork(33, "Printer", 1, "IT", List.of()));
        putType(new TypeOfWork(47, "Wireless", 1, "IT", List.of()));
        putType(new TypeOfWork(62, "Point of Sale (POS)", 2, "Retail", List.of()));
        putType(new TypeOfWork(70, "Audio/Visual", 3, "AV", List.of()));
    }

    private void putField(CustomFieldDef d) {
        fieldDefs.putIfAbsent(d.id(), d);
    }

    private void putType(TypeOfWork t) {
        workTypes.putIfAbsent(t.id(), t);
    }

    synchronized User user(long id) {
        return users.computeIfAbsent(id, k -> new User(k, "Provider", String.valueOf(k), "provider", "", ""));
    }

    WorkOrder wo(long id) {
        WorkOrder wo = workOrderById.get(id);
        if (wo == null || wo.deleted) {
            throw notFound();
        }
        return wo;
    }

    static SandboxException notFound() {
        ObjectNode body = Json.object();
        body.put("status_code", 404);
        body.put("message", "Work order not found");
        return new SandboxException(404, "Work order not found", body);
    }

    static SandboxException invalidStatus(WorkOrder wo, String action) {
        return new SandboxException(400, "Invalid Status: cannot " + action + " a work order in status "
                + FnModel.statusName(wo.status) + " (" + wo.status + ")");
    }
}
