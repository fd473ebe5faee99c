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
 * The ConnectWise {@code conditions} language: a parser and an evaluator over Jackson trees.
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

    private static final String HINT = " String values should be enclosed with double or single quotes;"
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
        Parser p = new Parser(tokenize(text), text);
        Expr e = p.or();
        if (!p.atEnd()) {
            Token t = p.peek();
            throw new ConditionException("Unexpected '" + t.text + "' at position " + t.pos + " in conditions '"
                    + text + "'. Expected AND, OR or the end of the conditions." + HINT);
        }
        return e;
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

    private enum Kind { STRING, NUMBER, BOOLEAN, DATE, NULL }

    private record Literal(Kind kind, String text, BigDecimal number, Boolean bool, Instant date) {
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

    private enum Op { EQ, NE, LT, LE, GT, GE, CONTAINS, LIKE, IN }

    private static final Expr ALWAYS = new Expr() {
        @Override
        public boolean test(JsonNode record) {
            return true;
        }

        @Override
        public void paths(Set<String> out) {
        }
    };

    private record And(Expr a, Expr b) implements Expr {
        public boolean test(JsonNode r) {
            return a.test(r) && b.test(r);
        }

        public void paths(Set<String> out) {
            a.paths(out);
            b.paths(out);
        }
    }

    private record Or(Expr a, Expr b) implements Expr {
        public boolean test(JsonNode r) {
            return a.test(r) || b.test(r);
        }

        public void paths(Set<String> out) {
            a.paths(out);
            b.paths(out);
        }
    }

    private record Not(Expr a) implements Expr {
        public boolean test(JsonNode r) {
            return !a.test(r);
        }

        public void paths(Set<String> out) {
            a.paths(out);
        }
    }

    private record Comparison(String path, Op op, boolean negate, List<Literal> values) implements Expr {
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

    // ------------------------------------------------------------------ tokenizer

    private enum T { LPAREN, RPAREN, COMMA, OP, STRING, NUMBER, DATE, WORD }

    private record Token(T type, String text, int pos) {
        boolean word(String w) {
            return type == T.WORD && text.equalsIgnoreCase(w);
        }
    }

    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                out.add(new Token(T.LPAREN, "(", i++));
            } else if (c == ')') {
                out.add(new Token(T.RPAREN, ")", i++));
            } else if (c == ',') {
                out.add(new Token(T.COMMA, ",", i++));
            } else if (c == '"' || c == '\'') {
                int start = i++;
                StringBuilder b = new StringBuilder();
                boolean closed = false;
                while (i < n) {
                    char d = s.charAt(i);
                    if (d == '\\' && i + 1 < n) {
                        b.append(s.charAt(i + 1));
                        i += 2;
                    } else if (d == c) {
                        if (i + 1 < n && s.charAt(i + 1) == c) { // doubled quote
                            b.append(c);
                            i += 2;
                        } else {
                            i++;
                            closed = true;
                            break;
                        }
                    } else {
                        b.append(d);
                        i++;
                    }
                }
                if (!closed) {
                    throw new ConditionException("Unterminated string starting at position " + start
                            + " in conditions '" + s + "'." + HINT);
                }
                out.add(new Token(T.STRING, b.toString(), start));
            } else if (c == '[') {
                int end = s.indexOf(']', i);
                if (end < 0) {
                    throw new ConditionException("Unterminated datetime starting at position " + i
                            + " in conditions '" + s + "'." + HINT);
                }
                out.add(new Token(T.DATE, s.substring(i + 1, end).trim(), i));
                i = end + 1;
            } else if (c == '=' ) {
                out.add(new Token(T.OP, "=", i++));
            } else if (c == '!' && i + 1 < n && s.charAt(i + 1) == '=') {
                out.add(new Token(T.OP, "!=", i));
                i += 2;
            } else if (c == '<' || c == '>') {
                if (i + 1 < n && s.charAt(i + 1) == '=') {
                    out.add(new Token(T.OP, c + "=", i));
                    i += 2;
                } else if (c == '<' && i + 1 < n && s.charAt(i + 1) == '>') {
                    out.add(new Token(T.OP, "!=", i));
                    i += 2;
                } else {
                    out.add(new Token(T.OP, String.valueOf(c), i++));
                }
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) {
                int start = i++;
                while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
                if (i < n && (Character.isLetter(s.charAt(i)) || s.charAt(i) == '_')) {
                    throw new ConditionException("Unexpected character '" + s.charAt(i) + "' at position " + i
                            + " in conditions '" + s + "'." + HINT);
                }
                out.add(new Token(T.NUMBER, s.substring(start, i), start));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i++;
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '/'
                        || s.charAt(i) == '.')) {
                    i++;
                }
                out.add(new Token(T.WORD, s.substring(start, i), start));
            } else {
                throw new ConditionException("Unexpected character '" + c + "' at position " + i
                        + " in conditions '" + s + "'." + HINT);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ parser

    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "contains", "like", "in", "true", "false",
            "null");

    private static final class Parser {
        private final List<Token> tokens;
        private final String source;
        private int i;

        Parser(List<Token> tokens, String source) {
            this.tokens = tokens;
            this.source = source;
        }

        boolean atEnd() {
            return i >= tokens.size();
        }

        Token peek() {
            return atEnd() ? null : tokens.get(i);
        }

        private ConditionException error(String expected) {
            Token t = peek();
            String where = t == null ? "at the end" : "at position " + t.pos + " ('" + t.text + "')";
            return new ConditionException("Expected " + expected + " " + where + " in conditions '" + source + "'."
                    + HINT);
        }

        Expr or() {
            Expr left = and();
            while (!atEnd() && peek().word("or")) {
                i++;
                left = new Or(left, and());
            }
            return left;
        }

        Expr and() {
            Expr left = unary();
            while (!atEnd() && peek().word("and")) {
                i++;
                left = new And(left, unary());
            }
            return left;
        }

        Expr unary() {
            Token t = peek();
            if (t == null) {
                throw error("a condition");
            }
            if (t.word("not")) {
                i++;
                return new Not(unary());
            }
            if (t.type == T.LPAREN) {
                i++;
                Expr e = or();
                if (atEnd() || peek().type != T.RPAREN) {
                    throw error("')'");
                }
                i++;
                return e;
            }
            return comparison();
        }

        Expr comparison() {
            Token f = peek();
            if (f.type != T.WORD || KEYWORDS.contains(f.text.toLowerCase(Locale.ROOT))) {
                throw error("a field name");
            }
            i++;
            String path = f.text.replace('.', '/');
            boolean negate = false;
            if (!atEnd() && peek().word("not")) {
                negate = true;
                i++;
            }
            Token o = peek();
            if (o == null) {
                throw error("an operator after '" + path + "'");
            }
            Op op;
            if (o.type == T.OP && !negate) {
                op = switch (o.text) {
                    case "=" -> Op.EQ;
                    case "!=" -> Op.NE;
                    case "<" -> Op.LT;
                    case "<=" -> Op.LE;
                    case ">" -> Op.GT;
                    case ">=" -> Op.GE;
                    default -> throw error("an operator");
                };
            } else if (o.word("contains")) {
                op = Op.CONTAINS;
            } else if (o.word("like")) {
                op = Op.LIKE;
            } else if (o.word("in")) {
                op = Op.IN;
            } else {
                throw error(negate ? "contains, like or in after 'not'" : "an operator (=, !=, <, <=, >, >=, contains,"
                        + " like, in, not)");
            }
            i++;
            List<Literal> values = new ArrayList<>();
            if (op == Op.IN) {
                if (atEnd() || peek().type != T.LPAREN) {
                    throw error("'(' after 'in'");
                }
                i++;
                values.add(literal());
                while (!atEnd() && peek().type == T.COMMA) {
                    i++;
                    values.add(literal());
                }
                if (atEnd() || peek().type != T.RPAREN) {
                    throw error("',' or ')' in the 'in' list");
                }
                i++;
            } else {
                values.add(literal());
            }
            return new Comparison(path, op, negate, values);
        }

        Literal literal() {
            Token t = peek();
            if (t == null) {
                throw error("a value");
            }
            i++;
            switch (t.type) {
                case STRING:
                    return Literal.string(t.text);
                case NUMBER:
                    return new Literal(Kind.NUMBER, t.text, new BigDecimal(t.text), null, null);
                case DATE: {
                    Instant d = parseDate(t.text);
                    if (d == null) {
                        i--;
                        throw error("a datetime like [2016-08-20T18:04:26Z]");
                    }
                    return new Literal(Kind.DATE, t.text, null, null, d);
                }
                case WORD:
                    if (t.word("true") || t.word("false")) {
                        return new Literal(Kind.BOOLEAN, t.text, null, Boolean.parseBoolean(t.text.toLowerCase(
                                Locale.ROOT)), null);
                    }
                    if (t.word("null")) {
                        return new Literal(Kind.NULL, t.text, null, null, null);
                    }
                    i--;
                    throw error("a value, not the bare word '" + t.text + "'");
                default:
                    i--;
                    throw error("a value");
            }
        }
    }
}
