package com.cwfn.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads and validates {@code mappings.yaml}. Works on the YAML node tree so that every problem names its line;
 * collects all problems and throws one {@link MappingException} listing them, one per line, in line order.
 */
public final class MappingLoader {
    /** Field Nation custom field targets: {@code custom_fields.<name>}. */
    public static final String FN_CUSTOM_FIELD_PREFIX = "custom_fields.";
    /** ConnectWise custom field targets in outboundCreate: {@code customFields.<caption>}. */
    public static final String CW_CUSTOM_FIELD_PREFIX = "customFields.";
    /** Prefix of a literal text among concat {@code sources}. */
    public static final String LITERAL_PREFIX = "literal:";

    static final List<String> TOP_KEYS = List.of("ticketIdCustomField", "defaults", "boards", "outboundCreate",
            SyncBackSections.TIME, SyncBackSections.EXPENSES, SyncBackSections.LABOR, SyncBackSections.WRITE_BACK);
    static final List<String> SECTION_KEYS = List.of("triggerStatus", "fields", "statusMap", "statusActions", "rules");
    static final List<String> OUTBOUND_KEYS = List.of("board", "company", "status", "fields");
    static final List<String> RANGE_KEYS = List.of("min", "max", "value");

    private MappingLoader() {
    }

    /** Loads a file; messages name it as given. */
    public static MappingConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MappingException(file + " line 1: cannot read the file: " + e.getMessage(), e);
        }
        return load(text, file.toString());
    }

    /** Loads YAML text; {@code sourceName} is what messages call it (e.g. the file name). */
    public static MappingConfig load(String yamlText, String sourceName) {
        return new Run(sourceName).load(yamlText);
    }

    /** One load: the problems and references found so far (the sections of {@link SyncBackSections} use it too). */
    static final class Run {
        private record Problem(int line, int seq, String message) {
        }

        private final String src;
        private final LoadSettings settings;
        private final List<Problem> problems = new ArrayList<>();
        private final List<Reference> refs = new ArrayList<>();

        Run(String sourceName) {
            this.src = sourceName == null ? "mappings" : sourceName;
            // YAML 1.2 core schema: ~, null and an empty value are null; true/false, numbers as usual
            this.settings = LoadSettings.builder().setLabel(src).setSchema(new CoreSchema()).build();
        }

        MappingConfig load(String text) {
            Node root;
            try {
                root = new Compose(settings).composeString(text == null ? "" : text).orElse(null);
            } catch (MarkedYamlEngineException e) {
                int lines = lineCount(text);
                problem(syntaxErrorLine(e, lines), "YAML syntax error: " + e.getProblem()
                        + (e.getContext() == null ? "" : " (" + e.getContext()
                        + e.getContextMark().map(m -> " that starts at line " + Math.min(m.getLine() + 1, lines)).orElse("") + ")"));
                throw fail();
            } catch (YamlEngineException e) {
                problem(1, "YAML error: " + e.getMessage());
                throw fail();
            }
            if (root == null || isNull(root)) {
                problem(1, "the file is empty; it needs at least ticketIdCustomField and defaults");
                throw fail();
            }
            if (!(root instanceof MappingNode top)) {
                problem(root, "the file must be a map with the keys " + String.join(", ", TOP_KEYS));
                throw fail();
            }
            Map<String, NodeTuple> keys = keys(top, TOP_KEYS, "at the top level");

            String ticketIdField = null;
            NodeTuple tid = keys.get("ticketIdCustomField");
            if (tid == null) {
                problem(top, "missing 'ticketIdCustomField' (the Field Nation custom field that carries the ConnectWise ticket id)");
            } else {
                ticketIdField = string(tid.getValueNode(), "ticketIdCustomField", false);
                if (ticketIdField != null) {
                    ref(Reference.Kind.FN_CUSTOM_FIELD, ticketIdField, null, tid.getValueNode());
                }
            }

            NodeTuple defaultsTuple = keys.get("defaults");
            BoardMapping defaults = defaultsTuple == null
                    ? new BoardMapping(null, null, List.of(), Map.of(), StatusActions.none(), List.of(), line(top))
                    : section(defaultsTuple.getValueNode(), null, line(defaultsTuple.getKeyNode()), "in defaults");

            Map<String, BoardMapping> boards = new LinkedHashMap<>();
            NodeTuple boardsTuple = keys.get("boards");
            if (boardsTuple != null && !isNull(boardsTuple.getValueNode())) {
                if (!(boardsTuple.getValueNode() instanceof MappingNode bm)) {
                    problem(boardsTuple.getValueNode(), "boards must be a map of ConnectWise board name to its overrides");
                } else {
                    Map<String, Integer> lower = new HashMap<>();
                    for (Map.Entry<String, NodeTuple> e : keys(bm, null, "in boards").entrySet()) {
                        String name = e.getKey().trim();
                        Node keyNode = e.getValue().getKeyNode();
                        if (name.isEmpty()) {
                            problem(keyNode, "a board name must not be empty");
                            continue;
                        }
                        Integer first = lower.putIfAbsent(name.toLowerCase(Locale.ROOT), line(keyNode));
                        if (first != null) {
                            problem(keyNode, "board '" + name + "' is configured twice (first at line " + first + "; names are matched ignoring case)");
                            continue;
                        }
                        ref(Reference.Kind.BOARD_NAME, name, null, keyNode);
                        boards.put(name, section(e.getValue().getValueNode(), name, line(keyNode), "in board '" + name + "'"));
                    }
                }
            }

            OutboundCreate outbound = null;
            NodeTuple outTuple = keys.get("outboundCreate");
            if (outTuple != null && !isNull(outTuple.getValueNode())) {
                outbound = outbound(outTuple.getValueNode());
            }

            SyncBackMapping syncBack = SyncBackSections.read(this, keys);

            if (ticketIdField != null) {
                checkTicketIdNotMapped(ticketIdField, defaults);
                for (BoardMapping b : boards.values()) {
                    checkTicketIdNotMapped(ticketIdField, b);
                }
            }

            if (!problems.isEmpty()) {
                throw fail();
            }
            return new MappingConfig(src, ticketIdField, defaults, boards, outbound, syncBack, refs);
        }

        /**
         * The problem's line; for something left open at the end of the file (an unclosed bracket or quote), the line
         * where it was opened. Never past the last line.
         */
        private static int syntaxErrorLine(MarkedYamlEngineException e, int lines) {
            Optional<Integer> problem = e.getProblemMark().map(m -> m.getLine() + 1);
            Optional<Integer> context = e.getContextMark().map(m -> m.getLine() + 1);
            int line = (e.getProblem() != null && (e.getProblem().contains("<stream end>") || e.getProblem().contains("end of stream")) && context.isPresent())
                    ? context.get() : problem.or(() -> context).orElse(1);
            return Math.min(line, lines);
        }

        private static int lineCount(String text) {
            return Math.max(1, (int) text.chars().filter(c -> c == '\n').count() + (text.endsWith("\n") ? 0 : 1));
        }

        private void checkTicketIdNotMapped(String ticketIdField, BoardMapping section) {
            for (FieldMapping f : section.fields()) {
                if (ticketIdField.equals(f.target().customField())) {
                    problem(f.line(), "target '" + f.target().text() + "' is the ticketIdCustomField: the connector fills it"
                            + " with the ConnectWise ticket id, so it cannot be mapped");
                }
            }
        }

        // ---------------------------------------------------------------- sections

        private BoardMapping section(Node node, String board, int line, String where) {
            if (isNull(node)) {
                return new BoardMapping(board, null, List.of(), Map.of(), StatusActions.none(), List.of(), line);
            }
            if (!(node instanceof MappingNode m)) {
                problem(node, (board == null ? "defaults" : "board '" + board + "'")
                        + " must be a map with the keys " + String.join(", ", SECTION_KEYS));
                return new BoardMapping(board, null, List.of(), Map.of(), StatusActions.none(), List.of(), line);
            }
            Map<String, NodeTuple> keys = keys(m, SECTION_KEYS, where);
            String trigger = null;
            NodeTuple t = keys.get("triggerStatus");
            if (t != null) {
                trigger = string(t.getValueNode(), "triggerStatus", true);
                if (trigger != null) {
                    ref(Reference.Kind.STATUS_NAME, trigger, board, t.getValueNode());
                }
            }
            List<FieldMapping> fields = List.of();
            NodeTuple f = keys.get("fields");
            if (f != null) {
                fields = fields(f.getValueNode(), FN_CUSTOM_FIELD_PREFIX, Reference.Kind.SOURCE_PATH, board, false, where);
            }
            Map<String, String> statusMap = Map.of();
            NodeTuple s = keys.get("statusMap");
            if (s != null) {
                statusMap = statusMap(s.getValueNode(), board, where);
            }
            NodeTuple a = keys.get("statusActions");
            StatusActions actions = a == null ? StatusActions.none() : statusActions(a.getValueNode(), board, where);
            NodeTuple r = keys.get("rules");
            List<DispatchRule> rules = r == null ? List.of() : new RuleSections(this, src).read(r.getValueNode(), board,
                    where);
            return new BoardMapping(board, trigger, fields, statusMap, actions, rules, line);
        }

        /**
         * {@code statusActions}: ConnectWise status name (a {@link Reference.Kind#STATUS_ACTION} of the board, checked by
         * Refresh Fields) to a {@link StatusAction}; each problem with its line. Any section that can say what a
         * status does (the defaults, a board) reads its map here.
         */
        StatusActions statusActions(Node node, String board, String where) {
            if (isNull(node)) {
                return StatusActions.none();
            }
            if (!(node instanceof MappingNode m)) {
                problem(node, "statusActions " + where + " must be a map of ConnectWise status name to an action ("
                        + StatusAction.names() + ")");
                return StatusActions.none();
            }
            List<StatusActions.Entry> out = new ArrayList<>();
            Map<String, Integer> lower = new HashMap<>();
            for (Map.Entry<String, NodeTuple> e : keys(m, null, "in statusActions " + where).entrySet()) {
                Node keyNode = e.getValue().getKeyNode();
                Node valueNode = e.getValue().getValueNode();
                String status = e.getKey().trim();
                if (status.isEmpty()) {
                    problem(keyNode, "statusActions " + where + ": a ConnectWise status name must not be empty");
                    continue;
                }
                Integer first = lower.putIfAbsent(status.toLowerCase(Locale.ROOT), line(keyNode));
                if (first != null) {
                    problem(keyNode, "statusActions " + where + ": '" + status + "' is named twice (first at line "
                            + first + "; names are matched ignoring case)");
                    continue;
                }
                String name = valueNode instanceof ScalarNode sv && !isNull(valueNode) ? sv.getValue().trim() : null;
                Optional<StatusAction> action = name == null ? Optional.empty() : StatusAction.byName(name);
                if (action.isEmpty()) {
                    problem(valueNode, "statusActions " + where + ": unknown action " + (name == null
                            ? describe(valueNode) : "'" + name + "'") + " for status '" + status + "' (allowed: "
                            + StatusAction.names() + ")");
                    continue;
                }
                out.add(new StatusActions.Entry(status, action.get(), line(keyNode)));
                ref(Reference.Kind.STATUS_ACTION, status, board, keyNode);
            }
            return StatusActions.of(out);
        }

        private Map<String, String> statusMap(Node node, String board, String where) {
            if (isNull(node)) {
                return Map.of();
            }
            if (!(node instanceof MappingNode m)) {
                problem(node, "statusMap " + where + " must be a map of Field Nation status name to ConnectWise status name");
                return Map.of();
            }
            Map<String, String> out = new LinkedHashMap<>();
            Map<String, Integer> lower = new HashMap<>();
            for (Map.Entry<String, NodeTuple> e : keys(m, null, "in statusMap " + where).entrySet()) {
                Node keyNode = e.getValue().getKeyNode();
                Node valueNode = e.getValue().getValueNode();
                String fn = e.getKey().trim();
                if (fn.isEmpty()) {
                    problem(keyNode, "statusMap " + where + ": a Field Nation status name must not be empty");
                    continue;
                }
                Integer first = lower.putIfAbsent(fn.toLowerCase(Locale.ROOT), line(keyNode));
                if (first != null) {
                    problem(keyNode, "statusMap " + where + ": '" + fn + "' is mapped twice (first at line " + first
                            + "; names are matched ignoring case)");
                    continue;
                }
                if (!(valueNode instanceof ScalarNode sv) || isNull(valueNode) || sv.getValue().isBlank()) {
                    problem(valueNode, "statusMap " + where + ": '" + fn
                            + "' must map to a ConnectWise status name (a text), not " + describe(valueNode));
                    continue;
                }
                String cw = sv.getValue().trim();
                out.put(fn, cw);
                ref(Reference.Kind.FN_STATUS_NAME, fn, board, keyNode);
                ref(Reference.Kind.STATUS_NAME, cw, board, valueNode);
            }
            return Collections.unmodifiableMap(out);
        }

        private OutboundCreate outbound(Node node) {
            if (!(node instanceof MappingNode m)) {
                problem(node, "outboundCreate must be a map with the keys " + String.join(", ", OUTBOUND_KEYS));
                return null;
            }
            Map<String, NodeTuple> keys = keys(m, OUTBOUND_KEYS, "in outboundCreate");
            String board = requiredString(m, keys, "board", "outboundCreate");
            String company = requiredString(m, keys, "company", "outboundCreate");
            if (board != null) {
                ref(Reference.Kind.BOARD_NAME, board, null, keys.get("board").getValueNode());
            }
            if (company != null) {
                ref(Reference.Kind.COMPANY_IDENTIFIER, company, null, keys.get("company").getValueNode());
            }
            String status = null;
            NodeTuple st = keys.get("status");
            if (st != null) {
                status = string(st.getValueNode(), "outboundCreate status", true);
                if (status != null) {
                    ref(Reference.Kind.STATUS_NAME, status, board, st.getValueNode());
                }
            }
            List<FieldMapping> fields = List.of();
            NodeTuple f = keys.get("fields");
            if (f != null) {
                fields = fields(f.getValueNode(), CW_CUSTOM_FIELD_PREFIX, Reference.Kind.WORKORDER_PATH, null, true,
                        "in outboundCreate");
            }
            return new OutboundCreate(board, company, status, fields);
        }

        private String requiredString(MappingNode m, Map<String, NodeTuple> keys, String key, String where) {
            NodeTuple t = keys.get(key);
            if (t == null) {
                problem(m, where + " needs '" + key + "'");
                return null;
            }
            return string(t.getValueNode(), where + " " + key, false);
        }

        // ---------------------------------------------------------------- field mappings

        List<FieldMapping> fields(Node node, String collectorPrefix, Reference.Kind pathKind, String board,
                                          boolean outbound, String where) {
            if (isNull(node)) {
                return List.of();
            }
            if (!(node instanceof SequenceNode seq)) {
                problem(node, "fields " + where + " must be a list of field mappings");
                return List.of();
            }
            List<FieldMapping> out = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            for (Node item : seq.getValue()) {
                if (!(item instanceof MappingNode entry)) {
                    problem(item, "a field mapping " + where + " must be a map with at least 'target' (got " + describe(item) + ")");
                    continue;
                }
                FieldMapping fm = entry(entry, collectorPrefix, pathKind, board, outbound);
                if (fm == null) {
                    continue;
                }
                Integer first = seen.putIfAbsent(fm.target().text(), fm.line());
                if (first != null) {
                    problem(fm.line(), "duplicate target '" + fm.target().text() + "' " + where + " (first at line " + first + ")");
                    continue;
                }
                out.add(fm);
            }
            return List.copyOf(out);
        }

        /** One entry; null when it has problems (they are recorded). */
        private FieldMapping entry(MappingNode entry, String collectorPrefix, Reference.Kind pathKind, String board,
                                   boolean outbound) {
            int before = problems.size();
            Map<String, NodeTuple> keys = keys(entry, null, "in a field mapping");

            TargetPath target = null;
            String ctx = "field mapping";
            NodeTuple t = keys.get("target");
            if (t == null) {
                problem(entry, "field mapping has no 'target'");
            } else {
                String text = string(t.getValueNode(), "target", false);
                if (text != null) {
                    ctx = "field '" + text.trim() + "'";
                    try {
                        target = TargetPath.parse(text, collectorPrefix);
                        if (target.customField() != null) {
                            ref(outbound ? Reference.Kind.CUSTOM_FIELD_CAPTION : Reference.Kind.FN_CUSTOM_FIELD,
                                    target.customField(), board, t.getValueNode());
                        }
                    } catch (IllegalArgumentException e) {
                        problem(t.getValueNode(), ctx + ": " + e.getMessage());
                    }
                }
            }

            ActionType action = ActionType.SYNC;
            boolean actionKnown = true;
            NodeTuple a = keys.get("action");
            if (a != null) {
                String name = string(a.getValueNode(), ctx + ": action", false);
                if (name == null) {
                    actionKnown = false;
                } else {
                    Optional<ActionType> found = ActionType.byName(name.trim());
                    if (found.isEmpty()) {
                        problem(a.getValueNode(), ctx + ": unknown action '" + name + "' (allowed: " + ActionType.names() + ")");
                        actionKnown = false;
                    } else {
                        action = found.get();
                    }
                }
            }

            Set<String> allowed = new LinkedHashSet<>();
            if (actionKnown) {
                allowed.addAll(action.allowedKeys());
            } else {
                for (ActionType at : ActionType.values()) {
                    allowed.addAll(at.allowedKeys());
                }
            }
            for (Map.Entry<String, NodeTuple> e : keys.entrySet()) {
                if (!allowed.contains(e.getKey())) {
                    problem(e.getValue().getKeyNode(), ctx + ": unknown key '" + e.getKey() + "'"
                            + (actionKnown ? " for action " + action.yamlName() : "") + " (allowed: " + String.join(", ", allowed) + ")");
                }
            }
            if (!actionKnown) {
                return null;
            }
            for (String req : action.requiredKeys()) {
                if (!keys.containsKey(req)) {
                    problem(entry, ctx + ": action " + action.yamlName() + " needs '" + req + "'");
                }
            }

            SourcePath source = path(keys.get("source"), ctx, "source", pathKind, board);
            JsonNode value = keys.containsKey("value") ? json(keys.get("value").getValueNode(), ctx + ": value") : null;
            Map<String, JsonNode> map = keys.containsKey("map") ? lookupMap(keys.get("map").getValueNode(), ctx) : null;
            JsonNode otherwise = keys.containsKey("otherwise") ? nullToNull(json(keys.get("otherwise").getValueNode(), ctx + ": otherwise")) : null;
            List<FieldMapping.Range> ranges = keys.containsKey("ranges") ? ranges(keys.get("ranges").getValueNode(), ctx) : null;

            String format = null;
            DateTimeFormatter formatter = null;
            NodeTuple ft = keys.get("format");
            if (ft != null) {
                format = string(ft.getValueNode(), ctx + ": format", false);
                if (format != null) {
                    try {
                        formatter = DateTimeFormatter.ofPattern(format);
                    } catch (IllegalArgumentException e) {
                        problem(ft.getValueNode(), ctx + ": invalid date format '" + format + "': " + e.getMessage());
                    }
                }
            }
            ZoneId zone = null;
            NodeTuple zt = keys.get("zone");
            if (zt != null) {
                String z = string(zt.getValueNode(), ctx + ": zone", false);
                if (z != null) {
                    try {
                        zone = ZoneId.of(z.trim());
                    } catch (DateTimeException e) {
                        problem(zt.getValueNode(), ctx + ": invalid zone '" + z + "' (use a region like America/Chicago or an offset like +02:00): "
                                + e.getMessage());
                    }
                }
            }
            String outputFormat = null;
            NodeTuple ot = keys.get("outputFormat");
            if (ot != null) {
                outputFormat = string(ot.getValueNode(), ctx + ": outputFormat", false);
                if (outputFormat != null && !DateConvertAction.ISO.equalsIgnoreCase(outputFormat)) {
                    try {
                        DateConvertAction.outputFormatter(outputFormat);
                    } catch (IllegalArgumentException e) {
                        problem(ot.getValueNode(), ctx + ": invalid outputFormat '" + outputFormat + "': " + e.getMessage());
                    }
                }
            }

            List<FieldMapping.ConcatPart> sources = keys.containsKey("sources") ? concatSources(keys.get("sources").getValueNode(), ctx, pathKind, board) : null;
            String separator = " ";
            NodeTuple sep = keys.get("separator");
            if (sep != null) {
                if (!(sep.getValueNode() instanceof ScalarNode sn)) {
                    problem(sep.getValueNode(), ctx + ": separator must be a text");
                } else {
                    separator = isNull(sn) ? "" : sn.getValue();
                }
            }

            String expression = null;
            NodeTuple et = keys.get("expression");
            if (et != null) {
                expression = string(et.getValueNode(), ctx + ": expression", false);
                if (expression != null) {
                    String why = ExpressionAction.compileProblem(expression);
                    if (why != null) {
                        problem(et.getValueNode(), ctx + ": invalid JSONata expression: " + why);
                    }
                }
            }

            JsonNode defaultValue = keys.containsKey("default") ? nullToNull(json(keys.get("default").getValueNode(), ctx + ": default")) : null;
            Integer maxLength = null;
            NodeTuple ml = keys.get("maxLength");
            if (ml != null) {
                maxLength = positiveInt(ml.getValueNode(), ctx + ": maxLength");
            }
            SourcePath when = path(keys.get("when"), ctx, "when", pathKind, board);

            if (problems.size() > before || target == null) {
                return null;
            }
            return new FieldMapping(src, line(entry), target, action, source, value, map, otherwise, ranges, format,
                    formatter, zone, outputFormat, sources, separator, expression, defaultValue, maxLength, when);
        }

        private SourcePath path(NodeTuple t, String ctx, String key, Reference.Kind pathKind, String board) {
            if (t == null) {
                return null;
            }
            String text = string(t.getValueNode(), ctx + ": " + key, false);
            if (text == null) {
                return null;
            }
            return parsePath(text, t.getValueNode(), ctx + ": " + key, pathKind, board);
        }

        private SourcePath parsePath(String text, Node node, String ctx, Reference.Kind pathKind, String board) {
            try {
                SourcePath p = SourcePath.parse(text);
                ref(pathKind, p.text(), board, node);
                captions(p, board, node, pathKind);
                return p;
            } catch (IllegalArgumentException e) {
                problem(node, ctx + ": " + e.getMessage());
                return null;
            }
        }

        /** {@code customFields.X} and {@code ticket.customFields[caption=X]} name ConnectWise custom fields. */
        private void captions(SourcePath p, String board, Node node, Reference.Kind pathKind) {
            if (pathKind != Reference.Kind.SOURCE_PATH) {
                return;
            }
            List<SourcePath.Segment> s = p.segments();
            if (s.size() >= 2 && s.get(0) instanceof SourcePath.Name n0 && n0.name().equals("customFields")
                    && s.get(1) instanceof SourcePath.Name n1) {
                ref(Reference.Kind.CUSTOM_FIELD_CAPTION, n1.name(), board, node);
            }
            for (int i = 0; i + 1 < s.size(); i++) {
                if (s.get(i) instanceof SourcePath.Name n && n.name().equals("customFields")
                        && s.get(i + 1) instanceof SourcePath.Select sel && sel.key().equals("caption")) {
                    ref(Reference.Kind.CUSTOM_FIELD_CAPTION, sel.value(), board, node);
                }
            }
        }

        private Map<String, JsonNode> lookupMap(Node node, String ctx) {
            if (!(node instanceof MappingNode m)) {
                problem(node, ctx + ": map must be a map of source value to result (got " + describe(node) + ")");
                return null;
            }
            Map<String, JsonNode> out = new LinkedHashMap<>();
            for (Map.Entry<String, NodeTuple> e : keys(m, null, "in the map of " + ctx).entrySet()) {
                out.put(e.getKey(), json(e.getValue().getValueNode(), ctx + ": map value"));
            }
            return Collections.unmodifiableMap(out);
        }

        private List<FieldMapping.Range> ranges(Node node, String ctx) {
            if (!(node instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
                problem(node, ctx + ": ranges must be a non-empty list of {min, max, value}");
                return null;
            }
            List<FieldMapping.Range> out = new ArrayList<>();
            for (Node item : seq.getValue()) {
                if (!(item instanceof MappingNode m)) {
                    problem(item, ctx + ": a range must be a map with min, max and value (got " + describe(item) + ")");
                    continue;
                }
                Map<String, NodeTuple> keys = keys(m, RANGE_KEYS, "in a range of " + ctx);
                BigDecimal min = keys.containsKey("min") ? number(keys.get("min").getValueNode(), ctx + ": min") : null;
                BigDecimal max = keys.containsKey("max") ? number(keys.get("max").getValueNode(), ctx + ": max") : null;
                if (!keys.containsKey("value")) {
                    problem(m, ctx + ": a range needs 'value'");
                    continue;
                }
                if (min != null && max != null && min.compareTo(max) >= 0) {
                    problem(m, ctx + ": range min " + min.toPlainString() + " must be less than max " + max.toPlainString()
                            + " (min is inclusive, max exclusive)");
                    continue;
                }
                out.add(new FieldMapping.Range(min, max, json(keys.get("value").getValueNode(), ctx + ": range value"), line(m)));
            }
            return List.copyOf(out);
        }

        private List<FieldMapping.ConcatPart> concatSources(Node node, String ctx, Reference.Kind pathKind, String board) {
            if (!(node instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
                problem(node, ctx + ": sources must be a non-empty list of paths or \"literal:text\"");
                return null;
            }
            List<FieldMapping.ConcatPart> out = new ArrayList<>();
            for (Node item : seq.getValue()) {
                String s = string(item, ctx + ": a source", false);
                if (s == null) {
                    continue;
                }
                if (s.startsWith(LITERAL_PREFIX)) {
                    out.add(new FieldMapping.ConcatPart(s.substring(LITERAL_PREFIX.length()), null));
                } else {
                    SourcePath p = parsePath(s, item, ctx + ": source", pathKind, board);
                    if (p != null) {
                        out.add(new FieldMapping.ConcatPart(null, p));
                    }
                }
            }
            return List.copyOf(out);
        }

        // ---------------------------------------------------------------- scalars and nodes

        Map<String, NodeTuple> keys(MappingNode m, List<String> allowed, String where) {
            Map<String, NodeTuple> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                Node k = t.getKeyNode();
                if (!(k instanceof ScalarNode s) || isNull(k)) {
                    problem(k, "a key " + where + " must be a text, not " + describe(k));
                    continue;
                }
                String name = s.getValue();
                NodeTuple first = out.get(name);
                if (first != null) {
                    problem(k, "duplicate key '" + name + "' " + where + " (first at line " + line(first.getKeyNode()) + ")");
                    continue;
                }
                out.put(name, t);
                if (allowed != null && !allowed.contains(name)) {
                    problem(k, "unknown key '" + name + "' " + where + " (allowed: " + String.join(", ", allowed) + ")");
                }
            }
            return out;
        }

        /** A text scalar; null (with a problem unless nullable) for null; a problem for lists and maps. */
        String string(Node node, String what, boolean nullable) {
            if (node instanceof ScalarNode s) {
                if (isNull(s)) {
                    if (!nullable) {
                        problem(node, what + " must not be empty");
                    }
                    return null;
                }
                if (!nullable && s.getValue().isBlank()) {
                    problem(node, what + " must not be empty");
                    return null;
                }
                return s.getValue().isBlank() ? null : s.getValue();
            }
            problem(node, what + " must be a text, not " + describe(node));
            return null;
        }

        private BigDecimal number(Node node, String what) {
            if (isNull(node)) {
                return null;
            }
            if (node instanceof ScalarNode s) {
                try {
                    return new BigDecimal(s.getValue().trim().replace("_", ""));
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            problem(node, what + " must be a number, not " + describe(node));
            return null;
        }

        private Integer positiveInt(Node node, String what) {
            if (node instanceof ScalarNode s && !isNull(s)) {
                try {
                    int n = Integer.parseInt(s.getValue().trim());
                    if (n > 0) {
                        return n;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
            }
            problem(node, what + " must be a whole number above 0, not " + describe(node));
            return null;
        }

        /** Any YAML value as JSON (a JSON null for YAML null). */
        private JsonNode json(Node node, String what) {
            try {
                return JavaValues.toJson(new StandardConstructor(settings).constructSingleDocument(Optional.of(node)));
            } catch (YamlEngineException | IllegalArgumentException e) {
                problem(node, what + ": " + e.getMessage());
                return null;
            }
        }

        private static JsonNode nullToNull(JsonNode n) {
            return n == null || n.isNull() ? null : n;
        }

        static boolean isNull(Node node) {
            return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
        }

        static String describe(Node node) {
            if (node instanceof MappingNode) {
                return "a map";
            }
            if (node instanceof SequenceNode) {
                return "a list";
            }
            if (isNull(node)) {
                return "null";
            }
            return "'" + ((ScalarNode) node).getValue() + "'";
        }

        static int line(Node node) {
            return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
        }

        void ref(Reference.Kind kind, String value, String board, Node node) {
            refs.add(new Reference(kind, value, board, line(node)));
        }

        int problemCount() {
            return problems.size();
        }

        void problem(Node node, String message) {
            problem(line(node), message);
        }

        void problem(int line, String message) {
            problems.add(new Problem(line, problems.size(), message));
        }

        private MappingException fail() {
            List<String> lines = problems.stream()
                    .sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::seq))
                    .map(p -> src + " line " + p.line() + ": " + p.message())
                    .toList();
            return new MappingException(lines);
        }
    }
}
