package com.cwfn.sandbox.connectwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import com.cwfn.sandbox.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Callback registration and delivery, checked by a real HTTP receiver that verifies signatures on its own. */
class ConnectWiseCallbacksTest {
    static ConnectWiseSandbox cw;
    static Receiver receiver;
    CwClient client;

    /** What the receiver got. */
    record Received(String method, String uri, String signature, String contentType, byte[] body) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A small callback endpoint: records every request, answers the queued statuses (then 200). */
    static final class Receiver implements AutoCloseable {
        final HttpServer server;
        final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();

        Receiver() throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/", ex -> {
                byte[] body;
                try (InputStream in = ex.getRequestBody()) {
                    body = in.readAllBytes();
                }
                received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().toString(),
                        ex.getRequestHeaders().getFirst("x-content-signature"),
                        ex.getRequestHeaders().getFirst("Content-Type"), body));
                Integer status = answers.poll();
                ex.sendResponseHeaders(status == null ? 200 : status, -1);
                ex.close();
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        Received next() throws InterruptedException {
            Received r = received.poll(60, TimeUnit.SECONDS);
            assertThat(r).as("a callback arrived").isNotNull();
            return r;
        }

        void clear() {
            received.clear();
            answers.clear();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        cw = ConnectWiseSandbox.withDefaults().start(0);
        receiver = new Receiver();
    }

    @AfterAll
    static void stop() {
        cw.close();
        receiver.close();
    }

    @BeforeEach
    void reset() {
        cw.reset();
        cw.seedDemo();
        cw.callbackRetryDelay(Duration.ofMillis(50));
        receiver.clear();
        client = new CwClient(cw);
    }

    private long register(String path, String level, long objectId, boolean selfSuppressed) {
        ObjectNode body = Json.object();
        body.put("url", receiver.url(path));
        body.put("objectId", objectId);
        body.put("type", "ticket");
        body.put("level", level);
        body.put("description", "test");
        body.put("isSelfSuppressedFlag", selfSuppressed);
        CwClient.Res r = client.post("/system/callbacks", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    /** The signature check a receiver must do, written here independently of the sandbox. */
    static String expectedSignature(String signingKey, byte[] body) throws Exception {
        byte[] key = MessageDigest.getInstance("SHA-256").digest(signingKey.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    /** Fetches key_url with a plain GET, no credentials, as a receiver would. */
    static String fetchSigningKey(String keyUrl) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(keyUrl)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body()).get("signing_key").asText();
    }

    // ------------------------------------------------------------------ registration

    @Test
    void registerDuplicateInvalidListAndDelete() {
        ObjectNode body = Json.object();
        body.put("url", receiver.url("/cb?recordId="));
        body.put("objectId", 0);
        body.put("type", "Ticket");
        body.put("level", "OWNER");
        CwClient.Res r = client.post("/system/callbacks", body);
        assertThat(r.status()).isEqualTo(201);
        JsonNode cb = r.json();
        assertThat(cb.get("objectId").asLong()).isEqualTo(1);
        assertThat(cb.get("payloadVersion").asText()).isEqualTo("3.0.0");
        assertThat(cb.get("memberId").asLong()).isPositive();
        assertThat(cb.get("inactiveFlag").asBoolean()).isFalse();
        assertThat(cb.get("isSoapCallbackFlag").asBoolean()).isFalse();
        assertThat(cb.get("isSelfSuppressedFlag").asBoolean()).isFalse();
        assertThat(cb.get("connectWiseID").asText()).hasSize(36);
        assertThat(cb.at("/_info/lastUpdated").asText()).endsWith("Z");

        body.put("type", "ticket").put("level", "owner").put("objectId", 1);
        CwClient.Res dup = client.post("/system/callbacks", body);
        assertThat(dup.status()).isEqualTo(400);
        assertThat(dup.json().get("code").asText()).isEqualTo("InvalidObject");
        assertThat(dup.json().get("message").asText()).isEqualTo("callbackEntry object is invalid");
        assertThat(dup.json().at("/errors/0/code").asText()).isEqualTo("ObjectExists");
        assertThat(dup.json().at("/errors/0/message").asText()).isEqualTo("A matching callback entry already exists");
        assertThat(dup.json().at("/errors/0/field").asText()).isEqualTo("objectId");

        ObjectNode badLevel = body.deepCopy().put("level", "company");
        CwClient.Res lvl = client.post("/system/callbacks", badLevel);
        assertThat(lvl.status()).isEqualTo(400);
        assertThat(lvl.json().at("/errors/0/code").asText()).isEqualTo("InvalidObject");
        assertThat(lvl.json().at("/errors/0/message").asText())
                .isEqualTo("Unrecognized level for type, see documentation for supported levels for each type");
        assertThat(lvl.json().at("/errors/0/field").asText()).isEqualTo("level");

        CwClient.Res url = client.post("/system/callbacks", body.deepCopy().put("url", "ftp://example.com/cb"));
        assertThat(url.json().at("/errors/0/code").asText()).isEqualTo("InvalidField");
        assertThat(url.json().at("/errors/0/message").asText()).isEqualTo("Invalid URL");
        CwClient.Res missing = client.post("/system/callbacks", Json.object().put("url", receiver.url("/x")));
        assertThat(missing.json().get("errors")).extracting(e -> e.get("field").asText())
                .contains("objectId", "type", "level");

        long id = cb.get("id").asLong();
        assertThat(client.get("/system/callbacks?conditions=" + CwClient.q("url contains \"127.0.0.1\"")).json())
                .hasSize(1);
        assertThat(client.get("/system/callbacks?conditions=" + CwClient.q("url contains \"elsewhere\"")).json())
                .isEmpty();
        assertThat(client.get("/system/callbacks/" + id).json().get("level").asText()).isEqualToIgnoringCase("owner");
        ArrayNode patch = Json.array();
        patch.addObject().put("op", "replace").put("path", "inactiveFlag").put("value", true);
        assertThat(client.patch("/system/callbacks/" + id, patch).json().get("inactiveFlag").asBoolean()).isTrue();
        assertThat(client.delete("/system/callbacks/" + id).status()).isEqualTo(204);
        assertThat(client.get("/system/callbacks/" + id).status()).isEqualTo(404);
        assertThat(cw.callbacks()).isEmpty();
    }

    // ------------------------------------------------------------------ delivery

    @Test
    void ticketChangeDeliversASignedPostTheReceiverCanVerify() throws Exception {
        long cbId = register("/cb?recordId=", "owner", 0, false);
        cw.setStatus(100, "Dispatch to FN");

        Received got = receiver.next();
        assertThat(got.method()).isEqualTo("POST");
        assertThat(got.uri()).isEqualTo("/cb?recordId=100");
        assertThat(got.contentType()).startsWith("application/json");
        JsonNode p = got.json();
        assertThat(p.get("MessageId").asText()).hasSize(36);
        assertThat(p.get("FromUrl").asText()).isEqualTo(URI.create(cw.baseUrl()).getAuthority());
        assertThat(p.get("CompanyId").asText()).isEqualTo("examplemsp");
        assertThat(p.get("MemberId").asText()).isEqualTo("jsmith");
        assertThat(p.get("Action").asText()).isEqualTo("updated");
        assertThat(p.get("Type").asText()).isEqualTo("ticket");
        assertThat(p.get("ID").isNumber()).isTrue();
        assertThat(p.get("ID").asLong()).isEqualTo(100);
        assertThat(p.get("CallbackObjectRecId").asLong()).isEqualTo(cbId);
        assertThat(p.get("Entity").isTextual()).as("Entity is a JSON string").isTrue();
        JsonNode entity = Json.MAPPER.readTree(p.get("Entity").asText());
        assertThat(entity.get("id").asLong()).isEqualTo(100);
        assertThat(entity.at("/status/name").asText()).isEqualTo("Dispatch to FN");
        assertThat(entity.get("recordType").asText()).isEqualTo("ServiceTicket");

        String keyUrl = p.at("/Metadata/key_url").asText();
        assertThat(keyUrl).isEqualTo(cw.baseUrl() + "/v4_6_release//system/callbackkey/index.rails?companyName="
                + "examplemsp&id=" + cw.signingKeyId());
        String key = fetchSigningKey(keyUrl);
        assertThat(key).isEqualTo(cw.signingKey());
        assertThat(got.signature()).isEqualTo(expectedSignature(key, got.body()));
        assertThat(got.signature()).isNotEqualTo(expectedSignature(key + "x", got.body()));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(cw.deliveries())
                .hasSizeGreaterThanOrEqualTo(1));
        assertThat(cw.deliveries()).hasSize(1);
        CallbackDelivery d = cw.deliveries().get(0);
        assertThat(d.callbackId()).isEqualTo(cbId);
        assertThat(d.ticketId()).isEqualTo(100);
        assertThat(d.action()).isEqualTo("updated");
        assertThat(d.messageId()).isEqualTo(p.get("MessageId").asText());
        assertThat(d.status()).isEqualTo(200);
        assertThat(d.succeeded()).isTrue();

        HttpResponse<String> unknownKey = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                cw.baseUrl() + "/v4_6_release//system/callbackkey/index.rails?companyName=examplemsp&id=nope"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknownKey.statusCode()).isEqualTo(404);
    }

    @Test
    void restChangesAreByTheApiMemberAndCoverAddUpdateNoteDocumentDelete() throws Exception {
        register("/cb?id=", "owner", 1, false);
        CwClient.Res created = client.post("/service/tickets", Json.MAPPER.readTree(
                "{\"summary\":\"Scanner broken\",\"company\":{\"id\":2},\"initialDescription\":\"It beeps.\"}"));
        long id = created.json().get("id").asLong();
        JsonNode added = receiver.next().json();
        assertThat(added.get("Action").asText()).isEqualTo("added");
        assertThat(added.get("MemberId").asText()).isEqualTo("apimember");
        assertThat(added.get("ID").asLong()).isEqualTo(id);

        client.post("/service/tickets/" + id + "/notes", Json.MAPPER.readTree(
                "{\"text\":\"On it\",\"internalAnalysisFlag\":true}"));
        JsonNode note = receiver.next().json();
        assertThat(note.get("Action").asText()).isEqualTo("updated");
        assertThat(note.get("ID").asLong()).isEqualTo(id);

        client.multipart("/system/documents", CwClient.fields("recordType", "Ticket", "recordId", String.valueOf(id)),
                "a.txt", "text/plain", "abc".getBytes(StandardCharsets.UTF_8));
        assertThat(receiver.next().json().get("Action").asText()).isEqualTo("updated");

        cw.addNote(id, "from the UI", false);
        assertThat(receiver.next().json().get("MemberId").asText()).isEqualTo("jsmith");

        assertThat(client.delete("/service/tickets/" + id).status()).isEqualTo(204);
        Received del = receiver.next();
        JsonNode deleted = del.json();
        assertThat(deleted.get("Action").asText()).isEqualTo("deleted");
        assertThat(deleted.has("Entity")).isTrue();
        assertThat(deleted.get("Entity").isNull()).isTrue();
        assertThat(del.uri()).isEqualTo("/cb?id=" + id);
        assertThat(del.signature()).isEqualTo(expectedSignature(cw.signingKey(), del.body()));
    }

    @Test
    void retriesOn429WithTheSameMessageIdButNotOn500() throws Exception {
        register("/retry?recordId=", "ticket", 100, false);
        receiver.answers.add(429);
        receiver.answers.add(429);
        cw.addNote(100, "retry me", true);
        Received first = receiver.next();
        Received second = receiver.next();
        Received third = receiver.next();
        String msg = first.json().get("MessageId").asText();
        assertThat(second.json().get("MessageId").asText()).isEqualTo(msg);
        assertThat(third.json().get("MessageId").asText()).isEqualTo(msg);
        assertThat(third.body()).isEqualTo(first.body());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(cw.deliveries())
                .hasSizeGreaterThanOrEqualTo(3));
        assertThat(cw.deliveries()).extracting(CallbackDelivery::attempt).containsExactly(1, 2, 3);
        assertThat(cw.deliveries()).extracting(CallbackDelivery::status).containsExactly(429, 429, 200);
        assertThat(cw.deliveries()).extracting(CallbackDelivery::messageId).containsOnly(msg);

        // three 404s: two retries, then it gives up
        receiver.clear();
        receiver.answers.addAll(List.of(404, 404, 404));
        cw.addNote(100, "again", true);
        for (int i = 0; i < 3; i++) {
            receiver.next();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(cw.deliveries())
                .hasSizeGreaterThanOrEqualTo(6));
        // short on purpose: nothing more arrives
        assertThat(receiver.received.poll(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(cw.deliveries()).hasSize(6);

        // 500 is not retried
        receiver.clear();
        receiver.answers.add(500);
        cw.addNote(100, "fails", true);
        receiver.next();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(cw.deliveries())
                .hasSizeGreaterThanOrEqualTo(7));
        // short on purpose: nothing more arrives
        assertThat(receiver.received.poll(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(cw.deliveries()).hasSize(7);
        assertThat(cw.deliveries().get(6).status()).isEqualTo(500);
        assertThat(cw.callbacksInFlight()).isZero();
    }

    @Test
    void selfSuppressedCallbacksIgnoreApiChangesButNotUiChanges() throws Exception {
        register("/self?recordId=", "owner", 1, true);
        ArrayNode ops = Json.array();
        ops.addObject().put("op", "replace").put("path", "summary").put("value", "changed over REST");
        assertThat(client.patch("/service/tickets/100", ops).status()).isEqualTo(200);
        cw.addNote(100, "changed in the UI", false);
        // deliveries go out in change order: the first one to arrive must be the UI change
        JsonNode got = receiver.next().json();
        assertThat(got.get("MemberId").asText()).isEqualTo("jsmith");
        // short on purpose: nothing more arrives
        assertThat(receiver.received.poll(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(cw.deliveries()).hasSize(1);
    }

    @Test
    void scheduleCallbacksCarryTheEntryAndSuppressTheApiMembersOwnChanges() throws Exception {
        ObjectNode body = Json.object().put("url", receiver.url("/schedule?recordId=")).put("objectId", 1)
                .put("type", "schedule").put("level", "owner").put("isSelfSuppressedFlag", true);
        assertThat(client.post("/system/callbacks", body).status()).isEqualTo(201);
        java.time.Instant start = java.time.Instant.parse("2026-07-01T14:00:00Z");
        long entryId = cw.addScheduleEntry(100, start, start.plusSeconds(3600)).path("id").asLong();
        Received added = receiver.next();
        assertThat(added.uri()).isEqualTo("/schedule?recordId=" + entryId);
        assertThat(added.signature()).isEqualTo(expectedSignature(fetchSigningKey(added.json().path("Metadata")
                .path("key_url").asText()), added.body()));
        JsonNode a = added.json();
        assertThat(a.path("Type").asText()).isEqualTo("schedule");
        assertThat(a.path("Action").asText()).isEqualTo("added");
        assertThat(a.path("ID").asLong()).isEqualTo(entryId);
        JsonNode entity = Json.parse(a.path("Entity").asText());
        assertThat(entity.path("objectId").asLong()).isEqualTo(100);
        assertThat(entity.path("type").path("identifier").asText()).isEqualTo("S");
        assertThat(entity.path("dateStart").asText()).isEqualTo("2026-07-01T14:00:00Z");

        cw.moveScheduleEntry(entryId, start.plusSeconds(86400), start.plusSeconds(90000));
        JsonNode moved = receiver.next().json();
        assertThat(moved.path("Action").asText()).isEqualTo("updated");
        assertThat(Json.parse(moved.path("Entity").asText()).path("dateStart").asText())
                .isEqualTo("2026-07-02T14:00:00Z");
        // the API member's own change (the connector's) is not sent to a self-suppressed callback
        ArrayNode ops = Json.array();
        ops.addObject().put("op", "replace").put("path", "dateStart").put("value", "2026-07-03T14:00:00Z");
        ops.addObject().put("op", "replace").put("path", "dateEnd").put("value", "2026-07-03T15:00:00Z");
        assertThat(client.patch("/schedule/entries/" + entryId, ops).status()).isEqualTo(200);
        // short on purpose: nothing more arrives
        assertThat(receiver.received.poll(300, TimeUnit.MILLISECONDS)).isNull();
        cw.deleteScheduleEntry(entryId);
        JsonNode deleted = receiver.next().json();
        assertThat(deleted.path("Action").asText()).isEqualTo("deleted");
        assertThat(deleted.path("Entity").isNull()).isTrue();
        // a ticket change goes to ticket callbacks only
        cw.setStatus(100, "Assigned");
        // short on purpose: nothing more arrives
        assertThat(receiver.received.poll(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(cw.deliveries()).extracting(CallbackDelivery::type).containsOnly("schedule");
    }

    @Test
    void droppedCallbacksChangeTheTicketButSendNothing() throws Exception {
        register("/drop?recordId=", "owner", 1, false);
        cw.dropCallbacks(true);
        cw.setStatus(100, "Assigned");
        assertThat(cw.ticket(100).orElseThrow().at("/status/name").asText()).isEqualTo("Assigned");
        cw.dropCallbacks(false);
        cw.setStatus(100, "In Progress");
        JsonNode got = receiver.next().json();
        assertThat(Json.MAPPER.readTree(got.get("Entity").asText()).at("/status/name").asText())
                .isEqualTo("In Progress");
        // short on purpose: nothing more arrives
        assertThat(receiver.received.poll(300, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void duplicateCallbacksRepeatTheSameMessageId() throws Exception {
        register("/dup?recordId=", "owner", 1, false);
        cw.duplicateCallbacks(3);
        cw.setStatus(100, "Assigned");
        String a = receiver.next().json().get("MessageId").asText();
        String b = receiver.next().json().get("MessageId").asText();
        String c = receiver.next().json().get("MessageId").asText();
        assertThat(List.of(b, c)).containsOnly(a);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(cw.deliveries())
                .hasSizeGreaterThanOrEqualTo(3));
        assertThat(cw.deliveries()).extracting(CallbackDelivery::copy).containsExactlyInAnyOrder(1, 2, 3);
    }

    @Test
    void levelsSelectTickets() throws Exception {
        long board2 = register("/board2?recordId=", "board", 2, false);
        long status = register("/status?recordId=", "status", 2, false); // Dispatch to FN on Field Services
        long inactive = register("/inactive?recordId=", "owner", 1, false);
        ArrayNode off = Json.array();
        off.addObject().put("op", "replace").put("path", "inactiveFlag").put("value", true);
        client.patch("/system/callbacks/" + inactive, off);

        cw.setStatus(100, "Dispatch to FN");
        Received s = receiver.next();
        assertThat(s.uri()).isEqualTo("/status?recordId=100");
        assertThat(s.json().get("CallbackObjectRecId").asLong()).isEqualTo(status);
        // short on purpose: nothing more arrives
        assertThat(receiver.received.poll(300, TimeUnit.MILLISECONDS)).isNull();

        ArrayNode move = Json.array();
        move.addObject().put("op", "replace").put("path", "board").set("value", Json.object().put("name",
                "Help Desk"));
        cw.patchTicket(100, move);
        Received b = receiver.next();
        assertThat(b.uri()).isEqualTo("/board2?recordId=100");
        assertThat(b.json().get("CallbackObjectRecId").asLong()).isEqualTo(board2);
        assertThat(Json.MAPPER.readTree(b.json().get("Entity").asText()).at("/status/name").asText())
                .isEqualTo("Dispatch to FN");
    }

    @Test
    void unreachableReceiverIsRecordedAndDoesNotBlockTheApi() throws Exception {
        ObjectNode body = Json.object();
        body.put("url", "http://127.0.0.1:9/nothing?recordId=");
        body.put("objectId", 1).put("type", "ticket").put("level", "owner");
        assertThat(client.post("/system/callbacks", body).status()).isEqualTo(201);
        ArrayNode ops = Json.array();
        ops.addObject().put("op", "replace").put("path", "summary").put("value", "x");
        long t0 = System.nanoTime();
        assertThat(client.patch("/service/tickets/100", ops).status()).isEqualTo(200);
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1000);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(cw.deliveries())
                .hasSizeGreaterThanOrEqualTo(1));
        assertThat(cw.deliveries()).hasSize(1);
        assertThat(cw.deliveries().get(0).status()).isNull();
        assertThat(cw.deliveries().get(0).error()).isNotBlank();
    }
}
