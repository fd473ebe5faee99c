package com.cwfn.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cwfn.sandbox.connectwise.CwThrottle;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A burst of tickets at once (a Monday morning, reconciliation catching up) against a ConnectWise sandbox that
 * throttles with a sliding window, and what must hold afterwards: each ticket exactly one work order, at most 2% of
 * the requests answered 429, no 10-second window in the sandbox's log above the connector's pace. The rates are
 * scaled up from production (800 a minute against about 1,000) so the suite stays fast; the mechanism is the same.
 */
public final class ThrottledBurst {
    public static final int TICKETS = 60;
    /** The connector's {@code connectwise.requests-per-minute} in the suite: 300 in any 10 s. */
    public static final int CONNECTOR_PER_MINUTE = 1800;
    /** The sandbox throttles above 320 requests in any 10 s (1,920 a minute), a little above the connector's pace. */
    public static final int SANDBOX_PER_TEN_SECONDS = 320;
    static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    private final Env env;
    private final int count;
    private final List<Long> tickets = new ArrayList<>();
    private Instant sent;

    /** {@value #TICKETS} tickets. */
    public ThrottledBurst(Env env) {
        this(env, TICKETS);
    }

    public ThrottledBurst(Env env, int count) {
        this.env = env;
        this.count = count;
    }

    public List<Long> tickets() {
        return tickets;
    }

    /** Tickets with contact, site and schedule, already in the trigger status: their callbacks are sent by {@link #send}. */
    public ThrottledBurst prepare() {
        env.cw.dropCallbacks(true);
        try {
            Instant start = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
            for (int i = 0; i < count; i++) {
                long id = env.newTicket("Burst ticket " + i, t -> { });
                env.cw.addScheduleEntry(id, start, start.plus(Duration.ofHours(2)));
                env.cw.setStatus(id, "Dispatch to FN");
                tickets.add(id);
            }
        } finally {
            env.cw.dropCallbacks(false);
        }
        return this;
    }

    /** Throttles the sandbox: a sliding window of {@value #SANDBOX_PER_TEN_SECONDS} requests in any 10 s. */
    public ThrottledBurst throttle() {
        env.cw.throttle().limit(SANDBOX_PER_TEN_SECONDS, TEN_SECONDS);
        return this;
    }

    /** Sends every ticket's signed callback at once, spread over the connectors given. */
    public ThrottledBurst send(String token, String... connectorUrls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            sent = Instant.now();
            for (int i = 0; i < tickets.size(); i++) {
                String body = env.callbackBody(tickets.get(i), UUID.randomUUID().toString(), "updated");
                String url = connectorUrls[i % connectorUrls.length];
                answers.add(pool.submit(() -> env.postCallbackTo(url, token, body)));
            }
            for (Future<HttpResponse<String>> a : answers) {
                assertThat(a.get().statusCode()).isEqualTo(202);
            }
        } finally {
            pool.shutdown();
        }
        return this;
    }

    /** Waits for every work order and dispatched note, then for the calls to end; each ticket has exactly one. */
    public Duration awaitExactlyOnce() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> tickets.stream()
                .allMatch(id -> env.workOrdersOf(id).size() >= 1 && env.notesContaining(id, "Dispatched to") >= 1));
        Duration took = Duration.between(sent, Instant.now());
        int[] seen = {-1};
        await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ofMillis(1000)).pollInterval(Duration.ofMillis(1000))
                .until(() -> env.fn.pendingDeliveries() == 0 && seen[0] == (seen[0] = env.cw.requests().size()));
        for (long id : tickets) {
            assertThat(env.workOrdersOf(id)).as("work orders of ticket %d", id).hasSize(1);
            assertThat(env.notesContaining(id, "Dispatched to Field Nation")).as("notes of %d", id).isEqualTo(1);
        }
        return took;
    }

    /** After a throttled burst: exactly once, at most 2% answered 429, no 10-second window above the pace. */
    public String check(int connectorPerMinute) {
        Duration took = awaitExactlyOnce();
        CwThrottle throttle = env.cw.throttle();
        int requests = throttle.arrivals().size();
        long refused = throttle.refused();
        int most = throttle.mostInAnyWindow(TEN_SECONDS);
        String report = count + " tickets in " + took.toMillis() + " ms: " + requests + " ConnectWise requests ("
                + String.format(java.util.Locale.ROOT, "%.2f", (requests - refused) / (double) count)
                + " per dispatch), " + refused + " answered 429, at most " + most + " in any 10 s (pace "
                + connectorPerMinute / 6 + ", sandbox " + SANDBOX_PER_TEN_SECONDS + ")";
        System.out.println(report);
        assertThat(requests).as("more requests than one window holds: the pace, not the burst, set the time")
                .isGreaterThan(connectorPerMinute / 6);
        assertThat(refused).as("requests answered 429 (" + report + ")").isLessThanOrEqualTo(requests / 50);
        assertThat(most).as("requests in any 10-second window (" + report + ")")
                .isLessThanOrEqualTo(connectorPerMinute / 6);
        return report;
    }
}
