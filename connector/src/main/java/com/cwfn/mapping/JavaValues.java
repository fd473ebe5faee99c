package com.cwfn.mapping;

import com.cwfn.json.Json;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/** Turns the Java values JSONata and SnakeYAML produce into Jackson nodes. */
final class JavaValues {
    private JavaValues() {
    }

    static JsonNode toJson(Object o) {
        if (o == null || o == Jsonata.NULL_VALUE) {
            return NullNode.getInstance();
        }
        if (o instanceof JsonNode n) {
            return n;
        }
        if (o instanceof String s) {
            return Json.F.textNode(s);
        }
        if (o instanceof Boolean b) {
            return Json.F.booleanNode(b);
        }
        if (o instanceof Integer i) {
            return Json.F.numberNode(i);
        }
        if (o instanceof Long l) {
            return Json.F.numberNode(l);
        }
        if (o instanceof BigInteger bi) {
            return Json.F.numberNode(bi);
        }
        if (o instanceof Double d) {
            if (!d.isInfinite() && d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Json.F.numberNode(d.longValue());
            }
            return Json.F.numberNode(d);
        }
        if (o instanceof Float fl) {
            return toJson(fl.doubleValue());
        }
        if (o instanceof BigDecimal bd) {
            return Json.F.numberNode(bd);
        }
        if (o instanceof Number num) {
            return Json.F.numberNode(num.longValue());
        }
        if (o instanceof Map<?, ?> m) {
            ObjectNode obj = Json.object();
            m.forEach((k, v) -> obj.set(String.valueOf(k), toJson(v)));
            return obj;
        }
        if (o instanceof Iterable<?> it) {
            ArrayNode arr = Json.array();
            it.forEach(v -> arr.add(toJson(v)));
            return arr;
        }
        throw new IllegalArgumentException("cannot turn a " + o.getClass().getSimpleName() + " into JSON");
    }
}
