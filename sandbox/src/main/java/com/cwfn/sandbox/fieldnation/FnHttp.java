package com.cwfn.sandbox.fieldnation;

import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxException;
import com.cwfn.sandbox.SandboxRequest;
import com.cwfn.sandbox.SandboxResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/** Reading Field Nation sandbox requests (path ids, query numbers, bodies, user references) and answering 200. */
final class FnHttp {
    private FnHttp() {
    }

    /** The items of a list given as an array or as {@code {"results": [...]}}; null when it is neither. */
    static java.util.List<JsonNode> listItems(JsonNode v) {
        java.util.List<JsonNode> items = new java.util.ArrayList<>();
        if (v.isArray()) {
            v.forEach(items::add);
        } else if (v.isObject() && v.has("results") && v.get("results").isArray()) {
            v.get("results").forEach(items::add);
        } else {
            return null;
        }
        return items;
    }

    static SandboxResponse ok(Object body) {
        return SandboxResponse.ok(body);
    }

    static long woId(SandboxRequest r) {
        String s = r.pathVar("id");
        if (s == null || !s.matches("\\d{1,18}")) {
            throw FnStore.notFound();
        }
        return Long.parseLong(s);
    }

    static long num(SandboxRequest r, String var, String what) {
        String s = r.pathVar(var);
        if (s == null || !s.matches("\\d{1,18}")) {
            throw new SandboxException(404, what + " not found: " + s);
        }
        return Long.parseLong(s);
    }

    static int intQuery(SandboxRequest r, String name, int dflt) {
        String v = r.query(name);
        return v != null && v.trim().matches("\\d{1,9}") ? Integer.parseInt(v.trim()) : dflt;
    }

    static Map<String, String> query(SandboxRequest r) {
        Map<String, String> q = new HashMap<>();
        r.queryParams().forEach((k, v) -> {
            if (!v.isEmpty()) {
                q.put(k, v.get(0));
            }
        });
        return q;
    }

    /** The JSON body, or an empty object when there is none. */
    static JsonNode body(SandboxRequest r) {
        return r.body().length == 0 || r.bodyText().isBlank() ? Json.object() : r.json();
    }

    /** {@code {"<key>":{"id":N}}} (also tolerates {"<key>_id":N} and {"id":N}). */
    static long userId(JsonNode body, String key) {
        long id = userIdOrZero(body, key);
        if (id <= 0) {
            throw new SandboxException(400, "Missing Parameter: " + key + ".id");
        }
        return id;
    }

    static long userIdOrZero(JsonNode body, String key) {
        JsonNode n = body.path(key);
        if (n.isObject()) {
            return n.path("id").asLong(0);
        }
        if (n.canConvertToLong()) {
            return n.asLong();
        }
        if (body.path(key + "_id").canConvertToLong()) {
            return body.path(key + "_id").asLong();
        }
        return body.path("id").asLong(0);
    }
}
