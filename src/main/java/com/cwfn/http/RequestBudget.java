package com.cwfn.http;

import com.cwfn.pause.Pause;
import com.cwfn.pause.Pauses;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One API's request budget, which every call to it goes through ({@link RemoteApi}):
 *
 * <ul>
 * <li><b>Pace.</b> Calls get evenly spaced slots from the {@link BudgetLedger} (shared by every instance on one
 *     PostgreSQL): {@code requests-per-minute} of them, spaced so that no 10-second window holds more than a sixth of
 *     that even when a call reaches the server up to {@value #JITTER_MS} ms late (the network, a busy server). A call
 *     whose thread wakes more than {@value #LATE_MS} ms after its slot (a GC pause) takes a new one. 0 is
 *     unpaced.</li>
 * <li><b>One pause per 429.</b> A 429 is the server's state, not the call's: {@link #throttled} pauses every call to
 *     the API until its {@code Retry-After} (at least 1 s, plus up to 20% jitter) and answers the {@link Pause} to
 *     throw. While paused, a call is not made: it meets the {@link Pause} at once, so an event goes back to the inbox
 *     instead of a worker sleeping on its claim.</li>
 * <li><b>Priorities</b> (per thread, see {@link #background} and {@link #withoutWaiting}): flows wait for their slot;
 *     background work (reconciliation, Refresh Fields) takes a slot only while no flow call waits for one on this
 *     instance, and sits pauses out; the signing-key fetch of a callback is counted but never waits.</li>
 * </ul>
 */
public class RequestBudget {
    /** How the calls of the current thread wait. */
    public enum Priority {
        /** Dispatch, sync back, admin: waits for its slot; a pause is met as a {@link Pause}. */
        FLOW,
        /** Reconciliation, Refresh Fields: yields to flow calls waiting on this instance; waits pauses out. */
        BACKGROUND,
        /** Counted (takes a slot) but never waits: the callback signing key, the health check. */
        NOW
    }

    /** How sleeping is done (tests count instead of waiting). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long ms) throws InterruptedException;
    }

    static final long WINDOW_MS = 10_000;
    static final long JITTER_MS = 500;
    /** A call woken this much after its slot (a GC pause, a busy machine) takes a new slot rather than bunch up. */
    static final long LATE_MS = JITTER_MS / 2;
    private static final int LATE_RETRIES = 5;
    private static final long DEFAULT_PAUSE_MS = 1_000;
    private static final ThreadLocal<Priority> PRIORITY = ThreadLocal.withInitial(() -> Priority.FLOW);

    private final String api;
    private final int perMinute;
    private final long intervalMicros;
    private final BudgetLedger ledger;
    private final Pauses pauses;
    private final Clock clock;
    private final Sleeper sleeper;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger flowsWaiting = new AtomicInteger();
    private final Object flowsDone = new Object();

    public RequestBudget(String api, int perMinute, BudgetLedger ledger, Pauses pauses, Clock clock) {
        this(api, perMinute, ledger, pauses, clock, Thread::sleep);
    }

    public RequestBudget(String api, int perMinute, BudgetLedger ledger, Pauses pauses, Clock clock, Sleeper sleeper) {
        if (perMinute < 0) {
            throw new IllegalArgumentException("requests per minute must be 0 (unpaced) or more, not " + perMinute);
        }
        this.api = api;
        this.perMinute = perMinute;
        this.intervalMicros = interval(perMinute);
        this.ledger = ledger;
        this.pauses = pauses;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** A budget that paces nothing and shares nothing (its own pauses, in memory). */
    public static RequestBudget unpaced(String api, Clock clock) {
        return new RequestBudget(api, 0, new InMemoryLedger(clock), new Pauses(clock), clock);
    }

    /**
     * The spacing of slots in µs: a sixth of the per-minute budget fits in 10 s plus {@value #JITTER_MS} ms, so calls
     * delayed on their way by up to that much still keep every 10-second window at or below it. 0 when unpaced.
     */
    static long interval(int perMinute) {
        return perMinute == 0 ? 0 : Math.max(1, Math.round((WINDOW_MS + JITTER_MS) * 1000.0 * 6 / perMinute));
    }

    /** Runs {@code work} with this thread's calls at background priority. */
    public static <T> T background(Supplier<T> work) {
        return with(Priority.BACKGROUND, work);
    }

    /** Runs {@code work} with this thread's calls counted but never waiting. */
    public static <T> T withoutWaiting(Supplier<T> work) {
        return with(Priority.NOW, work);
    }

    private static <T> T with(Priority p, Supplier<T> work) {
        Priority before = PRIORITY.get();
        PRIORITY.set(p);
        try {
            return work.get();
        } finally {
            PRIORITY.set(before);
        }
    }

    public String api() {
        return api;
    }

    public int perMinute() {
        return perMinute;
    }

    /** Calls waiting for their slot (or, in the background, for flows or a pause) on this instance now. */
    public int waiting() {
        return waiting.get();
    }

    /** Before a call: waits for its slot as this thread's priority says; throws {@link Pause} while the API is paused. */
    public void acquire() {
        switch (PRIORITY.get()) {
            case NOW -> now();
            case BACKGROUND -> background();
            default -> flow();
        }
    }

    private void now() {
        pauses.check(api);
        if (intervalMicros > 0) {
            slot();
        }
    }

    private void flow() {
        pauses.check(api);
        if (intervalMicros == 0) {
            return;
        }
        flowsWaiting.incrementAndGet();
        waiting.incrementAndGet();
        try {
            for (int late = 0; awaitSlot(slot()) && late < LATE_RETRIES; late++) {
                pauses.check(api); // a 429 while this call waited
            }
            pauses.check(api);
        } finally {
            waiting.decrementAndGet();
            if (flowsWaiting.decrementAndGet() == 0) {
                synchronized (flowsDone) {
                    flowsDone.notifyAll();
                }
            }
        }
    }

    private void background() {
        waiting.incrementAndGet();
        try {
            for (int late = 0; ; ) {
                long until = pauses.until(api);
                if (until != 0) {
                    sleep(until - clock.millis());
                    continue;
                }
                if (intervalMicros == 0) {
                    return;
                }
                awaitNoFlowWaiting();
                long wait;
                try {
                    wait = slot();
                } catch (Pause paused) {
                    continue; // the ledger says paused (another instance met a 429): sit it out
                }
                boolean again = awaitSlot(wait) && late++ < LATE_RETRIES; // woke late: another slot
                if (!again && !pauses.isPaused(api)) {
                    return;
                }
            }
        } finally {
            waiting.decrementAndGet();
        }
    }

    private void awaitNoFlowWaiting() {
        synchronized (flowsDone) {
            while (flowsWaiting.get() > 0) {
                try {
                    flowsDone.wait(Math.max(1, intervalMicros / 1000));
                } catch (InterruptedException e) {
                    throw interrupted(e);
                }
            }
        }
    }

    /**
     * Waits {@code ms} for a slot; answers true when this thread woke more than {@value #LATE_MS} ms after it, so that
     * the call should take a new slot: calls that all wake late at once (after a GC pause) would reach the server
     * together, faster than the pace.
     */
    private boolean awaitSlot(long ms) {
        long slotAt = clock.millis() + ms;
        sleep(ms);
        return clock.millis() - slotAt > LATE_MS;
    }

    /** Takes a slot; answers the ms to wait for it. A pause found in the ledger is raised here and thrown. */
    private long slot() {
        BudgetLedger.Reservation r = ledger.reserve(api, intervalMicros);
        if (r.pausedMs() > 0) {
            pauses.raise(api, clock.millis() + r.pausedMs(), "paused by another instance after " + api + " answered 429");
            throw pauses.signal(api);
        }
        return r.waitMs();
    }

    /**
     * After a 429: pauses every call to the API (on every instance sharing the ledger) until {@code Retry-After}, at
     * least 1 s, plus up to 20% jitter. Answers the pause for the caller to throw.
     */
    public Pause throttled(Integer retryAfterSeconds, RemoteCallException answer) {
        long base = Math.max(DEFAULT_PAUSE_MS, retryAfterSeconds == null ? 0 : retryAfterSeconds * 1000L);
        long duration = base + (long) (base * 0.2 * ThreadLocalRandom.current().nextDouble());
        long remaining = ledger.pause(api, duration);
        long until = pauses.raise(api, clock.millis() + remaining, "answered 429 to " + answer.call()
                + (retryAfterSeconds == null ? " (no Retry-After)" : " (Retry-After " + retryAfterSeconds + " s)"));
        return new Pause(api, until, api + " answered 429 to " + answer.call(), answer);
    }

    private void sleep(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            sleeper.sleep(ms);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private Pause interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Pause(api, clock.millis(), "interrupted while waiting for a slot (stopping)", e);
    }
}
