package com.cwfn.sandbox.connectwise;

import com.cwfn.sandbox.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A tiny ConnectWise REST client for the tests: real HTTP with java.net.http, the sandbox's credentials. */
final class CwClient {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String apiBase;
    private String authorization;
    private String clientId;

    CwClient(ConnectWiseSandbox cw) {
        this.apiBase = cw.apiBaseUrl();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((cw.companyId() + "+" + cw.publicKey()
                + ":" + cw.privateKey()).getBytes(StandardCharsets.UTF_8));
        this.clientId = cw.clientId();
    }

    CwClient withKeys(String company, String pub, String priv) {
        authorization = "Basic " + Base64.getEncoder().encodeToString((company + "+" + pub + ":" + priv)
                .getBytes(StandardCharsets.UTF_8));
        return this;
    }

    CwClient withClientId(String id) {
        clientId = id;
        return this;
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A response with its body as text and parsed JSON (null when not JSON). */
    record Res(int status, String body, JsonNode json, HttpResponse<byte[]> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    Res get(String path) {
        return send(req(path).GET());
    }

    Res post(String path, Object body) {
        return send(req(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text(body))));
    }

    Res patch(String path, Object body) {
        return send(req(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(text(body))));
    }

    Res put(String path, Object body) {
        return send(req(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(text(body))));
    }

    Res delete(String path) {
        return send(req(path).DELETE());
    }

    /** POST multipart/form-data: text fields plus one file part named {@code file} (when fileName is not null). */
    Res multipart(String path, Map<String, String> fields, String fileName, String contentType, byte[] content) {
        String boundary = "----cwsandbox" + System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : fields.entrySet()) {
            write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n");
        }
        if (fileName != null) {
            write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: " + contentType + "\r\n\r\n");
            out.writeBytes(content);
            write(out, "\r\n");
        }
        write(out, "--" + boundary + "--\r\n");
        return send(req(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
    }

    static Map<String, String> fields(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    HttpRequest.Builder req(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : apiBase + path))
                .timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (clientId != null) {
            b.header("clientId", clientId);
        }
        return b;
    }

    Res send(HttpRequest.Builder b) {
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            String text = new String(r.body(), StandardCharsets.UTF_8);
            JsonNode json = null;
            String ct = r.headers().firstValue("Content-Type").orElse("");
            if (ct.contains("json") && !text.isEmpty()) {
                json = Json.MAPPER.readTree(text);
            }
            return new Res(r.statusCode(), text, json, r);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Object body) {
        try {
            return body instanceof String s ? s : Json.MAPPER.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
