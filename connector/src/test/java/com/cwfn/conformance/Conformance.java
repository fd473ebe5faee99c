package com.cwfn.conformance;

import com.cwfn.json.Json;
import com.cwfn.sandbox.Multipart;
import com.cwfn.sandbox.SandboxServer.Received;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The calls of docs/api-conformance.md (method, path template, how the request is checked, our schema, the
 * published description) and the check of one received request against its call.
 */
final class Conformance {
    static final Path DOC = Path.of("docs/api-conformance.md");
    private static final Pattern ROW = Pattern.compile(
            "^\\| `([A-Z]+) ([^`]+)` \\| (no body|(query|multipart): `([^`]+)`|`([^`]+)`) \\| (.+) \\|$");
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private static final Map<String, Schema> LOADED = new ConcurrentHashMap<>();
    /** Each template's path pattern, compiled once: every request a sandbox receives is matched against all rows. */
    private static final Map<String, Pattern> REGEX = new ConcurrentHashMap<>();

    /** How a request of a call is checked. */
    enum Kind { JSON, MULTIPART, QUERY, NONE }

    /** One row of the table. */
    record Row(String method, String template, Kind kind, String schema, String published) {
        /** The template with its variables as {}, to compare with the client calls. */
        String normalized() {
            return method + " " + template.replaceAll("\\{[^}]*}", "{}");
        }

        Pattern regex() {
            return REGEX.computeIfAbsent(template, t -> compile(t));
        }

        private static Pattern compile(String template) {
            StringBuilder sb = new StringBuilder();
            for (String part : template.split("\\{[^}]*}", -1)) {
                if (sb.length() > 0 || template.startsWith("{")) {
                    sb.append("[^/]+");
                }
                sb.append(Pattern.quote(part));
            }
            return Pattern.compile(sb.toString());
        }

        int variables() {
            return template.split("\\{", -1).length - 1;
        }

        /** The first name the published cell quotes, e.g. WorkOrderCreateDto. */
        String publishedName() {
            Matcher m = Pattern.compile("`([^`]+)`").matcher(published);
            return m.find() ? m.group(1) : published;
        }
    }

    private Conformance() {
    }

    static List<Row> rows() {
        List<Row> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(DOC)) {
                Matcher m = ROW.matcher(line.trim());
                if (m.matches()) {
                    Kind kind = m.group(3).equals("no body") ? Kind.NONE : m.group(4) == null ? Kind.JSON
                            : m.group(4).equals("query") ? Kind.QUERY : Kind.MULTIPART;
                    String schema = m.group(5) != null ? m.group(5) : m.group(6);
                    out.add(new Row(m.group(1), m.group(2), kind, schema, m.group(7)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Schema schema(String file) {
        return LOADED.computeIfAbsent(file, f -> SCHEMAS.getSchema(SchemaLocation.of("classpath:schemas/" + f)));
    }

    /** The row a request is one of: method and path, the most specific when several match. */
    static Optional<Row> rowOf(List<Row> rows, Received r) {
        return rows.stream().filter(row -> row.method().equals(r.method()) && row.regex().matcher(r.path()).matches())
                .min(Comparator.comparingInt(Row::variables));
    }

    /** What is wrong with a received request, empty when it conforms. */
    static List<String> problems(List<Row> rows, Received r) {
        Optional<Row> row = rowOf(rows, r);
        if (row.isEmpty()) {
            // reads whose path is a value (a key URL, the connection check's probes) are not rows of their own
            boolean genericRead = r.method().equals("GET") && r.body().length == 0;
            return genericRead ? List.of() : List.of(r + ": no call of docs/api-conformance.md is " + r.method() + " "
                    + r.path());
        }
        Row call = row.get();
        List<String> out = new ArrayList<>();
        String body = new String(r.body(), StandardCharsets.UTF_8);
        switch (call.kind()) {
            case JSON -> {
                String type = String.valueOf(r.header("content-type"));
                if (!type.startsWith("application/json")) {
                    out.add("Content-Type is " + type + ", not application/json");
                }
                errors(call.schema(), body).forEach(out::add);
            }
            case MULTIPART -> {
                ObjectNode parts = Json.object();
                for (Multipart.Part p : Multipart.parse(r.header("content-type"), r.body())) {
                    parts.put(p.name(), p.filename() != null ? "<file " + p.filename() + ">" : p.text());
                }
                errors(call.schema(), parts.toString()).forEach(out::add);
            }
            case QUERY -> {
                errors(call.schema(), query(r.query()).toString()).forEach(out::add);
                if (r.body().length > 0) {
                    out.add("a body where the call has none");
                }
            }
            case NONE -> {
                if (r.body().length > 0) {
                    out.add("a body where the call has none");
                }
            }
            default -> throw new IllegalStateException();
        }
        return out.stream().map(p -> r.method() + " " + r.path() + " (" + call.schema() + "): " + p).toList();
    }

    static List<String> errors(String schema, String json) {
        List<Error> errors = schema(schema).validate(json, InputFormat.JSON);
        return errors.stream().map(e -> e.getInstanceLocation() + " " + e.getMessage()).toList();
    }

    static ObjectNode query(String raw) {
        ObjectNode q = Json.object();
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                q.put(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }
}
