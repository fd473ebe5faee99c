package com.cwfn.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON helper of the connector, its mapping and its sandboxes: the mapper, node factories, parsing and
 * writing, and reading values at slash paths ({@code "status/name"}). A leaf: it depends on Jackson only.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    public static final JsonNodeFactory F = MAPPER.getNodeFactory();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode parse(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Null, JSON null or missing. */
    public static boolean isAbsent(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode();
    }

    /** Absent or an empty string: the cases where a mapping's {@code default} applies. */
    public static boolean isEmpty(JsonNode n) {
        return isAbsent(n) || (n.isTextual() && n.textValue().isEmpty());
    }

    /** Absent or blank text. */
    public static boolean isBlank(JsonNode n) {
        return isAbsent(n) || (n.isTextual() && n.asText().isBlank());
    }

    /**
     * The text of a value: strings as they are, other scalars as their JSON text, objects and arrays as JSON; null
     * when absent.
     */
    public static String text(JsonNode n) {
        if (isAbsent(n)) {
            return null;
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isValueNode()) {
            return n.asText();
        }
        return n.toString();
    }

    /** {@link #text(JsonNode)} of the value at a slash path (e.g. "status/name"). */
    public static String text(JsonNode node, String path) {
        return text(at(node, path));
    }

    /** Long at a slash path, or null when missing, null or not a number. */
    public static Long number(JsonNode node, String path) {
        JsonNode n = at(node, path);
        if (isAbsent(n)) {
            return null;
        }
        if (n.isNumber()) {
            return n.asLong();
        }
        try {
            return Long.parseLong(n.asText().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The node at a slash path; a missing node when absent, null when {@code node} is null. */
    public static JsonNode at(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        return node.at("/" + path);
    }

    /** Text of a field of an object, trimmed; blank turned into null. */
    public static String field(JsonNode obj, String name) {
        if (obj == null || !obj.isObject()) {
            return null;
        }
        String s = text(obj.get(name));
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** A text node, or JSON null for null. */
    public static JsonNode textOrNull(String s) {
        return s == null ? NullNode.getInstance() : F.textNode(s);
    }
}
