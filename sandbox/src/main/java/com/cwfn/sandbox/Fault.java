package com.cwfn.sandbox;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A fault injected into a sandbox: requests matching {@code method} (null = any) and {@code pathRegex}
 * are delayed by {@code latencyMs} and, when {@code status} is not 0, answered with that status
 * (and a {@code Retry-After} header when {@code retryAfterSeconds} is set) instead of being served.
 * The fault applies {@code count} times, or forever when count is negative. A {@link #lostAnswer lost answer}
 * serves the request first (its change is made) and then answers the status instead of the real answer.
 */
public final class Fault {
    private final String method;
    private final Pattern path;
    private final int status;
    private final long latencyMs;
    private final Integer retryAfterSeconds;
    private final AtomicInteger remaining;
    private final boolean afterServing;

    private Fault(String method, String pathRegex, int status, int count, long latencyMs, Integer retryAfterSeconds) {
        this(method, pathRegex, status, count, latencyMs, retryAfterSeconds, false);
    }

    private Fault(String method, String pathRegex, int status, int count, long latencyMs, Integer retryAfterSeconds,
            boolean afterServing) {
        this.method = method;
        this.path = Pattern.compile(pathRegex == null ? ".*" : pathRegex);
        this.status = status;
        this.latencyMs = latencyMs;
        this.retryAfterSeconds = retryAfterSeconds;
        this.remaining = new AtomicInteger(count);
        this.afterServing = afterServing;
    }

    /**
     * The request is served (a create creates) but its answer is lost on the way back: the client sees 504, as
     * from a gateway that timed out, {@code count} times.
     */
    public static Fault lostAnswer(String method, String pathRegex, int count) {
        return new Fault(method, pathRegex, 504, count, 0, null, true);
    }

    /** True when the request is served before the fault's status is answered instead (a lost answer). */
    public boolean afterServing() {
        return afterServing;
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
        return new Fault(method, path.pattern(), status, remaining.get(), ms, retryAfterSeconds, afterServing);
    }

    /** A copy of this fault that also sends {@code Retry-After}. */
    public Fault withRetryAfter(int seconds) {
        return new Fault(method, path.pattern(), status, remaining.get(), latencyMs, seconds, afterServing);
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
