package com.cwfn.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An HTTP answer: status, headers (lower-case names) and body bytes. */
public record RemoteResponse(int status, Map<String, String> headers, byte[] body) {
    static final ObjectMapper MAPPER = new ObjectMapper();

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public JsonNode json() {
        try {
            return body.length == 0 ? MAPPER.nullNode() : MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("answer is not JSON: " + e.getMessage(), e);
        }
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
