package com.cwfn.http;

import com.cwfn.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Writes a JSON answer to an HTTP exchange (a refusal is written by {@link Refusals}), and reads the request. Request
 * headers are dropped first: the HTTP server copies message headers into the response, and a request's
 * Authorization or signature must never travel back.
 */
public final class HttpAnswer {
    private HttpAnswer() {
    }

    public static void json(Exchange exchange, int status, ObjectNode body) {
        Message m = exchange.getMessage();
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, "application/json");
        m.setBody(Json.write(body));
    }

    /** The raw request body, or an empty array. */
    public static byte[] body(Exchange exchange) {
        byte[] b = exchange.getIn().getBody(byte[].class);
        return b == null ? new byte[0] : b;
    }

    /** A request header, matched case-insensitively (Camel headers are case-insensitive). */
    public static String header(Exchange exchange, String name) {
        return exchange.getIn().getHeader(name, String.class);
    }
}
