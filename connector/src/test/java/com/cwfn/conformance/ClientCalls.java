package com.cwfn.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The (method, path template) of every call the clients make, read from their source: the Field Nation client
 * ({@code json}, {@code rest}, {@code webhooks}), its token provider and the ConnectWise client ({@code get},
 * {@code list}, {@code send}, {@code api.call}). A call whose method or path is a variable (the plumbing itself,
 * the connection check's generic read, the signing key at a callback's key URL, a file link) is not a call of its
 * own. Path pieces that are not string literals become {@code {}}; the {@code path} of a constant of one of the
 * client's enums (ConnectWise's {@code TicketKind}, {@code Charge}) is that constant's path, and the {@code path} of
 * a variable of such an enum type is each of its constants' paths (a call per constant).
 */
final class ClientCalls {
    /** One call as the source makes it. */
    record Call(String method, String template) implements Comparable<Call> {
        @Override
        public int compareTo(Call o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    static final Path FIELD_NATION = Path.of("connector/src/main/java/com/cwfn/fieldnation/FieldNationClient.java");
    static final Path TOKENS = Path.of("connector/src/main/java/com/cwfn/fieldnation/TokenProvider.java");
    static final Path CONNECTWISE = Path.of("connector/src/main/java/com/cwfn/connectwise/ConnectWiseClient.java");
    private static final Pattern CALL = Pattern.compile("(?<![\\w.])(json|rest|webhooks|send|get|list)\\(|\\bapi\\.call\\(");
    private static final Map<String, String> FN_PREFIX = Map.of("json", "/api/rest/v2", "rest", "/api/rest/v2",
            "webhooks", "/api/v1/webhooks", "api.call", "");
    private static final String CW_API = "/{codebase}/apis/3.0";

    private ClientCalls() {
    }

    /** Every call of the Field Nation and ConnectWise clients, sorted. */
    static TreeSet<Call> all() {
        TreeSet<Call> out = new TreeSet<>();
        out.addAll(scan(read(FIELD_NATION), false));
        out.addAll(scan(read(TOKENS), false));
        out.addAll(scan(read(CONNECTWISE), true));
        return out;
    }

    static List<Call> scan(String source, boolean connectWise) {
        String code = stripComments(source);
        Map<String, Map<String, String>> enums = enumPaths(code);
        List<Call> out = new ArrayList<>();
        Matcher m = CALL.matcher(code);
        while (m.find()) {
            String fn = m.group(1) == null ? "api.call" : m.group(1);
            List<String> args = args(code, m.end());
            if (args.isEmpty()) {
                continue;
            }
            String method;
            String pathExpr;
            if (fn.equals("get") || fn.equals("list")) {
                if (!connectWise) {
                    continue;
                }
                method = "GET";
                pathExpr = args.get(0);
            } else {
                if (args.size() < 2 || !args.get(0).matches("\"[A-Z]+\"")) {
                    continue;
                }
                method = args.get(0).substring(1, args.get(0).length() - 1);
                pathExpr = args.get(1);
            }
            String prefix;
            if (connectWise) {
                Matcher ap = Pattern.compile("^apiPath\\((.*)\\)$", Pattern.DOTALL).matcher(pathExpr.trim());
                boolean relative = !fn.equals("api.call") || ap.matches();
                pathExpr = ap.matches() ? ap.group(1) : pathExpr;
                prefix = relative ? CW_API : "";
            } else {
                prefix = FN_PREFIX.get(fn);
            }
            for (String t : templates(pathExpr, enums, code.substring(0, m.start()))) {
                out.add(new Call(method, prefix + t));
            }
        }
        return out;
    }

    /**
     * The path templates a path expression makes; none when it starts with a variable. {@code before} is the code
     * before the call, where a variable's declaration tells its type.
     */
    private static List<String> templates(String expr, Map<String, Map<String, String>> enums, String before) {
        List<String> out = List.of("");
        for (String part : split(expr, '+')) {
            List<String> pieces = pieces(part.trim(), enums, before);
            List<String> next = new ArrayList<>();
            for (String t : out) {
                pieces.forEach(p -> next.add(t + p));
            }
            out = next;
        }
        return out.stream().anyMatch(t -> t.startsWith("{}")) ? List.of() : out;
    }

    /** What one operand of a path expression stands for: a literal, an enum's path or paths, else {@code {}}. */
    private static List<String> pieces(String p, Map<String, Map<String, String>> enums, String before) {
        if (p.matches("\"[^\"]*\"")) {
            return List.of(p.substring(1, p.length() - 1));
        }
        Matcher constant = Pattern.compile("^(\\w+)\\.(\\w+)\\.path$").matcher(p);
        if (constant.matches() && enums.containsKey(constant.group(1))
                && enums.get(constant.group(1)).containsKey(constant.group(2))) {
            return List.of(enums.get(constant.group(1)).get(constant.group(2)));
        }
        Matcher variable = Pattern.compile("^(\\w+)\\.path$").matcher(p);
        if (variable.matches()) {
            String type = null;
            Matcher d = Pattern.compile("\\b(\\w+)\\s+" + variable.group(1) + "\\b").matcher(before);
            while (d.find()) {
                if (enums.containsKey(d.group(1))) {
                    type = d.group(1);
                }
            }
            if (type != null) {
                return List.copyOf(enums.get(type).values());
            }
        }
        return List.of("{}");
    }

    /** The enums of a source whose constants start with a path literal: enum name, constant name, path. */
    private static Map<String, Map<String, String>> enumPaths(String code) {
        Map<String, Map<String, String>> out = new java.util.HashMap<>();
        Matcher e = Pattern.compile("\\benum\\s+(\\w+)\\s*\\{([^;]*);").matcher(code);
        while (e.find()) {
            Map<String, String> paths = new java.util.LinkedHashMap<>();
            Matcher c = Pattern.compile("\\b([A-Z][A-Z0-9_]*)\\(\\s*\"(/[^\"]*)\"").matcher(e.group(2));
            while (c.find()) {
                paths.put(c.group(1), c.group(2));
            }
            if (!paths.isEmpty()) {
                out.put(e.group(1), paths);
            }
        }
        return out;
    }

    /** The arguments of a call whose '(' ends at {@code from}, split at top-level commas. */
    private static List<String> args(String code, int from) {
        int depth = 0;
        boolean string = false;
        for (int i = from; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"' && code.charAt(i - 1) != '\\') {
                string = !string;
            } else if (!string && (c == '(' || c == '[' || c == '{')) {
                depth++;
            } else if (!string && (c == ')' || c == ']' || c == '}')) {
                if (depth == 0) {
                    return split(code.substring(from, i), ',');
                }
                depth--;
            }
        }
        return List.of();
    }

    private static List<String> split(String s, char sep) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean string = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' && (i == 0 || s.charAt(i - 1) != '\\')) {
                string = !string;
            } else if (!string && (c == '(' || c == '[' || c == '{')) {
                depth++;
            } else if (!string && (c == ')' || c == ']' || c == '}')) {
                depth--;
            } else if (!string && depth == 0 && c == sep) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        String last = s.substring(start);
        if (!last.isBlank() || !out.isEmpty()) {
            out.add(last);
        }
        return out;
    }

    private static String stripComments(String s) {
        return s.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//[^\"\\n]*$", "");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
