package com.cwfn.syncback;

import static com.cwfn.syncback.ChargesWorld.writes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import com.cwfn.store.Transaction;
import com.cwfn.store.InboxStore;
import com.cwfn.testing.Env;
import com.cwfn.testing.Ports;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expenses as ticket products, the labor charge, and a refusal by ConnectWise, end to end over HTTP with real SMTP
 * (GreenMail): {@code sync.expenses.target=product} with catalog item FN-EXPENSE, {@code sync.labor.enabled}, and
 * time entries whose member is mapped per provider: Pat Tech (1068) is dtech, any other provider a member ConnectWise
 * does not have.
 */
class ProductsAndLaborTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    @TempDir
    static Path dir;
    static GreenMail mail;
    static Env env;

    @BeforeAll
    static void start() throws Exception {
        mail = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", "smtp"));
        mail.start();
        Path mapping = ChargesWorld.mapping(dir, "    - { target: poNumber, source: workorder.id }\n",
                "    - { target: member.identifier, action: arrayMap, source: timeLog.logged_by.id, map: { \"1068\": "
                        + "dtech }, otherwise: nosuchtech }\n");
        env = Env.start(Map.of("sync.time.enabled", "true", "sync.expenses.enabled", "true",
                "sync.expenses.target", "product", "sync.expenses.catalog-item", "FN-EXPENSE",
                "sync.labor.enabled", "true", "sync.mappings", mapping.toString(),
                "notify.email.to", "billing@msp.example", "mail.smtp.host", "127.0.0.1",
                "mail.smtp.port", String.valueOf(mail.getSmtp().getPort())));
    }

    @AfterAll
    static void stop() {
        env.close();
        mail.stop();
    }

    @BeforeEach
    void clean() throws Exception {
        env.quiesce();
        mail.purgeEmailFromAllMailboxes();
    }

    @Test
    void anApprovedExpenseBecomesOneProductAndTheApprovalOneLaborChargeBeforeTheTicketCloses() {
        long wo = env.dispatchedWorkOrder("Products and labor");
        long ticket = env.workOrdersOfTicket(wo);
        env.fn.assignProvider(wo, 1068);
        env.fn.checkIn(wo);
        env.fn.checkOut(wo);
        ObjectNode cable = env.fn.addExpense(wo, 2, "Extra patch cable", "12.50");
        env.fn.addExpense(wo, 3, "Not approved: a taxi", "40");
        env.fn.decideExpense(wo, cable.path("id").asLong(), true);
        env.fn.completeWork(wo, "Done");
        env.fn.approve(wo);
        await().atMost(WAIT).until(() -> env.cw.ticket(ticket).orElseThrow().path("status").path("name").asText()
                .equals("Closed"));
        env.quiesce();

        assertThat(env.cw.products(ticket)).hasSize(2);
        JsonNode expense = env.cw.products(ticket).stream().filter(p -> p.path("internalNotes").asText()
                .contains("(fn-expense:" + cable.path("id").asLong() + ")")).findFirst().orElseThrow();
        assertThat(expense.path("catalogItem").path("identifier").asText()).isEqualTo("FN-EXPENSE");
        assertThat(expense.path("price").asDouble()).isEqualTo(12.5);
        assertThat(expense.path("description").asText()).isEqualTo("Extra patch cable");
        assertThat(expense.path("billableOption").asText()).isEqualTo("Billable");
        JsonNode labor = env.cw.products(ticket).stream().filter(p -> p.path("internalNotes").asText()
                .contains("(fn-labor:" + wo + ")")).findFirst().orElseThrow();
        assertThat(labor.path("price").asDouble()).as("the shipped fixed pay").isEqualTo(150.0);
        assertThat(env.cw.expenseEntries(ticket)).as("target product: no expense entries").isEmpty();

        JsonNode time = env.cw.timeEntries(ticket).get(0);
        assertThat(time.path("member").path("identifier").asText()).as("mapped per provider").isEqualTo("dtech");
        assertThat(time.path("billableOption").asText()).as("with the labor charge the time is not billed")
                .isEqualTo("DoNotBill");
        assertThat(env.cw.ticket(ticket).orElseThrow().path("poNumber").asText()).as("writeBack of a ticket field")
                .isEqualTo(String.valueOf(wo));
        assertThat(mail.getReceivedMessages()).isEmpty();

        // paid: read once more, nothing changed, nothing written to the closed ticket
        env.cw.clearRequests();
        env.fn.markPaid(wo);
        env.quiesce();
        assertThat(env.cw.writes()).isEmpty();
        assertThat(ChargesWorld.events(env, wo, "workorder.status.paid").get(0).status()).isNotEqualTo(InboxStore.FAILED);
    }

    @Test
    void aMemberConnectWiseDoesNotHaveIsAPermanentFailureWithAClearMailNotARetryLoop() throws Exception {
        long wo = env.dispatchedWorkOrder("Unknown member");
        long ticket = env.workOrdersOfTicket(wo);
        env.fn.assignProvider(wo, 1069); // Sam Fixit: mapped to a member ConnectWise does not have
        env.fn.checkIn(wo);
        env.fn.checkOut(wo);
        await().atMost(WAIT).until(() -> ChargesWorld.events(env, wo, "workorder.status.checked_out").stream()
                .anyMatch(e -> e.status().equals(InboxStore.FAILED)));
        Transaction failed = ChargesWorld.events(env, wo, "workorder.status.checked_out").get(0);
        assertThat(failed.attempts()).as("not retried").isEqualTo(1);
        assertThat(failed.step()).isEqualTo("copy-time-logs");
        assertThat(failed.lastError()).contains("ConnectWise refused the time entry for Field Nation time log")
                .contains("Member nosuchtech not found");
        await().atMost(WAIT).until(() -> mail.getReceivedMessages().length == 1);
        String body = GreenMailUtil.getBody(mail.getReceivedMessages()[0]);
        assertThat(body).contains("Work order:  " + wo).contains("Step:        copy-time-logs")
                .contains("Member nosuchtech not found");
        env.quiesce();
        Thread.sleep(1000); // a retry loop would have tried again by now (retries start after 200 ms)
        assertThat(writes(env, "POST", ".*/time/entries").stream().filter(r -> r.body().contains("\"chargeToId\":"
                + ticket + ",")).count()).isEqualTo(1);
        assertThat(env.cw.timeEntries(ticket)).isEmpty();
        assertThat(mail.getReceivedMessages()).hasSize(1);
    }
}
