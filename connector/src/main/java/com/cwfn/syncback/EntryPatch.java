package com.cwfn.syncback;

import com.cwfn.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;

/**
 * The JSON Patch that brings a ConnectWise record to what the connector wants, writing only what differs: one
 * {@code replace} per top-level field whose wanted value the record does not have. A wanted reference
 * ({@code {"identifier": "dtech"}}) is there when the record's reference has those members (names and identifiers
 * ignoring case); dates are compared as instants and numbers by value.
 */
final class EntryPatch {
    private EntryPatch() {
    }

    static ArrayNode ops(ObjectNode wanted, JsonNode current) {
        ArrayNode ops = Json.array();
        for (Iterator<Map.Entry<String, JsonNode>> it = wanted.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!has(current == null ? null : current.get(f.getKey()), f.getValue(), f.getKey())) {
                ops.addObject().put("op", "replace").put("path", f.getKey()).set("value", f.getValue().deepCopy());
            }
        }
        return ops;
    }

    /** True when {@code have} already holds {@code want}. */
    static boolean has(JsonNode have, JsonNode want, String key) {
        if (Json.isAbsent(want)) {
            return Json.isAbsent(have);
        }
        if (Json.isAbsent(have)) {
            return false;
        }
        if (want.isObject()) {
            if (!have.isObject()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!has(have.get(f.getKey()), f.getValue(), f.getKey())) {
                    return false;
                }
            }
            return true;
        }
        if (want.isNumber() || have.isNumber()) {
            BigDecimal w = decimal(want);
            BigDecimal h = decimal(have);
            return w != null && h != null && w.compareTo(h) == 0;
        }
        if (want.isTextual() && have.isTextual()) {
            String w = want.textValue();
            String h = have.textValue();
            if (w.equals(h) || (("name".equals(key) || "identifier".equals(key)) && w.equalsIgnoreCase(h))) {
                return true;
            }
            return sameInstant(w, h);
        }
        return want.equals(have);
    }

    private static BigDecimal decimal(JsonNode n) {
        if (n.isNumber()) {
            return n.decimalValue();
        }
        try {
            return new BigDecimal(n.asText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean sameInstant(String a, String b) {
        try {
            return Instant.parse(a).equals(Instant.parse(b));
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
