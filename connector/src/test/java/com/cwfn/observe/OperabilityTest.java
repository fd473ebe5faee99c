package com.cwfn.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.cwfn.sandbox.Fault;
import com.cwfn.testing.Env;
import com.cwfn.testing.Ports;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What an operator relies on, after a full run (dispatch, sync back, a retry, a dead letter whose mail cannot be
 * sent, admin calls, refused requests): the metrics are there by name, and no configured secret appears in any
 * log line, metric or health answer.
 */
class OperabilityTest {
    static final String ADMIN_PASSWORD = "admin-pw-7f3a9c";
    static final String SMTP_PASSWORD = "smtp-pw-2b8e41";
    static Env env;
    static ListAppender<ILoggingEvent> captured = new ListAppender<>();
    static Level rootBefore;

    @BeforeAll
    static void start() {
        LoggerContext lc = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = lc.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootBefore = root.getLevel();
        root.setLevel(Level.INFO);
        lc.getLogger("org.apache.camel").setLevel(Level.INFO);
        captured.setContext(lc);
        captured.start();
        root.addAppender(captured);
        env = Env.start(Map.of("admin.password", ADMIN_PASSWORD, "notify.email.to", "ops@msp.example",
                "mail.smtp.host", "127.0.0.1", "mail.smtp.port", String.valueOf(Ports.free()),
                "mail.smtp.username", "mailer", "mail.smtp.password", SMTP_PASSWORD,
                "connector.retry.first-delay-ms", "200"));
    }

    @AfterAll
    static void stop() {
        env.close();
        LoggerContext lc = (LoggerContext) LoggerFactory.getILoggerFactory();
        lc.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(captured);
        lc.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(rootBefore);
        lc.getLogger("org.apache.camel").setLevel(Level.WARN);
    }

    @Test
    void aFullRunShowsItsMetricsAndLeaksNoSecret() throws Exception {
        // a dispatch after one passing failure, then the work order's life back
        env.fn.inject(Fault.status("POST", "/api/rest/v2/workorders", 503, 1));
        long wo = env.dispatchedWorkOrder("Observed ticket");
        env.fn.assignProvider(wo, 1068);
        env.fn.providerMessage(wo, "Arrived");
        env.fn.providerUpload(wo, "proof.jpg", "image/jpeg", new byte[] {1, 2, 3});
        env.quiesce();
        // a dead letter whose mail cannot be sent (nothing listens on the SMTP port)
        env.fn.inject(Fault.status("POST", "/api/rest/v2/workorders", 400, -1));
        long refused = env.newTicket("Refused by Field Nation", t -> { });
        env.cw.setStatus(refused, "Dispatch to FN");
        var meters = env.connector.bean("metricsRegistry", io.micrometer.core.instrument.MeterRegistry.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> meters.find("connector_failure_mails")
                .tag("outcome", "failed").counter() != null);
        env.fn.clearFaults();
        // refused requests and admin calls
        env.connector.post("/callbacks/connectwise/" + env.connector.setting("connectwise.callback-token"), "{}",
                Map.of("x-content-signature", "bad"));
        env.connector.post("/webhooks/fieldnation", "{}", Map.of("X-FN-Signature", "sha256=00"));
        List<String> answers = new ArrayList<>();
        for (String path : List.of("/admin/connection", "/admin/transactions", "/admin/callbacks", "/admin/webhooks",
                "/admin/links/" + refused, "/admin/preview/" + refused)) {
            answers.add(admin(path));
        }
        env.quiesce();

        String metrics = env.connector.get(env.connector.managementUrl("/observe/metrics")).body();
        assertThat(metrics)
                .contains("connector_transactions_total{direction=\"cw-fn\",outcome=\"done\"")
                .contains("connector_transactions_total{direction=\"fn-cw\",outcome=\"done\"")
                .contains("connector_transactions_total{direction=\"cw-fn\",outcome=\"failed\",step=\"create-or-update-work-order\"")
                .contains("connector_retries_total{direction=\"cw-fn\",step=\"create-or-update-work-order\"")
                .contains("connector_dead_letters_total{direction=\"cw-fn\",step=\"create-or-update-work-order\"")
                .contains("connector_transaction_latency_seconds_bucket{direction=\"fn-cw\"")
                .contains("connector_dispatch_latency_seconds_bucket")
                .contains("connector_inbox_depth ")
                .contains("connector_inbox_oldest_age_seconds ")
                .contains("connector_remote_calls_total{status=\"200\",system=\"ConnectWise\"}")
                .contains("connector_remote_calls_total{status=\"503\",system=\"Field Nation\"}")
                .contains("connector_failure_mails_total{outcome=\"failed\"}")
                .contains("camel_exchanges_total");
        String health = env.connector.get(env.connector.managementUrl("/observe/health?exposureLevel=full")).body();

        List<String> secrets = List.of(env.cw.privateKey(), env.fn.password(), env.fn.clientSecret(),
                Env.WEBHOOK_SECRET, env.connector.setting("connectwise.callback-token"), ADMIN_PASSWORD,
                SMTP_PASSWORD);
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent e : List.copyOf(captured.list)) {
            lines.add(e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                    : " " + e.getThrowableProxy().getMessage()) + " " + e.getMDCPropertyMap());
        }
        assertThat(lines).as("a full run was logged").hasSizeGreaterThan(50);
        assertThat(lines).anyMatch(l -> l.contains("step create-or-update-work-order ok"));
        for (String secret : secrets) {
            assertThat(lines).as("log lines").noneMatch(l -> l.contains(secret));
            assertThat(metrics).as("metrics").doesNotContain(secret);
            assertThat(health).as("health").doesNotContain(secret);
            for (String a : answers) {
                assertThat(a).as("admin answers").doesNotContain(secret);
            }
        }
        assertThat(lines).as("Field Nation tokens stay out of logs").noneMatch(l -> l.matches(".*access_token=[^&*\\s]{6,}.*"));
    }

    static String admin(String path) {
        String auth = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes());
        return com.cwfn.testing.Connector.send(HttpRequest.newBuilder(URI.create(env.connector.url(path)))
                .header("Authorization", "Basic " + auth).GET().build()).body();
    }
}
