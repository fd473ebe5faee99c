package com.cwfn.sandbox.fieldnation;

import static com.cwfn.sandbox.fieldnation.FnModel.APPROVED;
import static com.cwfn.sandbox.fieldnation.FnModel.ASSIGNED;
import static com.cwfn.sandbox.fieldnation.FnModel.CANCELLED;
import static com.cwfn.sandbox.fieldnation.FnModel.DRAFT;
import static com.cwfn.sandbox.fieldnation.FnModel.PAID;
import static com.cwfn.sandbox.fieldnation.FnModel.PUBLISHED;
import static com.cwfn.sandbox.fieldnation.FnModel.ROUTED;
import static com.cwfn.sandbox.fieldnation.FnModel.WORK_DONE;

import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxException;
import com.cwfn.sandbox.fieldnation.FnModel.Attachment;
import com.cwfn.sandbox.fieldnation.FnModel.CustomFieldDef;
import com.cwfn.sandbox.fieldnation.FnModel.Schedule;
import com.cwfn.sandbox.fieldnation.FnModel.TypeOfWork;
import com.cwfn.sandbox.fieldnation.FnModel.User;
import com.cwfn.sandbox.fieldnation.FnModel.Webhook;
import com.cwfn.sandbox.fieldnation.FnModel.WorkOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
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
    static final List<String> RICH_TEXT = List.of("description", "confidential", "policy_and_procedures",
            "standard_instructions");
    static final List<String> REFS = List.of("template", "project", "client", "manager", "service_contract",
            "team");
    private static final List<String> EXTRAS = List.of("networks", "tasks", "shipments", "incident_id", "require_gps",
            "allow_counter_offers", "printable", "ignore_template", "qualificationsEnabled", "site_revisit",
            "service_types", "equipments", "auto_dispatch_rule", "require_registered_service_companies",
            "advanced_qualifications", "w2", "import_id", "tasks_enabled");

    final long apiUserId;
    private final String apiUserFirst;
    private final String apiUserLast;
    final Supplier<String> baseUrl;
    final WebhookDispatcher dispatcher;

    volatile boolean requireCompleteForPublish = true;
    volatile boolean flatWebhookShape;
    volatile boolean stringWorkOrderIdInParams;
    volatile boolean enforceUniqueCustomFields = true;
    volatile boolean requireHttpsWebhookUrls;
    volatile boolean autoGenerateWebhookSecret = true;
    volatile ZoneId eventZone = ZoneId.of("America/Chicago");
    volatile ZoneId defaultSiteZone = ZoneId.of("America/Chicago");

    // ---- state, guarded by this store's lock
    final Map<Long, WorkOrder> workOrders = new LinkedHashMap<>();
    final Map<Long, Attachment> attachmentById = new HashMap<>();
    final Map<Long, User> users = new LinkedHashMap<>();
    final Map<Long, CustomFieldDef> fieldDefs = new LinkedHashMap<>();
    final Map<Long, TypeOfWork> workTypes = new LinkedHashMap<>();
    final Map<String, Webhook> webhookById = new LinkedHashMap<>();
    final List<FnEvent> events = new ArrayList<>();
    private long nextWorkOrder;
    long nextFolder;
    long nextAttachment;
    long nextMessage;
    long nextContact;
    long nextWebhook;
    long nextHistory;

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
    final FnStatusMachine statusMachine = new FnStatusMachine(this);
    final FnWorkOrderView view = new FnWorkOrderView(this);

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
        workOrders.clear();
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
        requireCompleteForPublish = true;
        flatWebhookShape = false;
        stringWorkOrderIdInParams = false;
        enforceUniqueCustomFields = true;
        requireHttpsWebhookUrls = false;
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
        WorkOrder wo = workOrders.get(id);
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

    synchronized Optional<ObjectNode> find(long id) {
        WorkOrder wo = workOrders.get(id);
        return wo == null || wo.deleted ? Optional.empty() : Optional.of(this.view.render(wo));
    }

    synchronized ObjectNode get(long id) {
        return this.view.render(wo(id));
    }

    synchronized List<ObjectNode> all() {
        List<ObjectNode> out = new ArrayList<>();
        for (WorkOrder wo : workOrders.values()) {
            if (!wo.deleted) {
                out.add(this.view.render(wo));
            }
        }
        return out;
    }

    synchronized ObjectNode create(JsonNode body, long actor) {
        if (body == null || !body.isObject()) {
            throw new SandboxException(400, "Request body must be a JSON work order object");
        }
        JsonNode title = body.get("title");
        if (title == null || !title.isTextual() || title.asText().isBlank()) {
            throw new SandboxException(400, "Missing Parameter: title is required");
        }
        WorkOrder wo = new WorkOrder(nextWorkOrder);
        wo.createdBy = actor;
        wo.correlationId = UUID.randomUUID().toString();
        List<Runnable> changes = parseFields(wo, body, true);
        nextWorkOrder++;
        changes.forEach(Runnable::run);
        wo.folders.add(this.attachments.folder("Documents", "document"));
        wo.folders.add(this.attachments.folder("Misc", "slot"));
        if (!wo.refs.containsKey("manager")) {
            ObjectNode m = Json.object();
            m.put("id", apiUserId);
            wo.refs.put("manager", m);
        }
        Instant now = Instant.now();
        wo.milestones.put("created", now);
        wo.updated = now;
        workOrders.put(wo.id, wo);
        this.emitter.emit(wo, FnEvents.CREATED, actor, null, p -> { });
        return this.view.render(wo);
    }

    synchronized ObjectNode update(long id, JsonNode body, long actor) {
        WorkOrder wo = wo(id);
        if (body == null || !body.isObject()) {
            throw new SandboxException(400, "Request body must be a JSON object");
        }
        if (wo.status == CANCELLED) {
            throw invalidStatus(wo, "edit");
        }
        if (body.has("title") && (!body.get("title").isTextual() || body.get("title").asText().isBlank())) {
            throw new SandboxException(400, "title can not be empty");
        }
        Schedule before = FnSchedules.copy(wo.schedule);
        Map<Long, String> cfBefore = new LinkedHashMap<>(wo.customValues);
        List<Runnable> changes = parseFields(wo, body, false);
        changes.forEach(Runnable::run);
        wo.updated = Instant.now();
        if (body.has("schedule") && !FnSchedules.sameSchedule(before, wo.schedule)) {
            this.schedules.emitScheduleUpdated(wo, actor);
        }
        this.customFields.emitCustomFieldChanges(wo, cfBefore, actor);
        return this.view.render(wo);
    }

    /** Parses and validates every field first; the returned changes only run when all of them are valid. */
    private List<Runnable> parseFields(WorkOrder wo, JsonNode body, boolean create) {
        List<Runnable> changes = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = body.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode v = e.getValue();
            switch (key) {
                case "title":
                    String title = v.asText().trim();
                    changes.add(() -> wo.title = title);
                    break;
                case "types_of_work":
                case "type_of_work":
                    if (v.isNull()) {
                        changes.add(() -> {
                            wo.typesOfWork.clear();
                            wo.primaryTypeOfWork = null;
                        });
                        break;
                    }
                    List<Long> ids = new ArrayList<>();
                    Long primary = this.typesOfWork.parseTypesOfWork(v, ids);
                    changes.add(() -> {
                        wo.typesOfWork.clear();
                        wo.typesOfWork.addAll(ids);
                        wo.primaryTypeOfWork = primary;
                    });
                    break;
                case "location":
                    ObjectNode loc = v.isNull() ? null : this.locations.parseLocation(v, create ? null : wo.location);
                    changes.add(() -> wo.location = loc);
                    break;
                case "schedule":
                    Schedule s = v.isNull() ? null : this.schedules.parseSchedule(v, create ? null : wo.schedule, this.locations.zoneOf(wo),
                            "schedule");
                    Boolean ontime = v.has("require_ontime") ? v.get("require_ontime").asBoolean() : null;
                    changes.add(() -> {
                        wo.schedule = s;
                        if (ontime != null) {
                            wo.requireOntime = ontime;
                        }
                    });
                    break;
                case "require_ontime":
                    boolean ro = v.asBoolean();
                    changes.add(() -> wo.requireOntime = ro);
                    break;
                case "pay":
                    if (!create && wo.status >= WORK_DONE && wo.status != ROUTED) {
                        throw new SandboxException(400, "Pay can not be changed after work is done");
                    }
                    ObjectNode pay = v.isNull() ? null : this.pay.parsePay(v, create ? null : wo.pay);
                    changes.add(() -> wo.pay = pay);
                    break;
                case "contacts":
                    List<ObjectNode> contacts = this.contacts.parseContacts(v);
                    changes.add(() -> {
                        wo.contacts.clear();
                        wo.contacts.addAll(contacts);
                    });
                    break;
                case "custom_fields":
                    Map<Long, String> values = this.customFields.parseCustomFieldValues(v);
                    this.customFields.checkUnique(wo, values);
                    changes.add(() -> wo.customValues.putAll(values));
                    break;
                case "closing_notes":
                    String notes = v.isNull() ? "" : v.asText();
                    changes.add(() -> wo.closingNotes = notes);
                    break;
                default:
                    if (RICH_TEXT.contains(key)) {
                        ObjectNode rt = richText(v, key);
                        changes.add(() -> wo.richText.put(key, rt));
                    } else if (REFS.contains(key)) {
                        ObjectNode ref = ref(v, key);
                        changes.add(() -> {
                            if (ref == null) {
                                wo.refs.remove(key);
                            } else {
                                wo.refs.put(key, ref);
                            }
                        });
                    } else if (EXTRAS.contains(key)) {
                        JsonNode copy = v.deepCopy();
                        changes.add(() -> wo.extras.put(key, copy));
                    }
                    // anything else (id, status, actions, read-only fields...) is ignored, as the API does
            }
        }
        return changes;
    }

    private static ObjectNode richText(JsonNode v, String key) {
        ObjectNode o = Json.object();
        if (v.isNull()) {
            o.put("html", "");
        } else if (v.isTextual()) {
            o.put("html", v.asText());
        } else if (v.isObject()) {
            o.put("html", v.path("html").asText(""));
        } else {
            throw new SandboxException(400, key + " must be an object {\"html\": \"...\"}");
        }
        return o;
    }

    private ObjectNode ref(JsonNode v, String key) {
        if (v.isNull()) {
            return null;
        }
        ObjectNode o;
        if (v.isNumber() || v.isTextual()) {
            o = Json.object();
            o.put("id", v.asLong());
        } else if (v.isObject()) {
            o = v.deepCopy();
        } else {
            throw new SandboxException(400, key + " must be an object {\"id\": N}");
        }
        if (!o.path("id").canConvertToLong() || o.path("id").asLong() <= 0) {
            if (!(o.path("id").isTextual() && o.path("id").asText().matches("\\d+"))) {
                throw new SandboxException(400, key + ".id must be a positive integer");
            }
            o.put("id", Long.parseLong(o.path("id").asText()));
        }
        return o;
    }

    synchronized ObjectNode list(Map<String, String> q) {
        int perPage = parseInt(q.get("per_page"), 25);
        perPage = Math.max(1, Math.min(100, perPage));
        int page = Math.max(1, parseInt(q.get("page"), 1));
        List<Predicate<WorkOrder>> filters = new ArrayList<>();
        String ids = q.get("f_work_order_id");
        if (ids != null && !ids.isBlank()) {
            Set<Long> wanted = new LinkedHashSet<>();
            for (String s : ids.split(",")) {
                if (s.trim().matches("\\d+")) {
                    wanted.add(Long.parseLong(s.trim()));
                }
            }
            filters.add(wo -> wanted.contains(wo.id));
        }
        String search = q.get("f_search");
        if (search != null && !search.isBlank()) {
            String needle = search.trim().toLowerCase(Locale.ROOT);
            filters.add(wo -> searchText(wo).contains(needle));
        }
        String list = q.get("list");
        if (list != null && !list.isBlank()) {
            Set<Integer> statuses = listStatuses(list);
            if (statuses != null) {
                filters.add(wo -> statuses.contains(wo.status));
            }
        }
        String status = q.get("f_status");
        if (status != null && !status.isBlank()) {
            Set<Integer> st = new LinkedHashSet<>();
            for (String s : status.split(",")) {
                if (s.trim().matches("\\d+")) {
                    st.add(Integer.parseInt(s.trim()));
                }
            }
            filters.add(wo -> st.contains(wo.status));
        }
        List<WorkOrder> matches = new ArrayList<>();
        for (WorkOrder wo : workOrders.values()) {
            if (!wo.deleted && filters.stream().allMatch(f -> f.test(wo))) {
                matches.add(wo);
            }
        }
        boolean asc = "asc".equalsIgnoreCase(q.get("order"));
        Comparator<WorkOrder> cmp = Comparator.comparingLong(w -> w.id);
        matches.sort(asc ? cmp : cmp.reversed());
        ObjectNode out = Json.object();
        ObjectNode md = FnPaging.metadata(matches.size(), page, perPage);
        md.put("columns", q.getOrDefault("columns", ""));
        md.put("view", q.getOrDefault("view", "list"));
        md.put("sort", q.getOrDefault("sort", "id"));
        md.put("order", asc ? "asc" : "desc");
        md.put("list", list == null ? "workorders_all" : list);
        out.set("metadata", md);
        ArrayNode results = out.putArray("results");
        int from = (page - 1) * perPage;
        for (int i = from; i < Math.min(matches.size(), from + perPage); i++) {
            results.add(this.view.render(matches.get(i)));
        }
        return out;
    }

    private static Set<Integer> listStatuses(String list) {
        switch (list.toLowerCase(Locale.ROOT)) {
            case "workorders_draft":
            case "workorders_drafts":
                return Set.of(DRAFT);
            case "workorders_published":
            case "workorders_available":
            case "workorders_published_routed":
                return Set.of(PUBLISHED, ROUTED);
            case "workorders_routed":
                return Set.of(ROUTED);
            case "workorders_assigned":
            case "workorders_assignments":
            case "workorders_in_progress":
                return Set.of(ASSIGNED);
            case "workorders_done":
            case "workorders_workdone":
            case "workorders_completed":
                return Set.of(WORK_DONE);
            case "workorders_approved":
                return Set.of(APPROVED);
            case "workorders_paid":
                return Set.of(PAID);
            case "workorders_cancelled":
            case "workorders_canceled":
                return Set.of(CANCELLED);
            default:
                return null; // workorders_all and unknown lists: everything
        }
    }

    synchronized ArrayNode lists() {
        ArrayNode a = Json.array();
        String[][] defs = {{"workorders_all", "All"}, {"workorders_draft", "Drafts"},
            {"workorders_published", "Published / Routed"}, {"workorders_assigned", "Assigned"},
            {"workorders_done", "Done"}, {"workorders_approved", "Approved"}, {"workorders_paid", "Paid"},
            {"workorders_cancelled", "Cancelled"}};
        for (String[] d : defs) {
            Set<Integer> st = listStatuses(d[0]);
            long n = workOrders.values().stream().filter(w -> !w.deleted && (st == null || st.contains(w.status)))
                    .count();
            ObjectNode o = a.addObject();
            o.put("id", d[0]);
            o.put("label", d[1]);
            o.put("count", n);
        }
        return a;
    }

    private String searchText(WorkOrder wo) {
        StringBuilder sb = new StringBuilder();
        sb.append(wo.id).append('\n').append(wo.title).append('\n');
        ObjectNode d = wo.richText.get("description");
        if (d != null) {
            sb.append(d.path("html").asText()).append('\n');
        }
        if (wo.location != null) {
            for (String f : List.of("display_name", "address1", "city", "state", "zip")) {
                sb.append(wo.location.path(f).asText("")).append('\n');
            }
        }
        for (Long t : wo.typesOfWork) {
            sb.append(workTypes.get(t).name()).append('\n');
        }
        wo.customValues.values().forEach(v -> sb.append(v).append('\n'));
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    private static int parseInt(String s, int dflt) {
        if (s == null || !s.trim().matches("-?\\d{1,9}")) {
            return dflt;
        }
        return Integer.parseInt(s.trim());
    }
}
