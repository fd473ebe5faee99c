package com.cwfn.observe;

import com.cwfn.http.RequestBudget;
import com.cwfn.pause.Pauses;
import com.cwfn.store.InboxStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;

/**
 * The connector's own metrics (besides Camel's and the calls counted in RemoteApi), all on /observe/metrics:
 * <ul>
 * <li>{@code connector_transactions_total{direction,outcome,step}}: finished transactions (done, skipped, ignored)
 *     and failed attempts (retry, failed) with the step they failed at</li>
 * <li>{@code connector_retries_total{direction,step}}, {@code connector_dead_letters_total{direction,step}}</li>
 * <li>{@code connector_transaction_latency_seconds{direction}}: received to finished (histogram)</li>
 * <li>{@code connector_inbox_depth}, {@code connector_inbox_oldest_age_seconds}: unfinished events</li>
 * <li>{@code connector_pauses_total{resource}}, {@code connector_paused_seconds_total{resource}}: pauses started (one
 *     per 429 storm) and the time paused; {@code connector_transactions_total{outcome="paused"}}: attempts that met
 *     a pause and went back to the inbox</li>
 * <li>{@code connector_requests_waiting{system}}: calls waiting for a slot of the request budget</li>
 * </ul>
 */
public class ConnectorMetrics {
    private static final long REFRESH_MS = 2_000;
    private final MeterRegistry registry;
    private final InboxStore inbox;
    private final Clock clock;
    private volatile long refreshedAt;
    private volatile double depth;
    private volatile double oldestAge;

    public ConnectorMetrics(MeterRegistry registry, InboxStore inbox, Clock clock) {
        this.registry = registry;
        this.inbox = inbox;
        this.clock = clock;
        Gauge.builder("connector_inbox_depth", this, m -> m.refresh().depth)
                .description("events received and not finished yet (pending or being worked)").register(registry);
        Gauge.builder("connector_inbox_oldest_age_seconds", this, m -> m.refresh().oldestAge)
                .description("age of the oldest unfinished event").register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** A transaction finished (done, skipped, ignored) after {@code latencyMs} since it was received. */
    public void finished(String direction, String outcome, long latencyMs) {
        Counter.builder("connector_transactions").description("sync transactions by direction, outcome and step")
                .tags("direction", direction, "outcome", outcome, "step", "none").register(registry).increment();
        if ("done".equals(outcome)) {
            Timer.builder("connector_transaction_latency").description("from event received to transaction done")
                    .tag("direction", direction).publishPercentileHistogram().register(registry)
                    .record(Duration.ofMillis(Math.max(0, latencyMs)));
        }
    }

    /** An attempt failed at {@code step}: retried later, or a dead letter. */
    public void failed(String direction, String step, boolean deadLetter) {
        Counter.builder("connector_transactions").description("sync transactions by direction, outcome and step")
                .tags("direction", direction, "outcome", deadLetter ? "failed" : "retry", "step", step)
                .register(registry).increment();
        Counter.builder(deadLetter ? "connector_dead_letters" : "connector_retries")
                .description(deadLetter ? "transactions failed for good (kept, mailed, replayable)"
                        : "attempts that failed for a passing reason and will be retried")
                .tags("direction", direction, "step", step).register(registry).increment();
    }

    /** An attempt met a pause at {@code step} and went back to the inbox (no attempt counted). */
    public void paused(String direction, String step) {
        Counter.builder("connector_transactions").description("sync transactions by direction, outcome and step")
                .tags("direction", direction, "outcome", "paused", "step", step).register(registry).increment();
    }

    /** Counts the pauses raised on this instance and the time paused, per resource. */
    public ConnectorMetrics watch(Pauses pauses) {
        pauses.listen((resource, started, addedMs) -> {
            if (started) {
                Counter.builder("connector_pauses").description("pauses started (a 429 storm is one pause)")
                        .tag("resource", resource).register(registry).increment();
            }
            Counter.builder("connector_paused_seconds").description("time paused, overlapping raises counted once")
                    .tag("resource", resource).register(registry).increment(addedMs / 1000.0);
        });
        return this;
    }

    /** Shows how many calls wait for a slot of the budget. */
    public ConnectorMetrics watch(RequestBudget budget) {
        Gauge.builder("connector_requests_waiting", budget, RequestBudget::waiting)
                .description("calls waiting for a slot of the request budget (or, in the background, for flows)")
                .tag("system", budget.api()).register(registry);
        return this;
    }

    private synchronized ConnectorMetrics refresh() {
        long now = clock.millis();
        if (now - refreshedAt >= REFRESH_MS) {
            try {
                depth = inbox.countReceived(InboxStore.PENDING) + inbox.count(InboxStore.PROCESSING);
                oldestAge = inbox.oldestUnfinished().map(t -> (now - t) / 1000.0).orElse(0.0);
            } catch (RuntimeException e) {
                depth = Double.NaN;
                oldestAge = Double.NaN;
            }
            refreshedAt = now;
        }
        return this;
    }
}
