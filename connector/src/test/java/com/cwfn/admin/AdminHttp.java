package com.cwfn.admin;

import com.cwfn.json.Json;
import com.cwfn.testing.Connector;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Calls a test connector's /admin endpoints over real HTTP. */
final class AdminHttp {
    static final String USER = "admin";
    static final String PASSWORD = "Adm1n-Pa55word!";

    private AdminHttp() {
    }

    static HttpResponse<String> call(Connector c, String method, String path) {
        return call(c, method, path, USER, PASSWORD);
    }

    /** A request with Basic credentials; user null sends none. */
    static HttpResponse<String> call(Connector c, String method, String path, String user, String password) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(c.url(path))).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return Connector.send(b.build());
    }

    static HttpResponse<String> get(Connector c, String path) {
        return call(c, "GET", path);
    }

    static HttpResponse<String> post(Connector c, String path) {
        return call(c, "POST", path);
    }

    static HttpResponse<String> delete(Connector c, String path) {
        return call(c, "DELETE", path);
    }

    static JsonNode json(HttpResponse<String> r) {
        return Json.parse(r.body());
    }

    /** The body of a 2xx answer as JSON; fails with the answer otherwise. */
    static JsonNode ok(HttpResponse<String> r) {
        if (r.statusCode() / 100 != 2) {
            throw new AssertionError("expected 2xx, got " + r.statusCode() + ": " + r.body());
        }
        return json(r);
    }

    /** The check of a connection answer with this name. */
    static JsonNode check(JsonNode connection, String name) {
        for (JsonNode c : connection.path("checks")) {
            if (name.equals(c.path("name").asText())) {
                return c;
            }
        }
        throw new AssertionError("no check named '" + name + "' in " + connection.toPrettyString());
    }
}
