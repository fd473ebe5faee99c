package com.cwfn.admin;

import static com.cwfn.admin.AdminHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cwfn.testing.Env;
import com.cwfn.testing.Ports;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cancelling when a provider is assigned, with {@code sync.cancel.when-assigned=hold}, and the "needs attention"
 * items in the admin API and the failure mail (GreenMail, real SMTP): the move to Cancelled cancels nothing, writes one
 * note, sends one mail and raises one item whose "Cancel work order" says what Field Nation will do; pressing it
 * (twice at once) cancels once with one note; an item can be dismissed; bad requests change nothing.
 */
class NeedsAttentionTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static GreenMail mail;
    static Env env;

    @BeforeAll
    static void start() {
        mail = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", "smtp"));
        mail.start();
        env = Env.start(Map.of("sync.cancel.when-assigned", "hold", "admin.password", AdminHttp.PASSWORD,
                "notify.email.to", "dispatch@msp.example", "mail.smtp.host", "127.0.0.1",
                "mail.smtp.port", String.valueOf(mail.getSmtp().getPort()), "notify.email.batch-window-ms", "2000"));
    }

    @AfterAll
    static void stop() {
        env.close();
        mail.stop();
    }

    static List<MimeMessage> mailsAbout(String text) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> GreenMailUtil.getBody(m).contains(text)).toList();
    }

    static JsonNode items(long ticket) {
        return ok(AdminHttp.get(env.connector, "/admin/attention?ticket=" + ticket)).path("items");
    }

    static String woStatus(long woId) {
        return env.fn.workOrder(woId).orElseThrow().path("status").path("name").asText();
    }

    @Test
    void aHeldCancellationWaitsForThePersonWhoPressesCancelWorkOrder() throws Exception {
        long wo = env.dispatchedWorkOrder("Held because Pat is on it");
        long ticket = env.workOrdersOfTicket(wo);
        env.fn.assignProvider(wo, 1068);
        await().atMost(WAIT).until(() -> env.cw.ticket(ticket).orElseThrow().path("status").path("name").asText()
                .equals("Assigned"));
        env.quiesce();
        env.cw.setStatus(ticket, "Cancelled");
        await().atMost(WAIT).until(() -> env.notesContaining(ticket, "was not cancelled") == 1 && items(ticket).size() == 1);
        await().atMost(WAIT).until(() -> mailsAbout("Cancel work order #" + wo).size() == 1);
        env.postCallback(env.callbackBody(ticket, UUID.randomUUID().toString(), "updated"));
        env.quiesce();
        Thread.sleep(2500); // past the mail window: nothing more is told
        assertThat(mailsAbout("Cancel work order #" + wo)).hasSize(1);
        MimeMessage m = mailsAbout("Cancel work order #" + wo).get(0);
        // the other test's item may be told in the same mail
        assertThat(m.getSubject()).containsPattern("\\[cw-fn-connector\\] \\d+ items? needs? attention");
        assertThat(GreenMailUtil.getBody(m)).contains("Needs attention").contains("ticket " + ticket)
                .contains("work order " + wo);
        assertThat(woStatus(wo)).isEqualTo("Assigned");
        assertThat(env.fn.requests(r -> r.method().equals("DELETE") && r.path().endsWith("/workorders/" + wo)))
                .isEmpty();
        assertThat(env.notesContaining(ticket, "was not cancelled")).isEqualTo(1);
        assertThat(env.cw.notes(ticket).stream().map(n -> n.path("text").asText())
                .filter(t -> t.contains("was not cancelled")).findFirst().orElseThrow())
                .contains("Pat Tech is assigned and a cancellation fee may apply")
                .contains("Needs attention");

        JsonNode item = items(ticket).get(0);
        assertThat(item.path("kind").asText()).isEqualTo("held-cancel");
        assertThat(item.path("state").asText()).isEqualTo("open");
        assertThat(item.path("actionLabel").asText()).isEqualTo("Cancel work order");
        assertThat(item.path("preview").asText()).as("what Field Nation will do, before it is pressed")
                .isEqualTo("Field Nation cancels work order #" + wo + " (now Assigned, assigned to Pat Tech); a "
                        + "cancellation fee may apply. The ticket gets a note saying so.");
        long id = item.path("id").asLong();

        List<CompletableFuture<HttpResponse<String>>> presses = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            presses.add(CompletableFuture.supplyAsync(() -> AdminHttp.post(env.connector, "/admin/attention/" + id
                    + "/act")));
        }
        List<Integer> codes = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> p : presses) {
            codes.add(p.get().statusCode());
        }
        assertThat(codes).containsExactlyInAnyOrder(202, 409);
        await().atMost(WAIT).until(() -> woStatus(wo).equals("Cancelled")
                && ok(AdminHttp.get(env.connector, "/admin/attention?state=done&ticket=" + ticket)).path("count")
                .asInt() == 1);
        env.quiesce();
        assertThat(env.fn.requests(r -> r.method().equals("DELETE") && r.path().endsWith("/workorders/" + wo)))
                .hasSize(1);
        assertThat(env.notesContaining(ticket, "work order #" + wo + " cancelled: confirmed in the connector's "
                + "console. Pat Tech was assigned: a cancellation fee may apply.")).isEqualTo(1);
        JsonNode done = ok(AdminHttp.get(env.connector, "/admin/attention?state=done&ticket=" + ticket)).path("items")
                .get(0);
        assertThat(done.path("resolvedBy").asText()).isEqualTo("admin");
        assertThat(done.path("resolution").asText()).contains("cancelled");
        assertThat(items(ticket)).as("nothing waits any more").isEmpty();
        assertThat(AdminHttp.post(env.connector, "/admin/attention/" + id + "/act").statusCode()).isEqualTo(409);
        assertThat(AdminHttp.post(env.connector, "/admin/attention/" + id + "/dismiss").statusCode()).isEqualTo(409);
    }

    @Test
    void anItemWithoutActionIsDismissedAndBadRequestsChangeNothing() {
        long wo = env.dispatchedWorkOrder("Provider walks away");
        long ticket = env.workOrdersOfTicket(wo);
        env.fn.assignProvider(wo, 1068);
        env.fn.providerCancel(wo);
        await().atMost(WAIT).until(() -> items(ticket).size() == 1);
        JsonNode item = items(ticket).get(0);
        assertThat(item.path("kind").asText()).isEqualTo("provider-cancelled");
        assertThat(item.path("action").isNull()).isTrue();
        long id = item.path("id").asLong();
        assertThat(AdminHttp.post(env.connector, "/admin/attention/" + id + "/act").statusCode()).isEqualTo(409);
        assertThat(AdminHttp.post(env.connector, "/admin/attention/99999/act").statusCode()).isEqualTo(404);
        assertThat(AdminHttp.post(env.connector, "/admin/attention/x/dismiss").statusCode()).isEqualTo(400);
        assertThat(AdminHttp.get(env.connector, "/admin/attention?state=later").statusCode()).isEqualTo(400);
        assertThat(items(ticket)).hasSize(1);
        JsonNode dismissed = ok(AdminHttp.post(env.connector, "/admin/attention/" + id + "/dismiss"));
        assertThat(dismissed.path("item").path("state").asText()).isEqualTo("dismissed");
        assertThat(items(ticket)).isEmpty();
        assertThat(ok(AdminHttp.get(env.connector, "/admin/attention?state=dismissed&ticket=" + ticket)).path("count")
                .asInt()).isEqualTo(1);
    }
}
