package com.cwfn.sandbox.fieldnation;

import static org.assertj.core.api.Assertions.assertThat;
import com.cwfn.sandbox.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Time logs (check-in/out, REST edits) and expenses (added by the provider, approved by the buyer) in the Field
 * Nation sandbox over real HTTP, in the shapes of the published TimeLogsDto and PayExpensesDto, and no event for any
 * of them.
 */
class FnTimeAndExpensesTest {
    static FieldNationSandbox fn;
    FnClient c;
    long wo;

    @BeforeAll
    static void start() {
        fn = FieldNationSandbox.withDefaults().start(0);
    }

    @AfterAll
    static void stop() {
        fn.close();
    }

    @BeforeEach
    void assigned() {
        fn.reset();
        c = new FnClient(fn).login();
        wo = c.post("/workorders", Json.object().put("title", "Time and money")).json().path("id").asLong();
        fn.assignProvider(wo, 1068);
    }

    @Test
    void checkInAndOutMakeOneTimeLogThatCanBeEditedAndDeletedWithoutAnEvent() {
        fn.checkIn(wo);
        fn.checkOut(wo);
        int events = fn.events().size();
        JsonNode list = c.get("/workorders/" + wo + "/time_logs").json();
        for (String required : List.of("metadata", "results", "correlation_id", "actions", "hours")) {
            assertThat(list.has(required)).as(required).isTrue();
        }
        assertThat(list.path("results")).hasSize(1);
        JsonNode log = list.path("results").get(0);
        for (String required : List.of("id", "in", "out", "time_zone", "verified", "edited", "was_late", "status",
                "hours", "logged_by", "actions", "first_check_in")) {
            assertThat(log.has(required)).as(required).isTrue();
        }
        assertThat(log.path("in").path("created").path("utc").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(log.path("out").path("created").has("local")).isTrue();
        assertThat(log.path("logged_by").path("first_name").asText()).isEqualTo("Pat");
        long id = log.path("id").asLong();

        ObjectNode edit = Json.object().put("id", id);
        edit.putObject("in").putObject("created").put("utc", "2026-07-01 14:00:00");
        edit.putObject("out").putObject("created").put("utc", "2026-07-01 16:15:00");
        assertThat(c.put("/workorders/" + wo + "/time_logs/" + id, edit).status()).isEqualTo(200);
        log = c.get("/workorders/" + wo + "/time_logs").json().path("results").get(0);
        assertThat(log.path("edited").asBoolean()).isTrue();
        assertThat(log.path("hours").asDouble()).isEqualTo(2.25);

        ObjectNode backwards = Json.object().put("id", id);
        backwards.putObject("in").putObject("created").put("utc", "2026-07-01 14:00:00");
        backwards.putObject("out").putObject("created").put("utc", "2026-07-01 13:00:00");
        assertThat(c.put("/workorders/" + wo + "/time_logs/" + id, backwards).status()).isEqualTo(400);
        assertThat(c.put("/workorders/" + wo + "/time_logs/" + id, Json.object().put("id", id)).status())
                .isEqualTo(400);

        ObjectNode added = Json.object();
        added.putObject("in").putObject("created").put("utc", "2026-07-02 09:00:00");
        added.putObject("out").putObject("created").put("utc", "2026-07-02 10:00:00");
        assertThat(c.post("/workorders/" + wo + "/time_logs", added).status()).isEqualTo(200);
        assertThat(c.get("/workorders/" + wo + "/time_logs").json().path("hours").asDouble()).isEqualTo(3.25);
        assertThat(c.delete("/workorders/" + wo + "/time_logs/" + id).status()).isEqualTo(200);
        JsonNode left = c.get("/workorders/" + wo + "/time_logs").json().path("results");
        assertThat(left).hasSize(1);
        assertThat(left.get(0).path("id").asLong()).isNotEqualTo(id);
        // a check-in after a delete gets an id of its own
        fn.checkIn(wo);
        assertThat(fn.timeLogs(wo)).extracting(l -> l.path("id").asLong()).doesNotHaveDuplicates().doesNotContain(id);
        assertThat(fn.events().size()).as("no event for time log changes").isEqualTo(events + 1);
    }

    @Test
    void aProviderAddsExpensesAndOnlyTheBuyerApprovesThem() {
        ObjectNode body = Json.object().put("description", "Extra patch cable").put("amount", "12.50")
                .put("quantity", 1);
        body.putObject("category").put("id", 2);
        assertThat(c.post("/workorders/" + wo + "/expenses?acting_user_id=1068", body).status()).isEqualTo(200);
        ObjectNode parking = fn.addExpense(wo, 4, "Parking garage", "8");
        JsonNode list = c.get("/workorders/" + wo + "/expenses").json();
        for (String required : List.of("metadata", "sum", "results", "actions")) {
            assertThat(list.has(required)).as(required).isTrue();
        }
        JsonNode cable = list.path("results").get(0);
        assertThat(cable.path("status").asText()).isEqualTo("new");
        assertThat(cable.path("amount").asDouble()).isEqualTo(12.5);
        assertThat(cable.path("category").path("label").asText()).isEqualTo("Materials");
        assertThat(cable.path("author").path("id").asLong()).isEqualTo(1068);
        assertThat(cable.path("added").path("utc").asText()).isNotEmpty();

        ObjectNode approve = Json.object().put("description", "Extra patch cable").put("amount", "12.50")
                .put("status", "approved");
        approve.putObject("category").put("id", 2);
        assertThat(c.put("/workorders/" + wo + "/expenses/" + cable.path("id").asLong() + "?acting_user_id=1068",
                approve).status()).as("a provider cannot approve").isEqualTo(403);
        assertThat(c.put("/workorders/" + wo + "/expenses/" + cable.path("id").asLong(), approve).status())
                .isEqualTo(200);
        fn.decideExpense(wo, parking.path("id").asLong(), false);
        list = c.get("/workorders/" + wo + "/expenses").json();
        assertThat(list.path("results").get(0).path("status").asText()).isEqualTo("approved");
        assertThat(list.path("results").get(0).path("approved").path("utc").asText()).isNotEmpty();
        assertThat(list.path("results").get(1).path("status").asText()).isEqualTo("disapproved");
        assertThat(list.path("sum").path("approved_amount").asDouble()).isEqualTo(12.5);
        ObjectNode pay = Json.object().put("type", "fixed");
        pay.putObject("base").put("amount", 150).put("units", 1);
        assertThat(c.put("/workorders/" + wo + "/pay", pay).status()).isEqualTo(200);
        assertThat(c.get("/workorders/" + wo).json().path("pay").path("expenses").path("results")).hasSize(2);

        ObjectNode noCategory = Json.object().put("description", "x").put("amount", "1");
        assertThat(c.post("/workorders/" + wo + "/expenses", noCategory).status()).isEqualTo(400);
        ObjectNode noAmount = Json.object().put("description", "x");
        noAmount.putObject("category").put("id", 1);
        assertThat(c.post("/workorders/" + wo + "/expenses", noAmount).status()).isEqualTo(400);
        assertThat(c.get("/company/expenses").json().path("results")).hasSize(4);
    }

    @Test
    void anEtaShowsOnTheWorkOrder() {
        Instant start = Instant.parse("2026-07-01T14:00:00Z");
        fn.setEta(wo, start, start.plusSeconds(3600));
        JsonNode eta = c.get("/workorders/" + wo).json().path("eta");
        assertThat(eta.path("start").path("utc").asText()).isEqualTo("2026-07-01 14:00:00");
        assertThat(eta.path("user").path("id").asLong()).isEqualTo(1068);
    }
}
