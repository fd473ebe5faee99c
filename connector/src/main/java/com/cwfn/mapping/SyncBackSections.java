package com.cwfn.mapping;

import java.util.ArrayList;
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
 * Reads the top-level sections {@code timeEntries}, {@code expenses}, {@code labor} and {@code writeBack} of
 * {@code mappings.yaml} into a {@link SyncBackMapping}, with the loader's problem reporting (every problem with its
 * line). Their {@code fields} are field mappings with the same actions as the forward mapping; a target the
 * connector fills itself (the fields that tie a record to the ticket and to its Field Nation item) is refused.
 */
final class SyncBackSections {
    static final String TIME = "timeEntries";
    static final String EXPENSES = "expenses";
    static final String LABOR = "labor";
    static final String WRITE_BACK = "writeBack";

    /** Targets the connector fills, per kind of ConnectWise record. */
    private static final Set<String> TIME_OWNED = Set.of("chargeToId", "chargeToType", "timeStart", "timeEnd",
            "internalNotes", "ticket", "company");
    private static final Set<String> EXPENSE_OWNED = Set.of("chargeToId", "chargeToType", "amount", "date", "notes",
            "ticket", "company");
    private static final Set<String> PRODUCT_OWNED = Set.of("ticket", "internalNotes");
    private static final Set<String> TICKET_OWNED = Set.of("id", "_info", "status", "board", "customFields");
    private static final List<String> FN_EXPENSE_STATUSES = List.of("new", "approved", "disapproved");

    private SyncBackSections() {
    }

    static SyncBackMapping read(MappingLoader.Run run, Map<String, NodeTuple> top) {
        Map<String, NodeTuple> time = keys(run, top.get(TIME), TIME, List.of("fields"));
        Map<String, NodeTuple> expenses = keys(run, top.get(EXPENSES), EXPENSES, List.of("statuses", "fields",
                "productFields"));
        Map<String, NodeTuple> labor = keys(run, top.get(LABOR), LABOR, List.of("fields"));
        Map<String, NodeTuple> writeBack = keys(run, top.get(WRITE_BACK), WRITE_BACK, List.of("fields"));
        return new SyncBackMapping(
                fields(run, time.get("fields"), TIME + ".fields", TIME_OWNED, null),
                statuses(run, expenses.get("statuses")),
                fields(run, expenses.get("fields"), EXPENSES + ".fields", EXPENSE_OWNED, null),
                fields(run, expenses.get("productFields"), EXPENSES + ".productFields", PRODUCT_OWNED, null),
                fields(run, labor.get("fields"), LABOR + ".fields", PRODUCT_OWNED, null),
                fields(run, writeBack.get("fields"), WRITE_BACK + ".fields", TICKET_OWNED,
                        MappingLoader.CW_CUSTOM_FIELD_PREFIX));
    }

    /** The keys of a section; none when it is absent or null (a problem when it is not a map). */
    private static Map<String, NodeTuple> keys(MappingLoader.Run run, NodeTuple section, String name,
            List<String> allowed) {
        if (section == null || MappingLoader.Run.isNull(section.getValueNode())) {
            return Map.of();
        }
        if (!(section.getValueNode() instanceof MappingNode m)) {
            run.problem(section.getValueNode(), name + " must be a map with the keys " + String.join(", ", allowed));
            return Map.of();
        }
        return run.keys(m, allowed, "in " + name);
    }

    /** Field mappings; a target the connector fills is a problem. */
    private static List<FieldMapping> fields(MappingLoader.Run run, NodeTuple f, String where, Set<String> owned,
            String customFieldPrefix) {
        if (f == null) {
            return List.of();
        }
        List<FieldMapping> fields = run.fields(f.getValueNode(), customFieldPrefix, Reference.Kind.WORKORDER_PATH,
                null, customFieldPrefix != null, "in " + where);
        List<FieldMapping> out = new ArrayList<>();
        for (FieldMapping fm : fields) {
            String root = fm.target().customField() != null ? null : fm.target().text().split("[.\\[]", 2)[0];
            if (root != null && owned.contains(root)) {
                run.problem(fm.line(), "target '" + fm.target().text() + "' in " + where + " is filled by the connector ("
                        + String.join(", ", owned.stream().sorted().toList()) + " are), so it cannot be mapped");
            } else {
                out.add(fm);
            }
        }
        return out;
    }

    private static List<String> statuses(MappingLoader.Run run, NodeTuple t) {
        if (t == null || MappingLoader.Run.isNull(t.getValueNode())) {
            return SyncBackMapping.DEFAULT_EXPENSE_STATUSES;
        }
        if (!(t.getValueNode() instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
            run.problem(t.getValueNode(), "expenses.statuses must be a non-empty list of Field Nation expense statuses ("
                    + String.join(", ", FN_EXPENSE_STATUSES) + "), not " + MappingLoader.Run.describe(t.getValueNode()));
            return SyncBackMapping.DEFAULT_EXPENSE_STATUSES;
        }
        List<String> out = new ArrayList<>();
        for (Node n : seq.getValue()) {
            String s = n instanceof ScalarNode ? run.string(n, "an expense status", false) : null;
            if (s == null) {
                if (!(n instanceof ScalarNode)) {
                    run.problem(n, "expenses.statuses: an expense status must be a text, not " + MappingLoader.Run
                            .describe(n));
                }
                continue;
            }
            String status = s.trim().toLowerCase(Locale.ROOT);
            if (!FN_EXPENSE_STATUSES.contains(status)) {
                run.problem(n, "expenses.statuses: '" + s + "' is not a Field Nation expense status (use "
                        + String.join(", ", FN_EXPENSE_STATUSES) + ")");
            } else if (!out.contains(status)) {
                out.add(status);
            }
        }
        return out.isEmpty() ? SyncBackMapping.DEFAULT_EXPENSE_STATUSES : out;
    }
}
