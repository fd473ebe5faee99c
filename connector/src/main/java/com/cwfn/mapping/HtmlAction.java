package com.cwfn.mapping;

import com.cwfn.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code html}: the {@code source} text HTML-escaped ({@code & < > " '}), each line break (CRLF, LF, CR) a {@code <br>}. */
final class HtmlAction implements FieldAction {
    @Override
    public JsonNode apply(FieldMapping m, ObjectNode doc) {
        String s = Json.text(m.source().resolve(doc));
        return s == null ? null : Json.F.textNode(toHtml(s));
    }

    static String toHtml(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case '\r' -> {
                    b.append("<br>");
                    if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                        i++;
                    }
                }
                case '\n' -> b.append("<br>");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
