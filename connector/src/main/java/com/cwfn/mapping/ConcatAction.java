package com.cwfn.mapping;

import com.cwfn.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code concat}: the {@code sources} (paths, or {@code literal:text}) joined with {@code separator}. Parts that are
 * null, missing or empty are skipped, separator and all; when every part is skipped there is no value.
 */
final class ConcatAction implements FieldAction {
    @Override
    public JsonNode apply(FieldMapping m, ObjectNode doc) {
        List<String> parts = new ArrayList<>();
        for (FieldMapping.ConcatPart p : m.sources()) {
            String s = p.literal() != null ? p.literal() : Json.text(p.path().resolve(doc));
            if (s != null && !s.isEmpty()) {
                parts.add(s);
            }
        }
        return parts.isEmpty() ? null : Json.F.textNode(String.join(m.separator(), parts));
    }
}
