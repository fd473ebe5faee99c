package com.cwfn.mapping;

import com.cwfn.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * Where a field mapping writes: a dotted path with {@code [n]} array indices ({@code contacts.results[0].name}),
 * or, when it starts with the collector prefix ({@code custom_fields.} for Field Nation, {@code customFields.} for
 * ConnectWise), a custom field by name: everything after the prefix is the name, taken as it is (it may contain
 * dots and spaces), and the value is collected into an object {@code {"<name>": value}} under the prefix.
 */
public final class TargetPath {
    private final String text;
    private final List<SourcePath.Segment> segments; // null for a collected custom field
    private final String collector;
    private final String customField;

    private TargetPath(String text, List<SourcePath.Segment> segments, String collector, String customField) {
        this.text = text;
        this.segments = segments;
        this.collector = collector;
        this.customField = customField;
    }

    /**
     * Parses a target.
     *
     * @param collectorPrefix e.g. {@code custom_fields.}; null for none
     * @throws IllegalArgumentException naming what is wrong
     */
    public static TargetPath parse(String text, String collectorPrefix) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty target");
        }
        String t = text.trim();
        if (collectorPrefix != null && t.startsWith(collectorPrefix)) {
            String name = t.substring(collectorPrefix.length()).trim();
            if (name.isEmpty()) {
                throw new IllegalArgumentException("target '" + t + "' names no custom field after '" + collectorPrefix + "'");
            }
            String collector = collectorPrefix.substring(0, collectorPrefix.length() - 1);
            return new TargetPath(t, null, collector, name);
        }
        SourcePath p = SourcePath.parse(t);
        for (SourcePath.Segment s : p.segments()) {
            if (s instanceof SourcePath.Select) {
                throw new IllegalArgumentException("bad target '" + t + "': [key=value] selects, it cannot be written; use [n]");
            }
        }
        return new TargetPath(t, p.segments(), null, null);
    }

    /** The Field Nation / ConnectWise custom field this target collects, or null. */
    public String customField() {
        return customField;
    }

    public String text() {
        return text;
    }

    /**
     * Writes {@code value} at this path, creating objects and arrays on the way. Arrays are padded with nulls up to
     * the index; the arrays created here are recorded in {@code createdArrays} so that padding can be dropped once
     * all fields are written.
     *
     * @throws IllegalStateException when the path runs into a value that is not an object or array
     */
    public void set(ObjectNode root, JsonNode value, Set<ArrayNode> createdArrays) {
        if (customField != null) {
            JsonNode holder = root.get(collector);
            if (holder == null || !holder.isObject()) {
                if (holder != null && !holder.isNull()) {
                    throw new IllegalStateException("'" + collector + "' is already set to a value that is not an object");
                }
                holder = root.putObject(collector);
            }
            ((ObjectNode) holder).set(customField, value);
            return;
        }
        JsonNode cur = root;
        for (int i = 0; i < segments.size(); i++) {
            SourcePath.Segment s = segments.get(i);
            boolean last = i == segments.size() - 1;
            SourcePath.Segment next = last ? null : segments.get(i + 1);
            if (s instanceof SourcePath.Name name) {
                ObjectNode obj = (ObjectNode) cur;
                if (last) {
                    obj.set(name.name(), value);
                    return;
                }
                cur = child(obj.get(name.name()), next, createdArrays, name.name());
                obj.set(name.name(), cur);
            } else {
                int index = ((SourcePath.Index) s).index();
                ArrayNode arr = (ArrayNode) cur;
                while (arr.size() <= index) {
                    arr.add(NullNode.getInstance());
                }
                if (last) {
                    arr.set(index, value);
                    return;
                }
                cur = child(arr.get(index), next, createdArrays, "[" + index + "]");
                arr.set(index, cur);
            }
        }
    }

    private JsonNode child(JsonNode existing, SourcePath.Segment next, Set<ArrayNode> createdArrays, String where) {
        boolean wantArray = next instanceof SourcePath.Index;
        if (existing == null || existing.isNull()) {
            if (wantArray) {
                ArrayNode a = Json.F.arrayNode();
                createdArrays.add(a);
                return a;
            }
            return Json.F.objectNode();
        }
        if (wantArray ? existing.isArray() : existing.isObject()) {
            return existing;
        }
        throw new IllegalStateException("cannot write '" + text + "': '" + where + "' is already set to "
                + (existing.isArray() ? "an array" : existing.isObject() ? "an object" : "a " + existing.getNodeType().name().toLowerCase())
                + ", not " + (wantArray ? "an array" : "an object"));
    }

    @Override
    public String toString() {
        return text;
    }
}
