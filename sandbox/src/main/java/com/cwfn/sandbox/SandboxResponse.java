package com.cwfn.sandbox;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a sandbox handler answers. */
public final class SandboxResponse {
    private final int status;
    private final byte[] body;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public SandboxResponse(int status, byte[] body, String contentType) {
        this.status = status;
        this.body = body == null ? new byte[0] : body;
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
    }

    public static SandboxResponse json(int status, Object value) {
        try {
            return new SandboxResponse(status, Json.MAPPER.writeValueAsBytes(value), "application/json");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static SandboxResponse ok(Object value) {
        return json(200, value);
    }

    public static SandboxResponse created(Object value) {
        return json(201, value);
    }

    public static SandboxResponse noContent() {
        return new SandboxResponse(204, null, null);
    }

    public static SandboxResponse bytes(int status, byte[] body, String contentType) {
        return new SandboxResponse(status, body, contentType);
    }

    public static SandboxResponse text(int status, String text) {
        return new SandboxResponse(status, text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    public SandboxResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public byte[] body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
