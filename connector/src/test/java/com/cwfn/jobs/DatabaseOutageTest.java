package com.cwfn.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cwfn.sandbox.connectwise.CallbackDelivery;
import com.cwfn.store.Transaction;
import com.cwfn.store.InboxStore;
import com.cwfn.testing.Connector;
import com.cwfn.testing.Env;
import com.cwfn.testing.Ports;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped for 30 seconds in the middle of a 200-ticket load, then started again: while it is down
 * callbacks are answered 429 and webhooks 503 (the answers each sender retries), readiness is DOWN and the workers
 * pause without spending attempts; afterwards everything resumes by itself and catches up what the senders gave up:
 * every ticket exactly one work order, every answered event worked.
 */
class DatabaseOutageTest {
    static final int TICKETS = 200;
    static final String ADMIN_PASSWORD = "0utage-Adm1n";

    @Test
    void aThirtySecondOutageLosesNothingAndDoublesNothing(@TempDir Path data) throws Exception {
        int port = Ports.free();
        EmbeddedPostgres pg = start(data, port);
        try (Env env = Env.sandboxesOnly()) {
            env.startConnector(Map.of(
                    "db.url", pg.getJdbcUrl("postgres", "postgres"), "db.username", "postgres",
                    "sync.publish", "false",
                    "connector.reconcile-interval-ms", "600000",
                    "connector.retry.first-delay-ms", "500", "admin.password", ADMIN_PASSWORD), true);
            List<Long> tickets = new ArrayList<>();
            env.cw.dropCallbacks(true);
            for (int i = 0; i < TICKETS; i++) {
                tickets.add(env.newTicket("Outage load " + i, t -> { }));
            }
            env.cw.dropCallbacks(false);

            // a third goes to the trigger status before the outage, a third during it, a third after
            for (int i = 0; i < TICKETS / 3; i++) {
                env.cw.setStatus(tickets.get(i), "Dispatch to FN");
            }
            // their callbacks answered before the outage (on a loaded machine that takes longer than a second)
            await().atMost(Duration.ofSeconds(60)).until(() -> env.cw.deliveries().stream()
                    .filter(CallbackDelivery::succeeded).count() >= TICKETS / 3);
            pg.close();
            for (int i = TICKETS / 3; i < 2 * TICKETS / 3; i++) {
                env.cw.setStatus(tickets.get(i), "Dispatch to FN");
            }
            var callback = env.postCallback(env.callbackBody(tickets.get(0), UUID.randomUUID().toString(), "updated"));
            assertThat(callback.statusCode()).as("a callback while the database is down").isEqualTo(429);
            assertThat(callback.headers().firstValue("Retry-After")).isPresent();
            var webhook = env.postWebhook("{\"eventName\":\"workorder.status.assigned\",\"workOrderId\":1}", "d-1");
            assertThat(webhook.statusCode()).as("a webhook while the database is down").isEqualTo(503);
            await().atMost(Duration.ofSeconds(60)).until(() -> env.connector.get(env.connector.managementUrl(
                    "/observe/health/ready")).statusCode() == 503);
            var admin = Connector.send(HttpRequest.newBuilder(URI.create(env.connector.url("/admin/transactions")))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            ("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    // short on purpose: the admin API answers at once, not after the database's timeouts
                    .timeout(Duration.ofSeconds(10)).GET().build());
            assertThat(admin.statusCode()).as("the admin API while the database is down: " + admin.body())
                    .isEqualTo(503);
            assertThat(admin.headers().firstValue("Retry-After")).isPresent();
            var login = Connector.send(HttpRequest.newBuilder(URI.create(env.connector.url("/console/login")))
                    .header("Origin", env.connector.url("")).header("Content-Type", "application/x-www-form-urlencoded")
                    .timeout(Duration.ofSeconds(10)) // the console too answers at once
                    .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=" + ADMIN_PASSWORD)).build());
            assertThat(login.statusCode()).as("a console login while the database is down").isEqualTo(503);
            assertThat(login.body()).contains("database does not answer");
            assertThat(login.headers().firstValue("Retry-After")).as("the console's page says when to retry")
                    .hasValue(String.valueOf(com.cwfn.http.Refusal.DATABASE_DOWN.toSeconds()));
            Thread.sleep(30_000 - 3_000);

            pg = start(data, port);
            for (int i = 2 * TICKETS / 3; i < TICKETS; i++) {
                env.cw.setStatus(tickets.get(i), "Dispatch to FN");
            }
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> tickets.stream().allMatch(id -> env.workOrdersOf(id).size() >= 1));
            env.quiesce();
            for (long id : tickets) {
                assertThat(env.workOrdersOf(id)).as("work orders of ticket %d", id).hasSize(1);
            }
            assertThat(env.connector.get(env.connector.managementUrl("/observe/health/ready")).statusCode())
                    .isEqualTo(200);
            InboxStore inbox = env.connector.bean("inboxStore", InboxStore.class);
            List<Transaction> events = inbox.list(null, null, null, 5000);
            assertThat(events).as("nothing left pending, in work or failed").noneMatch(e ->
                    e.status().equals(InboxStore.PENDING) || e.status().equals(InboxStore.PROCESSING)
                            || e.status().equals(InboxStore.FAILED));
            assertThat(events).as("no attempt spent on the outage").allMatch(e -> e.attempts() <= 1);
            Set<String> answered = env.cw.deliveries().stream().filter(CallbackDelivery::succeeded)
                    .map(d -> "cw:msg:" + d.messageId()).collect(Collectors.toSet());
            Set<String> recorded = events.stream().filter(e -> "connectwise".equals(e.source()))
                    .map(Transaction::dedupKey).collect(Collectors.toSet());
            assertThat(answered).as("callbacks answered 202").hasSizeGreaterThanOrEqualTo(TICKETS / 3);
            assertThat(recorded).as("every callback answered 202 was recorded and worked").containsAll(answered);
            assertThat(env.cw.deliveries()).as("callbacks were refused with 429 during the outage")
                    .anyMatch(d -> d.status() != null && d.status() == 429);
        } finally {
            pg.close();
        }
    }

    private static EmbeddedPostgres start(Path data, int port) throws IOException {
        Files.createDirectories(data);
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }
}
