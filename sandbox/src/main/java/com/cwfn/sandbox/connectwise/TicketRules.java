package com.cwfn.sandbox.connectwise;

import com.cwfn.sandbox.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a ticket is built and changed: references resolved by id or name, board-scoped statuses, types, subtypes and
 * items checked against the (possibly new) board, custom fields merged by id, lengths and enumerations checked, and
 * errors collected into ConnectWise's 400 InvalidObject shape. Works on detached copies; the sandbox stores the result.
 */
final class TicketRules {
    /** One JSON Patch operation. */
    record PatchOp(String op, String path, JsonNode value) {
    }

    // CPD-OFF: ConnectWise's field limits as the sandbox enforces them (MaxLengthField). The connector keeps its own
    // copy (mapping.FieldLimits, which truncates before sending): a wrong limit there is refused here, which it could
    // not be if one copy came from the other
    private static final Map<String, Integer> MAX_LENGTH = Map.ofEntries(
            Map.entry("summary", 100), Map.entry("siteName", 50), Map.entry("addressLine1", 50),
            Map.entry("addressLine2", 50), Map.entry("city", 50), Map.entry("stateIdentifier", 50),
            Map.entry("zip", 12), Map.entry("contactName", 62), Map.entry("contactPhoneNumber", 20),
            Map.entry("contactPhoneExtension", 15), Map.entry("contactEmailAddress", 250),
            Map.entry("automaticEmailCc", 1000), Map.entry("externalXRef", 100), Map.entry("poNumber", 50));
    // CPD-ON

    private static final Map<String, List<String>> ENUMS = Map.of(
            "severity", List.of("Low", "Medium", "High"),
            "impact", List.of("Low", "Medium", "High"),
            "billTime", List.of("Billable", "DoNotBill", "NoCharge", "NoDefault"),
            "billExpenses", List.of("Billable", "DoNotBill", "NoCharge", "NoDefault"),
            "billProducts", List.of("Billable", "DoNotBill", "NoCharge", "NoDefault"));

    private static final Set<String> DATES = Set.of("requiredDate");

    /** Fields the server owns: ignored on POST/PUT, refused on PATCH. */
    private static final Set<String> READ_ONLY = Set.of("id", "recordType", "_info", "closedDate", "closedBy",
            "closedFlag", "dateResolved", "dateResplan", "dateResponded", "resolveMinutes", "resPlanMinutes",
            "respondMinutes", "isInSla", "hasChildTicket", "hasMergedChildTicketFlag", "actualHours", "resources",
            "mobileGuid", "currency");

    /** Write-only request fields: never stored. */
    static final Set<String> WRITE_ONLY = Set.of("initialDescription", "initialInternalAnalysis",
            "initialResolution", "initialDescriptionFrom", "processNotifications", "skipCallback");

    private final ReferenceData ref;
    private final TicketModel model;

    TicketRules(ReferenceData ref) {
        this.ref = ref;
        this.model = new TicketModel(ref);
    }

    /** The ticket's customFields: every definition, with the values of {@code current} (or null). */
    ArrayNode customFields(JsonNode current) {
        return model.customFields(current);
    }

    // ------------------------------------------------------------------ writes

    /** What one write is doing: the working copy, errors, and the board-scoped choices left for the end. */
    private final class Write {
        final ObjectNode t;
        final boolean project;
        final CwErrors.Validation v = CwErrors.invalid("ticket");
        final boolean patch;
        boolean boardChanged;
        final Map<String, JsonNode> scoped = new LinkedHashMap<>(); // status/type/subType/item -> spec
        final Map<String, String> scopedField = new LinkedHashMap<>();

        Write(ObjectNode t, boolean project, boolean patch) {
            this.t = t;
            this.project = project;
            this.patch = patch;
        }
    }

    /**
     * Builds a new ticket from a POST (or PUT) body.
     *
     * @param keep for PUT, the stored ticket whose id, dates and creator stay; null for POST
     */
    ObjectNode create(long id, boolean project, ObjectNode body, String now, String actor, ObjectNode keep) {
        ObjectNode t = model.template(id, project);
        if (keep != null) {
            t.put("mobileGuid", keep.path("mobileGuid").asText());
        }
        Write w = new Write(t, project, false);
        List<String> order = new ArrayList<>();
        for (String first : List.of("company", "board", "site", "contact")) {
            if (body.has(first)) {
                order.add(first);
            }
        }
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String k = names.next();
            if (!order.contains(k)) {
                order.add(k);
            }
        }
        for (String k : order) {
            if (WRITE_ONLY.contains(k) || READ_ONLY.contains(k)) {
                continue;
            }
            if (!t.has(k)) {
                throw CwErrors.badRequest("Could not find member '" + k + "' on object of type '"
                        + (project ? "ProjectTicket" : "Ticket") + "'.");
            }
            apply(w, "replace", k, body.get(k));
        }
        // defaults
        if (t.get("board").isNull()) {
            List<ObjectNode> boards = ref.boardsOfKind(project);
            if (!boards.isEmpty()) {
                t.set("board", ref.boardRef(boards.get(0).path("id").asLong()));
                w.boardChanged = true;
            }
        }
        long company = t.path("company").path("id").asLong(0);
        if (!body.has("site") && company != 0) {
            ref.primarySite(company).ifPresent(s -> {
                t.set("site", ref.siteRef(s.path("id").asLong()));
                TicketModel.copySite(t, s, body.fieldNames());
            });
        }
        if (!body.has("contact") && company != 0) {
            ref.defaultContact(company).ifPresent(c -> {
                t.set("contact", ref.contactRef(c.path("id").asLong()));
                TicketModel.copyContact(t, c, body.fieldNames());
            });
        }
        if (!body.has("priority")) {
            ref.defaultPriority().ifPresent(p -> t.set("priority", ref.priorityRef(p.path("id").asLong())));
        }
        if (project && t.get("project").isNull()) {
            w.v.missing("project");
        }
        finish(w, now, actor);
        if (keep != null) {
            JsonNode ki = keep.path("_info");
            model.info(t, ki.path("dateEntered").asText(now), ki.path("enteredBy").asText(actor), now, actor);
        } else {
            model.info(t, now, actor, now, actor);
        }
        return t;
    }

    /** Applies JSON Patch operations to a copy of {@code current}. */
    ObjectNode patch(ObjectNode current, List<PatchOp> ops, String now, String actor) {
        ObjectNode t = current.deepCopy();
        boolean project = "ProjectTicket".equals(t.path("recordType").asText());
        Write w = new Write(t, project, true);
        for (PatchOp op : ops) {
            apply(w, op.op(), op.path(), op.value());
        }
        finish(w, now, actor);
        ObjectNode i = (ObjectNode) t.get("_info");
        i.put("lastUpdated", now);
        i.put("updatedBy", actor);
        return t;
    }

    private void apply(Write w, String op, String rawPath, JsonNode value) {
        String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        boolean remove = op.equals("remove");
        JsonNode val = remove || value == null ? NullNode.getInstance() : value;
        String[] seg = path.split("/");
        String top = seg[0];
        String sub = seg.length > 1 ? seg[1] : null;
        if (seg.length > 2 || top.isEmpty()) {
            throw invalidPath(rawPath);
        }
        ObjectNode t = w.t;
        if (!t.has(top)) {
            throw invalidPath(rawPath);
        }
        if (w.patch && READ_ONLY.contains(top)) {
            throw CwErrors.invalidObject("ticket", "InvalidField", "The field " + top + " is read-only.", top);
        }
        JsonNode spec = sub == null ? val : wrap(sub, val);
        String field = sub == null ? specField(top, val) : top + "/" + sub;
        switch (top) {
            case "board" -> {
                if (spec.isNull()) {
                    w.v.missing("board");
                    return;
                }
                Optional<ObjectNode> b = RefLookup.lookup(ref.boardsOfKind(w.project), spec, "name");
                if (b.isEmpty()) {
                    w.v.notFound((w.project ? "Project Board " : "Service Board ") + RefLookup.describe(spec)
                            + " not found", field);
                    return;
                }
                long before = t.path("board").path("id").asLong(0);
                long after = b.get().path("id").asLong();
                t.set("board", ref.boardRef(after));
                w.boardChanged |= before != after;
            }
            case "status", "type", "subType", "item" -> {
                if (spec.isNull()) {
                    if (top.equals("status")) {
                        w.v.missing("status");
                    } else {
                        t.putNull(top);
                        w.scoped.remove(top);
                    }
                    return;
                }
                if (!spec.isObject()) {
                    w.v.invalid("The field " + top + " must be an object with an id or a name.", top);
                    return;
                }
                w.scoped.put(top, spec);
                w.scopedField.put(top, field);
            }
            case "company" -> {
                if (spec.isNull()) {
                    w.v.missing("company");
                    t.putNull("company");
                    return;
                }
                Optional<ObjectNode> c = RefLookup.lookup(new ArrayList<>(ref.companies.values()), spec, "identifier");
                if (c.isEmpty()) {
                    w.v.notFound("Company " + RefLookup.describe(spec) + " not found", field);
                    return;
                }
                t.set("company", ref.companyRef(c.get().path("id").asLong()));
            }
            case "site" -> {
                if (spec.isNull()) {
                    t.putNull("site");
                    return;
                }
                long company = t.path("company").path("id").asLong(0);
                List<ObjectNode> sites = ref.sites.values().stream()
                        .filter(x -> x.path("company").path("id").asLong() == company).toList();
                Optional<ObjectNode> s = RefLookup.lookup(sites, spec, "name");
                if (s.isEmpty()) {
                    w.v.notFound("Site " + RefLookup.describe(spec) + " not found for Company " + company, field);
                    return;
                }
                t.set("site", ref.siteRef(s.get().path("id").asLong()));
                TicketModel.copySite(t, s.get(), null);
            }
            case "contact" -> {
                if (spec.isNull()) {
                    t.putNull("contact");
                    return;
                }
                Optional<ObjectNode> c = lookupContact(spec);
                if (c.isEmpty()) {
                    w.v.notFound("Contact " + RefLookup.describe(spec) + " not found", field);
                    return;
                }
                t.set("contact", ref.contactRef(c.get().path("id").asLong()));
                TicketModel.copyContact(t, c.get(), null);
            }
            case "priority" -> setFromTable(w, top, spec, field, ref.priorities, "Priority",
                    id -> ref.priorityRef(id));
            case "owner" -> {
                if (spec.isNull()) {
                    t.putNull("owner");
                    return;
                }
                Optional<ObjectNode> m = RefLookup.lookup(new ArrayList<>(ref.members.values()), spec, "identifier");
                if (m.isEmpty()) {
                    w.v.notFound("Member " + RefLookup.describe(spec) + " not found", field);
                    return;
                }
                t.set("owner", ref.memberRef(m.get().path("id").asLong()));
            }
            case "team" -> setFromTable(w, top, spec, field, ref.teams, "Team", id -> copyRow(ref.teams, id));
            case "source" -> setFromTable(w, top, spec, field, ref.sources, "Source", id -> copyRow(ref.sources,
                    id));
            case "serviceLocation" -> setFromTable(w, top, spec, field, ref.locations, "Service Location",
                    id -> copyRow(ref.locations, id));
            case "project" -> setFromTable(w, top, spec, field, ref.projects, "Project", id -> ref.projectRef(id));
            case "phase" -> setFromTable(w, top, spec, field, ref.phases, "Phase", id -> ref.phaseRef(id));
            case "customFields" -> mergeCustomFields(w, val);
            default -> {
                JsonNode current = t.get(top);
                if (sub != null || (current != null && current.isObject()) || val.isObject()
                        || REFERENCE_LIKE.contains(top)) {
                    // a reference without a table (workRole, agreement, sla ...): kept as given
                    if (sub != null) {
                        ObjectNode o = current != null && current.isObject() ? (ObjectNode) current
                                : t.putObject(top);
                        o.set(sub, val);
                    } else if (val.isNull() || val.isObject()) {
                        t.set(top, val);
                    } else {
                        w.v.invalid("The field " + top + " must be an object.", top);
                    }
                    return;
                }
                if (val.isArray() || (val.isObject())) {
                    if (top.equals("integratorTags") && val.isArray()) {
                        t.set(top, val);
                        return;
                    }
                    w.v.invalid("The field " + top + " must be a single value.", top);
                    return;
                }
                scalar(w, top, current, val);
            }
        }
    }

    private static final Set<String> REFERENCE_LIKE = Set.of("workRole", "workType", "agreement", "opportunity",
            "location", "department", "sla", "country");

    private static ObjectNode copyRow(Map<Long, ObjectNode> table, long id) {
        ObjectNode row = table.get(id);
        ObjectNode r = RefLookup.nameRef(table, id);
        if (row.has("_info")) {
            r.set("_info", row.get("_info").deepCopy());
            ((ObjectNode) r.get("_info")).remove(List.of("lastUpdated", "updatedBy"));
        }
        return r;
    }

    private void setFromTable(Write w, String top, JsonNode spec, String field, Map<Long, ObjectNode> table,
            String entity, java.util.function.LongFunction<ObjectNode> refOf) {
        if (spec.isNull()) {
            w.t.putNull(top);
            return;
        }
        Optional<ObjectNode> row = RefLookup.lookup(new ArrayList<>(table.values()), spec, "name");
        if (row.isEmpty()) {
            w.v.notFound(entity + " " + RefLookup.describe(spec) + " not found", field);
            return;
        }
        w.t.set(top, refOf.apply(row.get().path("id").asLong()));
    }

    private void scalar(Write w, String field, JsonNode current, JsonNode val) {
        ObjectNode t = w.t;
        if (val.isNull()) {
            if (field.equals("summary")) {
                w.v.missing("summary");
                return;
            }
            if (current != null && current.isBoolean()) {
                w.v.invalid("The field " + field + " must be true or false.", field);
                return;
            }
            t.putNull(field);
            return;
        }
        boolean bool = (current != null && current.isBoolean()) || field.endsWith("Flag")
                || field.equals("approved") || field.equals("allowAllClientsPortalView");
        if (bool) {
            if (val.isBoolean()) {
                t.put(field, val.booleanValue());
            } else if (val.isTextual() && (val.asText().equalsIgnoreCase("true")
                    || val.asText().equalsIgnoreCase("false"))) {
                t.put(field, Boolean.parseBoolean(val.asText().toLowerCase(Locale.ROOT)));
            } else {
                w.v.invalid("The field " + field + " must be true or false.", field);
            }
            return;
        }
        if (field.equals("budgetHours") || field.equals("parentTicketId")) {
            BigDecimal n = number(val);
            if (n == null) {
                w.v.invalid("The field " + field + " must be a number.", field);
            } else {
                t.set(field, JsonNodeFactory.instance.numberNode(field.equals("parentTicketId")
                        ? BigDecimal.valueOf(n.longValue()) : n));
            }
            return;
        }
        String text = val.asText();
        if (DATES.contains(field)) {
            Instant d = Conditions.parseDate(text);
            if (d == null) {
                w.v.invalid("The field " + field + " must be a date like 2024-05-02T14:00:00Z.", field);
            } else {
                t.put(field, CwStore.iso(d));
            }
            return;
        }
        if (ENUMS.containsKey(field)) {
            Optional<String> e = ENUMS.get(field).stream().filter(x -> x.equalsIgnoreCase(text.trim())).findFirst();
            if (e.isEmpty()) {
                w.v.invalid("The field " + field + " must be one of " + String.join(", ", ENUMS.get(field)) + ".",
                        field);
            } else {
                t.put(field, e.get());
            }
            return;
        }
        Integer max = MAX_LENGTH.get(field);
        if (max != null && text.length() > max) {
            w.v.maxLength(field, max);
            return;
        }
        if (field.equals("summary") && text.isBlank()) {
            w.v.missing("summary");
            return;
        }
        t.put(field, text);
    }

    static BigDecimal number(JsonNode val) {
        if (val.isNumber()) {
            return val.decimalValue();
        }
        if (val.isTextual() && val.asText().trim().matches("-?\\d+(\\.\\d+)?")) {
            return new BigDecimal(val.asText().trim());
        }
        return null;
    }

    private void mergeCustomFields(Write w, JsonNode val) {
        ObjectNode t = w.t;
        if (val.isNull()) {
            t.set("customFields", customFields(null));
            return;
        }
        if (!val.isArray()) {
            w.v.invalid("The field customFields must be an array of custom field objects"
                    + " (send the whole array, not a JSON string of it).", "customFields");
            return;
        }
        ArrayNode merged = customFields(t.get("customFields"));
        for (JsonNode given : val) {
            if (!given.isObject()) {
                w.v.invalid("Each custom field must be an object with an id and a value.", "customFields");
                continue;
            }
            ObjectNode target = null;
            for (JsonNode f : merged) {
                if (given.has("id") ? f.path("id").asLong() == given.path("id").asLong(-1)
                        : f.path("caption").asText().equalsIgnoreCase(given.path("caption").asText())) {
                    target = (ObjectNode) f;
                    break;
                }
            }
            if (target == null) {
                w.v.notFound("Custom Field " + (given.has("id") ? given.get("id").asText()
                        : given.path("caption").asText()) + " not found", "customFields");
                continue;
            }
            JsonNode value = given.has("value") ? given.get("value") : NullNode.getInstance();
            JsonNode coerced = coerceCustom(target, value);
            if (coerced == null) {
                w.v.invalid("The value of custom field " + target.path("id").asText() + " ("
                        + target.path("caption").asText() + ") must be a " + target.path("type").asText()
                        + " value.", "customFields");
                continue;
            }
            target.set("value", coerced);
        }
        t.set("customFields", merged);
    }

    private static JsonNode coerceCustom(ObjectNode def, JsonNode value) {
        if (value == null || value.isNull()) {
            return NullNode.getInstance();
        }
        String type = def.path("type").asText();
        switch (type) {
            case "Number", "Currency", "Percent" -> {
                BigDecimal n = number(value);
                return n == null ? null : JsonNodeFactory.instance.numberNode(n);
            }
            case "Checkbox" -> {
                if (value.isBoolean()) {
                    return value;
                }
                String s = value.asText();
                return s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")
                        ? JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(s.toLowerCase(Locale.ROOT)))
                        : null;
            }
            case "Date" -> {
                Instant d = Conditions.parseDate(value.asText());
                return d == null ? null : JsonNodeFactory.instance.textNode(CwStore.iso(d));
            }
            default -> {
                return value.isValueNode() ? JsonNodeFactory.instance.textNode(value.asText()) : null;
            }
        }
    }

    /** Board-scoped choices, status rules and required fields; throws 400 InvalidObject on any error. */
    private void finish(Write w, String now, String actor) {
        ObjectNode t = w.t;
        long board = t.path("board").path("id").asLong(0);
        String boardWord = w.project ? "Project Board" : "Service Board";
        if (board != 0) {
            scopedRef(w, "status", board, ref.statuses, w.project ? "Project Status" : "Service Status", boardWord,
                    ref::statusRef);
            scopedRef(w, "type", board, ref.types, "Type", boardWord, ref::typeRef);
            scopedRef(w, "subType", board, ref.subTypes, "SubType", boardWord, ref::subTypeRef);
            scopedRef(w, "item", board, ref.items, "Item", boardWord, ref::itemRef);
            if (t.get("status").isNull() && !w.scoped.containsKey("status")) {
                ref.defaultStatus(board).ifPresent(s -> t.set("status", ref.statusRef(s.path("id").asLong())));
            }
        }
        if (!w.patch) {
            JsonNode s = t.get("summary");
            if (s == null || s.isNull() || s.asText().isBlank()) {
                if (!hasError(w, "summary")) {
                    w.v.missing("summary");
                }
            }
            if (t.get("company").isNull() && !hasError(w, "company")) {
                w.v.missing("company");
            }
        }
        w.v.check();
        // closed state follows the status
        ObjectNode status = ref.statuses.get(t.path("status").path("id").asLong());
        boolean closed = status != null && status.path("closedStatus").asBoolean();
        boolean wasClosed = t.path("closedFlag").asBoolean();
        if (closed && !wasClosed) {
            t.put("closedFlag", true);
            t.put("closedDate", now);
            t.put("closedBy", actor);
        } else if (!closed && wasClosed) {
            t.put("closedFlag", false);
            t.putNull("closedDate");
            t.putNull("closedBy");
        }
    }

    private static boolean hasError(Write w, String field) {
        return w.v.hasField(field);
    }

    private void scopedRef(Write w, String key, long board, Map<Long, ObjectNode> table, String entity,
            String boardWord, java.util.function.LongFunction<ObjectNode> refOf) {
        ObjectNode t = w.t;
        List<ObjectNode> rows = ReferenceData.onBoard(table, board);
        JsonNode spec = w.scoped.get(key);
        if (spec != null) {
            Optional<ObjectNode> row = RefLookup.lookup(rows, spec, "name");
            if (row.isEmpty()) {
                w.v.notFound(entity + " " + RefLookup.describe(spec) + " not found for " + boardWord + " " + board,
                        w.scopedField.get(key));
                return;
            }
            if (key.equals("status") && row.get().path("inactive").asBoolean()) {
                w.v.invalid(entity + " " + RefLookup.describe(spec) + " is inactive", w.scopedField.get(key));
                return;
            }
            t.set(key, refOf.apply(row.get().path("id").asLong()));
            return;
        }
        JsonNode current = t.get(key);
        if (current == null || current.isNull()) {
            return;
        }
        long id = current.path("id").asLong();
        if (rows.stream().anyMatch(r -> r.path("id").asLong() == id)) {
            return;
        }
        // the board changed under it: keep the same name on the new board, else the board's default (status) or none
        Optional<ObjectNode> same = ReferenceData.byName(rows, "name", current.path("name").asText());
        if (same.isPresent()) {
            t.set(key, refOf.apply(same.get().path("id").asLong()));
        } else if (key.equals("status")) {
            ref.defaultStatus(board).ifPresentOrElse(s -> t.set("status", ref.statusRef(s.path("id").asLong())),
                    () -> t.putNull("status"));
        } else {
            t.putNull(key);
        }
    }

    // ------------------------------------------------------------------ helpers

    private Optional<ObjectNode> lookupContact(JsonNode spec) {
        List<ObjectNode> rows = new ArrayList<>(ref.contacts.values());
        if (spec.isObject() && !spec.hasNonNull("id") && spec.hasNonNull("name")) {
            String name = spec.get("name").asText().trim();
            return rows.stream().filter(c -> ReferenceData.contactName(c).equalsIgnoreCase(name)).findFirst();
        }
        return RefLookup.lookup(rows, spec, "name");
    }

    private static String specField(String top, JsonNode val) {
        if (val != null && val.isObject()) {
            if (val.hasNonNull("id")) {
                return top + "/id";
            }
            if (val.hasNonNull("identifier")) {
                return top + "/identifier";
            }
            if (val.hasNonNull("name")) {
                return top + "/name";
            }
        }
        return top;
    }

    private static ObjectNode wrap(String key, JsonNode value) {
        ObjectNode o = Json.object();
        o.set(key, value);
        return o;
    }

    static com.cwfn.sandbox.SandboxException invalidPath(String path) {
        return CwErrors.invalidObject("ticket", "InvalidField", "The path '" + path + "' is not valid.", path);
    }

}
