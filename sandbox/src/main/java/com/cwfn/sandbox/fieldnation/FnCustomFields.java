package com.cwfn.sandbox.fieldnation;

import static com.cwfn.sandbox.fieldnation.FnModel.CANCELLED;
import static com.cwfn.sandbox.fieldnation.FnPaging.metadata;
import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxException;
import com.cwfn.sandbox.fieldnation.FnModel.CustomFieldDef;
import com.cwfn.sandbox.fieldnation.FnModel.WorkOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Custom fields: the definitions, a work order's values (parsed in the shapes the API takes, checked by type and
 * for uniqueness), rendering grouped by category, and {@code custom_field_value_updated} events. Every entry point
 * takes the store lock ({@code synchronized (store)}), as all Field Nation resources do.
 */
final class FnCustomFields {
    private final FnStore store;

    FnCustomFields(FnStore store) {
        this.store = store;
    }

    Map<Long, String> parseCustomFieldValues(JsonNode v) {
        List<JsonNode> items = new ArrayList<>();
        collectCustomFieldItems(v, items, 0);
        Map<Long, String> out = new LinkedHashMap<>();
        for (JsonNode item : items) {
            JsonNode idNode = item.get("id");
            long id = idNode == null ? -1 : idNode.isNumber() ? idNode.asLong()
                    : idNode.asText().matches("\\d+") ? Long.parseLong(idNode.asText()) : -1;
            if (id <= 0) {
                throw new SandboxException(400, "custom_fields: every field needs a numeric id");
            }
            CustomFieldDef def = store.fieldDefs.get(id);
            if (def == null) {
                throw new SandboxException(400, "Invalid custom field id: " + id);
            }
            out.put(id, customFieldValue(def, item.get("value")));
        }
        return out;
    }

    private static void collectCustomFieldItems(JsonNode v, List<JsonNode> items, int depth) {
        if (v == null || v.isNull() || depth > 8) {
            return;
        }
        if (v.isArray()) {
            for (JsonNode n : v) {
                collectCustomFieldItems(n, items, depth + 1);
            }
        } else if (v.isObject() && v.has("results") && v.get("results").isArray()) {
            collectCustomFieldItems(v.get("results"), items, depth + 1); // {"results":[...]} or a category group
        } else if (v.isObject() && v.has("id")) {
            items.add(v);
        } else {
            throw new SandboxException(400, "custom_fields must be {\"results\":[{\"id\",\"value\"}]}, "
                    + "[{\"id\",\"value\"}] or {\"id\",\"value\"}");
        }
    }

    private static String customFieldValue(CustomFieldDef def, JsonNode value) {
        String s = value == null || value.isNull() ? "" : value.isValueNode() ? value.asText() : value.toString();
        if (!s.isEmpty()) {
            switch (def.type()) {
                case "numeric":
                    try {
                        Double.parseDouble(s.trim());
                    } catch (NumberFormatException e) {
                        throw new SandboxException(400, "Custom field " + def.id() + " (" + def.name()
                                + ") needs a numeric value");
                    }
                    break;
                case "date":
                case "date_time":
                    FnTime.parse(s, "custom field " + def.id());
                    break;
                case "predefined":
                    if (!def.options().isEmpty() && !def.options().contains(s)) {
                        throw new SandboxException(400, "Custom field " + def.id() + " accepts only " + def.options());
                    }
                    break;
                default:
                    break;
            }
        }
        return s;
    }

    void checkUnique(WorkOrder self, Map<Long, String> values) {
        if (!store.enforceUniqueCustomFields) {
            return;
        }
        for (Map.Entry<Long, String> e : values.entrySet()) {
            CustomFieldDef def = store.fieldDefs.get(e.getKey());
            if (def == null || !def.flags().contains("unique") || e.getValue().isEmpty()) {
                continue;
            }
            for (WorkOrder other : store.workOrderById.values()) {
                if (other != self && !other.deleted && other.status != CANCELLED
                        && e.getValue().equals(other.customValues.get(e.getKey()))) {
                    throw new SandboxException(400, "Custom field " + def.id() + " (" + def.name() + ") must be unique: '"
                            + e.getValue() + "' is already used by work order " + other.id);
                }
            }
        }
    }

    private ObjectNode renderField(CustomFieldDef d, String value) {
        ObjectNode f = Json.object();
        f.put("id", d.id());
        f.put("name", d.name());
        f.put("tip", d.tip());
        f.put("type", d.type());
        f.put("role", d.role());
        if (value == null) {
            f.putNull("value");
        } else {
            f.put("value", value);
        }
        ArrayNode opts = f.putArray("options");
        d.options().forEach(opts::add);
        ArrayNode flags = f.putArray("flags");
        d.flags().forEach(flags::add);
        ObjectNode cat = f.putObject("category");
        cat.put("id", d.categoryId());
        cat.put("name", d.categoryName());
        f.put("order", d.order());
        f.put("used_in_finance", false);
        f.putArray("actions").add("edit");
        return f;
    }

    /** Grouped by category: {"metadata","results":[{"id","name","role","results":[field...]}]}; values null = definitions. */
    ObjectNode renderCustomFields(WorkOrder wo) {
        Map<Long, ObjectNode> groups = new LinkedHashMap<>();
        int total = 0;
        for (CustomFieldDef d : store.fieldDefs.values()) {
            ObjectNode g = groups.computeIfAbsent(d.categoryId(), k -> {
                ObjectNode n = Json.object();
                n.put("id", d.categoryId());
                n.put("name", d.categoryName());
                n.put("role", d.role());
                n.putArray("results");
                return n;
            });
            String value = wo == null ? null : wo.customValues.getOrDefault(d.id(), "");
            ((ArrayNode) g.get("results")).add(renderField(d, value));
            total++;
        }
        ObjectNode o = Json.object();
        o.set("metadata", metadata(total, 1, Math.max(25, total)));
        ArrayNode r = o.putArray("results");
        groups.values().forEach(g -> {
            ObjectNode gm = metadata(g.get("results").size(), 1, Math.max(25, g.get("results").size()));
            g.set("metadata", gm);
            r.add(g);
        });
        return o;
    }

    ObjectNode customFieldDefinitions() {
        synchronized (store) {
            return renderCustomFields(null);
        }
    }

    ObjectNode customFields(long id) {
        synchronized (store) {
            return renderCustomFields(store.wo(id));
        }
    }

    ObjectNode customField(long id, String fieldId) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            CustomFieldDef d = fieldDef(fieldId);
            return renderField(d, wo.customValues.getOrDefault(d.id(), ""));
        }
    }

    private CustomFieldDef fieldDef(String fieldId) {
        CustomFieldDef d = fieldId != null && fieldId.matches("\\d{1,18}")
                ? store.fieldDefs.get(Long.parseLong(fieldId)) : null;
        if (d == null) {
            throw new SandboxException(404, "Custom field not found: " + fieldId);
        }
        return d;
    }

    ObjectNode setCustomField(long id, String fieldId, JsonNode body, long actor) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            CustomFieldDef d = fieldDef(fieldId);
            if (body == null || !body.isObject() || !body.has("value")) {
                throw new SandboxException(400, "Missing Parameter: value");
            }
            String value = customFieldValue(d, body.get("value"));
            checkUnique(wo, Map.of(d.id(), value));
            Map<Long, String> before = new LinkedHashMap<>(wo.customValues);
            wo.customValues.put(d.id(), value);
            wo.updated = Instant.now();
            emitCustomFieldChanges(wo, before, actor);
            return store.view.render(wo);
        }
    }

    void emitCustomFieldChanges(WorkOrder wo, Map<Long, String> before, long actor) {
        for (Map.Entry<Long, String> e : wo.customValues.entrySet()) {
            String old = before.getOrDefault(e.getKey(), "");
            if (!old.equals(e.getValue())) {
                CustomFieldDef d = store.fieldDefs.get(e.getKey());
                store.emitter.emit(wo, FnEvents.CUSTOM_FIELD_VALUE_UPDATED, actor, null, p -> {
                    p.put("custom_field_id", d.id());
                    ObjectNode f = renderField(d, e.getValue());
                    f.put("previous_value", old);
                    p.set("custom_field", f);
                    p.put("value", e.getValue());
                });
            }
        }
    }
}
