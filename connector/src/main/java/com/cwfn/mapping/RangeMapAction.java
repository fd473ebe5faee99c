package com.cwfn.mapping;

import com.cwfn.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * {@code rangeMap}: the {@code value} of the first band of {@code ranges} holding the numeric {@code source}
 * ({@code min} inclusive, {@code max} exclusive, either optional). Numbers given as text count; anything else, or no
 * band, gives nothing (so {@code default} applies).
 */
final class RangeMapAction implements FieldAction {
    @Override
    public JsonNode apply(FieldMapping m, ObjectNode doc) {
        BigDecimal x = number(m.source().resolve(doc));
        if (x == null) {
            return null;
        }
        for (FieldMapping.Range r : m.ranges()) {
            if (r.contains(x)) {
                return r.value().deepCopy();
            }
        }
        return null;
    }

    static BigDecimal number(JsonNode v) {
        if (Json.isAbsent(v)) {
            return null;
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isTextual()) {
            try {
                return new BigDecimal(v.textValue().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
