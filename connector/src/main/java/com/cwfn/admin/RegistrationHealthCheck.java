package com.cwfn.admin;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * The callback's and the webhook's state as reconciliation last saw it, as a detail of {@code /observe/health}:
 * always UP, and neither readiness nor liveness, since an inactive callback must not take intake (which still
 * answers Field Nation, the admin API and replays) out of the load balancer. The states are read from the database
 * in the background, at most every few seconds: a health probe never waits for a database that does not answer.
 */
public class RegistrationHealthCheck extends AbstractHealthCheck {
    private static final long REFRESH_MS = 5_000;
    private final RegistrationWatch watch;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Map<String, RegistrationWatch.State> states = Map.of();
    private volatile long readAt;

    public RegistrationHealthCheck(RegistrationWatch watch) {
        super("connector", "registrations");
        this.watch = watch;
    }

    @Override
    public boolean isReadiness() {
        return false;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (System.currentTimeMillis() - readAt > REFRESH_MS && refreshing.compareAndSet(false, true)) {
            CompletableFuture.runAsync(() -> {
                try {
                    states = watch.lastSeen();
                    readAt = System.currentTimeMillis();
                } catch (RuntimeException e) {
                    // the database does not answer: the states stay as last read (its own check says so)
                } finally {
                    refreshing.set(false);
                }
            });
        }
        states.forEach((what, state) -> builder.detail(what, state.word()));
        StringBuilder m = new StringBuilder();
        states.forEach((what, state) -> m.append(m.length() == 0 ? "" : ", ").append(what).append(' ')
                .append(state.word()));
        builder.message(m.toString());
        builder.up();
    }
}
