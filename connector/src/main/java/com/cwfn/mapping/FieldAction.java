package com.cwfn.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a field mapping does to produce its value from the source document. Implementations are pure and
 * stateless: the same mapping and document always give the same value.
 */
public interface FieldAction {

    /**
     * The value for the mapping's target, or null (or a JSON null) for none. {@code default}, {@code maxLength}
     * and {@code when} are applied by the caller, not here.
     *
     * @throws MappingException when the value cannot be computed (e.g. a date that does not parse)
     */
    JsonNode apply(FieldMapping m, ObjectNode doc);
}
