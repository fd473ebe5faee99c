package com.cwfn.sandbox.connectwise;

import com.cwfn.sandbox.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a setup-table row the way ConnectWise references do: by {@code id}, else by identifier or name
 * (case-insensitively), and says in error messages what was asked for.
 */
final class RefLookup {
    private RefLookup() {
    }

    /** Finds a row by the spec's id, else by its {@code nameKey} (or name / identifier), case-insensitively. */
    static Optional<ObjectNode> lookup(List<ObjectNode> rows, JsonNode spec, String nameKey) {
        if (spec == null || spec.isNull()) {
            return Optional.empty();
        }
        if (spec.isNumber() || (spec.isTextual() && spec.asText().matches("\\d+"))) {
            long id = spec.asLong();
            return rows.stream().filter(r -> r.path("id").asLong() == id).findFirst();
        }
        if (spec.isTextual()) {
            return ReferenceData.byName(rows, nameKey, spec.asText())
                    .or(() -> ReferenceData.byName(rows, "name", spec.asText()));
        }
        if (!spec.isObject()) {
            return Optional.empty();
        }
        JsonNode id = spec.get("id");
        if (id != null && !id.isNull() && !(id.isNumber() && id.asLong() == 0 && hasOtherKey(spec))) {
            long want = id.asLong(-1);
            return rows.stream().filter(r -> r.path("id").asLong() == want).findFirst();
        }
        for (String k : List.of(nameKey, "identifier", "name")) {
            JsonNode n = spec.get(k);
            if (n != null && !n.isNull()) {
                return ReferenceData.byName(rows, k, n.asText());
            }
        }
        return Optional.empty();
    }

    private static boolean hasOtherKey(JsonNode spec) {
        return spec.hasNonNull("name") || spec.hasNonNull("identifier");
    }

    /** For error messages: the id or the name that was asked for. */
    static String describe(JsonNode spec) {
        if (spec == null || spec.isNull()) {
            return "null";
        }
        if (!spec.isObject()) {
            return spec.asText();
        }
        for (String k : List.of("id", "identifier", "name")) {
            if (spec.hasNonNull(k)) {
                return spec.get(k).asText();
            }
        }
        return spec.toString();
    }

    /** {id, name} of a table row. */
    static ObjectNode nameRef(Map<Long, ObjectNode> table, long id) {
        ObjectNode row = table.get(id);
        ObjectNode r = Json.object();
        r.set("id", row.get("id"));
        r.set("name", row.get("name"));
        return r;
    }
}
