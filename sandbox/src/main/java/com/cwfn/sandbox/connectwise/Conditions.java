package com.cwfn.sandbox.connectwise;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The ConnectWise {@code conditions} language: the evaluator over Jackson trees ({@link ConditionParser} parses).
 *
 * <pre>
 * expr       := or
 * or         := and ( OR and )*
 * and        := unary ( AND unary )*
 * unary      := NOT unary | '(' expr ')' | comparison
 * comparison := path [NOT] op value | path [NOT] IN '(' value (',' value)* ')'
 * op         := = | != | &lt;&gt; | &lt; | &lt;= | &gt; | &gt;= | contains | like
 * value      := "text" | 'text' | number | true | false | null | [2016-08-20T18:04:26Z]
 * path       := name ( '/' name )*          e.g. board/name, status/id, lastUpdated
 * </pre>
 *
 * Keywords are case-insensitive, field names are matched case-insensitively, text comparison is case-insensitive
 * (as on ConnectWise's SQL Server collation), {@code *} (and {@code %}) are wildcards for {@code like}. A path that
 * is not a top-level field falls back to {@code _info} (so {@code lastUpdated} means {@code _info/lastUpdated}). A path
 * that crosses an array matches when any element matches. Comparing a null field with anything but {@code null}
 * is false (SQL semantics).
 */
public final class Conditions {

    /** A condition that cannot be parsed or does not fit the data; rendered as a 400. */
    public static final class ConditionException extends RuntimeException {
        public ConditionException(String message) {
            super(message);
        }
    }

    static final String HINT = " String values should be enclosed with double or single quotes;"
            + " DateTime values should be enclosed in square brackets; Boolean values should be true or false;"
            + " numeric values should not be quoted.";

    /** A parsed expression. */
    public interface Expr {
        boolean test(JsonNode record);

        /** The field paths the expression uses. */
        void paths(Set<String> out);
    }

    private Conditions() {
    }

    // ------------------------------------------------------------------ public API

    /** Parses a condition string; throws {@link ConditionException} on syntax errors. */
    public static Expr parse(String text) {
        if (text == null || text.isBlank()) {
            return ALWAYS;
        }
        return ConditionParser.parse(text);
    }

    /**
     * Filters {@code records}. When records are present, a path that none of them knows is refused, so that a typo
     * does not silently match nothing.
     */
    public static <T extends JsonNode> List<T> filter(Collection<T> records, String conditions) {
        Expr e = parse(conditions);
        if (e == ALWAYS) {
            return new ArrayList<>(records);
        }
        checkPaths(e, records);
        List<T> out = new ArrayList<>();
        for (T r : records) {
            if (e.test(r)) {
                out.add(r);
            }
        }
        return out;
    }

    /** Refuses a path that no record knows (only when there are records to look at). */
    public static void checkPaths(Expr e, Collection<? extends JsonNode> records) {
        if (records.isEmpty()) {
            return;
        }
        Set<String> paths = new LinkedHashSet<>();
        e.paths(paths);
        for (String path : paths) {
            boolean known = false;
            for (JsonNode r : records) {
                if (pathKnown(r, path)) {
                    known = true;
                    break;
                }
            }
            if (!known) {
                throw new ConditionException("Unknown field '" + path + "' in conditions.");
            }
        }
    }

    /** The values a path reaches (several when it crosses an array); empty when it reaches null or nothing. */
    public static List<JsonNode> resolve(JsonNode record, String path) {
        String[] parts = path.split("/");
        List<JsonNode> out = new ArrayList<>();
        JsonNode start = record;
        if (parts.length > 0 && field(record, parts[0]) == null) {
            JsonNode info = field(record, "_info");
            if (info != null && info.isObject() && field(info, parts[0]) != null) {
                start = info;
            }
        }
        walk(start, parts, 0, out);
        return out;
    }

    /** The first value a path reaches, or null. */
    public static JsonNode first(JsonNode record, String path) {
        List<JsonNode> v = resolve(record, path);
        return v.isEmpty() ? null : v.get(0);
    }

    private static void walk(JsonNode node, String[] parts, int i, List<JsonNode> out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isArray()) {
            for (JsonNode el : node) {
                walk(el, parts, i, out);
            }
            return;
        }
        if (i == parts.length) {
            out.add(node);
            return;
        }
        if (!node.isObject()) {
            return;
        }
        walk(field(node, parts[i]), parts, i + 1, out);
    }

    static JsonNode field(JsonNode obj, String name) {
        JsonNode exact = obj.get(name);
        if (exact != null) {
            return exact;
        }
        Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** True when the record has the path, or when the path runs into a null so its shape cannot be told. */
    static boolean pathKnown(JsonNode record, String path) {
        String[] parts = path.split("/");
        JsonNode start = record;
        if (field(record, parts[0]) == null) {
            JsonNode info = field(record, "_info");
            if (info == null || field(info, parts[0]) == null) {
                return false;
            }
            start = info;
        }
        return known(start, parts, 0);
    }

    private static boolean known(JsonNode node, String[] parts, int i) {
        if (i == parts.length || node == null || node.isNull()) {
            return true;
        }
        if (node.isArray()) {
            if (node.isEmpty()) {
                return true;
            }
            for (JsonNode el : node) {
                if (known(el, parts, i)) {
                    return true;
                }
            }
            return false;
        }
        if (!node.isObject()) {
            return false;
        }
        JsonNode next = field(node, parts[i]);
        return next != null && known(next, parts, i + 1);
    }

    // ------------------------------------------------------------------ values

    enum Kind { STRING, NUMBER, BOOLEAN, DATE, NULL }

    record Literal(Kind kind, String text, BigDecimal number, Boolean bool, Instant date) {
        static Literal string(String s) {
            return new Literal(Kind.STRING, s, null, null, null);
        }

        String describe() {
            return switch (kind) {
                case STRING -> "a string";
                case NUMBER -> "a numeric";
                case BOOLEAN -> "a boolean";
                case DATE -> "a datetime";
                case NULL -> "null";
            };
        }
    }

    private static final Pattern DATE_LIKE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T.*");

    static Instant parseDate(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e2) {
                try {
                    return java.time.LocalDateTime.parse(s).toInstant(java.time.ZoneOffset.UTC);
                } catch (DateTimeParseException e3) {
                    try {
                        return java.time.LocalDate.parse(s).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
                    } catch (DateTimeParseException e4) {
                        return null;
                    }
                }
            }
        }
    }

    enum Op { EQ, NE, LT, LE, GT, GE, CONTAINS, LIKE, IN }

    private static final Expr ALWAYS = new Expr() {
        @Override
        public boolean test(JsonNode record) {
            return true;
        }

        @Override
        public void paths(Set<String> out) {
        }
    };

    record And(Expr a, Expr b) implements Expr {
        public boolean test(JsonNode r) {
            return a.test(r) && b.test(r);
        }

        public void paths(Set<String> out) {
            a.paths(out);
            b.paths(out);
        }
    }

    record Or(Expr a, Expr b) implements Expr {
        public boolean test(JsonNode r) {
            return a.test(r) || b.test(r);
        }

        public void paths(Set<String> out) {
            a.paths(out);
            b.paths(out);
        }
    }

    record Not(Expr a) implements Expr {
        public boolean test(JsonNode r) {
            return !a.test(r);
        }

        public void paths(Set<String> out) {
            a.paths(out);
        }
    }

    record Comparison(String path, Op op, boolean negate, List<Literal> values) implements Expr {
        public void paths(Set<String> out) {
            out.add(path);
        }

        public boolean test(JsonNode record) {
            List<JsonNode> found = resolve(record, path);
            Literal lit = values.get(0);
            if (op != Op.IN && lit.kind == Kind.NULL) {
                boolean isNull = found.isEmpty();
                return switch (op) {
                    case EQ -> isNull != negate;
                    case NE -> !isNull != negate;
                    default -> throw new ConditionException("null can only be compared with = or != (field '"
                            + path + "').");
                };
            }
            if (found.isEmpty()) {
                // SQL semantics: null compared with a value is unknown, so the row does not match either way,
                // except that "in (..., null)" matches null
                return op == Op.IN && values.stream().anyMatch(v -> v.kind == Kind.NULL) && !negate;
            }
            boolean any = false;
            for (JsonNode v : found) {
                if (matches(v)) {
                    any = true;
                    break;
                }
            }
            return any != negate;
        }

        private boolean matches(JsonNode v) {
            if (op == Op.IN) {
                for (Literal l : values) {
                    if (l.kind != Kind.NULL && compare(v, l, Op.EQ)) {
                        return true;
                    }
                }
                return false;
            }
            return compare(v, values.get(0), op);
        }

        private boolean compare(JsonNode v, Literal lit, Op op) {
            if (op == Op.CONTAINS || op == Op.LIKE) {
                if (lit.kind != Kind.STRING) {
                    throw new ConditionException("Expected a string value after '" + op.name().toLowerCase(Locale.ROOT)
                            + "' for field '" + path + "', not " + lit.describe() + "." + HINT);
                }
                String s = v.isValueNode() ? v.asText() : v.toString();
                String hay = s.toLowerCase(Locale.ROOT);
                String needle = lit.text.toLowerCase(Locale.ROOT);
                return op == Op.CONTAINS ? hay.contains(needle) : like(hay, needle);
            }
            int c;
            if (v.isBoolean()) {
                if (lit.kind == Kind.BOOLEAN) {
                    c = Boolean.compare(v.booleanValue(), lit.bool);
                } else if (lit.kind == Kind.STRING && isBooleanText(lit.text)) {
                    c = Boolean.compare(v.booleanValue(), Boolean.parseBoolean(lit.text.trim()));
                } else {
                    throw new ConditionException("Expected a boolean value, not " + lit.describe() + "." + HINT
                            + " Field: " + path + ".");
                }
            } else if (v.isNumber()) {
                BigDecimal n = v.decimalValue();
                if (lit.kind == Kind.NUMBER) {
                    c = n.compareTo(lit.number);
                } else if (lit.kind == Kind.STRING && isNumberText(lit.text)) {
                    c = n.compareTo(new BigDecimal(lit.text.trim()));
                } else {
                    throw new ConditionException("Expected a numeric value, not " + lit.describe() + "." + HINT
                            + " Field: " + path + ".");
                }
            } else if (v.isTextual()) {
                String s = v.textValue();
                if (lit.kind == Kind.DATE || (lit.kind == Kind.STRING && DATE_LIKE.matcher(s).matches()
                        && DATE_LIKE.matcher(lit.text).matches())) {
                    Instant have = parseDate(s);
                    Instant want = lit.kind == Kind.DATE ? lit.date : parseDate(lit.text);
                    if (have == null || want == null) {
                        throw new ConditionException("Expected a datetime field for '" + path
                                + "' when comparing with a datetime value." + HINT);
                    }
                    c = have.compareTo(want);
                } else if (lit.kind == Kind.STRING) {
                    c = s.compareToIgnoreCase(lit.text);
                } else {
                    throw new ConditionException("Expected a string value, not " + lit.describe() + "." + HINT
                            + " Field: " + path + ".");
                }
            } else {
                return false; // an object or array compared with a scalar
            }
            return switch (op) {
                case EQ -> c == 0;
                case NE -> c != 0;
                case LT -> c < 0;
                case LE -> c <= 0;
                case GT -> c > 0;
                case GE -> c >= 0;
                default -> false;
            };
        }
    }

    private static boolean isBooleanText(String s) {
        String t = s.trim();
        return t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false");
    }

    private static boolean isNumberText(String s) {
        return s.trim().matches("-?\\d+(\\.\\d+)?");
    }

    static boolean like(String hay, String pattern) {
        StringBuilder re = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            if (ch == '*' || ch == '%') {
                re.append(".*");
            } else {
                re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL).matcher(hay).matches();
    }
}
