package com.cwfn.syncback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import com.cwfn.json.Json;
import com.cwfn.sandbox.fieldnation.WebhookDelivery;
import com.cwfn.store.Link;
import com.cwfn.store.LinkStore;
import com.cwfn.testing.Env;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Field Nation events written back to ConnectWise, end to end over HTTP through both sandboxes. */
class SyncBackTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static Env env;

    @BeforeAll
    static void start() {
        env = Env.start(Map.of());
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    static long ticketOf(long woId) {
        return env.connector.bean("linkStore", LinkStore.class).findByWorkOrder(woId).map(Link::ticketId).orElseThrow();
    }

    static String status(long ticketId) {
        return env.cw.ticket(ticketId).orElseThrow().path("status").path("name").asText();
    }

    @Test
    void statusesFollowTheShippedMapAndAnUnmappedOneChangesNothing() {
        long wo = env.dispatchedWorkOrder("Status journey");
        long ticket = ticketOf(wo);
        env.cw.setStatus(ticket, "In Progress");
        env.quiesce();

        env.fn.route(wo, 1068); // Routed is not in the status map
        env.quiesce();
        assertThat(status(ticket)).isEqualTo("In Progress");

        env.fn.assignProvider(wo, 1068);
        await().atMost(WAIT).until(() -> status(ticket).equals("Assigned"));
        env.fn.completeWork(wo, "Replaced the power supply.\nTested OK.");
        await().atMost(WAIT).until(() -> status(ticket).equals("Completed"));
        env.fn.approve(wo);
        await().atMost(WAIT).until(() -> status(ticket).equals("Closed"));
        env.quiesce();
        // the closing notes became one resolution note
        assertThat(env.cw.notes(ticket).stream().filter(n -> n.path("resolutionFlag").asBoolean()
                && n.path("text").asText().contains("Replaced the power supply.")).count()).isEqualTo(1);

        long other = env.dispatchedWorkOrder("To be cancelled");
        env.fn.cancel(other);
        await().atMost(WAIT).until(() -> status(ticketOf(other)).equals("Cancelled"));
    }

    @Test
    void anOlderStatusArrivingLateDoesNotUndoANewerOne() throws Exception {
        long wo = env.dispatchedWorkOrder("Late event");
        long ticket = ticketOf(wo);
        env.fn.assignProvider(wo, 1068);
        env.fn.completeWork(wo, "");
        await().atMost(WAIT).until(() -> status(ticket).equals("Completed"));
        env.quiesce();
        String late = "{\"event\":{\"name\":\"workorder.status.assigned\",\"params\":{\"work_order_id\":" + wo
                + ",\"status_id\":3}},\"timestamp\":\"" + Instant.now().minus(Duration.ofHours(1)).atOffset(
                ZoneOffset.ofHours(-5)) + "\",\"triggered_by_user\":{\"id\":1068},\"workorder\":{\"id\":" + wo + "}}";
        assertThat(env.postWebhook(late, "late-" + wo + ":1").statusCode()).isEqualTo(202);
        env.quiesce();
        assertThat(status(ticket)).isEqualTo("Completed");
    }

    @Test
    void aMessageBecomesOneNoteEvenDeliveredTwiceAndNothingEchoes() {
        long wo = env.dispatchedWorkOrder("Messages");
        long ticket = ticketOf(wo);
        env.fn.providerMessage(wo, "On my way, ETA 20 minutes");
        await().atMost(WAIT).until(() -> env.notesContaining(ticket, "On my way, ETA 20 minutes") == 1);
        JsonNode note = env.cw.notes(ticket).stream().filter(n -> n.path("text").asText().contains("ETA 20"))
                .findFirst().orElseThrow();
        assertThat(note.path("internalAnalysisFlag").asBoolean()).as("sync.notes.flag=internal").isTrue();
        assertThat(note.path("text").asText()).contains("Pat Tech").contains("UTC");

        // the same delivery again (a retry with the next attempt number): still one note
        WebhookDelivery d = env.fn.deliveries().stream()
                .filter(x -> x.eventName().equals("workorder.message_posted") && x.workOrderId() == wo)
                .findFirst().orElseThrow();
        String again = d.deliveryUuid() + ":" + (d.attempt() + 1);
        assertThat(env.postWebhook(d.requestBody(), again).statusCode()).isEqualTo(202);
        env.quiesce();
        assertThat(env.notesContaining(ticket, "On my way, ETA 20 minutes")).isEqualTo(1);

        // the connector's note did not come back as a message, and a ConnectWise note goes over once
        assertThat(env.fn.messages(wo).stream().filter(m -> m.path("message").asText().contains("ETA 20")).count())
                .isEqualTo(1);
        env.cw.addNote(ticket, "Please call the store manager first", false);
        await().atMost(WAIT).until(() -> env.fn.messages(wo).stream()
                .anyMatch(m -> m.path("message").asText().contains("store manager")));
        env.quiesce();
        // the message the connector posted came back as a webhook: it is not a new note
        assertThat(env.notesContaining(ticket, "Please call the store manager first")).isEqualTo(1);
        assertThat(env.fn.messages(wo).stream().filter(m -> m.path("message").asText().contains("store manager"))
                .count()).isEqualTo(1);
    }

    @Test
    void theFlatWebhookShapeIsUnderstoodToo() {
        long wo = env.dispatchedWorkOrder("Flat shape");
        long ticket = ticketOf(wo);
        env.fn.flatWebhookShape(true);
        try {
            env.fn.providerMessage(wo, "Sent in the flat shape");
            await().atMost(WAIT).until(() -> env.notesContaining(ticket, "Sent in the flat shape") == 1);
            env.fn.providerUpload(wo, "flat.png", "image/png", new byte[] {9, 8, 7});
            await().atMost(WAIT).until(() -> env.cw.documents(ticket).stream()
                    .anyMatch(d -> d.path("fileName").asText().equals("flat.png")));
            env.fn.assignProvider(wo, 1068);
            await().atMost(WAIT).until(() -> status(ticket).equals("Assigned"));
            env.quiesce();
            assertThat(env.notesContaining(ticket, "Sent in the flat shape")).isEqualTo(1);
            assertThat(env.cw.documents(ticket).stream().filter(d -> d.path("fileName").asText().equals("flat.png"))
                    .count()).isEqualTo(1);
        } finally {
            env.fn.flatWebhookShape(false);
        }
    }

    @Test
    void aProviderUploadBecomesOnePrivateDocumentWithIdenticalBytes() {
        long wo = env.dispatchedWorkOrder("Uploads");
        long ticket = ticketOf(wo);
        byte[] photo = new byte[70_000];
        new java.util.Random(7).nextBytes(photo);
        env.fn.providerUpload(wo, "after-repair.jpg", "image/jpeg", photo);
        await().atMost(WAIT).until(() -> env.cw.documents(ticket).stream()
                .anyMatch(d -> d.path("fileName").asText().equals("after-repair.jpg")));
        env.quiesce();
        var docs = env.cw.documents(ticket).stream().filter(d -> d.path("fileName").asText()
                .equals("after-repair.jpg")).toList();
        assertThat(docs).hasSize(1);
        assertThat(docs.get(0).path("privateFlag").asBoolean()).isTrue();
        assertThat(env.cw.documentContent(docs.get(0).path("id").asLong())).isEqualTo(photo);
        // the document the connector added does not travel back to Field Nation as an attachment
        env.cw.setStatus(ticket, "In Progress");
        env.quiesce();
        assertThat(env.fn.attachments(wo).stream().filter(a -> a.path("file").path("name").asText()
                .equals("after-repair.jpg")).count()).isEqualTo(1);
    }

    @Test
    void aScheduleChangeMovesTheScheduleEntry() {
        long wo = env.dispatchedWorkOrder("Reschedule");
        long ticket = ticketOf(wo);
        Instant start = Instant.now().plus(Duration.ofDays(5)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
        ObjectNode window = Json.object().put("mode", "between");
        window.putObject("start").put("utc", f.format(start));
        window.putObject("end").put("utc", f.format(start.plus(Duration.ofHours(3))));
        env.fn.updateSchedule(wo, window);
        await().atMost(WAIT).until(() -> env.cw.scheduleEntries(ticket).stream()
                .anyMatch(e -> e.path("dateStart").asText().equals(start.toString())));
        JsonNode entry = env.cw.scheduleEntries(ticket).get(0);
        assertThat(env.cw.scheduleEntries(ticket)).hasSize(1);
        assertThat(entry.path("dateEnd").asText()).isEqualTo(start.plus(Duration.ofHours(3)).toString());
        env.quiesce();
        // the change does not bounce back to Field Nation as an update of its own
        long updates = env.fn.requests().stream().filter(r -> r.method().equals("PUT")
                && r.path().endsWith("/workorders/" + wo + "/schedule")).count();
        assertThat(updates).isZero();
    }

    @Test
    void badWebhooksAreRefusedAndWriteNothing() {
        long wo = env.dispatchedWorkOrder("Bad webhooks");
        env.cw.clearRequests();
        String body = "{\"event\":{\"name\":\"workorder.status.approved\",\"params\":{\"work_order_id\":" + wo
                + "}},\"timestamp\":\"" + Instant.now() + "\",\"workorder\":{\"id\":" + wo + "}}";
        HttpResponse<String> unsigned = env.connector.post("/webhooks/fieldnation", body,
                Map.of("Content-Type", "application/json"));
        assertThat(unsigned.statusCode()).isEqualTo(401);
        HttpResponse<String> badSig = env.connector.post("/webhooks/fieldnation", body,
                Map.of("X-FN-Signature", "sha256=" + "0".repeat(64)));
        assertThat(badSig.statusCode()).isEqualTo(401);
        HttpResponse<String> unreadable = env.postWebhook("this is not json", "x:1");
        assertThat(unreadable.statusCode()).isEqualTo(400);
        HttpResponse<String> noEvent = env.postWebhook("{\"hello\":\"world\"}", "y:1");
        assertThat(noEvent.statusCode()).isEqualTo(400);
        env.quiesce();
        assertThat(env.cw.writes()).isEmpty();
        assertThat(status(ticketOf(wo))).isEqualTo("Dispatch to FN");
    }

    @Test
    void eventsOfUnknownWorkOrdersAreRecordedAndIgnored() {
        ObjectNode body = Json.object().put("title", "Made in Field Nation");
        long wo = env.fn.createWorkOrderAsUser(body).path("id").asLong();
        env.fn.providerMessage(wo, "Hello?");
        env.quiesce();
        var events = env.connector.bean("inboxStore", com.cwfn.store.InboxStore.class)
                .list(com.cwfn.store.InboxStore.IGNORED, null, null, 100);
        assertThat(events).anyMatch(e -> e.workOrderId() == wo);
        assertThat(env.cw.tickets().stream().filter(t -> t.path("summary").asText().equals("Made in Field Nation")))
                .as("outbound create is off").isEmpty();
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
