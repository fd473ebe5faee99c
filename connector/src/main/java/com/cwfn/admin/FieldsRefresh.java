package com.cwfn.admin;

import com.cwfn.settings.Catalog;
import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.fieldnation.ProviderPools;
import com.cwfn.http.RequestBudget;
import com.cwfn.json.Json;
import com.cwfn.mapping.MappingConfig;
import com.cwfn.mapping.Mappings;
import com.cwfn.mapping.Reference;
import com.cwfn.settings.Settings;
import com.cwfn.store.StateStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * "Refresh Fields": reads what a mapping can name from both systems (ConnectWise boards with their statuses, types
 * and subtypes, priorities, every field of the template ticket with its custom fields by caption and type; Field
 * Nation types of work and custom fields), stores it, and checks the names {@code mappings.yaml} relies on against
 * it, each problem with its line. A part that cannot be read is reported and the rest is still stored.
 */
public class FieldsRefresh {
    static final String STATE_KEY = "admin.fields";
    private static final int EXAMPLE_MAX = 120;

    private final Settings settings;
    private final ConnectWiseClient cw;
    private final FieldNationClient fn;
    private final StateStore state;
    private final Mappings mappings;
    private final Clock clock;
    private final ProviderPools pools;

    public FieldsRefresh(Settings settings, ConnectWiseClient cw, FieldNationClient fn, ProviderPools pools,
            StateStore state, Mappings mappings, Clock clock) {
        this.pools = pools;
        this.settings = settings;
        this.cw = cw;
        this.fn = fn;
        this.state = state;
        this.mappings = mappings;
        this.clock = clock;
    }

    /**
     * Reads both systems, stores the result and answers it with the mapping check. Its calls go through the budgets at
     * background priority: they never hold back a dispatch, and sit a pause out.
     */
    public ObjectNode refresh() {
        return RequestBudget.background(this::read);
    }

    private ObjectNode read() {
        ObjectNode f = Json.object();
        f.put("refreshedAt", Instant.now(clock).toString());
        ArrayNode errors = Json.array();
        ObjectNode c = f.putObject("connectwise");
        c.set("boards", part(errors, "ConnectWise boards", this::boards));
        c.set("priorities", part(errors, "ConnectWise priorities", () -> {
            ArrayNode a = Json.array();
            cw.priorities().forEach(p -> a.addObject().put("id", Json.number(p, "id")).put("name", Json.text(p, "name")));
            return a;
        }));
        c.set("templateTicket", part(errors, "ConnectWise template ticket", this::templateTicket));
        // what time entries, expense entries and products name (docs/charges.md)
        c.set("workTypes", part(errors, "ConnectWise work types", () -> rows(cw.workTypes(), "name")));
        c.set("workRoles", part(errors, "ConnectWise work roles", () -> rows(cw.workRoles(), "name")));
        c.set("expenseTypes", part(errors, "ConnectWise expense types", () -> rows(cw.expenseTypes(), "name")));
        c.set("catalogItems", part(errors, "ConnectWise catalog items", () -> rows(cw.catalogItems(), "identifier")));
        c.set("timeMember", part(errors, "ConnectWise member of sync.time.member", this::timeMember));
        ObjectNode n = f.putObject("fieldnation");
        n.set("typesOfWork", part(errors, "Field Nation types of work", () -> {
            ArrayNode a = Json.array();
            fn.typesOfWork().forEach(t -> a.addObject().put("id", Json.number(t, "id")).put("name", Json.text(t, "name")));
            return a;
        }));
        n.set("customFields", part(errors, "Field Nation custom fields", () -> {
            ArrayNode a = Json.array();
            fn.customFieldDefinitions().forEach(x -> a.addObject().put("id", Json.number(x, "id"))
                    .put("name", Json.text(x, "name")).put("type", Json.text(x, "type"))
                    .put("role", Json.text(x, "role")));
            return a;
        }));
        n.set("pools", part(errors, "Field Nation provider pools", pools::names));
        f.set("errors", errors);
        state.put(STATE_KEY, Json.write(f));
        return withCheck(f);
    }

    /** What the last refresh stored, with the mapping checked against it now; empty before the first refresh. */
    public Optional<ObjectNode> stored() {
        return state.get(STATE_KEY).map(s -> withCheck((ObjectNode) Json.parse(s)));
    }

    private JsonNode part(ArrayNode errors, String name, Supplier<JsonNode> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            errors.addObject().put("part", name).put("error", e.getMessage());
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
    }

    /** {id, name or identifier, inactive} of a setup table. */
    private static ArrayNode rows(List<JsonNode> rows, String nameKey) {
        ArrayNode a = Json.array();
        rows.forEach(r -> {
            ObjectNode o = a.addObject().put("id", Json.number(r, "id")).put(nameKey, Json.text(r, nameKey))
                    .put("inactive", r.path("inactiveFlag").asBoolean(false));
            if (r.hasNonNull("description")) {
                o.put("description", Json.text(r, "description"));
            }
        });
        return a;
    }

    /** The member named by sync.time.member, {identifier, found}; null when it is not set. */
    private JsonNode timeMember() {
        String identifier = settings.text(Catalog.SYNC_TIME_MEMBER);
        if (identifier.isEmpty()) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        List<JsonNode> found = cw.members(identifier);
        ObjectNode o = Json.object().put("identifier", identifier).put("found", !found.isEmpty());
        if (!found.isEmpty()) {
            o.put("id", Json.number(found.get(0), "id")).put("name", Json.text(found.get(0), "name"));
        }
        return o;
    }

    private ArrayNode boards() {
        ArrayNode out = Json.array();
        for (JsonNode b : cw.boards()) {
            long id = Json.number(b, "id");
            ObjectNode o = out.addObject().put("id", id).put("name", Json.text(b, "name"))
                    .put("inactive", b.path("inactiveFlag").asBoolean(false))
                    .put("project", b.path("projectFlag").asBoolean(false));
            ArrayNode st = o.putArray("statuses");
            cw.freshBoardStatuses(id).forEach(s -> st.addObject().put("id", Json.number(s, "id"))
                    .put("name", Json.text(s, "name")).put("inactive", s.path("inactive").asBoolean(false))
                    .put("closed", s.path("closedStatus").asBoolean(false))
                    .put("default", s.path("defaultFlag").asBoolean(false)));
            ArrayNode ty = o.putArray("types");
            cw.boardTypes(id).forEach(t -> ty.addObject().put("id", Json.number(t, "id"))
                    .put("name", Json.text(t, "name")).put("inactive", t.path("inactiveFlag").asBoolean(false)));
            ArrayNode sub = o.putArray("subtypes");
            cw.boardSubtypes(id).forEach(t -> {
                ObjectNode s = sub.addObject().put("id", Json.number(t, "id")).put("name", Json.text(t, "name"))
                        .put("inactive", t.path("inactiveFlag").asBoolean(false));
                s.set("typeIds", t.path("typeAssociationIds").isArray() ? t.get("typeAssociationIds").deepCopy()
                        : Json.array());
            });
        }
        return out;
    }

    /** Every field of the template ticket as a mapping source path, and its custom fields by caption and type. */
    private JsonNode templateTicket() {
        String idText = settings.text(Catalog.SYNC_TEMPLATE_TICKET_ID);
        if (idText.isEmpty()) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sync.template-ticket-id must be a ticket number, not '" + idText + "'");
        }
        ObjectNode t = cw.ticket(id, null).orElseThrow(() -> new IllegalArgumentException(
                "sync.template-ticket-id names ticket " + id + ", which ConnectWise does not have"));
        ObjectNode o = Json.object().put("id", id).put("recordType", Json.text(t, "recordType"))
                .put("board", Json.text(t, "board/name"));
        ArrayNode fields = o.putArray("fields");
        flatten("ticket", t, fields);
        ArrayNode cf = o.putArray("customFields");
        for (JsonNode x : t.path("customFields")) {
            ObjectNode e = cf.addObject().put("id", Json.number(x, "id")).put("caption", Json.text(x, "caption"))
                    .put("type", Json.text(x, "type")).put("entryMethod", Json.text(x, "entryMethod"))
                    .put("source", "customFields." + Json.text(x, "caption"));
            e.set("value", x.has("value") ? x.get("value").deepCopy() : com.fasterxml.jackson.databind.node.NullNode
                    .getInstance());
        }
        return o;
    }

    private static void flatten(String path, JsonNode n, ArrayNode out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.equals("_info") || (path.equals("ticket") && key.equals("customFields"))) {
                continue;
            }
            String p = path + "." + key;
            JsonNode v = e.getValue();
            if (v.isObject()) {
                flatten(p, v, out);
                continue;
            }
            ObjectNode f = out.addObject().put("source", p).put("type", type(v));
            if (v.isValueNode() && !v.isNull()) {
                String s = v.asText();
                f.put("example", s.length() > EXAMPLE_MAX ? s.substring(0, EXAMPLE_MAX) + "..." : s);
            }
        }
    }

    private static String type(JsonNode v) {
        if (v.isNull()) {
            return "null";
        }
        if (v.isNumber()) {
            return "number";
        }
        if (v.isBoolean()) {
            return "boolean";
        }
        if (v.isArray()) {
            return "array";
        }
        return "text";
    }

    // ------------------------------------------------------------------------------------------------ mapping check

    private ObjectNode withCheck(ObjectNode fields) {
        ObjectNode out = fields.deepCopy();
        MappingConfig cfg = mappings.current();
        ObjectNode m = out.putObject("mappings");
        m.put("file", cfg.sourceName());
        List<String> unchecked = new ArrayList<>();
        m.set("problems", problems(fields, cfg, unchecked));
        ArrayNode u = m.putArray("unchecked");
        unchecked.forEach(u::add);
        return out;
    }

    ArrayNode problems(ObjectNode fields, MappingConfig cfg, List<String> unchecked) {
        ArrayNode problems = Json.array();
        JsonNode boardsNode = fields.path("connectwise").path("boards");
        Map<String, Set<String>> statuses = new LinkedHashMap<>(); // board name lower -> status names lower
        Map<String, String> boardNames = new LinkedHashMap<>();     // board name lower -> as written in ConnectWise
        boolean haveBoards = boardsNode.isArray();
        if (haveBoards) {
            for (JsonNode b : boardsNode) {
                String name = Json.text(b, "name");
                if (name == null) {
                    continue;
                }
                String key = lower(name);
                boardNames.put(key, name);
                Set<String> s = new LinkedHashSet<>();
                b.path("statuses").forEach(x -> s.add(lower(Json.text(x, "name"))));
                statuses.put(key, s);
            }
        } else {
            unchecked.add("board and status names: the ConnectWise boards could not be read");
        }
        JsonNode template = fields.path("connectwise").path("templateTicket");
        Set<String> captions = new LinkedHashSet<>();
        boolean haveTemplate = template.isObject();
        if (haveTemplate) {
            template.path("customFields").forEach(x -> captions.add(lower(Json.text(x, "caption"))));
        } else {
            unchecked.add("ConnectWise custom field captions: " + (settings.text(Catalog.SYNC_TEMPLATE_TICKET_ID).isEmpty()
                    ? "set sync.template-ticket-id to a ticket whose board shows the custom fields, then refresh"
                    : "the template ticket could not be read"));
        }
        JsonNode fnFields = fields.path("fieldnation").path("customFields");
        Set<String> fnNames = new LinkedHashSet<>();
        boolean haveFn = fnFields.isArray();
        if (haveFn) {
            fnFields.forEach(x -> fnNames.add(lower(Json.text(x, "name"))));
        } else {
            unchecked.add("Field Nation custom field names: they could not be read");
        }

        // the boards the defaults apply to: sync.boards, else every active board
        List<String> synced = new ArrayList<>();
        if (haveBoards) {
            List<String> configured = settings.syncBoards();
            if (configured.isEmpty()) {
                for (JsonNode b : boardsNode) {
                    if (!b.path("inactive").asBoolean(false) && Json.text(b, "name") != null) {
                        synced.add(Json.text(b, "name"));
                    }
                }
            } else {
                for (String b : configured) {
                    String real = boardNames.get(lower(b));
                    if (real == null) {
                        problems.add(problem(null, "BOARD_NAME", b, "sync.boards names '" + b
                                + "', which is not a ConnectWise service board"));
                    } else {
                        synced.add(real);
                    }
                }
            }
        }

        for (Reference r : cfg.references()) {
            switch (r.kind()) {
                case BOARD_NAME -> {
                    if (haveBoards && !boardNames.containsKey(lower(r.value()))) {
                        problems.add(problem(r, "there is no ConnectWise board named '" + r.value() + "'"));
                    }
                }
                case STATUS_NAME -> {
                    if (!haveBoards) {
                        break;
                    }
                    if (r.board() != null) {
                        Set<String> on = statuses.get(lower(r.board()));
                        if (on != null && !on.contains(lower(r.value()))) {
                            problems.add(problem(r, "board '" + boardNames.get(lower(r.board()))
                                    + "' has no status '" + r.value() + "'"));
                        }
                    } else {
                        List<String> missing = new ArrayList<>();
                        for (String b : synced) {
                            if (uses(cfg, b, r.value()) && !statuses.get(lower(b)).contains(lower(r.value()))) {
                                missing.add(b);
                            }
                        }
                        if (!missing.isEmpty()) {
                            problems.add(problem(r, "status '" + r.value() + "' (from defaults) is not on board"
                                    + (missing.size() == 1 ? " '" : "s '") + String.join("', '", missing)
                                    + "'; add it there, or override it for that board under boards:"));
                        }
                    }
                }
                case STATUS_ACTION -> {
                    if (haveBoards) {
                        statusActionProblem(r, statuses, boardNames, synced).ifPresent(problems::add);
                    }
                }
                case CUSTOM_FIELD_CAPTION -> {
                    if (haveTemplate && !captions.contains(lower(r.value()))) {
                        problems.add(problem(r, "the template ticket " + Json.text(template, "id")
                                + " has no custom field with caption '" + r.value() + "'"));
                    }
                }
                case FN_CUSTOM_FIELD -> {
                    if (haveFn && !fnNames.contains(lower(r.value()))) {
                        problems.add(problem(r, "Field Nation has no custom field named '" + r.value() + "'"));
                    }
                }
                case POOL_NAME -> poolProblem(fields, r).ifPresent(p -> problems.add(problem(r, p)));
                default -> {
                    // company identifiers, Field Nation status names and source paths are not checked here
                }
            }
        }

        ChargeNames.check(fields.path("connectwise"), cfg, settings, problems, unchecked);

        // boards that use sync.trigger-status (no triggerStatus in mappings.yaml for them)
        if (haveBoards) {
            String global = settings.triggerStatus();
            for (String b : synced) {
                boolean fromMapping = cfg.defaults().triggerStatus() != null
                        || cfg.boardSection(b).map(x -> x.triggerStatus() != null).orElse(false);
                if (!fromMapping && !statuses.get(lower(b)).contains(lower(global))) {
                    problems.add(problem(null, "STATUS_NAME", global, "sync.trigger-status '" + global
                            + "' is not a status of board '" + b + "': its tickets can never dispatch"));
                }
            }
        }
        return problems;
    }

    /**
     * The pools a mapping names that Field Nation did not have when fields were last refreshed, each
     * {@code "<file> line <N>: <problem>"}; none before the first refresh (or when its pools could not be read, or the
     * database does not answer now). {@link Mappings#checkWith} refuses a mapping with such a pool at load.
     */
    public List<String> poolProblems(MappingConfig cfg) {
        ObjectNode stored;
        try {
            stored = state.get(STATE_KEY).map(s -> (ObjectNode) Json.parse(s)).orElse(null);
        } catch (com.cwfn.store.StoreException e) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (stored != null) {
            for (Reference r : cfg.references()) {
                if (r.kind() == Reference.Kind.POOL_NAME) {
                    poolProblem(stored, r).ifPresent(p -> out.add(cfg.sourceName() + " line " + r.line() + ": " + p));
                }
            }
        }
        return out;
    }

    private static Optional<String> poolProblem(JsonNode fields, Reference r) {
        JsonNode known = fields.path("fieldnation").path("pools");
        if (!known.isArray()) {
            return Optional.empty();
        }
        for (JsonNode p : known) {
            if (lower(r.value()).equals(lower(Json.text(p, "name")))) {
                return Optional.empty();
            }
        }
        return Optional.of("Field Nation has no talent pool or preferred provider group named '" + r.value()
                + "' (Refresh Fields of " + fields.path("refreshedAt").asText() + "; refresh again if it is new)");
    }

    /**
     * A {@code statusActions} status: a board's must be a status of that board; one of the defaults must be a status
     * of at least one board that syncs (on a board without it no ticket gets there, so it never acts).
     */
    private static Optional<ObjectNode> statusActionProblem(Reference r, Map<String, Set<String>> statuses,
            Map<String, String> boardNames, List<String> synced) {
        String status = lower(r.value());
        if (r.board() != null) {
            Set<String> on = statuses.get(lower(r.board()));
            return on == null || on.contains(status) ? Optional.empty() : Optional.of(problem(r, "board '"
                    + boardNames.get(lower(r.board())) + "' has no status '" + r.value() + "' (statusActions)"));
        }
        if (synced.isEmpty() || synced.stream().anyMatch(b -> statuses.get(lower(b)).contains(status))) {
            return Optional.empty();
        }
        return Optional.of(problem(r, "status '" + r.value() + "' (statusActions in defaults) is on none of the boards "
                + "that sync ('" + String.join("', '", synced) + "')"));
    }

    /** True when board {@code b}'s effective mapping uses ConnectWise status {@code status}. */
    private boolean uses(MappingConfig cfg, String b, String status) {
        return cfg.triggerStatus(b, settings.triggerStatus()).equalsIgnoreCase(status)
                || cfg.statusMap(b).values().stream().anyMatch(v -> v.equalsIgnoreCase(status));
    }

    private static ObjectNode problem(Reference r, String text) {
        return problem(r.line(), r.kind().name(), r.value(), text);
    }

    static ObjectNode problem(Integer line, String kind, String value, String text) {
        ObjectNode o = Json.object();
        if (line == null) {
            o.putNull("line");
        } else {
            o.put("line", line);
        }
        return o.put("kind", kind).put("value", value).put("problem", text);
    }

    private static String lower(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }
}
