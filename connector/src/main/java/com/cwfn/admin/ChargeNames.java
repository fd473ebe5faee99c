package com.cwfn.admin;

import com.cwfn.json.Json;
import com.cwfn.mapping.ActionType;
import com.cwfn.mapping.FieldMapping;
import com.cwfn.mapping.MappingConfig;
import com.cwfn.mapping.SyncBackMapping;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The part of Refresh Fields that checks what time entries, expense entries and products name against ConnectWise:
 * the member of {@code sync.time.member}, the catalog item of {@code sync.expenses.catalog-item}, and the work
 * types, work roles, expense types and catalog items that {@code timeEntries}, {@code expenses} and {@code labor} of
 * mappings.yaml give as static values or arrayMap results.
 */
final class ChargeNames {
    private ChargeNames() {
    }

    static void check(JsonNode connectwise, MappingConfig cfg, Settings settings, ArrayNode problems,
            List<String> unchecked) {
        JsonNode member = connectwise.path("timeMember");
        if (member.isObject() && !member.path("found").asBoolean()) {
            problems.add(FieldsRefresh.problem(null, "MEMBER", Json.text(member, "identifier"), "sync.time.member '"
                    + Json.text(member, "identifier") + "' is not a ConnectWise member: time entries would be refused"));
        }
        String item = settings.text(Catalog.SYNC_EXPENSES_CATALOG_ITEM);
        Set<String> catalog = names(connectwise.path("catalogItems"), "identifier");
        if (!item.isEmpty() && catalog != null && !catalog.contains(lower(item))) {
            problems.add(FieldsRefresh.problem(null, "CATALOG_ITEM", item, "sync.expenses.catalog-item '" + item
                    + "' is not a ConnectWise catalog item: products would be refused"));
        }
        SyncBackMapping m = cfg.syncBack();
        names(m.timeEntry(), "workType.name", connectwise, "workTypes", "name", "work type", problems, unchecked);
        names(m.timeEntry(), "workRole.name", connectwise, "workRoles", "name", "work role", problems, unchecked);
        names(m.expenseEntry(), "type.name", connectwise, "expenseTypes", "name", "expense type", problems, unchecked);
        List<FieldMapping> products = new ArrayList<>(m.expenseProduct());
        products.addAll(m.labor());
        names(products, "catalogItem.identifier", connectwise, "catalogItems", "identifier", "catalog item", problems,
                unchecked);
    }

    private static void names(List<FieldMapping> fields, String target, JsonNode connectwise, String table,
            String key, String what, ArrayNode problems, List<String> unchecked) {
        Set<String> known = names(connectwise.path(table), key);
        for (FieldMapping f : fields) {
            if (!f.target().text().equals(target)) {
                continue;
            }
            if (known == null) {
                unchecked.add(what + " names: the ConnectWise " + table + " could not be read");
                return;
            }
            for (String v : values(f)) {
                if (!known.contains(lower(v))) {
                    problems.add(FieldsRefresh.problem(f.line(), what.toUpperCase(Locale.ROOT).replace(' ', '_'), v,
                            "there is no ConnectWise " + what + " '" + v + "' (" + target + " in mappings.yaml)"));
                }
            }
        }
    }

    /** The values a static or arrayMap entry can give; none for the other actions (they depend on the data). */
    private static List<String> values(FieldMapping f) {
        List<String> out = new ArrayList<>();
        if (f.action() == ActionType.STATIC && f.value() != null && f.value().isValueNode()) {
            out.add(Json.text(f.value()));
        } else if (f.action() == ActionType.ARRAY_MAP) {
            f.map().values().stream().filter(JsonNode::isValueNode).forEach(v -> out.add(Json.text(v)));
            if (f.otherwise() != null && f.otherwise().isValueNode()) {
                out.add(Json.text(f.otherwise()));
            }
        }
        return out;
    }

    private static Set<String> names(JsonNode rows, String key) {
        if (!rows.isArray()) {
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        rows.forEach(r -> out.add(lower(Json.text(r, key))));
        return out;
    }

    private static String lower(String s) {
        return s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    }
}
