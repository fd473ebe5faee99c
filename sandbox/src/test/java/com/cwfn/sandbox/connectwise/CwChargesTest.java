package com.cwfn.sandbox.connectwise;

import static org.assertj.core.api.Assertions.assertThat;
import com.cwfn.sandbox.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Time entries, expense entries and ticket products in the ConnectWise sandbox over real HTTP: what the published
 * models require is required, what ConnectWise refuses is refused, and the setup tables they name can be listed.
 */
class CwChargesTest {
    static final long TICKET = ConnectWiseSandbox.DEMO_TICKET_ID;
    static ConnectWiseSandbox cw;
    CwClient client;

    @BeforeAll
    static void start() {
        cw = ConnectWiseSandbox.withDefaults().start(0);
    }

    @AfterAll
    static void stop() {
        cw.close();
    }

    @BeforeEach
    void reset() {
        cw.reset();
        cw.seedDemo();
        client = new CwClient(cw);
    }

    static ObjectNode time(String start, String end) {
        ObjectNode b = Json.object().put("chargeToId", TICKET).put("chargeToType", "ServiceTicket")
                .put("timeStart", start).put("timeEnd", end).put("billableOption", "DoNotBill")
                .put("notes", "on site").put("internalNotes", "fn-time-log:1");
        b.putObject("member").put("identifier", "dtech");
        b.putObject("workType").put("name", "Onsite");
        b.putObject("workRole").put("name", "Field Technician");
        return b;
    }

    static String firstError(CwClient.Res r) {
        return r.json().path("errors").path(0).path("code").asText() + " " + r.json().path("errors").path(0)
                .path("field").asText() + ": " + r.json().path("errors").path(0).path("message").asText();
    }

    @Test
    void aTimeEntryOnATicketIsStoredListedPatchedAndDeleted() {
        CwClient.Res created = client.post("/time/entries", time("2026-07-01T14:00:00Z", "2026-07-01T16:30:00Z"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode e = created.json();
        assertThat(e.path("member").path("identifier").asText()).isEqualTo("dtech");
        assertThat(e.path("workType").path("name").asText()).isEqualTo("Onsite");
        assertThat(e.path("workRole").path("id").asLong()).isEqualTo(2);
        assertThat(e.path("actualHours").asDouble()).isEqualTo(2.5);
        assertThat(e.path("ticket").path("id").asLong()).isEqualTo(TICKET);
        assertThat(e.path("company").path("identifier").asText()).isEqualTo("ACME");
        assertThat(e.path("_info").path("enteredBy").asText()).isEqualTo("apimember");

        CwClient.Res listed = client.get("/time/entries?conditions=" + CwClient.q("chargeToType=\"ServiceTicket\" AND "
                + "chargeToId=" + TICKET));
        assertThat(listed.json()).hasSize(1);
        assertThat(client.get("/time/entries?conditions=" + CwClient.q("chargeToId=99")).json()).isEmpty();

        long id = e.path("id").asLong();
        CwClient.Res patched = client.patch("/time/entries/" + id, ConnectWiseSandboxTest.ops(
                "replace", "timeEnd", "\"2026-07-01T17:00:00Z\"", "replace", "member", "{\"identifier\":\"jsmith\"}"));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().path("actualHours").asDouble()).isEqualTo(3.0);
        assertThat(patched.json().path("member").path("identifier").asText()).isEqualTo("jsmith");
        assertThat(cw.timeEntries(TICKET)).hasSize(1);

        assertThat(client.delete("/time/entries/" + id).status()).isEqualTo(204);
        assertThat(client.get("/time/entries/" + id).status()).isEqualTo(404);
        assertThat(cw.timeEntries(TICKET)).isEmpty();
    }

    @Test
    void aTimeEntryIsRefusedWithoutAStartForAnUnknownMemberOrTicketAndWhenItEndsBeforeItStarts() {
        ObjectNode noStart = time("2026-07-01T14:00:00Z", "2026-07-01T15:00:00Z");
        noStart.remove("timeStart");
        CwClient.Res r = client.post("/time/entries", noStart);
        assertThat(r.status()).isEqualTo(400);
        assertThat(firstError(r)).startsWith("MissingRequiredField timeStart");

        ObjectNode nobody = time("2026-07-01T14:00:00Z", "2026-07-01T15:00:00Z");
        nobody.putObject("member").put("identifier", "nosuchtech");
        r = client.post("/time/entries", nobody);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("code").asText()).isEqualTo("InvalidObject");
        assertThat(firstError(r)).isEqualTo("NotFound member: Member nosuchtech not found");

        ObjectNode noTicket = time("2026-07-01T14:00:00Z", "2026-07-01T15:00:00Z").put("chargeToId", 98765);
        r = client.post("/time/entries", noTicket);
        assertThat(r.status()).isEqualTo(400);
        assertThat(firstError(r)).isEqualTo("NotFound chargeToId: Ticket 98765 not found");

        r = client.post("/time/entries", time("2026-07-01T14:00:00Z", "2026-07-01T13:00:00Z"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(firstError(r)).startsWith("InvalidField timeEnd");

        ObjectNode unknownField = time("2026-07-01T14:00:00Z", "2026-07-01T15:00:00Z").put("hours", 1);
        r = client.post("/time/entries", unknownField);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("message").asText()).contains("Could not find member 'hours'");
        assertThat(cw.timeEntries(TICKET)).isEmpty();
    }

    @Test
    void aClosedTicketTakesNoTimeExpensesOrProducts() {
        cw.setStatus(TICKET, "Closed");
        assertThat(firstError(client.post("/time/entries", time("2026-07-01T14:00:00Z", "2026-07-01T15:00:00Z"))))
                .contains("is closed");
        assertThat(client.post("/expense/entries", expense()).status()).isEqualTo(400);
        assertThat(client.post("/procurement/products", product()).status()).isEqualTo(400);
        assertThat(cw.timeEntries(TICKET)).isEmpty();
        assertThat(cw.expenseEntries(TICKET)).isEmpty();
        assertThat(cw.products(TICKET)).isEmpty();
    }

    static ObjectNode expense() {
        ObjectNode b = Json.object().put("chargeToId", TICKET).put("chargeToType", "ServiceTicket")
                .put("amount", 12.5).put("date", "2026-07-01T15:00:00Z").put("notes", "Patch cable");
        b.putObject("type").put("name", "Materials");
        b.putObject("member").put("identifier", "dtech");
        return b;
    }

    static ObjectNode product() {
        ObjectNode b = Json.object().put("billableOption", "Billable").put("description", "Patch cable")
                .put("price", 12.5).put("quantity", 2);
        b.putObject("catalogItem").put("identifier", "FN-EXPENSE");
        b.putObject("ticket").put("id", TICKET);
        return b;
    }

    @Test
    void anExpenseEntryNeedsTypeAmountAndDateAndAKnownType() {
        CwClient.Res ok = client.post("/expense/entries", expense());
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().path("type").path("id").asLong()).isEqualTo(2);
        assertThat(ok.json().path("invoiceAmount").asDouble()).isEqualTo(12.5);
        assertThat(client.get("/expense/entries?conditions=" + CwClient.q("chargeToType=\"ServiceTicket\" AND chargeToId="
                + TICKET)).json()).hasSize(1);
        for (String required : new String[] {"type", "amount", "date"}) {
            ObjectNode b = expense();
            b.remove(required);
            CwClient.Res r = client.post("/expense/entries", b);
            assertThat(r.status()).isEqualTo(400);
            assertThat(firstError(r)).startsWith("MissingRequiredField " + required);
        }
        ObjectNode unknownType = expense();
        unknownType.putObject("type").put("name", "Helicopter");
        assertThat(firstError(client.post("/expense/entries", unknownType)))
                .isEqualTo("NotFound type: Expense Type Helicopter not found");
        assertThat(cw.expenseEntries(TICKET)).hasSize(1);
    }

    @Test
    void aProductNeedsACatalogItemAndABillableOption() {
        CwClient.Res ok = client.post("/procurement/products", product());
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().path("extPrice").asDouble()).isEqualTo(25.0);
        assertThat(client.get("/procurement/products?conditions=" + CwClient.q("ticket/id=" + TICKET)).json())
                .hasSize(1);
        ObjectNode noItem = product();
        noItem.remove("catalogItem");
        assertThat(firstError(client.post("/procurement/products", noItem))).startsWith("MissingRequiredField catalogItem");
        ObjectNode noOption = product();
        noOption.remove("billableOption");
        assertThat(firstError(client.post("/procurement/products", noOption)))
                .startsWith("MissingRequiredField billableOption");
        ObjectNode unknownItem = product();
        unknownItem.putObject("catalogItem").put("identifier", "NOPE");
        assertThat(firstError(client.post("/procurement/products", unknownItem))).startsWith("NotFound catalogItem");
        assertThat(cw.products(TICKET)).hasSize(1);
    }

    @Test
    void aLostAnswerStillStoresTheEntry() {
        cw.loseCreateAnswers(1);
        CwClient.Res lost = client.post("/time/entries", time("2026-07-01T14:00:00Z", "2026-07-01T15:00:00Z"));
        assertThat(lost.status()).isEqualTo(502);
        assertThat(cw.timeEntries(TICKET)).hasSize(1);
        assertThat(client.post("/time/entries", time("2026-07-01T15:00:00Z", "2026-07-01T16:00:00Z")).status())
                .isEqualTo(201);
    }

    @Test
    void theSetupTablesTheEntriesNameCanBeListed() {
        assertThat(client.get("/system/members?conditions=" + CwClient.q("identifier=\"dtech\"")).json()).hasSize(1);
        assertThat(client.get("/time/workTypes").json()).extracting(n -> n.path("name").asText())
                .contains("Onsite", "Remote Support");
        assertThat(client.get("/time/workRoles").json()).hasSize(3);
        assertThat(client.get("/expense/types").json()).extracting(n -> n.path("name").asText()).contains("Materials");
        assertThat(client.get("/procurement/catalog?conditions=" + CwClient.q("identifier=\"FN-LABOR\"")).json())
                .hasSize(1);
        assertThat(client.get("/time/workTypes/2").json().path("name").asText()).isEqualTo("Onsite");
        assertThat(client.get("/expense/types/99").status()).isEqualTo(404);
    }
}
