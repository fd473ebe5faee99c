package com.cwfn.sandbox.fieldnation;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import com.cwfn.sandbox.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FnWebhookTest {
    static final String SECRET = "0d1f6a52-3c3e-4a53-9d8e-1f2a3b4c5d6e";
    static FieldNationSandbox fn;
    FnClient c;
    WebhookReceiver receiver;

    @BeforeAll
    static void start() {
        fn = FieldNationSandbox.withDefaults().start(0);
    }

    @AfterAll
    static void stop() {
        fn.close();
    }

    @BeforeEach
    void reset() throws Exception {
        fn.reset();
        fn.webhookRetryBaseDelay(Duration.ofMillis(100)).webhookMaxRetries(7).webhookTimeout(Duration.ofSeconds(5));
        c = new FnClient(fn).login();
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    /** Registers {@code events} for the receiver through the v3 API; returns the webhook object. */
    private JsonNode register(String... events) {
        ObjectNode b = Json.object().put("url", receiver.url()).put("method", "post").put("status", "active")
                .put("secret", SECRET).put("notificationEmail", "ops@msp.example").put("isIntegrationOnly", true);
        var ev = b.putArray("events");
        for (String e : events) {
            ev.add(e);
        }
        FnClient.Resp r = c.hooks("POST", "", b);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("result");
    }

    private long createWorkOrder(String title) {
        FnClient.Resp r = c.post("/workorders", FnClient.completeWorkOrder(title));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("id").asLong();
    }

    /** The test's own HMAC-SHA256 (not the sandbox's). */
    private static String hmacHex(String key, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        StringBuilder sb = new StringBuilder();
        for (byte x : mac.doFinal(body)) {
            sb.append(String.format("%02x", x));
        }
        return sb.toString();
    }

    private List<WebhookReceiver.Received> awaitReceived(int n) {
        await().atMost(60, SECONDS).until(() -> receiver.received().size() >= n);
        return receiver.received();
    }

    @Test
    void managementApiNeedsABearerTokenAndValidatesTheWebhook() {
        String token = c.token;
        c.token = null;
        FnClient.Resp noAuth = c.hooks("GET", "", null);
        assertThat(noAuth.status()).isEqualTo(401);
        JsonNode err = noAuth.json();
        assertThat(err.path("metadata").path("path").asText()).isEqualTo("/api/v1/webhooks");
        assertThat(err.path("metadata").path("timestamp").asText()).isNotEmpty();
        assertThat(err.path("errors").get(0).path("code").asInt()).isEqualTo(401);
        assertThat(err.path("result").isObject()).isTrue();
        c.token = token;

        ObjectNode bad = Json.object().put("url", receiver.url()).put("method", "post").put("status", "active");
        bad.putArray("events").add("workorder.created").add("workorder.updated");
        FnClient.Resp invalid = c.hooks("POST", "", bad);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("errors").get(0).path("message").asText()).contains("workorder.updated");
        ObjectNode noUrl = Json.object().put("method", "post").put("status", "active");
        noUrl.putArray("events").add("workorder.created");
        assertThat(c.hooks("POST", "", noUrl).status()).isEqualTo(400);
        ObjectNode badMethod = noUrl.deepCopy().put("url", receiver.url()).put("method", "get");
        assertThat(c.hooks("POST", "", badMethod).status()).isEqualTo(400);
        // the published formats: secret a UUID, url HTTPS (loopback hosts excepted), notificationEmail an email,
        // events unique, enums exact
        ObjectNode good = noUrl.deepCopy().put("url", receiver.url());
        assertThat(refusal(good.deepCopy().put("secret", "not-a-uuid"))).contains("secret");
        assertThat(refusal(good.deepCopy().put("url", "http://connector.example.com/webhooks/fieldnation")))
                .contains("HTTPS");
        assertThat(refusal(good.deepCopy().put("notificationEmail", "ops at msp"))).contains("notificationEmail");
        assertThat(refusal(good.deepCopy().put("method", "POST"))).contains("method");
        ObjectNode twice = good.deepCopy();
        twice.putArray("events").add("workorder.created").add("workorder.created");
        assertThat(refusal(twice)).contains("unique");
        assertThat(fn.webhooks()).isEmpty();
        ObjectNode https = good.deepCopy().put("url", "https://connector.example.com/webhooks/fieldnation");
        assertThat(c.hooks("POST", "", https).status()).isEqualTo(200);
        fn.reset();
        assertThat(c.hooks("POST", "", good.deepCopy().put("url", "http://localhost:9/hook")).status())
                .as("loopback").isEqualTo(200);
        fn.reset();

        JsonNode w = register("workorder.created", "workorder.status.work_done");
        for (String f : List.of("id", "webhookId", "companyId", "userId", "events", "url", "method", "status",
                "secret", "notificationEmail", "createdAt", "updatedAt")) {
            assertThat(w.has(f)).as(f).isTrue();
        }
        assertThat(w.path("userId").asLong()).isEqualTo(500);
        assertThat(w.path("secret").asText()).isEqualTo(SECRET);
        String id = w.path("webhookId").asText();

        JsonNode list = c.hooks("GET", "", null).json();
        assertThat(list.path("metadata").path("total").asInt()).isEqualTo(1);
        assertThat(list.path("metadata").path("count").asInt()).isEqualTo(1);
        assertThat(list.path("result").get(0).path("webhookId").asText()).isEqualTo(id);
        assertThat(c.hooks("GET", "/" + id, null).json().path("result").path("url").asText()).isEqualTo(receiver.url());

        JsonNode updated = c.hooks("PUT", "/" + id, Json.object().put("status", "inactive")).json().path("result");
        assertThat(updated.path("status").asText()).isEqualTo("inactive");
        assertThat(updated.path("events")).hasSize(2);
        assertThat(fn.webhooks()).hasSize(1);

        JsonNode catalog = c.hooks("GET", "/events?model=WorkOrder", null).json();
        assertThat(catalog.path("result")).hasSize(33);
        assertThat(catalog.path("result").get(0).has("label")).isTrue();

        assertThat(c.hooks("DELETE", "/" + id, null).status()).isEqualTo(200);
        assertThat(c.hooks("GET", "/" + id, null).status()).isEqualTo(404);
    }

    private String refusal(ObjectNode body) {
        FnClient.Resp r = c.hooks("POST", "", body);
        assertThat(r.status()).as(body.toString()).isEqualTo(400);
        return r.json().path("errors").get(0).path("message").asText();
    }

    @Test
    void anEventIsDeliveredSignedWithTheDocumentedEnvelopeAndHeaders() throws Exception {
        JsonNode hook = register("workorder.created");
        long wo = createWorkOrder("Signed delivery");
        WebhookReceiver.Received r = awaitReceived(1).get(0);

        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.header("X-FN-Signature")).isEqualTo("sha256=" + hmacHex(SECRET, r.body()));
        assertThat(r.header("X-FN-Delivery-Id")).matches("[0-9a-f-]{36}:1");
        assertThat(r.header("X-FN-Webhook-Id")).isEqualTo(hook.path("webhookId").asText());
        assertThat(r.header("X-FN-Event-Trace-Id")).isNotEmpty();
        assertThat(Long.parseLong(r.header("X-FN-Request-Timestamp"))).isCloseTo(System.currentTimeMillis(),
                org.assertj.core.data.Offset.offset(60_000L));
        assertThat(r.header("x-fn-event-name")).isEqualTo("workorder.created");
        assertThat(r.header("x-fn-timestamp")).isNotEmpty();

        JsonNode body = r.json();
        assertThat(body.path("event").path("name").asText()).isEqualTo("workorder.created");
        assertThat(body.path("event").path("params").path("work_order_id").asLong()).isEqualTo(wo);
        assertThat(body.path("event").path("params").path("status_id").asInt()).isEqualTo(1);
        assertThat(OffsetDateTime.parse(body.path("timestamp").asText())).isNotNull();
        assertThat(body.path("timestamp").asText()).matches(".*[+-]\\d{2}:\\d{2}$");
        assertThat(body.path("triggered_by_user").path("id").asLong()).isEqualTo(500);
        assertThat(body.path("workorder").path("id").asLong()).isEqualTo(wo);
        assertThat(body.path("workorder").path("title").asText()).isEqualTo("Signed delivery");
        assertThat(body.path("workorder").path("status").path("id").asInt()).isEqualTo(1);
        assertThat(body.path("workorder").path("custom_fields").has("results")).isTrue();

        await().atMost(60, SECONDS).until(() -> !fn.deliveries().isEmpty());
        WebhookDelivery d = fn.deliveries().get(0);
        assertThat(d.deliveryId()).isEqualTo(r.header("X-FN-Delivery-Id"));
        assertThat(d.eventName()).isEqualTo("workorder.created");
        assertThat(d.workOrderId()).isEqualTo(wo);
        assertThat(d.status()).isEqualTo(200);
        assertThat(d.outcome()).isEqualTo(WebhookDelivery.Outcome.DELIVERED);

        JsonNode logs = c.hooks("GET", "/delivery-logs?workOrderId=" + wo, null).json();
        assertThat(logs.path("result")).hasSize(1);
        assertThat(logs.path("result").get(0).path("deliveryStatus").asInt()).isEqualTo(200);
        assertThat(logs.path("result").get(0).path("deliveryAttempt").asInt()).isEqualTo(1);
        assertThat(c.hooks("GET", "/delivery-logs/" + d.deliveryId(), null).json().path("result")
                .path("delivery_log").asText()).startsWith(fn.baseUrl());
    }

    @Test
    void a500IsRetriedWithTheSameDeliveryUuidAndTheNextAttemptNumber() throws Exception {
        register("workorder.created");
        receiver.answer(500);
        createWorkOrder("Retry me");
        List<WebhookReceiver.Received> got = awaitReceived(2);
        String[] first = got.get(0).header("X-FN-Delivery-Id").split(":");
        String[] second = got.get(1).header("X-FN-Delivery-Id").split(":");
        assertThat(second[0]).isEqualTo(first[0]);
        assertThat(first[1]).isEqualTo("1");
        assertThat(second[1]).isEqualTo("2");
        assertThat(got.get(1).body()).isEqualTo(got.get(0).body());
        assertThat(got.get(1).header("X-FN-Signature")).isEqualTo("sha256=" + hmacHex(SECRET, got.get(1).body()));
        assertThat(Long.parseLong(got.get(1).header("X-FN-Request-Timestamp"))
                - Long.parseLong(got.get(0).header("X-FN-Request-Timestamp"))).isGreaterThanOrEqualTo(90);

        await().atMost(60, SECONDS).until(() -> fn.deliveries().size() >= 2);
        assertThat(fn.deliveries()).extracting(WebhookDelivery::outcome).containsExactly(
                WebhookDelivery.Outcome.RETRY_SCHEDULED, WebhookDelivery.Outcome.DELIVERED);
        Thread.sleep(300); // short on purpose: nothing more may arrive (three base delays of 100 ms)
        assertThat(receiver.received()).hasSize(2);
    }

    @Test
    void a400IsNotRetriedAndTheNextEventStillGoesOut() throws Exception {
        register("workorder.created", "workorder.status.published");
        receiver.answer(400);
        long wo = createWorkOrder("Refused");
        awaitReceived(1);
        Thread.sleep(500); // five base delays: a retry would have happened by now
        assertThat(receiver.received()).hasSize(1);
        assertThat(fn.deliveries().get(0).outcome()).isEqualTo(WebhookDelivery.Outcome.FAILED_PERMANENT);
        assertThat(fn.deliveries().get(0).status()).isEqualTo(400);

        c.post("/workorders/" + wo + "/publish", null);
        List<WebhookReceiver.Received> got = awaitReceived(2);
        assertThat(got.get(1).json().path("event").path("name").asText()).isEqualTo("workorder.status.published");
        assertThat(got.get(1).header("X-FN-Delivery-Id")).endsWith(":1");
    }

    @Test
    void eventsOfOneWorkOrderArriveInOrderEvenAcrossRetries() {
        register(FnEvents.names().toArray(new String[0]));
        receiver.answer(503, 500); // the first event needs two retries; later events must wait behind it
        long wo = createWorkOrder("Ordered");
        c.post("/workorders/" + wo + "/publish", null);
        c.post("/workorders/" + wo + "/route", Json.object().set("technician", Json.object().put("id", 1068)));
        fn.assignProvider(wo, 1068);
        fn.providerMessage(wo, "on my way");
        fn.checkIn(wo);
        fn.completeWork(wo, "done");
        c.post("/workorders/" + wo + "/approve", null);

        List<String> expected = new ArrayList<>();
        fn.events().stream().filter(e -> e.workOrderId() == wo).forEach(e -> expected.add(e.name()));
        assertThat(expected).hasSize(9);
        List<WebhookReceiver.Received> got = awaitReceived(expected.size() + 2);
        Set<String> seen = new LinkedHashSet<>();
        List<String> arrived = new ArrayList<>();
        for (WebhookReceiver.Received r : got) {
            if (seen.add(r.header("X-FN-Delivery-Id").split(":")[0])) {
                arrived.add(r.json().path("event").path("name").asText());
            }
        }
        assertThat(arrived).containsExactlyElementsOf(expected);
        assertThat(got.get(0).header("X-FN-Delivery-Id")).endsWith(":1");
        assertThat(got.get(1).header("X-FN-Delivery-Id")).endsWith(":2");
        assertThat(got.get(2).header("X-FN-Delivery-Id")).endsWith(":3");
        assertThat(got.get(3).json().path("event").path("name").asText()).isEqualTo("workorder.status.published");
    }

    @Test
    void flatShapeSwitchSendsTheAlternativeEnvelope() {
        register("workorder.created");
        fn.flatWebhookShape(true);
        long wo = createWorkOrder("Flat");
        JsonNode body = awaitReceived(1).get(0).json();
        assertThat(body.path("eventName").asText()).isEqualTo("workorder.created");
        assertThat(body.path("eventId").asText()).isNotEmpty();
        assertThat(body.path("workOrderId").asLong()).isEqualTo(wo);
        assertThat(body.path("timestamp").asText()).isNotEmpty();
        assertThat(body.path("data").path("id").asLong()).isEqualTo(wo);
        assertThat(body.has("event")).isFalse();
    }

    @Test
    void duplicateAndDropSwitches() throws Exception {
        register("workorder.created");
        fn.duplicateWebhooks(2);
        createWorkOrder("Twice");
        List<WebhookReceiver.Received> got = awaitReceived(2);
        assertThat(got.get(1).header("X-FN-Delivery-Id")).isEqualTo(got.get(0).header("X-FN-Delivery-Id"));
        assertThat(got.get(1).body()).isEqualTo(got.get(0).body());

        fn.duplicateWebhooks(1).dropWebhooks(true);
        createWorkOrder("Dropped");
        Thread.sleep(300); // short on purpose: nothing more may arrive (three base delays of 100 ms)
        assertThat(receiver.received()).hasSize(2);
        assertThat(fn.deliveries()).extracting(WebhookDelivery::outcome).contains(WebhookDelivery.Outcome.DROPPED);
    }

    @Test
    void controlApiActionsAreDeliveredWithTheActorAndEventParams() {
        register("workorder.message_posted", "workorder.provider_upload", "workorder.schedule_updated",
                "workorder.status.work_done");
        long wo = createWorkOrder("Provider side");
        c.post("/workorders/" + wo + "/publish", null);
        fn.assignProvider(wo, 1068);
        JsonNode msg = fn.providerMessage(wo, "Parts are on backorder");
        JsonNode file = fn.providerUpload(wo, "photo.jpg", "image/jpeg", new byte[] {1, 2, 3, 4});
        ObjectNode sw = Json.object().put("mode", "exact");
        sw.putObject("start").put("utc", "2026-07-03 15:00:00");
        fn.updateSchedule(wo, sw);
        fn.completeWork(wo, "Swapped the terminal");

        List<WebhookReceiver.Received> got = awaitReceived(4);
        JsonNode m = got.get(0).json();
        assertThat(m.path("event").path("name").asText()).isEqualTo("workorder.message_posted");
        assertThat(m.path("triggered_by_user").path("id").asLong()).isEqualTo(1068);
        assertThat(m.path("event").path("params").path("message").path("message").asText())
                .isEqualTo("Parts are on backorder");
        assertThat(m.path("event").path("params").path("message_id").asText()).isEqualTo(msg.path("msg_id").asText());

        JsonNode u = got.get(1).json();
        assertThat(u.path("event").path("name").asText()).isEqualTo("workorder.provider_upload");
        JsonNode p = u.path("event").path("params");
        assertThat(p.path("attachment_id").asLong()).isEqualTo(file.path("id").asLong());
        assertThat(p.path("file").path("name").asText()).isEqualTo("photo.jpg");
        assertThat(p.path("file").path("mime").asText()).isEqualTo("image/jpeg");
        assertThat(p.path("file").path("size_bytes").asInt()).isEqualTo(4);
        assertThat(p.path("file").path("link").asText()).startsWith(fn.baseUrl() + "/files/");

        JsonNode s = got.get(2).json();
        assertThat(s.path("event").path("name").asText()).isEqualTo("workorder.schedule_updated");
        assertThat(s.path("triggered_by_user").path("id").asLong()).isEqualTo(501);
        assertThat(s.path("event").path("params").path("service_window").path("start").path("utc").asText())
                .isEqualTo("2026-07-03 15:00:00");

        JsonNode d = got.get(3).json();
        assertThat(d.path("event").path("name").asText()).isEqualTo("workorder.status.work_done");
        assertThat(d.path("event").path("params").path("status_id").asInt()).isEqualTo(4);
        assertThat(d.path("event").path("params").path("previous_status_id").asInt()).isEqualTo(3);
        assertThat(d.path("workorder").path("closing_notes").asText()).isEqualTo("Swapped the terminal");
        assertThat(d.path("triggered_by_user").path("id").asLong()).isEqualTo(1068);
    }

    @Test
    void putMethodCustomHeadersAndInactiveWebhooks() throws Exception {
        ObjectNode b = Json.object().put("url", receiver.url()).put("method", "put").put("status", "active");
        b.putArray("events").add("workorder.created");
        b.putObject("webhookAttribute").putObject("header").put("X-Env", "sandbox");
        JsonNode hook = c.hooks("POST", "", b).json().path("result");
        assertThat(hook.path("secret").asText()).as("auto-generated secret").isNotEmpty();

        ObjectNode reserved = b.deepCopy();
        ((ObjectNode) reserved.path("webhookAttribute").path("header")).put("x-fn-custom", "no");
        assertThat(c.hooks("POST", "", reserved).status()).isEqualTo(400);

        createWorkOrder("PUT delivery");
        WebhookReceiver.Received r = awaitReceived(1).get(0);
        assertThat(r.method()).isEqualTo("PUT");
        assertThat(r.header("X-Env")).isEqualTo("sandbox");
        assertThat(r.header("X-FN-Signature")).isEqualTo("sha256="
                + hmacHex(hook.path("secret").asText(), r.body()));

        c.hooks("PUT", "/" + hook.path("webhookId").asText(), Json.object().put("status", "inactive"));
        createWorkOrder("not delivered");
        Thread.sleep(300); // short on purpose: nothing more may arrive (three base delays of 100 ms)
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void connectionErrorsAreRetriedUntilTheRetriesAreUsedUp() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        ObjectNode b = Json.object().put("url", "http://127.0.0.1:" + deadPort + "/hook").put("method", "post")
                .put("status", "active");
        b.putArray("events").add("workorder.created");
        assertThat(c.hooks("POST", "", b).status()).isEqualTo(200);
        fn.webhookMaxRetries(2).webhookRetryBaseDelay(Duration.ofMillis(50));
        createWorkOrder("Nobody listens");
        await().atMost(60, SECONDS).until(() -> fn.deliveries().size() >= 3 && fn.pendingDeliveries() == 0);
        List<WebhookDelivery> ds = fn.deliveries();
        assertThat(ds).extracting(WebhookDelivery::attempt).containsExactly(1, 2, 3);
        assertThat(ds).extracting(WebhookDelivery::outcome).containsExactly(WebhookDelivery.Outcome.RETRY_SCHEDULED,
                WebhookDelivery.Outcome.RETRY_SCHEDULED, WebhookDelivery.Outcome.FAILED_EXHAUSTED);
        assertThat(ds.get(0).status()).isZero();
        assertThat(ds.get(0).error()).isNotEmpty();
        assertThat(ds).extracting(WebhookDelivery::deliveryUuid).containsOnly(ds.get(0).deliveryUuid());
    }

    @Test
    void manualRedeliveryThroughTheDeliveryLogsApiAndStringWorkOrderIds() {
        register("workorder.created");
        fn.stringWorkOrderIdInParams(true);
        receiver.answer(404);
        long wo = createWorkOrder("Redeliver me");
        WebhookReceiver.Received first = awaitReceived(1).get(0);
        assertThat(first.json().path("event").path("params").path("work_order_id").isTextual()).isTrue();
        assertThat(first.json().path("event").path("params").path("work_order_id").asText()).isEqualTo(
                String.valueOf(wo));
        await().atMost(60, SECONDS).until(() -> fn.deliveries().size() == 1 && fn.pendingDeliveries() == 0);
        String deliveryId = fn.deliveries().get(0).deliveryId();
        assertThat(fn.deliveries().get(0).outcome()).isEqualTo(WebhookDelivery.Outcome.FAILED_PERMANENT);

        FnClient.Resp retry = c.hooks("PATCH", "/delivery-logs/" + deliveryId + "/retry", null);
        assertThat(retry.status()).as(retry.body()).isEqualTo(200);
        String job = retry.json().path("result").path("job_id").asText();
        WebhookReceiver.Received again = awaitReceived(2).get(1);
        assertThat(again.header("X-FN-Delivery-Id")).isEqualTo(job + ":1");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(c.hooks("PATCH", "/delivery-logs/nope/retry", null).status()).isEqualTo(404);
    }
}
