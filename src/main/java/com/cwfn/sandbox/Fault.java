package com.cwfn.sandbox;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A fault injected into a sandbox: requests matching {@code method} (null = any) and {@code pathRegex}
 * are delayed by {@code latencyMs} and, when {@code status} is not 0, answered with that status
 * (and a {@code Retry-After} header when {@code retryAfterSeconds} is set) instead of being served.
 * The fault applies {@code count} times, or forever when count is negative.
 */
public final class Fault {
    private final String method;
    private final Pattern path;
    private final int status;
    private final long latencyMs;
    private final Integer retryAfterSeconds;
    private final AtomicInteger remaining;

    private Fault(String method, String pathRegex, int status, int count, long latencyMs, Integer retryAfterSeconds) {
        this.method = method;
        this.path = Pattern.compile(pathRegex == null ? ".*" : pathRegex);
        this.status = status;
        this.latencyMs = latencyMs;
        this.retryAfterSeconds = retryAfterSeconds;
        this.remaining = new AtomicInteger(count);
    }

    /** Answer {@code status} to matching requests, {@code count} times (negative = always). */
    public static Fault status(String method, String pathRegex, int status, int count) {
        return new Fault(method, pathRegex, status, count, 0, null);
    }

    /** Delay matching requests by {@code latencyMs}, forever. */
    public static Fault latency(String method, String pathRegex, long latencyMs) {
        return new Fault(method, pathRegex, 0, -1, latencyMs, null);
    }

    /** Answer 429 with {@code Retry-After: seconds}, {@code count} times. */
    public static Fault throttle(String method, String pathRegex, int retryAfterSeconds, int count) {
        return new Fault(method, pathRegex, 429, count, 0, retryAfterSeconds);
    }

    /** A copy of this fault that also waits {@code ms} before answering. */
    public Fault withLatency(long ms) {
        return new Fault(method, path.pattern(), status, remaining.get(), ms, retryAfterSeconds);
    }

    /** A copy of this fault that also sends {@code Retry-After}. */
    public Fault withRetryAfter(int seconds) {
        return new Fault(method, path.pattern(), status, remaining.get(), latencyMs, seconds);
    }

    boolean matches(String m, String p) {
        return (method == null || method.equalsIgnoreCase(m)) && path.matcher(p).matches();
    }

    /** Takes one use of this fault; false when it is used up. */
    boolean take() {
        while (true) {
            int r = remaining.get();
            if (r < 0) {
                return true;
            }
            if (r == 0) {
                return false;
            }
            if (remaining.compareAndSet(r, r - 1)) {
                return true;
            }
        }
    }

    public int status() {
        return status;
    }

    public long latencyMs() {
        return latencyMs;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int remaining() {
        return remaining.get();
    }

    @Override
    public String toString() {
        return "Fault[" + (method == null ? "*" : method) + " " + path.pattern() + " status=" + status
                + " latency=" + latencyMs + "ms retryAfter=" + retryAfterSeconds + " remaining=" + remaining + "]";
    }
}
