package com.cwfn.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A request as a sandbox handler sees it: method, path, path variables, query, headers and raw body. */
public final class SandboxRequest {
    private final String method;
    private final String path;
    private final String rawQuery;
    private final Map<String, List<String>> query;
    private final Map<String, String> headers;
    private final byte[] body;
    private Map<String, String> pathVars = Map.of();

    public SandboxRequest(String method, String path, String rawQuery, Map<String, String> headers, byte[] body) {
        this.method = method;
        this.path = path;
        this.rawQuery = rawQuery == null ? "" : rawQuery;
        this.query = parseQuery(this.rawQuery);
        TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        this.headers = Collections.unmodifiableMap(h);
        this.body = body == null ? new byte[0] : body;
    }

    static Map<String, List<String>> parseQuery(String raw) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    void pathVars(Map<String, String> vars) {
        this.pathVars = vars;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String rawQuery() {
        return rawQuery;
    }

    /** A path variable declared as {name} in the route pattern. */
    public String pathVar(String name) {
        return pathVars.get(name);
    }

    public long pathLong(String name) {
        return Long.parseLong(pathVars.get(name));
    }

    /** First value of a query parameter (case-sensitive name), or null. */
    public String query(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** First value of a query parameter matched case-insensitively, or null. */
    public String queryIgnoreCase(String name) {
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    public Map<String, List<String>> queryParams() {
        return query;
    }

    public String header(String name) {
        return headers.get(name);
    }

    public Map<String, String> headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body parsed as JSON; throws {@link SandboxException} 400 when it is not JSON. */
    public JsonNode json() {
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            if (n == null || n.isMissingNode()) {
                throw new SandboxException(400, "empty body");
            }
            return n;
        } catch (SandboxException e) {
            throw e;
        } catch (Exception e) {
            throw new SandboxException(400, "body is not JSON: " + e.getMessage());
        }
    }

    public boolean isMultipart() {
        String ct = header("Content-Type");
        return ct != null && ct.toLowerCase().startsWith("multipart/form-data");
    }

    public boolean isFormEncoded() {
        String ct = header("Content-Type");
        return ct != null && ct.toLowerCase().startsWith("application/x-www-form-urlencoded");
    }

    /** The form fields of an application/x-www-form-urlencoded body. */
    public Map<String, List<String>> form() {
        return parseQuery(bodyText());
    }

    /** The parts of a multipart/form-data body. */
    public List<Multipart.Part> multipart() {
        return Multipart.parse(header("Content-Type"), body);
    }
}
