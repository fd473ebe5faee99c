package com.cwfn.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import com.cwfn.inbox.InboxWorker;
import com.cwfn.sandbox.Fault;
import com.cwfn.sandbox.LoggedRequest;
import com.cwfn.store.Transaction;
import com.cwfn.store.InboxStore;
import com.cwfn.store.NoticeStore;
import com.cwfn.testing.Env;
import com.cwfn.testing.Ports;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retries, dead letters with one e-mail over real SMTP (GreenMail), replay, and reconciliation of callbacks that
 * never came, against the sandboxes with injected faults.
 */
class NothingLostTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static GreenMail mail;
    static Env env;

    @BeforeAll
    static void start() {
        mail = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", "smtp"));
        mail.start();
        env = Env.start(Map.of(
                "notify.email.to", "dispatch-team@msp.example,ops@msp.example",
                "notify.email.from", "connector@msp.example",
                "mail.smtp.host", "127.0.0.1",
                "mail.smtp.port", String.valueOf(mail.getSmtp().getPort()),
                "connector.retry.first-delay-ms", "300",
                "connector.retry.give-up-after-ms", "4000",
                "connector.reconcile-interval-ms", "1000",
                "notify.email.batch-window-ms", "1000"));
    }

    @AfterAll
    static void stop() {
        env.close();
        mail.stop();
    }

    @BeforeEach
    void clean() throws Exception {
        env.quiesce();
        env.fn.clearFaults();
        env.cw.clearFaults();
        // each test hears only of its own failures: what earlier tests noted and did not mail yet is dropped
        env.connector.bean("noticeStore", NoticeStore.class).takeUnmailed(System.currentTimeMillis(), 10_000);
        mail.purgeEmailFromAllMailboxes();
    }

    /** A ticket with a schedule entry, so Field Nation accepts publishing its work order. */
    static long scheduledTicket(String summary) {
        env.cw.dropCallbacks(true);
        long id = env.newTicket(summary, t -> { });
        java.time.Instant start = java.time.Instant.now().plus(Duration.ofDays(1)).truncatedTo(
                java.time.temporal.ChronoUnit.HOURS);
        env.cw.addScheduleEntry(id, start, start.plus(Duration.ofHours(1)));
        env.cw.dropCallbacks(false);
        return id;
    }

    /** The mails received whose subject names this ticket. */
    static List<MimeMessage> mailsAbout(long ticket) throws MessagingException {
        List<MimeMessage> about = new ArrayList<>();
        for (MimeMessage m : mail.getReceivedMessages()) {
            if (m.getSubject() != null && m.getSubject().matches(".*\\bticket " + ticket + "\\b.*")) {
                about.add(m);
            }
        }
        return about;
    }

    static List<LoggedRequest> creates() {
        return env.fn.requests(r -> r.method().equals("POST") && r.path().equals("/api/rest/v2/workorders"));
    }

    @Test
    void threeServerErrorsThenSuccessMakeOneWorkOrder() throws Exception {
        env.fn.clearRequests();
        env.fn.inject(Fault.status("POST", "/api/rest/v2/workorders", 503, 3));
        long id = scheduledTicket("Flaky Field Nation");
        env.cw.setStatus(id, "Dispatch to FN");
        await().atMost(WAIT).until(() -> env.workOrdersOf(id).size() == 1);
        env.quiesce();
        assertThat(env.workOrdersOf(id)).hasSize(1);
        assertThat(creates().stream().map(LoggedRequest::status).toList()).containsExactly(503, 503, 503, 200);
        assertThat(mailsAbout(id)).as("a failure retried into success is not mailed").isEmpty();
    }

    @Test
    void aRetryAfterIsHonoured() {
        env.fn.clearRequests();
        env.fn.inject(Fault.throttle("POST", "/api/rest/v2/workorders", 2, 1));
        long id = scheduledTicket("Throttled");
        env.cw.setStatus(id, "Dispatch to FN");
        await().atMost(WAIT).until(() -> env.workOrdersOf(id).size() == 1);
        List<LoggedRequest> c = creates();
        assertThat(c).hasSize(2);
        assertThat(c.get(0).status()).isEqualTo(429);
        assertThat(Duration.between(c.get(0).at(), c.get(1).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void fieldNationDownFailsTheTransactionMailsOnceAndReplayCreatesTheWorkOrderOnce() throws Exception {
        env.fn.inject(Fault.status(null, "/api/rest/v2/.*", 503, -1));
        long id = scheduledTicket("Field Nation is down");
        env.cw.setStatus(id, "Dispatch to FN");
        InboxStore inbox = env.connector.bean("inboxStore", InboxStore.class);
        await().atMost(WAIT).until(() -> !inbox.list(InboxStore.FAILED, id, null, 10).isEmpty());
        Transaction failed = inbox.list(InboxStore.FAILED, id, null, 10).get(0);
        assertThat(failed.step()).isEqualTo("create-or-update-work-order");
        assertThat(failed.lastError()).contains("503");
        // an earlier test's mail may still be on its way when this one starts: this test counts the mails about its
        // own ticket
        await().atMost(WAIT).until(() -> mailsAbout(id).size() == 2); // two recipients, one mail
        Thread.sleep(1000);
        List<MimeMessage> received = mailsAbout(id);
        assertThat(received).hasSize(2);
        String body = GreenMailUtil.getBody(received.get(0));
        assertThat(received.get(0).getSubject()).contains("ticket " + id);
        assertThat(body).contains("Ticket:      " + id).contains("Step:        create-or-update-work-order")
                .contains("503").contains("/admin/transactions/" + failed.id() + "/replay")
                .contains("ConnectWise -> Field Nation");
        assertThat(env.workOrdersOf(id)).isEmpty();

        env.fn.clearFaults();
        assertThat(inbox.replay(failed.id())).isTrue();
        env.connector.bean("inboxWorker", InboxWorker.class).wake(failed.id());
        await().atMost(WAIT).until(() -> env.workOrdersOf(id).size() == 1);
        env.quiesce();
        assertThat(env.workOrdersOf(id)).hasSize(1);
        assertThat(inbox.find(failed.id()).orElseThrow().status()).isEqualTo(InboxStore.DONE);
    }

    @Test
    void aConnectWise400OnAStatusChangeFailsAtOnceWithoutBlindRetries() throws Exception {
        long wo = env.dispatchedWorkOrder("Refused status");
        long ticket = env.workOrdersOfTicket(wo);
        env.cw.clearRequests();
        env.cw.inject(Fault.status("PATCH", ".*/service/tickets/" + ticket, 400, -1));
        env.fn.assignProvider(wo, 1068);
        InboxStore inbox = env.connector.bean("inboxStore", InboxStore.class);
        await().atMost(WAIT).until(() -> inbox.list(InboxStore.FAILED, null, null, 50).stream()
                .anyMatch(e -> e.workOrderId() != null && e.workOrderId() == wo));
        Transaction failed = inbox.list(InboxStore.FAILED, null, null, 50).stream()
                .filter(e -> e.workOrderId() != null && e.workOrderId() == wo).findFirst().orElseThrow();
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.step()).isEqualTo("set-ticket-status");
        Thread.sleep(1500);
        assertThat(env.cw.requests(r -> r.method().equals("PATCH"))).hasSize(1);
        await().atMost(WAIT).until(() -> Arrays.stream(mail.getReceivedMessages())
                .anyMatch(m -> GreenMailUtil.getBody(m).contains("Work order:  " + wo)));
        String body = Arrays.stream(mail.getReceivedMessages()).map(GreenMailUtil::getBody)
                .filter(b -> b.contains("Work order:  " + wo)).findFirst().orElseThrow();
        assertThat(body).contains("answered 400").contains("Field Nation -> ConnectWise");
    }

    @Test
    void aDroppedCallbackIsDispatchedByReconciliation() {
        long id = env.silentTicketInTriggerStatus("Callback never came");
        await().atMost(WAIT).until(() -> env.workOrdersOf(id).size() == 1);
        InboxStore inbox = env.connector.bean("inboxStore", InboxStore.class);
        assertThat(inbox.list(null, id, null, 10)).extracting(Transaction::source).contains("reconcile");
    }

    @Test
    void aFailingMailServerIsLoggedAndTheTransactionStaysFailed() {
        mail.stop();
        try {
            env.fn.inject(Fault.status("POST", "/api/rest/v2/workorders", 400, -1));
            long id = env.newTicket("No mail server", t -> { });
            env.cw.setStatus(id, "Dispatch to FN");
            InboxStore inbox = env.connector.bean("inboxStore", InboxStore.class);
            await().atMost(WAIT).until(() -> !inbox.list(InboxStore.FAILED, id, null, 10).isEmpty());
            var meters = env.connector.bean("metricsRegistry", io.micrometer.core.instrument.MeterRegistry.class);
            await().atMost(WAIT).until(() -> meters.find("connector_failure_mails").tag("outcome", "failed")
                    .counter() != null);
            assertThat(inbox.list(InboxStore.FAILED, id, null, 10)).isNotEmpty();
        } finally {
            mail.start();
        }
        // what could not be mailed waits for the next window: it is told once the mail server is back
        await().atMost(WAIT).until(() -> Arrays.stream(mail.getReceivedMessages())
                .anyMatch(m -> GreenMailUtil.getBody(m).contains("No mail server")));
    }
}
