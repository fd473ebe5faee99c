package com.cwfn.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cwfn.json.Json;
import com.cwfn.testing.Connector;
import com.cwfn.testing.Env;
import com.cwfn.testing.Ports;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Registrations watched and what they missed caught up: ConnectWise deactivating or an administrator deleting the
 * callback is reported (admin connection, health) and mailed once, and repaired when asked; a note added while the
 * callback was inactive and a work order status whose webhook never came reach the other side by reconciliation.
 */
class CatchUpTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String PASSWORD = "Catch-up-Pa55";
    GreenMail mail;
    Env env;

    @BeforeEach
    void mailServer() {
        mail = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", "smtp"));
        mail.start();
    }

    @AfterEach
    void stop() {
        if (env != null) {
            env.close();
        }
        mail.stop();
    }

    private void start(boolean repair) {
        Map<String, String> s = new HashMap<>();
        s.put("admin.password", PASSWORD);
        s.put("notify.email.to", "dispatch@msp.example");
        s.put("mail.smtp.host", "127.0.0.1");
        s.put("mail.smtp.port", String.valueOf(mail.getSmtp().getPort()));
        s.put("notify.email.batch-window-ms", "1000");
        s.put("connector.reconcile-interval-ms", "1000");
        s.put("connector.registrations.repair", String.valueOf(repair));
        env = Env.start(s);
    }

    private JsonNode connection() {
        return Json.parse(Connector.send(HttpRequest.newBuilder(URI.create(env.connector.url("/admin/connection")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8))).build()).body());
    }

    private String health() {
        return env.connector.get(env.connector.managementUrl("/observe/health?exposureLevel=full&data=true")).body();
    }

    private long mailsMentioning(String text) {
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> GreenMailUtil.getBody(m).contains(text)).count();
    }

    @Test
    void aDeactivatedThenDeletedCallbackIsReportedAndMailedOnceEach() throws Exception {
        start(false);
        assertThat(connection().path("registrations").path("callback").asText()).isEqualTo("active");
        assertThat(connection().path("registrations").path("webhook").asText()).isEqualTo("active");

        env.cw.deactivateCallbacks();
        await().atMost(WAIT).until(() -> mailsMentioning("The ConnectWise callback is inactive") == 1);
        assertThat(connection().path("registrations").path("callback").asText()).isEqualTo("inactive");
        assertThat(connection().path("ok").asBoolean()).isFalse();
        await().atMost(WAIT).until(() -> health().contains("\"callback\":\"inactive\""));
        assertThat(env.connector.get(env.connector.managementUrl("/observe/health/ready")).statusCode())
                .as("an inactive callback does not take intake out of the load balancer").isEqualTo(200);
        Thread.sleep(3000); // several reconciliation runs
        assertThat(mailsMentioning("The ConnectWise callback is inactive")).as("told once").isEqualTo(1);

        env.cw.deleteCallbacks();
        await().atMost(WAIT).until(() -> mailsMentioning("The ConnectWise callback is missing") == 1);
        assertThat(connection().path("registrations").path("callback").asText()).isEqualTo("missing");
        Thread.sleep(3000);
        assertThat(mailsMentioning("The ConnectWise callback is missing")).isEqualTo(1);
        assertThat(env.cw.callbacks()).as("not repaired unless asked").isEmpty();
    }

    @Test
    void withRepairTheCallbackComesBackAndWhatWasMissedReachesTheOtherSide() {
        start(true);
        long wo = env.dispatchedWorkOrder("Missed while inactive");
        long ticket = env.workOrdersOfTicket(wo);

        // ConnectWise's lastUpdated has one-second precision, and a change in the same second as the version the
        // connector read last is caught up only with the next change (docs/operations.md): add the note in a later
        // second, as a dispatcher's note after a dispatch would be
        java.time.Instant read = java.time.Instant.parse(env.cw.ticket(ticket).orElseThrow().path("_info")
                .path("lastUpdated").asText());
        await().atMost(WAIT).until(() -> java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .isAfter(read));
        env.cw.deactivateCallbacks();
        env.cw.addNote(ticket, "Gate code is 4417", false);
        await().atMost(WAIT).until(() -> env.fn.messages(wo).stream()
                .anyMatch(m -> m.path("message").asText().contains("Gate code is 4417")));
        // a pass that looked at the callback just before it was deactivated may catch the note up: the next repairs
        await().atMost(WAIT).until(() -> env.cw.callbacks().stream().anyMatch(c -> !c.path("inactiveFlag").asBoolean()));
        assertThat(mailsMentioning("The ConnectWise callback is inactive")).isLessThanOrEqualTo(1);

        env.fn.dropWebhooks(true);
        env.fn.assignProvider(wo, 1068);
        await().atMost(WAIT).until(() -> "Assigned".equals(env.cw.ticket(ticket).orElseThrow().path("status").path("name")
                .asText()));
        env.quiesce();
        assertThat(env.fn.messages(wo).stream().filter(m -> m.path("message").asText().contains("Gate code is 4417")))
                .as("copied once").hasSize(1);
    }
}
