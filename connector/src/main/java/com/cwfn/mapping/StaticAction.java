package com.cwfn.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code static}: the {@code value} given in the file (any YAML scalar, list or map; null leaves the target unset). */
final class StaticAction implements FieldAction {
    @Override
    public JsonNode apply(FieldMapping m, ObjectNode doc) {
        return m.value() == null ? null : m.value().deepCopy();
    }
}
