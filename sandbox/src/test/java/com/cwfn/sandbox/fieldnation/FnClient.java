package com.cwfn.sandbox.fieldnation;

import com.cwfn.sandbox.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A small test client for the Field Nation sandbox: plain java.net.http, JSON in and out. */
final class FnClient {
    record Resp(int status, String body, HttpResponse<byte[]> raw) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final FieldNationSandbox fn;
    String token;

    FnClient(FieldNationSandbox fn) {
        this.fn = fn;
    }

    Resp send(HttpRequest req) {
        try {
            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            return new Resp(r.statusCode(), new String(r.body(), StandardCharsets.UTF_8), r);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    Resp tokenJson(ObjectNode body) {
        return send(HttpRequest.newBuilder(URI.create(fn.tokenUrl())).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    Resp tokenForm(String form) {
        return send(HttpRequest.newBuilder(URI.create(fn.tokenUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    static ObjectNode passwordGrant(FieldNationSandbox fn) {
        ObjectNode b = Json.object();
        b.put("grant_type", "password");
        b.put("client_id", fn.clientId());
        b.put("client_secret", fn.clientSecret());
        b.put("username", fn.username());
        b.put("password", fn.password());
        return b;
    }

    /** Fetches a fresh token (password grant) and uses it from now on. */
    FnClient login() {
        Resp r = tokenJson(passwordGrant(fn));
        if (r.status() != 200) {
            throw new AssertionError("token request failed: " + r.status() + " " + r.body());
        }
        token = r.json().path("access_token").asText();
        return this;
    }

    private URI rest(String path) {
        String sep = path.contains("?") ? "&" : "?";
        return URI.create(fn.restBaseUrl() + path + (token == null ? "" : sep + "access_token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8)));
    }

    Resp get(String path) {
        return send(HttpRequest.newBuilder(rest(path)).GET().build());
    }

    Resp post(String path, Object body) {
        return send(HttpRequest.newBuilder(rest(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body.toString())).build());
    }

    Resp put(String path, Object body) {
        return send(HttpRequest.newBuilder(rest(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    Resp delete(String path) {
        return send(HttpRequest.newBuilder(rest(path)).DELETE().build());
    }

    /** Webhooks v3 management API call with {@code Authorization: Bearer}. */
    Resp hooks(String method, String path, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fn.webhooksApiUrl() + path))
                .header("Content-Type", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpRequest.BodyPublisher p = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString());
        return send(b.method(method, p).build());
    }

    /** A multipart/form-data upload built by hand: a "file" part plus optional "notes" and raw extra parts. */
    Resp upload(long woId, long folderId, String fileName, String mime, byte[] content, String notes,
                String attachmentJson) {
        String boundary = "----fnsandbox" + System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (attachmentJson != null) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"attachment\"\r\n"
                        + "Content-Type: application/json\r\n\r\n" + attachmentJson + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: " + mime + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            if (notes != null) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"notes\"\r\n\r\n" + notes
                        + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return send(HttpRequest.newBuilder(rest("/workorders/" + woId + "/attachments/" + folderId))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build());
    }

    /** A work order body that satisfies the publish rule. */
    static ObjectNode completeWorkOrder(String title) {
        ObjectNode b = Json.object();
        b.put("title", title);
        b.putArray("types_of_work").addObject().put("id", 62).put("isPrimary", true);
        b.putObject("description").put("html", "<p>Swap terminal</p>");
        ObjectNode loc = b.putObject("location");
        loc.put("mode", "custom");
        loc.put("display_name", "Acme Store 114");
        loc.put("address1", "100 Main St");
        loc.put("city", "Minneapolis");
        loc.put("state", "MN");
        loc.put("zip", "55401");
        loc.put("country", "US");
        loc.putObject("type").put("id", 1);
        ObjectNode sw = b.putObject("schedule").putObject("service_window");
        sw.put("mode", "between");
        sw.putObject("start").put("utc", "2026-07-01 14:00:00");
        sw.putObject("end").put("utc", "2026-07-01 18:00:00");
        ObjectNode pay = b.putObject("pay");
        pay.put("type", "fixed");
        pay.putObject("base").put("amount", 150.0).put("units", 1);
        return b;
    }
}
