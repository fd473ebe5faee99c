package com.cwfn.mapping;

import com.cwfn.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/** Helpers shared by the mapping tests. */
final class TestSupport {
    private TestSupport() {
    }

    /** The shipped file at the project root. */
    static final Path SHIPPED = Path.of("mappings.yaml");

    static ObjectNode json(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A config with one entry under defaults.fields (flow or block style, indented by the caller). */
    static MappingConfig oneField(String entry) {
        return MappingLoader.load("ticketIdCustomField: X\ndefaults:\n  fields:\n    - " + entry + "\n", "test.yaml");
    }

    /** Maps a document with a single entry and returns the whole output. */
    static ObjectNode mapOne(String entry, ObjectNode doc) {
        return new WorkOrderMapper().map(oneField(entry), null, doc);
    }

    static ObjectNode mapOne(String entry, String docJson) {
        return mapOne(entry, json(docJson));
    }
}
