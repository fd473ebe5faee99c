package com.cwfn.mapping;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The top-level names of the source document a JSONata expression may read, found in its text: a name that starts a
 * path (not one after a {@code .}), or one right after {@code $$.} or {@code $.}. What cannot be told from the text
 * reads every name: {@code $$} or {@code $} used otherwise (passed to {@code $lookup}, {@code $keys}, ...), a
 * wildcard ({@code *}, {@code **}) that starts a path, and the parent operator {@code %}. A name inside a predicate
 * or a block may be counted although it is relative; counting one too many reads a part too many, never one too few.
 * Names in string literals, comments and regular expressions are not names.
 */
public final class JsonataRoots {
    private enum Kind { NAME, VARIABLE, ROOT_REF, STRING, NUMBER, OP }

    private record Token(Kind kind, String text) {
    }

    private JsonataRoots() {
    }

    /** The names of {@code known} that {@code expression} may read at the top level; all of them when it may read anything. */
    public static Set<String> of(String expression, Collection<String> known) {
        List<Token> tokens = tokens(expression);
        Set<String> roots = new LinkedHashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            Token prev = i > 0 ? tokens.get(i - 1) : null;
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            switch (t.kind) {
                case NAME -> {
                    boolean afterDot = prev != null && prev.kind == Kind.OP && prev.text.equals(".");
                    boolean afterRoot = afterDot && i >= 2 && tokens.get(i - 2).kind == Kind.ROOT_REF;
                    if ((!afterDot || afterRoot) && known.contains(t.text)) {
                        roots.add(t.text);
                    }
                }
                case ROOT_REF -> {
                    boolean path = next != null && next.kind == Kind.OP && next.text.equals(".")
                            && i + 2 < tokens.size() && tokens.get(i + 2).kind == Kind.NAME;
                    if (!path) {
                        return Set.copyOf(known);
                    }
                }
                case OP -> {
                    boolean wildcard = (t.text.equals("*") || t.text.equals("**")) && operandExpected(prev);
                    if (wildcard || t.text.equals("%")) {
                        return Set.copyOf(known);
                    }
                }
                default -> {
                    // strings, numbers and variables read nothing of the document
                }
            }
        }
        return roots;
    }

    /** True when the token after {@code prev} starts an operand (a path, a literal), not an operator. */
    private static boolean operandExpected(Token prev) {
        if (prev == null || prev.kind == Kind.NAME && List.of("and", "or", "in").contains(prev.text)) {
            return true;
        }
        if (prev.kind != Kind.OP) {
            return false;
        }
        return !prev.text.equals(")") && !prev.text.equals("]") && !prev.text.equals("}");
    }

    private static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '"' || c == '\'') {
                i = endOfQuoted(s, i, c);
                out.add(new Token(Kind.STRING, ""));
            } else if (c == '`') {
                int end = s.indexOf('`', i + 1);
                end = end < 0 ? n : end;
                out.add(new Token(Kind.NAME, s.substring(i + 1, end)));
                i = end + 1;
            } else if (c == '/' && operandExpected(out.isEmpty() ? null : out.get(out.size() - 1))) {
                i = endOfQuoted(s, i, '/');
                while (i < n && Character.isLetter(s.charAt(i))) {
                    i++; // flags
                }
                out.add(new Token(Kind.STRING, ""));
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.'
                        && i + 1 < n && Character.isDigit(s.charAt(i + 1)))) {
                    i++;
                }
                out.add(new Token(Kind.NUMBER, s.substring(start, i)));
            } else if (c == '$') {
                if (i + 1 < n && s.charAt(i + 1) == '$') {
                    out.add(new Token(Kind.ROOT_REF, "$$"));
                    i += 2;
                } else if (i + 1 < n && isNameChar(s.charAt(i + 1))) {
                    int start = ++i;
                    while (i < n && isNameChar(s.charAt(i))) {
                        i++;
                    }
                    out.add(new Token(Kind.VARIABLE, s.substring(start, i)));
                } else {
                    out.add(new Token(Kind.ROOT_REF, "$"));
                    i++;
                }
            } else if (isNameChar(c)) {
                int start = i;
                while (i < n && isNameChar(s.charAt(i))) {
                    i++;
                }
                out.add(new Token(Kind.NAME, s.substring(start, i)));
            } else {
                String two = i + 1 < n ? s.substring(i, i + 2) : "";
                if (List.of("**", "..", ":=", "!=", "<=", ">=", "~>").contains(two)) {
                    out.add(new Token(Kind.OP, two));
                    i += 2;
                } else {
                    out.add(new Token(Kind.OP, String.valueOf(c)));
                    i++;
                }
            }
        }
        return out;
    }

    /** The index after a quoted text that starts at {@code start} with {@code quote} (backslash escapes). */
    private static int endOfQuoted(String s, int start, char quote) {
        int i = start + 1;
        while (i < s.length() && s.charAt(i) != quote) {
            i += s.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(s.length(), i + 1);
    }

    /** A character of a JSONata name: anything but whitespace and the operator characters. */
    private static boolean isNameChar(char c) {
        return !Character.isWhitespace(c) && ".[]{}(),@#;:?+-*/%|=<>^&!~\"'`$".indexOf(c) < 0;
    }
}
