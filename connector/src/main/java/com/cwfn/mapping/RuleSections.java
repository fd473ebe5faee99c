package com.cwfn.mapping;

import com.cwfn.settings.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a {@code rules:} list (under {@code defaults} or a board) into {@link DispatchRule}s, with the loader's problem
 * reporting: every problem with its line. Refused: an {@code if} that is not JSONata, an unknown key, a {@code wait}
 * that is not a duration, a stage without a target (or with two), an alert that is not the last stage, a
 * {@code dispatch: false} that also sets what a dispatch would send, an unknown {@code publish} or status action.
 */
final class RuleSections {
    static final List<String> RULE_KEYS = List.of("name", "if", "dispatch", "fields", "routing", "publish",
            "statusActions");
    static final List<String> STAGE_KEYS = List.of("providers", "pool", "marketplace", "alert", "wait");
    private static final List<String> TARGETS = List.of("providers", "pool", "marketplace", "alert");

    private final MappingLoader.Run run;
    private final String origin;

    RuleSections(MappingLoader.Run run, String origin) {
        this.run = run;
        this.origin = origin;
    }

    List<DispatchRule> read(Node node, String board, String where) {
        if (MappingLoader.Run.isNull(node)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode seq)) {
            run.problem(node, "rules " + where + " must be a list of rules (each with if and what it changes)");
            return List.of();
        }
        List<DispatchRule> out = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        for (Node item : seq.getValue()) {
            if (!(item instanceof MappingNode m)) {
                run.problem(item, "a rule " + where + " must be a map with the keys " + String.join(", ", RULE_KEYS)
                        + " (got " + MappingLoader.Run.describe(item) + ")");
                continue;
            }
            DispatchRule rule = rule(m, board, where);
            if (rule == null) {
                continue;
            }
            if (rule.name() != null) {
                Integer first = names.putIfAbsent(rule.name().toLowerCase(Locale.ROOT), rule.line());
                if (first != null) {
                    run.problem(rule.line(), "rule \"" + rule.name() + "\" " + where + " is named twice (first at line "
                            + first + "); notes name the rule, so each needs its own name");
                    continue;
                }
            }
            out.add(rule);
        }
        return List.copyOf(out);
    }

    /** One rule; null when it has problems (they are recorded). */
    private DispatchRule rule(MappingNode m, String board, String where) {
        int line = MappingLoader.Run.line(m);
        int before = run.problemCount();
        Map<String, NodeTuple> keys = run.keys(m, RULE_KEYS, "in a rule " + where);
        String name = text(keys.get("name"), "a rule's name");
        String ctx = (name == null ? "the rule at line " + line : "rule \"" + name + "\"") + " " + where;

        String condition = null;
        Set<String> roots = Set.of();
        NodeTuple ifTuple = keys.get("if");
        if (ifTuple != null) {
            condition = run.string(ifTuple.getValueNode(), ctx + ": if", false);
            if (condition != null) {
                String why = ExpressionAction.compileProblem(condition);
                if (why != null) {
                    run.problem(ifTuple.getValueNode(), ctx + ": if is not a valid JSONata expression: " + why);
                } else {
                    roots = JsonataRoots.of(condition, TicketDocument.ROOTS);
                }
            }
        }

        boolean dispatch = true;
        NodeTuple d = keys.get("dispatch");
        if (d != null) {
            Node v = d.getValueNode();
            String b = v instanceof ScalarNode s ? s.getValue().trim().toLowerCase(Locale.ROOT) : "";
            if (b.equals("true") || b.equals("false")) {
                dispatch = Boolean.parseBoolean(b);
            } else {
                run.problem(v, ctx + ": dispatch must be true or false, not " + MappingLoader.Run.describe(v));
            }
        }
        if (!dispatch) {
            for (String k : List.of("fields", "routing", "publish", "statusActions")) {
                if (keys.containsKey(k)) {
                    run.problem(keys.get(k).getKeyNode(), ctx + ": dispatch: false sends nothing to Field Nation, so '"
                            + k + "' has nothing to change; remove one of them");
                }
            }
        }

        List<FieldMapping> fields = List.of();
        NodeTuple f = keys.get("fields");
        if (f != null) {
            fields = run.fields(f.getValueNode(), MappingLoader.FN_CUSTOM_FIELD_PREFIX, Reference.Kind.SOURCE_PATH,
                    board, false, "in " + ctx);
        }

        DispatchRule.Publish publish = DispatchRule.Publish.NOW;
        NodeTuple p = keys.get("publish");
        if (p != null) {
            String text = run.string(p.getValueNode(), ctx + ": publish", false);
            if (text != null) {
                publish = DispatchRule.Publish.byName(text).orElse(null);
                if (publish == null) {
                    run.problem(p.getValueNode(), ctx + ": publish must be now or on-approval, not '" + text + "'");
                    publish = DispatchRule.Publish.NOW;
                }
            }
        }

        List<RoutingStage> routing = List.of();
        NodeTuple r = keys.get("routing");
        if (r != null) {
            routing = routing(r.getValueNode(), board, ctx);
        }

        StatusActions statusActions = StatusActions.none();
        NodeTuple sa = keys.get("statusActions");
        if (sa != null) {
            statusActions = run.statusActions(sa.getValueNode(), board, "of " + ctx);
        }

        if (run.problemCount() > before) {
            return null;
        }
        return new DispatchRule(origin, line, board, name, condition, roots, dispatch, fields, routing, publish,
                statusActions);
    }

    private List<RoutingStage> routing(Node node, String board, String ctx) {
        if (!(node instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            run.problem(node, ctx + ": routing must be a list of stages (each providers, pool, marketplace: true or "
                    + "alert: true, with a wait before the next); leave it out to publish at once");
            return List.of();
        }
        List<RoutingStage> out = new ArrayList<>();
        List<Node> items = seq.getValue();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            if (!(item instanceof MappingNode m)) {
                run.problem(item, ctx + ": a routing stage must be a map with one of " + String.join(", ", TARGETS)
                        + " and an optional wait (got " + MappingLoader.Run.describe(item) + ")");
                continue;
            }
            RoutingStage stage = stage(m, board, ctx, i == items.size() - 1);
            if (stage != null) {
                out.add(stage);
            }
        }
        return List.copyOf(out);
    }

    private RoutingStage stage(MappingNode m, String board, String ctx, boolean last) {
        int line = MappingLoader.Run.line(m);
        Map<String, NodeTuple> keys = run.keys(m, STAGE_KEYS, "in a routing stage of " + ctx);
        List<String> targets = TARGETS.stream().filter(keys::containsKey).toList();
        if (targets.isEmpty()) {
            run.problem(m, ctx + ": a routing stage without a target: give providers: [ids], pool: <name>, "
                    + "marketplace: true or alert: true");
            return null;
        }
        if (targets.size() > 1) {
            run.problem(m, ctx + ": a routing stage has one target, not " + String.join(" and ", targets)
                    + "; make them stages of their own");
            return null;
        }
        Duration wait = null;
        NodeTuple w = keys.get("wait");
        if (w != null) {
            Node v = w.getValueNode();
            String text = v instanceof ScalarNode s && !MappingLoader.Run.isNull(v) ? s.getValue() : null;
            try {
                wait = Durations.parse(text);
            } catch (IllegalArgumentException e) {
                run.problem(v, ctx + ": wait " + (text == null ? MappingLoader.Run.describe(v) : "'" + text + "'")
                        + " is not " + Durations.FORMAT);
                return null;
            }
        }
        String target = targets.get(0);
        Node value = keys.get(target).getValueNode();
        switch (target) {
            case "providers" -> {
                List<Long> ids = providers(value, ctx);
                if (ids == null) {
                    return null;
                }
                return lastWait(new RoutingStage(RoutingStage.Kind.PROVIDERS, ids, null, wait, line), last, ctx, w);
            }
            case "pool" -> {
                String pool = run.string(value, ctx + ": pool", false);
                if (pool == null) {
                    return null;
                }
                run.ref(Reference.Kind.POOL_NAME, pool.trim(), board, value);
                return lastWait(new RoutingStage(RoutingStage.Kind.POOL, List.of(), pool.trim(), wait, line), last,
                        ctx, w);
            }
            case "marketplace" -> {
                if (!isTrue(value)) {
                    run.problem(value, ctx + ": marketplace must be true (publish the work order), not "
                            + MappingLoader.Run.describe(value));
                    return null;
                }
                return lastWait(new RoutingStage(RoutingStage.Kind.MARKETPLACE, List.of(), null, wait, line), last,
                        ctx, w);
            }
            default -> {
                if (!isTrue(value)) {
                    run.problem(value, ctx + ": alert must be true, not " + MappingLoader.Run.describe(value));
                    return null;
                }
                if (!last) {
                    run.problem(m, ctx + ": alert: true ends the routing, so it must be the last stage");
                    return null;
                }
                if (w != null) {
                    run.problem(w.getKeyNode(), ctx + ": an alert is the last stage; there is nothing to wait for");
                    return null;
                }
                return new RoutingStage(RoutingStage.Kind.ALERT, List.of(), null, null, line);
            }
        }
    }

    /** A wait on the last stage waits for nothing: refused. */
    private RoutingStage lastWait(RoutingStage s, boolean last, String ctx, NodeTuple w) {
        if (last && w != null) {
            run.problem(w.getKeyNode(), ctx + ": the wait of the last stage waits for nothing; add the stage that "
                    + "follows it (say alert: true) or remove the wait");
            return null;
        }
        return s;
    }

    private List<Long> providers(Node value, String ctx) {
        if (!(value instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            run.problem(value, ctx + ": providers must be a non-empty list of Field Nation provider ids, not "
                    + MappingLoader.Run.describe(value));
            return null;
        }
        List<Long> ids = new ArrayList<>();
        for (Node n : seq.getValue()) {
            String text = n instanceof ScalarNode s && !MappingLoader.Run.isNull(n) ? s.getValue().trim() : "";
            if (!text.matches("[1-9][0-9]{0,17}")) {
                run.problem(n, ctx + ": a provider id must be a positive whole number, not "
                        + MappingLoader.Run.describe(n));
                return null;
            }
            long id = Long.parseLong(text);
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    private String text(NodeTuple t, String what) {
        if (t == null) {
            return null;
        }
        String s = run.string(t.getValueNode(), what, false);
        return s == null ? null : s.trim();
    }

    private static boolean isTrue(Node n) {
        return n instanceof ScalarNode s && "true".equalsIgnoreCase(s.getValue().trim());
    }
}
