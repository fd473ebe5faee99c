package com.cwfn.failure;

import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a passing failure again: exponential backoff from {@code firstDelayMs}, capped at
 * {@code maxDelayMs}, with ±20% jitter, never sooner than the server's Retry-After; and when to give up:
 * once the next try would come later than {@code giveUpAfterMs} after the event was received.
 */
public record RetryPolicy(long firstDelayMs, long maxDelayMs, long giveUpAfterMs) {

    /** Delay before the next try after {@code attempts} tries. */
    public long delay(int attempts, Integer retryAfterSeconds) {
        double exp = firstDelayMs * Math.pow(2, Math.max(0, attempts - 1));
        long base = (long) Math.min(maxDelayMs, exp);
        long jittered = (long) (base * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
        long floor = retryAfterSeconds == null ? 0 : retryAfterSeconds * 1000L;
        return Math.max(jittered, floor);
    }

    /** True when a try at {@code nextAt} would be past the give-up time of an event received at {@code receivedAt}. */
    public boolean givesUp(long receivedAt, long nextAt) {
        return nextAt - receivedAt > giveUpAfterMs;
    }
}
