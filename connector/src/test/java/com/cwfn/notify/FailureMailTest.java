package com.cwfn.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cwfn.sandbox.Fault;
import com.cwfn.store.NoticeStore;
import com.cwfn.testing.Env;
import com.cwfn.testing.Ports;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mail that helps (GreenMail, real SMTP): failures gathered into few mails that name each ticket as a dispatcher
 * knows it, say the likely cause, report a transaction still failing while retries go on, list what recovered, and
 * never let text from ConnectWise or Field Nation become a header.
 */
class FailureMailTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final long WINDOW_MS = 3000;
    static GreenMail mail;
    static Env env;

    @BeforeAll
    static void start() {
        mail = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", "smtp"));
        mail.start();
        env = Env.start(Map.of(
                "notify.email.to", "dispatch@msp.example",
                "mail.smtp.host", "127.0.0.1",
                "mail.smtp.port", String.valueOf(mail.getSmtp().getPort()),
                "connector.retry.first-delay-ms", "300",
                "connector.retry.max-delay-ms", "600",
                "connector.retry.give-up-after-ms", "8000",
                "notify.stuck-after-ms", "1000",
                "notify.email.batch-window-ms", String.valueOf(WINDOW_MS)));
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
        env.connector.bean("noticeStore", NoticeStore.class).takeUnmailed(System.currentTimeMillis(), 10_000);
        Thread.sleep(WINDOW_MS); // the window of an earlier test's mail closes
        mail.purgeEmailFromAllMailboxes();
    }

    static long ticket(String summary) {
        env.cw.dropCallbacks(true);
        long id = env.newTicket(summary, t -> { });
        Instant start = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        env.cw.addScheduleEntry(id, start, start.plus(Duration.ofHours(1)));
        env.cw.dropCallbacks(false);
        return id;
    }

    static List<String> bodies() {
        return Arrays.stream(mail.getReceivedMessages()).map(GreenMailUtil::getBody).toList();
    }

    @Test
    void eightTicketsFailingForOneCauseAreToldInTwoMailsWithTheCauseAndTheirRecoveryInTheNext() {
        env.fn.inject(Fault.status("POST", "/api/rest/v2/workorders", 503, -1));
        List<Long> tickets = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            tickets.add(ticket("Store " + (110 + i) + " register down"));
        }
        tickets.forEach(id -> env.cw.setStatus(id, "Dispatch to FN"));
        await().atMost(WAIT).until(() -> tickets.stream().allMatch(id -> bodies().stream()
                .anyMatch(b -> b.contains("ticket " + id + " \"Store "))));
        List<String> told = bodies();
        assertThat(told).as("every ticket told, in at most two mails").hasSizeLessThanOrEqualTo(2);
        for (int i = 0; i < tickets.size(); i++) {
            long id = tickets.get(i);
            assertThat(String.join("\n", told)).contains("ticket " + id + " \"Store " + (111 + i)
                    + " register down (Acme Corp)\"");
        }
        assertThat(String.join("\n", told)).contains("Still failing, retries go on:")
                .containsPattern("Likely cause: Field Nation answered 503 to \\d transactions since");

        env.fn.clearFaults();
        await().atMost(WAIT).until(() -> tickets.stream().allMatch(id -> env.workOrdersOf(id).size() == 1));
        await().atMost(WAIT).until(() -> mail.getReceivedMessages().length > told.size());
        String next = bodies().get(told.size());
        assertThat(next).contains("Recovered since the last mail:");
        tickets.forEach(id -> assertThat(next).contains("ticket " + id + " \"Store "));
    }

    @Test
    void aStuckTransactionIsToldOnceWhileRetryingThenOnceWhenItFailsForGood() throws Exception {
        env.fn.inject(Fault.status("POST", "/api/rest/v2/workorders", 503, -1));
        long id = ticket("Stuck at the front desk");
        env.cw.setStatus(id, "Dispatch to FN");
        await().atMost(WAIT).until(() -> mail.getReceivedMessages().length == 2);
        Thread.sleep(WINDOW_MS + 2000);
        MimeMessage[] got = mail.getReceivedMessages();
        assertThat(got).hasSize(2);
        assertThat(GreenMailUtil.getBody(got[0])).contains("Still failing, retries go on:")
                .contains("ticket " + id + " \"Stuck at the front desk (Acme Corp)\"")
                .doesNotContain("set aside");
        assertThat(got[0].getSubject()).isEqualTo("[cw-fn-connector] 1 transaction still failing");
        assertThat(GreenMailUtil.getBody(got[1])).contains("A sync transaction failed and was set aside")
                .contains("Ticket:      " + id + " \"Stuck at the front desk (Acme Corp)\"")
                .contains("Step:        create-or-update-work-order");
        assertThat(got[1].getSubject()).isEqualTo("[cw-fn-connector] sync failed: ticket " + id);
    }

    @Test
    void aSummaryWithLineBreaksAndAHeaderInItStaysInTheBody() throws Exception {
        env.fn.inject(Fault.status("POST", "/api/rest/v2/workorders", 400, -1));
        long id = ticket("Printer\r\nBcc: attacker@evil.example\r\nSubject: you are hacked");
        env.cw.setStatus(id, "Dispatch to FN");
        await().atMost(WAIT).until(() -> mail.getReceivedMessages().length >= 1);
        MimeMessage m = mail.getReceivedMessages()[0];
        assertThat(m.getHeader("Bcc")).isNull();
        assertThat(m.getSubject()).isEqualTo("[cw-fn-connector] sync failed: ticket " + id);
        assertThat(m.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("dispatch@msp.example");
        assertThat(m.getAllRecipients()).hasSize(1);
        assertThat(GreenMailUtil.getBody(m)).contains("Printer Bcc: attacker@evil.example Subject: you are hacked");
        assertThat(mail.getReceivedMessages()).as("nobody else got it").hasSize(1);
    }
}
