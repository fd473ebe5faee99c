package com.cwfn.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code sync}: the value at {@code source}, copied as it is (scalars, objects and arrays alike). */
final class SyncAction implements FieldAction {
    @Override
    public JsonNode apply(FieldMapping m, ObjectNode doc) {
        JsonNode v = m.source().resolve(doc);
        return v == null ? null : v.deepCopy();
    }
}
