package com.cwfn.http;

import com.cwfn.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The one place that writes a {@link Refusal} as an HTTP answer: its status, its body (JSON, or the console's page)
 * and its headers, {@code Retry-After} among them when the client should try again. {@link #of} makes the answer;
 * two thin adapters put it on a Camel message ({@link #write(Exchange, Answer)}: the intake, admin and console
 * routes, through routes/refusals.camel.yaml) or a Vert.x response ({@link #write(HttpServerResponse, Answer)}: the
 * handlers of the management port and the not-ready answer). Every text of a refusal is masked (each configured
 * secret value becomes ***) before it is written.
 */
public final class Refusals {
    private static final String RETRY_AFTER = "Retry-After";
    private final UnaryOperator<String> mask;

    /** The answer to write: status, headers in order, body. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** @param mask replaces every configured secret value in a text (Settings::mask) */
    public Refusals(UnaryOperator<String> mask) {
        this.mask = mask;
    }

    /** The step of routes/refusals.camel.yaml: answers the refusal caught on {@code exchange}. */
    public void answer(Exchange exchange) {
        write(exchange, of(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Refusal.class)));
    }

    /** The HTTP answer of a refusal, its texts masked. */
    public Answer of(Refusal r) {
        Map<String, String> headers = new LinkedHashMap<>();
        byte[] body;
        if (r.page() != null) {
            headers.put("Content-Type", "text/html; charset=utf-8");
            body = r.page().getBytes(StandardCharsets.UTF_8);
        } else {
            headers.put("Content-Type", "application/json");
            body = Json.write(json(r)).getBytes(StandardCharsets.UTF_8);
        }
        headers.putAll(r.headers());
        if (r.retryAfterSeconds() != null) {
            headers.put(RETRY_AFTER, String.valueOf(r.retryAfterSeconds()));
        }
        return new Answer(r.status(), Collections.unmodifiableMap(headers), body);
    }

    /** The answer of a refusal whose texts are fixed (no setting in them): for handlers with no settings at hand. */
    public static Answer plain(Refusal r) {
        return new Refusals(UnaryOperator.identity()).of(r);
    }

    private ObjectNode json(Refusal r) {
        ObjectNode b = Json.object().put("status", r.status()).put("error", mask.apply(r.error()));
        if (r.getMessage() != null) {
            b.put("detail", mask.apply(r.getMessage()));
        }
        r.fields().forEach((name, value) -> b.set(name, Json.MAPPER.valueToTree(value instanceof String s
                ? mask.apply(s) : value)));
        return b;
    }

    /**
     * Puts the answer on a Camel message. The request's headers are dropped first: the HTTP server copies message
     * headers into the response, and a request's Authorization or signature must never travel back.
     */
    public static void write(Exchange exchange, Answer a) {
        Message m = exchange.getMessage();
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, a.status());
        a.headers().forEach(m::setHeader);
        m.setBody(a.body());
    }

    /** Puts the answer on a Vert.x response and ends it. */
    public static void write(HttpServerResponse response, Answer a) {
        response.setStatusCode(a.status());
        a.headers().forEach(response::putHeader);
        response.end(Buffer.buffer(a.body()));
    }
}
