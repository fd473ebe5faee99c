package com.cwfn.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A path into a JSON document: names separated by dots, each optionally followed by {@code [n]} (array element n,
 * from 0) or {@code [key=value]} (the first array element whose {@code key} has the text {@code value}).
 * Names may contain spaces; a {@code [...]} may contain dots. Examples: {@code ticket.summary},
 * {@code notes[0].text}, {@code ticket.customFields[caption=Ext Ref].value}, {@code customFields.Site Access}.
 */
public final class SourcePath {

    /** One step of a path. */
    public sealed interface Segment permits Name, Index, Select {
    }

    /** An object member. */
    public record Name(String name) implements Segment {
    }

    /** An array element by position. */
    public record Index(int index) implements Segment {
    }

    /** The first array element whose member {@code key} has the text {@code value}. */
    public record Select(String key, String value) implements Segment {
    }

    private final String text;
    private final List<Segment> segments;

    private SourcePath(String text, List<Segment> segments) {
        this.text = text;
        this.segments = List.copyOf(segments);
    }

    /**
     * Parses a path.
     *
     * @throws IllegalArgumentException naming what is wrong with the syntax
     */
    public static SourcePath parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty path");
        }
        String p = text.trim();
        List<Segment> segments = new ArrayList<>();
        int i = 0;
        int n = p.length();
        while (true) {
            // a name: up to '.', '[' or the end
            int start = i;
            while (i < n && p.charAt(i) != '.' && p.charAt(i) != '[' && p.charAt(i) != ']') {
                i++;
            }
            String name = p.substring(start, i);
            if (name.isBlank()) {
                throw bad(p, "empty name at position " + (start + 1));
            }
            segments.add(new Name(name));
            if (i < n && p.charAt(i) == ']') {
                throw bad(p, "']' without '[' at position " + (i + 1));
            }
            // zero or more [...]
            while (i < n && p.charAt(i) == '[') {
                int close = p.indexOf(']', i + 1);
                if (close < 0) {
                    throw bad(p, "'[' at position " + (i + 1) + " is not closed");
                }
                String inner = p.substring(i + 1, close);
                if (inner.indexOf('[') >= 0) {
                    throw bad(p, "'[' inside '[...]' at position " + (i + 1));
                }
                segments.add(bracket(p, inner));
                i = close + 1;
                if (i < n && p.charAt(i) != '.' && p.charAt(i) != '[') {
                    throw bad(p, "expected '.' or '[' after ']' at position " + (i + 1));
                }
            }
            if (i >= n) {
                break;
            }
            // p.charAt(i) == '.'
            i++;
            if (i >= n) {
                throw bad(p, "ends with '.'");
            }
        }
        return new SourcePath(p, segments);
    }

    private static Segment bracket(String path, String inner) {
        String t = inner.trim();
        if (t.isEmpty()) {
            throw bad(path, "empty '[]'");
        }
        if (t.chars().allMatch(Character::isDigit)) {
            try {
                return new Index(Integer.parseInt(t));
            } catch (NumberFormatException e) {
                throw bad(path, "index '" + t + "' is too large");
            }
        }
        int eq = t.indexOf('=');
        if (eq > 0) {
            return new Select(t.substring(0, eq).trim(), t.substring(eq + 1).trim());
        }
        throw bad(path, "'[" + inner + "]' is neither an index [n] nor a selector [key=value]");
    }

    private static IllegalArgumentException bad(String path, String why) {
        return new IllegalArgumentException("bad path '" + path + "': " + why);
    }

    /** The value at this path, or null when any step is missing. JSON null is returned as a NullNode. */
    public JsonNode resolve(JsonNode root) {
        JsonNode cur = root;
        for (Segment s : segments) {
            if (cur == null) {
                return null;
            }
            if (s instanceof Name name) {
                cur = cur.isObject() ? cur.get(name.name()) : null;
            } else if (s instanceof Index idx) {
                cur = cur.isArray() ? cur.get(idx.index()) : null;
            } else if (s instanceof Select sel) {
                cur = select(cur, sel);
            }
        }
        return cur;
    }

    private static JsonNode select(JsonNode array, Select sel) {
        if (!array.isArray()) {
            return null;
        }
        for (JsonNode element : array) {
            JsonNode v = element.isObject() ? element.get(sel.key()) : null;
            if (v != null && v.isValueNode() && !v.isNull() && sel.value().equals(v.asText())) {
                return element;
            }
        }
        return null;
    }

    public List<Segment> segments() {
        return segments;
    }

    /** The first name of the path, e.g. {@code ticket} for {@code ticket.summary}. */
    public String root() {
        return ((Name) segments.get(0)).name();
    }

    /** The path as written (trimmed). */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
