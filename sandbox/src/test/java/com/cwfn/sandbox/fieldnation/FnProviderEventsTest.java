package com.cwfn.sandbox.fieldnation;

import static org.assertj.core.api.Assertions.assertThat;

import com.cwfn.sandbox.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's side of what a provider does and of the buyer's status actions, as the published spec shapes them:
 * problems (ProblemsDto, problem_reported and problem_resolved), declines, a delay with an ETA, at risk, postponed,
 * the company's incomplete reasons and the checks of cancel, approve and incomplete.
 */
class FnProviderEventsTest {
    static FieldNationSandbox fn;
    FnClient c;

    @BeforeAll
    static void start() {
        fn = FieldNationSandbox.withDefaults().start(0);
    }

    @AfterAll
    static void stop() {
        fn.close();
    }

    @BeforeEach
    void reset() {
        fn.reset();
        c = new FnClient(fn).login();
    }

    private long published() {
        long id = c.post("/workorders", FnClient.completeWorkOrder("Provider events")).json().path("id").asLong();
        assertThat(c.post("/workorders/" + id + "/publish", null).status()).isEqualTo(200);
        return id;
    }

    private FnEvent last() {
        return fn.events().get(fn.events().size() - 1);
    }

    @Test
    void problemsAreReportedAndResolvedWithTheirEventsAndListedAsProblemsDto() {
        long id = published();
        fn.assignProvider(id, 1068);
        ObjectNode body = Json.object().put("comments", "No ladder on site");
        body.putObject("type").put("id", 4);
        assertThat(c.post("/workorders/" + id + "/problems", body).status()).isEqualTo(200);
        assertThat(last().name()).isEqualTo(FnEvents.PROBLEM_REPORTED);
        JsonNode list = c.get("/workorders/" + id + "/problems").json();
        assertThat(list.path("sum").path("active").asInt()).isEqualTo(1);
        JsonNode p = list.path("results").get(0);
        assertThat(p.path("type").path("name").asText()).isEqualTo("Site not ready");
        assertThat(p.path("comments").asText()).isEqualTo("No ladder on site");
        assertThat(p.path("resolution").path("status").asText()).isEqualTo("open");
        assertThat(list.path("active").path("id").asLong()).isEqualTo(p.path("id").asLong());
        assertThat(last().params().path("problem_id").asLong()).isEqualTo(p.path("id").asLong());
        assertThat(last().workOrder().path("problems").path("results")).hasSize(1);

        ObjectNode resolve = Json.object();
        resolve.putObject("resolution").put("status", "resolved");
        assertThat(c.put("/workorders/" + id + "/problems/" + p.path("id").asLong(), resolve).status()).isEqualTo(200);
        assertThat(last().name()).isEqualTo(FnEvents.PROBLEM_RESOLVED);
        assertThat(c.get("/workorders/" + id + "/problems").json().path("sum").path("resolved").asInt()).isEqualTo(1);

        ObjectNode badType = Json.object();
        badType.putObject("type").put("id", 99);
        assertThat(c.post("/workorders/" + id + "/problems", badType).status()).isEqualTo(400);
        assertThat(c.put("/workorders/" + id + "/problems/1", resolve).status()).isEqualTo(404);
    }

    @Test
    void declinesDelaysAtRiskAndPostponedFireTheirEvents() {
        long id = published();
        fn.route(id, 1069);
        fn.decline(id, 1069);
        assertThat(last().name()).isEqualTo(FnEvents.DECLINED);
        assertThat(last().params().path("provider_id").asLong()).isEqualTo(1069);
        assertThat(last().params().path("decline_reason_id").asLong()).isEqualTo(1);
        assertThat(last().workOrder().path("routes").path("results").get(0).path("user").path("id").asLong())
                .isEqualTo(1069);
        assertThat(last().workOrder().path("declines").path("results").get(0).path("user").path("id").asLong())
                .isEqualTo(1069);

        fn.assignProvider(id, 1068);
        fn.atRisk(id);
        assertThat(last().name()).isEqualTo(FnEvents.STATUS_AT_RISK);
        Instant eta = Instant.parse("2026-07-01T15:30:00Z");
        fn.providerDelay(id, eta);
        assertThat(last().name()).isEqualTo(FnEvents.STATUS_DELAYED);
        assertThat(last().params().path("estimated_delay").asLong()).isEqualTo(5400);
        assertThat(last().params().path("eta").path("utc").asText()).isEqualTo("2026-07-01 15:30:00");
        assertThat(last().workOrder().path("eta").path("start").path("utc").asText()).isEqualTo("2026-07-01 15:30:00");
        assertThat(last().workOrder().path("status").path("code").asText()).isEqualTo("delayed");
        fn.postpone(id);
        assertThat(last().name()).isEqualTo(FnEvents.STATUS_POSTPONED);
    }

    @Test
    void incompleteReasonsAreTheSpecsArrayAndCancelApproveAndIncompleteCheckTheStatus() {
        JsonNode reasons = c.get("/company/incomplete-reasons").json();
        assertThat(reasons.isArray()).isTrue();
        assertThat(reasons.get(1).path("id").asInt()).isEqualTo(2);
        assertThat(reasons.get(1).path("label").asText()).isEqualTo("Missing deliverables");

        long id = published();
        assertThat(c.post("/workorders/" + id + "/approve", null).status()).as("not Work Done").isEqualTo(400);
        fn.assignProvider(id, 1068);
        fn.completeWork(id, "done");
        assertThat(c.delete("/workorders/" + id + "/complete?reason=Photos&reason_id=9").status()).isEqualTo(400);
        assertThat(c.delete("/workorders/" + id + "/complete?reason_id=2").status()).isEqualTo(400);
        assertThat(c.delete("/workorders/" + id + "/complete?reason=Photos&reason_id=2").status()).isEqualTo(200);
        assertThat(fn.workOrder(id).orElseThrow().path("status").path("name").asText()).isEqualTo("Assigned");
        fn.completeWork(id, "done now");
        assertThat(c.post("/workorders/" + id + "/approve", null).status()).isEqualTo(200);
        assertThat(c.delete("/workorders/" + id + "?cancel_reason=Too+late").status()).as("approved").isEqualTo(400);
    }
}
