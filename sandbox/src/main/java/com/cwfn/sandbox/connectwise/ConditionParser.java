package com.cwfn.sandbox.connectwise;

import static com.cwfn.sandbox.connectwise.Conditions.HINT;
import static com.cwfn.sandbox.connectwise.Conditions.parseDate;
import com.cwfn.sandbox.connectwise.Conditions.And;
import com.cwfn.sandbox.connectwise.Conditions.Comparison;
import com.cwfn.sandbox.connectwise.Conditions.ConditionException;
import com.cwfn.sandbox.connectwise.Conditions.Expr;
import com.cwfn.sandbox.connectwise.Conditions.Kind;
import com.cwfn.sandbox.connectwise.Conditions.Literal;
import com.cwfn.sandbox.connectwise.Conditions.Not;
import com.cwfn.sandbox.connectwise.Conditions.Op;
import com.cwfn.sandbox.connectwise.Conditions.Or;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Tokenizes and parses a {@code conditions} string into an {@link Expr} (the grammar is in {@link Conditions}). */
final class ConditionParser {
    private ConditionParser() {
    }

    /** Parses a non-blank condition string; throws {@link ConditionException} on syntax errors. */
    static Expr parse(String text) {
        Parser p = new Parser(tokenize(text), text);
        Expr e = p.or();
        if (!p.atEnd()) {
            Token t = p.peek();
            throw new ConditionException("Unexpected '" + t.text + "' at position " + t.pos + " in conditions '"
                    + text + "'. Expected AND, OR or the end of the conditions." + HINT);
        }
        return e;
    }

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
