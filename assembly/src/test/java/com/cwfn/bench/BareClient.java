package com.cwfn.bench;

import com.cwfn.json.Json;
import com.cwfn.sandbox.connectwise.ConnectWiseSandbox;
import com.cwfn.sandbox.fieldnation.FieldNationSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling: a bare {@code java.net.http} client making the connector's calls of one dispatch with the shipped
 * mapping (as its calls.txt shows them), ticket after ticket on {@code concurrency} workers, against the same
 * sandboxes. Per ticket: GET the ticket; then notes, the document list (its fields only) and schedule entries in
 * parallel, and the site when not read in the last minute (the connector's cache); POST the work order (the token
 * fetched once and kept); publish it; POST the dispatched note; GET the ticket once more (what the connector does for
 * the {@code workorder.status.published} webhook). No database, no mapping, no inbox, no webhooks: only the round
 * trips.
 */
final class BareClient {
    private final ConnectWiseSandbox cw;
    private final FieldNationSandbox fn;
    private final ObjectNode createBody;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private final java.util.Map<Long, Long> siteReadAt = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param createBody a work order create body the connector sent; the ticket id field is replaced per ticket */
    BareClient(ConnectWiseSandbox cw, FieldNationSandbox fn, ObjectNode createBody) {
        this.cw = cw;
        this.fn = fn;
        this.createBody = createBody;
    }

    /** Dispatches every ticket; answers the number of failed dispatches (0 expected). */
    int run(List<Long> tickets, int concurrency) throws Exception {
        token = Json.text(Json.parse(send(HttpRequest.newBuilder(URI.create(fn.tokenUrl()))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Json.object().put("grant_type", "password")
                        .put("client_id", fn.clientId()).put("client_secret", fn.clientSecret())
                        .put("username", fn.username()).put("password", fn.password())))).build())), "access_token");
        ConcurrentLinkedQueue<Long> queue = new ConcurrentLinkedQueue<>(tickets);
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        List<Future<Integer>> done = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            done.add(workers.submit(() -> {
                int failed = 0;
                for (Long id = queue.poll(); id != null; id = queue.poll()) {
                    try {
                        dispatch(id);
                    } catch (RuntimeException e) {
                        failed++;
                        System.err.println("bare client: ticket " + id + ": " + e.getMessage());
                    }
                }
                return failed;
            }));
        }
        int failed = 0;
        for (Future<Integer> f : done) {
            failed += f.get();
        }
        workers.shutdown();
        workers.awaitTermination(10, TimeUnit.SECONDS);
        return failed;
    }

    private void dispatch(long id) {
        JsonNode t = Json.parse(send(cwGet("/service/tickets/" + id)));
        long company = t.path("company").path("id").asLong();
        long site = t.path("site").path("id").asLong();
        List<CompletableFuture<HttpResponse<String>>> parts = new ArrayList<>(List.of(
                async(cwGet("/service/tickets/" + id + "/notes?orderBy=" + enc("id asc") + "&pageSize=1000&page=1")),
                async(cwGet("/schedule/entries?conditions=" + enc("type/id=4 AND objectId=" + id)
                        + "&pageSize=1000&page=1")),
                async(cwGet("/system/documents?recordType=Ticket&recordId=" + id + "&fields="
                        + enc("id,title,fileName,size,linkFlag,urlFlag") + "&pageSize=1000&page=1"))));
        long now = System.currentTimeMillis();
        if (now - siteReadAt.getOrDefault(site, 0L) > 60_000) {
            siteReadAt.put(site, now);
            parts.add(async(cwGet("/company/companies/" + company + "/sites/" + site)));
        }
        for (CompletableFuture<HttpResponse<String>> p : parts) {
            Json.parse(checked(p.join()));
        }
        ObjectNode body = createBody.deepCopy();
        body.put("incident_id", String.valueOf(id));
        ((ObjectNode) body.path("custom_fields")).put("value", String.valueOf(id));
        JsonNode wo = Json.parse(send(fnPost("/workorders", Json.write(body))));
        long woId = wo.path("id").asLong();
        send(fnPost("/workorders/" + woId + "/publish", null));
        ObjectNode note = Json.object().put("text", "Dispatched to Field Nation as work order #" + woId + ".")
                .put("detailDescriptionFlag", false).put("internalAnalysisFlag", true).put("resolutionFlag", false)
                .put("processNotifications", false);
        send(cwRequest("/service/tickets/" + id + "/notes").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(note))).build());
        Json.parse(send(cwGet("/service/tickets/" + id)));
    }

    private HttpRequest.Builder cwRequest(String path) {
        return HttpRequest.newBuilder(URI.create(cw.apiBaseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", cw.authorizationHeader()).header("clientId", cw.clientId())
                .header("Accept", "application/json");
    }

    private HttpRequest cwGet(String path) {
        return cwRequest(path).GET().build();
    }

    private HttpRequest fnPost(String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fn.restBaseUrl() + path + "?access_token="
                + enc(token))).timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        if (json != null) {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.POST(HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }

    private CompletableFuture<HttpResponse<String>> async(HttpRequest r) {
        return http.sendAsync(r, HttpResponse.BodyHandlers.ofString());
    }

    private String send(HttpRequest r) {
        try {
            return checked(http.send(r, HttpResponse.BodyHandlers.ofString()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(r.method() + " " + r.uri().getPath() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String checked(HttpResponse<String> r) {
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(r.request().method() + " " + r.uri().getPath() + " -> " + r.statusCode()
                    + " " + r.body());
        }
        return r.body();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
