package com.cwfn.sandbox.fieldnation;

import static com.cwfn.sandbox.fieldnation.FnModel.APPROVED;
import static com.cwfn.sandbox.fieldnation.FnModel.ASSIGNED;
import static com.cwfn.sandbox.fieldnation.FnModel.CANCELLED;
import static com.cwfn.sandbox.fieldnation.FnModel.DRAFT;
import static com.cwfn.sandbox.fieldnation.FnModel.PAID;
import static com.cwfn.sandbox.fieldnation.FnModel.PUBLISHED;
import static com.cwfn.sandbox.fieldnation.FnModel.ROUTED;
import static com.cwfn.sandbox.fieldnation.FnModel.WORK_DONE;
import static com.cwfn.sandbox.fieldnation.FnPaging.metadata;
import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxException;
import com.cwfn.sandbox.fieldnation.FnModel.Schedule;
import com.cwfn.sandbox.fieldnation.FnModel.WorkOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
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

/**
 * Work orders themselves: create and update (every field parsed and validated before any is applied), read, and the
 * filtered, paged list with its saved lists. Every entry point takes the store lock ({@code synchronized (store)}),
 * as all Field Nation resources do.
 */
final class FnWorkOrders {
    static final List<String> RICH_TEXT = List.of("description", "confidential", "policy_and_procedures",
            "standard_instructions");
    static final List<String> REFS = List.of("template", "project", "client", "manager", "service_contract",
            "team");
    private static final List<String> EXTRAS = List.of("networks", "tasks", "shipments", "incident_id", "require_gps",
            "allow_counter_offers", "printable", "ignore_template", "qualificationsEnabled", "site_revisit",
            "service_types", "equipments", "auto_dispatch_rule", "require_registered_service_companies",
            "advanced_qualifications", "w2", "import_id", "tasks_enabled");

    private final FnStore store;

    FnWorkOrders(FnStore store) {
        this.store = store;
    }

    Optional<ObjectNode> find(long id) {
        synchronized (store) {
            WorkOrder wo = store.workOrderById.get(id);
            return wo == null || wo.deleted ? Optional.empty() : Optional.of(store.view.render(wo));
        }
    }

    ObjectNode get(long id) {
        synchronized (store) {
            return store.view.render(store.wo(id));
        }
    }

    List<ObjectNode> all() {
        synchronized (store) {
            List<ObjectNode> out = new ArrayList<>();
            for (WorkOrder wo : store.workOrderById.values()) {
                if (!wo.deleted) {
                    out.add(store.view.render(wo));
                }
            }
            return out;
        }
    }

    ObjectNode create(JsonNode body, long actor) {
        synchronized (store) {
            if (body == null || !body.isObject()) {
                throw new SandboxException(400, "Request body must be a JSON work order object");
            }
            JsonNode title = body.get("title");
            if (title == null || !title.isTextual() || title.asText().isBlank()) {
                throw new SandboxException(400, "Missing Parameter: title is required");
            }
            WorkOrder wo = new WorkOrder(store.nextWorkOrder);
            wo.createdBy = actor;
            wo.correlationId = UUID.randomUUID().toString();
            List<Runnable> changes = parseFields(wo, body, true);
            store.nextWorkOrder++;
            changes.forEach(Runnable::run);
            wo.folders.add(store.attachments.folder("Documents", "document"));
            wo.folders.add(store.attachments.folder("Misc", "slot"));
            if (!wo.refs.containsKey("manager")) {
                ObjectNode m = Json.object();
                m.put("id", store.apiUserId);
                wo.refs.put("manager", m);
            }
            Instant now = Instant.now();
            wo.milestones.put("created", now);
            wo.updated = now;
            store.workOrderById.put(wo.id, wo);
            store.emitter.emit(wo, FnEvents.CREATED, actor, null, p -> { });
            return store.view.render(wo);
        }
    }

    ObjectNode update(long id, JsonNode body, long actor) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            if (body == null || !body.isObject()) {
                throw new SandboxException(400, "Request body must be a JSON object");
            }
            if (wo.status == CANCELLED) {
                throw FnStore.invalidStatus(wo, "edit");
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
                store.schedules.emitScheduleUpdated(wo, actor);
            }
            store.customFields.emitCustomFieldChanges(wo, cfBefore, actor);
            return store.view.render(wo);
        }
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
                    Long primary = store.typesOfWork.parseTypesOfWork(v, ids);
                    changes.add(() -> {
                        wo.typesOfWork.clear();
                        wo.typesOfWork.addAll(ids);
                        wo.primaryTypeOfWork = primary;
                    });
                    break;
                case "location":
                    ObjectNode loc = v.isNull() ? null : store.locations.parseLocation(v, create ? null : wo.location);
                    changes.add(() -> wo.location = loc);
                    break;
                case "schedule":
                    Schedule s = v.isNull() ? null : store.schedules.parseSchedule(v, create ? null : wo.schedule,
                            store.locations.zoneOf(wo), "schedule");
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
                    ObjectNode pay = v.isNull() ? null : store.pay.parsePay(v, create ? null : wo.pay);
                    changes.add(() -> wo.pay = pay);
                    break;
                case "contacts":
                    List<ObjectNode> contacts = store.contacts.parseContacts(v);
                    changes.add(() -> {
                        wo.contacts.clear();
                        wo.contacts.addAll(contacts);
                    });
                    break;
                case "custom_fields":
                    if (create && store.ignoreCustomFieldsOnCreate) {
                        break; // a Field Nation that does not take custom fields on create (the texts disagree)
                    }
                    Map<Long, String> values = store.customFields.parseCustomFieldValues(v);
                    store.customFields.checkUnique(wo, values);
                    changes.add(() -> wo.customValues.putAll(values));
                    break;
                case "incident_id":
                    if (!v.isTextual() && !v.isNull()) {
                        throw new SandboxException(400, "incident_id must be a string");
                    }
                    JsonNode incident = v.deepCopy();
                    changes.add(() -> wo.extras.put("incident_id", incident));
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

    ObjectNode list(Map<String, String> q) {
        synchronized (store) {
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
            String created = q.get("f_created");
            if (created != null && !created.isBlank()) {
                LocalDate[] range = dateRange(created, "f_created");
                filters.add(wo -> {
                    LocalDate local = wo.milestones.get("created").atZone(store.locations.zoneOf(wo)).toLocalDate();
                    return !local.isBefore(range[0]) && !local.isAfter(range[1]);
                });
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
            for (WorkOrder wo : store.workOrderById.values()) {
                if (!wo.deleted && filters.stream().allMatch(f -> f.test(wo))) {
                    matches.add(wo);
                }
            }
            boolean asc = "asc".equalsIgnoreCase(q.get("order"));
            Comparator<WorkOrder> cmp = Comparator.comparingLong(w -> w.id);
            matches.sort(asc ? cmp : cmp.reversed());
            ObjectNode out = Json.object();
            ObjectNode md = metadata(matches.size(), page, perPage);
            md.put("columns", q.getOrDefault("columns", ""));
            md.put("view", q.getOrDefault("view", "list"));
            md.put("sort", q.getOrDefault("sort", "id"));
            md.put("order", asc ? "asc" : "desc");
            md.put("list", list == null ? "workorders_all" : list);
            out.set("metadata", md);
            ArrayNode results = out.putArray("results");
            int from = (page - 1) * perPage;
            for (int i = from; i < Math.min(matches.size(), from + perPage); i++) {
                results.add(store.view.render(matches.get(i)));
            }
            return out;
        }
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

    ArrayNode lists() {
        synchronized (store) {
            ArrayNode a = Json.array();
            String[][] defs = {{"workorders_all", "All"}, {"workorders_draft", "Drafts"},
                {"workorders_published", "Published / Routed"}, {"workorders_assigned", "Assigned"},
                {"workorders_done", "Done"}, {"workorders_approved", "Approved"}, {"workorders_paid", "Paid"},
                {"workorders_cancelled", "Cancelled"}};
            for (String[] d : defs) {
                Set<Integer> st = listStatuses(d[0]);
                long n = store.workOrderById.values().stream().filter(w -> !w.deleted && (st == null
                        || st.contains(w.status))) .count();
                ObjectNode o = a.addObject();
                o.put("id", d[0]);
                o.put("label", d[1]);
                o.put("count", n);
            }
            return a;
        }
    }

    /**
     * A spec date filter: {@code 2025-01-01} (that whole day) or {@code 2025-01-01,2025-01-31} (inclusive), compared
     * with the work order's own date in its local time (the site's zone), which can be a day off the UTC date.
     */
    static LocalDate[] dateRange(String value, String name) {
        String[] parts = value.split(",", -1);
        if (parts.length > 2) {
            throw new SandboxException(400, name + " must be a date (YYYY-MM-DD) or a range 'start,end'");
        }
        try {
            LocalDate from = LocalDate.parse(parts[0].trim());
            LocalDate to = parts.length == 2 ? LocalDate.parse(parts[1].trim()) : from;
            if (to.isBefore(from)) {
                throw new SandboxException(400, name + ": the range ends before it starts");
            }
            return new LocalDate[] {from, to};
        } catch (DateTimeParseException e) {
            throw new SandboxException(400, name + " must be a date (YYYY-MM-DD) or a range 'start,end', not '"
                    + value + "'");
        }
    }

    /**
     * What f_search looks at: the spec names title, description, location, type of work, buyer and assigned
     * provider; custom field values are not searched (a connector must not rely on finding its ticket id there).
     */
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
            sb.append(store.workTypes.get(t).name()).append('\n');
        }
        sb.append(store.user(wo.createdBy).name()).append('\n');
        if (wo.assigneeId != null) {
            sb.append(store.user(wo.assigneeId).name()).append('\n');
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    private static int parseInt(String s, int dflt) {
        if (s == null || !s.trim().matches("-?\\d{1,9}")) {
            return dflt;
        }
        return Integer.parseInt(s.trim());
    }
}
