package com.cwfn.sandbox.connectwise;

import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxRequest;
import com.cwfn.sandbox.SandboxResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The query conventions every ConnectWise list endpoint shares: {@code conditions}, {@code childConditions},
 * {@code customFieldConditions}, {@code orderBy}, {@code fields}, navigable paging ({@code page}, {@code pageSize},
 * {@code Link} header) and forward-only paging ({@code pagination-type: forward-only} + {@code pageId}).
 */
final class ListQuery {
    static final int DEFAULT_PAGE_SIZE = 25;
    static final int MAX_PAGE_SIZE = 1000;

    private ListQuery() {
    }

    /** Applies the filters (conditions, childConditions, customFieldConditions). */
    static List<ObjectNode> filter(SandboxRequest req, List<ObjectNode> records, String conditionsOverride) {
        try {
            String conditions = conditionsOverride != null ? conditionsOverride : req.queryIgnoreCase("conditions");
            List<ObjectNode> out = Conditions.filter(records, conditions);
            out = Conditions.filter(out, req.queryIgnoreCase("childConditions"));
            String cf = req.queryIgnoreCase("customFieldConditions");
            if (cf != null && !cf.isBlank()) {
                Conditions.Expr e = Conditions.parse(cf);
                List<ObjectNode> kept = new ArrayList<>();
                for (ObjectNode r : out) {
                    JsonNode fields = r.get("customFields");
                    if (fields != null && fields.isArray()) {
                        for (JsonNode f : fields) {
                            if (e.test(f)) {
                                kept.add(r);
                                break;
                            }
                        }
                    }
                }
                out = kept;
            }
            return out;
        } catch (Conditions.ConditionException e) {
            throw CwErrors.badRequest(e.getMessage());
        }
    }

    /** GET .../count: {"count": N}. */
    static SandboxResponse count(SandboxRequest req, List<ObjectNode> records) {
        ObjectNode o = Json.object();
        o.put("count", filter(req, records, null).size());
        return SandboxResponse.ok(o);
    }

    /**
     * Answers a list request: filtered, sorted, paged, projected, rendered by {@code render}, with a Link header.
     *
     * @param selfUrl the absolute URL of the list (no query), used in Link headers
     */
    static SandboxResponse respond(SandboxRequest req, String selfUrl, List<ObjectNode> records,
            Function<ObjectNode, ObjectNode> render) {
        return respond(req, selfUrl, records, render, null);
    }

    static SandboxResponse respond(SandboxRequest req, String selfUrl, List<ObjectNode> records,
            Function<ObjectNode, ObjectNode> render, String conditionsOverride) {
        List<ObjectNode> rows = filter(req, records, conditionsOverride);
        int pageSize = intParam(req, "pageSize", DEFAULT_PAGE_SIZE);
        if (pageSize <= 0) {
            pageSize = DEFAULT_PAGE_SIZE;
        }
        pageSize = Math.min(pageSize, MAX_PAGE_SIZE);
        String link = null;
        List<ObjectNode> page;
        boolean forwardOnly = "forward-only".equalsIgnoreCase(trim(req.header("pagination-type")));
        if (forwardOnly) {
            long after = longParam(req, "pageId", 0);
            rows.sort(Comparator.comparingLong(r -> r.path("id").asLong()));
            List<ObjectNode> rest = rows.stream().filter(r -> r.path("id").asLong() > after).toList();
            page = rest.subList(0, Math.min(pageSize, rest.size()));
            if (rest.size() > page.size()) {
                long lastId = page.get(page.size() - 1).path("id").asLong();
                link = "<" + url(selfUrl, req, Map.of("pageSize", String.valueOf(pageSize), "pageId",
                        String.valueOf(lastId))) + ">; rel=\"next\"";
            }
        } else {
            sort(rows, req.queryIgnoreCase("orderBy"));
            int pageNo = Math.max(1, intParam(req, "page", 1));
            int total = rows.size();
            int last = Math.max(1, (total + pageSize - 1) / pageSize);
            int from = Math.min(total, (pageNo - 1) * pageSize);
            page = rows.subList(from, Math.min(total, from + pageSize));
            List<String> links = new ArrayList<>();
            if (pageNo > 1) {
                links.add(pageLink(selfUrl, req, pageSize, 1, "first"));
                links.add(pageLink(selfUrl, req, pageSize, Math.min(pageNo - 1, last), "prev"));
            }
            if (pageNo < last) {
                links.add(pageLink(selfUrl, req, pageSize, pageNo + 1, "next"));
                links.add(pageLink(selfUrl, req, pageSize, last, "last"));
            }
            if (!links.isEmpty()) {
                link = String.join(", ", links);
            }
        }
        String fields = req.queryIgnoreCase("fields");
        ArrayNode out = Json.array();
        for (ObjectNode r : page) {
            out.add(project(render.apply(r), fields));
        }
        SandboxResponse resp = SandboxResponse.ok(out);
        if (link != null) {
            resp.header("Link", link);
        }
        return resp;
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private static String pageLink(String selfUrl, SandboxRequest req, int pageSize, int page, String rel) {
        return "<" + url(selfUrl, req, Map.of("pageSize", String.valueOf(pageSize), "page", String.valueOf(page)))
                + ">; rel=\"" + rel + "\"";
    }

    /** The list URL with the request's other parameters kept, then pageSize and page (or pageId). */
    private static String url(String selfUrl, SandboxRequest req, Map<String, String> paging) {
        StringBuilder b = new StringBuilder(selfUrl);
        char sep = '?';
        for (Map.Entry<String, List<String>> e : req.queryParams().entrySet()) {
            String k = e.getKey();
            if (k.equalsIgnoreCase("page") || k.equalsIgnoreCase("pageSize") || k.equalsIgnoreCase("pageId")) {
                continue;
            }
            for (String v : e.getValue()) {
                b.append(sep).append(enc(k)).append('=').append(enc(v));
                sep = '&';
            }
        }
        for (String k : List.of("pageSize", "page", "pageId")) {
            if (paging.containsKey(k)) {
                b.append(sep).append(k).append('=').append(paging.get(k));
                sep = '&';
            }
        }
        return b.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static int intParam(SandboxRequest req, String name, int dflt) {
        String v = req.queryIgnoreCase(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw CwErrors.badRequest("The value '" + v + "' is not valid for " + name + ".");
        }
    }

    static long longParam(SandboxRequest req, String name, long dflt) {
        String v = req.queryIgnoreCase(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw CwErrors.badRequest("The value '" + v + "' is not valid for " + name + ".");
        }
    }

    /** Sorts by "path [asc|desc], ..."; id ascending when nothing is asked, and as the last tie-breaker. */
    static void sort(List<ObjectNode> rows, String orderBy) {
        Comparator<ObjectNode> cmp = null;
        if (orderBy != null && !orderBy.isBlank()) {
            for (String part : orderBy.split(",")) {
                String[] words = part.trim().split("\\s+");
                if (words[0].isEmpty()) {
                    continue;
                }
                String path = words[0].replace('.', '/');
                boolean desc = words.length > 1 && words[1].equalsIgnoreCase("desc");
                if (words.length > 1 && !words[1].equalsIgnoreCase("desc") && !words[1].equalsIgnoreCase("asc")) {
                    throw CwErrors.badRequest("orderBy '" + part.trim() + "' is not valid: use 'field asc' or"
                            + " 'field desc'.");
                }
                Comparator<ObjectNode> c = (a, b) -> compareValues(Conditions.first(a, path),
                        Conditions.first(b, path));
                if (desc) {
                    c = c.reversed();
                }
                cmp = cmp == null ? c : cmp.thenComparing(c);
            }
        }
        Comparator<ObjectNode> byId = Comparator.comparingLong(r -> r.path("id").asLong());
        rows.sort(cmp == null ? byId : cmp.thenComparing(byId));
    }

    private static int compareValues(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        if (a.isBoolean() && b.isBoolean()) {
            return Boolean.compare(a.booleanValue(), b.booleanValue());
        }
        if (a.isValueNode() && b.isValueNode()) {
            return a.asText().toLowerCase(Locale.ROOT).compareTo(b.asText().toLowerCase(Locale.ROOT));
        }
        return 0;
    }

    /** Keeps only the listed paths (the {@code fields} parameter), or the whole object when none are listed. */
    static ObjectNode project(ObjectNode full, String fields) {
        if (fields == null || fields.isBlank()) {
            return full;
        }
        ObjectNode out = Json.object();
        for (String f : fields.split(",")) {
            String path = f.trim().replace('.', '/');
            if (path.isEmpty()) {
                continue;
            }
            copyPath(full, out, path.split("/"), 0);
        }
        return out;
    }

    private static void copyPath(JsonNode from, ObjectNode to, String[] parts, int i) {
        if (from == null || !from.isObject()) {
            return;
        }
        JsonNode child = Conditions.field(from, parts[i]);
        String key = actualKey(from, parts[i]);
        if (child == null) {
            return;
        }
        if (i == parts.length - 1 || child.isNull() || !child.isObject()) {
            to.set(key, child.deepCopy());
            return;
        }
        ObjectNode sub = to.has(key) && to.get(key).isObject() ? (ObjectNode) to.get(key) : to.putObject(key);
        copyPath(child, sub, parts, i + 1);
    }

    private static String actualKey(JsonNode obj, String name) {
        if (obj.has(name)) {
            return name;
        }
        var it = obj.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (k.equalsIgnoreCase(name)) {
                return k;
            }
        }
        return name;
    }
}
