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
        for (int at = 0; at < s.length(); ) {
            at = token(s, at, out);
        }
        return out;
    }

    /** Reads the token at {@code i} (or skips blanks and a comment) into {@code out}; answers where the next starts. */
    private static int token(String s, int i, List<Token> out) {
        int n = s.length();
        char c = s.charAt(i);
        if (Character.isWhitespace(c)) {
            return i + 1;
        }
        if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
            int end = s.indexOf("*/", i + 2);
            return end < 0 ? n : end + 2;
        }
        if (c == '"' || c == '\'') {
            out.add(new Token(Kind.STRING, ""));
            return endOfQuoted(s, i, c);
        }
        if (c == '`') {
            int end = s.indexOf('`', i + 1);
            end = end < 0 ? n : end;
            out.add(new Token(Kind.NAME, s.substring(i + 1, end)));
            return end + 1;
        }
        if (c == '/' && operandExpected(out.isEmpty() ? null : out.get(out.size() - 1))) {
            int j = endOfQuoted(s, i, '/');
            while (j < n && Character.isLetter(s.charAt(j))) {
                j++; // flags
            }
            out.add(new Token(Kind.STRING, ""));
            return j;
        }
        if (Character.isDigit(c)) {
            int j = i;
            while (j < n && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.'
                    && j + 1 < n && Character.isDigit(s.charAt(j + 1)))) {
                j++;
            }
            out.add(new Token(Kind.NUMBER, s.substring(i, j)));
            return j;
        }
        if (c == '$') {
            return dollar(s, i, out);
        }
        if (isNameChar(c)) {
            int j = i;
            while (j < n && isNameChar(s.charAt(j))) {
                j++;
            }
            out.add(new Token(Kind.NAME, s.substring(i, j)));
            return j;
        }
        String two = i + 1 < n ? s.substring(i, i + 2) : "";
        boolean pair = List.of("**", "..", ":=", "!=", "<=", ">=", "~>").contains(two);
        out.add(new Token(Kind.OP, pair ? two : String.valueOf(c)));
        return i + (pair ? 2 : 1);
    }

    /** {@code $$} and {@code $} (the root and the context) or a variable {@code $name}. */
    private static int dollar(String s, int i, List<Token> out) {
        int n = s.length();
        if (i + 1 < n && s.charAt(i + 1) == '$') {
            out.add(new Token(Kind.ROOT_REF, "$$"));
            return i + 2;
        }
        if (i + 1 < n && isNameChar(s.charAt(i + 1))) {
            int j = i + 1;
            while (j < n && isNameChar(s.charAt(j))) {
                j++;
            }
            out.add(new Token(Kind.VARIABLE, s.substring(i + 1, j)));
            return j;
        }
        out.add(new Token(Kind.ROOT_REF, "$"));
        return i + 1;
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
