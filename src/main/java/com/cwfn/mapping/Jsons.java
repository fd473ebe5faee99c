package com.cwfn.mapping;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** JSON helpers shared by the mapping classes. */
final class Jsons {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Jsons() {
    }

    static ObjectNode object() {
        return F.objectNode();
    }

    /** Null, JSON null or missing. */
    static boolean isAbsent(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode();
    }

    /** Absent or an empty string: the cases where a mapping's {@code default} applies. */
    static boolean isEmpty(JsonNode n) {
        return isAbsent(n) || (n.isTextual() && n.textValue().isEmpty());
    }

    /** The text of a value: strings as they are, other scalars as JSON text, containers as JSON; null when absent. */
    static String text(JsonNode n) {
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

    /** Text of a field of an object, blank turned into null. */
    static String field(JsonNode obj, String name) {
        if (obj == null || !obj.isObject()) {
            return null;
        }
        String s = text(obj.get(name));
        return s == null || s.isBlank() ? null : s.trim();
    }

    static JsonNode textOrNull(String s) {
        return s == null ? NullNode.getInstance() : F.textNode(s);
    }

    /** Converts the Java values JSONata and SnakeYAML produce into Jackson nodes. */
    static JsonNode fromJava(Object o) {
        if (o == null || o == Jsonata.NULL_VALUE) {
            return NullNode.getInstance();
        }
        if (o instanceof JsonNode n) {
            return n;
        }
        if (o instanceof String s) {
            return F.textNode(s);
        }
        if (o instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (o instanceof Integer i) {
            return F.numberNode(i);
        }
        if (o instanceof Long l) {
            return F.numberNode(l);
        }
        if (o instanceof BigInteger bi) {
            return F.numberNode(bi);
        }
        if (o instanceof Double d) {
            if (!d.isInfinite() && d == Math.rint(d) && Math.abs(d) < 1e15) {
                return F.numberNode(d.longValue());
            }
            return F.numberNode(d);
        }
        if (o instanceof Float fl) {
            return fromJava(fl.doubleValue());
        }
        if (o instanceof BigDecimal bd) {
            return F.numberNode(bd);
        }
        if (o instanceof Number num) {
            return F.numberNode(num.longValue());
        }
        if (o instanceof Map<?, ?> m) {
            ObjectNode obj = F.objectNode();
            m.forEach((k, v) -> obj.set(String.valueOf(k), fromJava(v)));
            return obj;
        }
        if (o instanceof List<?> l) {
            ArrayNode arr = F.arrayNode();
            l.forEach(v -> arr.add(fromJava(v)));
            return arr;
        }
        if (o instanceof Iterable<?> it) {
            ArrayNode arr = F.arrayNode();
            it.forEach(v -> arr.add(fromJava(v)));
            return arr;
        }
        throw new IllegalArgumentException("cannot turn a " + o.getClass().getSimpleName() + " into JSON");
    }
}
