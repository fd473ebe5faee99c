package com.cwfn.sandbox.fieldnation;

import static org.assertj.core.api.Assertions.assertThat;
import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.Fault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FnFaultTest {
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

    @Test
    void statusFaultAppliesForNCallsThenTheApiAnswersNormally() {
        long id = c.post("/workorders", Json.object().put("title", "faulty")).json().path("id").asLong();
        fn.inject(Fault.status("GET", "/api/rest/v2/workorders/\\d+", 503, 2));
        FnClient.Resp first = c.get("/workorders/" + id);
        assertThat(first.status()).isEqualTo(503);
        assertThat(first.json().path("status").asInt()).isEqualTo(503);
        assertThat(c.get("/workorders/" + id).status()).isEqualTo(503);
        assertThat(c.get("/workorders/" + id).status()).isEqualTo(200);
        assertThat(c.post("/workorders", Json.object().put("title", "unaffected")).status()).isEqualTo(200);
    }

    @Test
    void aLostAnswerServesTheRequestAndAnswers504() {
        int before = fn.workOrders().size();
        fn.inject(Fault.lostAnswer("POST", "/api/rest/v2/workorders", 1));
        FnClient.Resp lost = c.post("/workorders", Json.object().put("title", "made, answer lost"));
        assertThat(lost.status()).isEqualTo(504);
        assertThat(fn.workOrders()).hasSize(before + 1);
        assertThat(c.post("/workorders", Json.object().put("title", "answered")).status()).isEqualTo(200);
        assertThat(fn.workOrders()).hasSize(before + 2);
    }

    @Test
    void throttleGives429WithRetryAfter() {
        fn.inject(Fault.throttle(null, "/api/rest/v2/workorders", 7, 1));
        FnClient.Resp r = c.get("/workorders");
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.header("Retry-After")).isEqualTo("7");
        assertThat(c.get("/workorders").status()).isEqualTo(200);
    }

    @Test
    void latencyMeasurablyDelaysACall() {
        long t0 = System.nanoTime();
        assertThat(c.get("/workorders").status()).isEqualTo(200);
        long fast = (System.nanoTime() - t0) / 1_000_000;
        fn.latency(100);
        long t1 = System.nanoTime();
        assertThat(c.get("/workorders").status()).isEqualTo(200);
        long slow = (System.nanoTime() - t1) / 1_000_000;
        assertThat(slow).isGreaterThanOrEqualTo(100).isGreaterThan(fast);
        fn.latency(0);
    }

    @Test
    void faultsUseEachApisOwnErrorShapeAndResetClearsThem() {
        fn.inject(Fault.status("POST", "/authentication/api/oauth/token", 502, 1));
        FnClient.Resp token = c.tokenJson(FnClient.passwordGrant(fn));
        assertThat(token.status()).isEqualTo(502);
        assertThat(token.json().path("status_code").asInt()).isEqualTo(502);
        assertThat(fn.tokenRequests()).isEqualTo(2); // the login in reset() and the refused one

        fn.inject(Fault.status(null, "/api/v1/webhooks.*", 500, -1));
        FnClient.Resp hooks = c.hooks("GET", "", null);
        assertThat(hooks.status()).isEqualTo(500);
        assertThat(hooks.json().path("errors").get(0).path("code").asInt()).isEqualTo(500);
        assertThat(hooks.json().path("metadata").path("path").asText()).isEqualTo("/api/v1/webhooks");

        fn.reset();
        c.login();
        assertThat(c.hooks("GET", "", null).status()).isEqualTo(200);
        assertThat(fn.writes()).extracting(r -> r.path()).containsExactly("/authentication/api/oauth/token");
    }
}
