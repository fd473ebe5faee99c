package com.cwfn.console;

import com.cwfn.http.Refusal;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Writes the console's HTTP answers with the headers every one of them carries: a Content-Security-Policy that
 * allows only the connector's own scripts and styles (no inline script, no other site, no framing), no MIME
 * sniffing, no referrer to other sites, no caching. Request headers are dropped first, as the HTTP server would
 * otherwise copy them into the answer. Refusals are thrown ({@link #refusal}, {@link #refusedPage}) and written by
 * {@code http/Refusals} with the same headers.
 */
public final class ConsoleAnswer {
    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /** The headers every answer of the console carries, refusals too. */
    public static final Map<String, String> HEADERS = headers();

    private ConsoleAnswer() {
    }

    private static Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Security-Policy", CSP);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        h.put("Referrer-Policy", "same-origin");
        h.put("Cache-Control", "no-store");
        return Collections.unmodifiableMap(h);
    }

    /** A JSON refusal of the console (routes/refusals.camel.yaml answers it), with the console's headers. */
    public static Refusal refusal(int status, String error, String detail) {
        return new Refusal(status, error, detail).headers(HEADERS);
    }

    /** A refusal of the console answered as this HTML page, with the console's headers. */
    public static Refusal refusedPage(int status, String error, String detail, String html) {
        return refusal(status, error, detail).page(html);
    }

    public static void send(Exchange ex, int status, String contentType, byte[] body) {
        Message m = start(ex, status);
        m.setHeader(Exchange.CONTENT_TYPE, contentType);
        m.setBody(body);
    }

    public static void html(Exchange ex, int status, String html) {
        send(ex, status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    public static void json(Exchange ex, int status, String json) {
        send(ex, status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** 303 See Other to {@code location} (a path on this site). */
    public static void redirect(Exchange ex, String location) {
        Message m = start(ex, 303);
        m.setHeader("Location", location);
        m.setBody("");
    }

    /** Adds a header to the answer being written (call after send, html, json or redirect). */
    public static void header(Exchange ex, String name, String value) {
        ex.getMessage().setHeader(name, value);
    }

    private static Message start(Exchange ex, int status) {
        Message m = ex.getMessage();
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        HEADERS.forEach(m::setHeader);
        return m;
    }

    /** Text made safe to put into HTML, as element content or a quoted attribute. */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
