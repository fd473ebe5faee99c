package com.cwfn.mapping;

import com.cwfn.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code arrayMap}: looks the text of the {@code source} value up in {@code map} (exact, case-sensitive match; a
 * number 5 matches the key "5"). A miss, including a missing source, gives {@code otherwise} when there is one,
 * else nothing (so {@code default} applies).
 */
final class ArrayMapAction implements FieldAction {
    @Override
    public JsonNode apply(FieldMapping m, ObjectNode doc) {
        JsonNode v = m.source().resolve(doc);
        if (!Json.isAbsent(v) && v.isValueNode()) {
            JsonNode hit = m.map().get(Json.text(v));
            if (hit != null) {
                return hit.deepCopy();
            }
        }
        return m.otherwise() == null ? null : m.otherwise().deepCopy();
    }
}
