package com.cwfn.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.cwfn.admin.WebhookRegistration;
import com.cwfn.pause.Pauses;
import com.cwfn.sandbox.LoggedRequest;
import com.cwfn.testing.Env;
import com.cwfn.testing.ThrottledBurst;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 60 tickets at once against a ConnectWise that throttles with a sliding window, one connector on H2: each gets
 * exactly one work order, at most 2% of the requests are answered 429 and no 10-second window holds more than the
 * connector's pace. The same with two instances on one PostgreSQL is {@code jar.ThrottledClusterIT}. And a lone
 * dispatch on an idle budget: its parallel reads are not spaced but reach the sandbox together.
 */
class ThrottledBurstTest {

    @Test
    void sixtyTicketsAtOnceStayWithinThePace() throws Exception {
        try (Env env = Env.sandboxesOnly()) {
            env.startConnector(Map.of("connectwise.requests-per-minute",
                    String.valueOf(ThrottledBurst.CONNECTOR_PER_MINUTE)), false);
            env.connector.bean("webhookRegistration", WebhookRegistration.class).register();
            env.settle();
            new ThrottledBurst(env).prepare().throttle().send(env.connector.setting("connectwise.callback-token"),
                    env.connector.url("")).check(ThrottledBurst.CONNECTOR_PER_MINUTE);
            assertThat(env.connector.bean("pauses", Pauses.class).isPaused("ConnectWise")).isFalse();
        }
    }

    /**
     * At 120 a minute, evenly spaced calls would be 525 ms apart, longer than the 400 ms each takes here, so no read
     * would find another in flight. With the window's share (20 calls) free, the ticket's parallel reads go at once:
     * the sandbox's log shows each of them arriving while all the others are being served.
     */
    @Test
    void aLoneDispatchOnAnIdleBudgetSendsItsParallelReadsTogether() throws Exception {
        int perMinute = 120;
        try (Env env = Env.sandboxesOnly()) {
            env.startConnector(Map.of("connectwise.requests-per-minute", String.valueOf(perMinute)), false);
            env.settle();
            ThrottledBurst one = new ThrottledBurst(env, 1).prepare();
            env.cw.throttle().limit(perMinute / 6, Duration.ofSeconds(10)); // the sandbox holds the connector's share
            env.cw.latency(400);
            env.cw.clearRequests();
            one.send(env.connector.setting("connectwise.callback-token"), env.connector.url(""));
            one.awaitExactlyOnce();
            long ticket = one.tickets().get(0);
            List<LoggedRequest> reads = env.cw.requests(r -> r.method().equals("GET") && !r.path().contains(
                    "/callbackkey/") && !r.path().endsWith("/service/tickets/" + ticket));
            assertThat(reads).as("the ticket's parts: notes, documents, schedule entries (and the site)")
                    .hasSizeGreaterThanOrEqualTo(3);
            int mostInFlight = reads.stream().mapToInt(LoggedRequest::inFlight).max().orElseThrow();
            assertThat(mostInFlight).as("the last read to arrive found the others still in flight: " + reads.stream()
                    .map(r -> r + " (" + r.inFlight() + " in flight)").toList()).isGreaterThanOrEqualTo(reads.size()
                    - 1);
            assertThat(env.cw.throttle().refused()).as("a burst within the window's share is not throttled").isZero();
        }
    }
}
