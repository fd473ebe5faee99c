package com.cwfn.http;

import com.cwfn.pause.Pause;
import com.cwfn.pause.Pauses;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One API's request budget, which every call to it goes through ({@link RemoteApi}):
 *
 * <ul>
 * <li><b>Window.</b> No 10-second window holds more than a sixth of {@code requests-per-minute} (the window's
 *     share), also when a call reaches the server up to {@value #JITTER_MS} ms late (the network, a busy server).
 *     Within that, calls go at once: the budget is the window's share of slots in the {@link BudgetLedger} (shared
 *     by every instance on one PostgreSQL), each free again 10.5 s after its call. While slots are free, a call waits
 *     for none (a lone dispatch's parallel reads go together); when all are taken, a call waits for the one taken
 *     longest ago, so under a burst the pace is what the window allows. A slot also stays taken a window after
 *     its call was {@link #answered} (a call that reached the server late keeps the window too). A call whose
 *     thread wakes more than {@value #LATE_MS} ms after its slot (a GC pause) takes a new one. 0 is unpaced.</li>
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
    private static final Logger LOG = LoggerFactory.getLogger(RequestBudget.class);
    private static final ThreadLocal<Priority> PRIORITY = ThreadLocal.withInitial(() -> Priority.FLOW);

    private final String api;
    private final int perMinute;
    private final int burst;
    private final long reuseMicros;
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
        this.burst = burst(perMinute);
        this.reuseMicros = reuse(perMinute);
        this.ledger = ledger;
        this.pauses = pauses;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** A budget that paces nothing and shares nothing (its own pauses, in memory). */
    public static RequestBudget unpaced(String api, Clock clock) {
        return new RequestBudget(api, 0, new InMemoryLedger(clock), new Pauses(clock), clock);
    }

    /** The window's share: a sixth of the per-minute budget (at least 1), the calls any 10 s may hold. 0 when unpaced. */
    static int burst(int perMinute) {
        return perMinute == 0 ? 0 : Math.max(1, perMinute / 6);
    }

    /**
     * How long after its call a slot is free again, in µs: the window (or, below 6 a minute, the minute's share of one
     * call) plus {@value #JITTER_MS} ms, so calls delayed on their way by up to that much still keep every window at or
     * below the share, and no minute holds more than the per-minute budget. 0 when unpaced.
     */
    static long reuse(int perMinute) {
        if (perMinute == 0) {
            return 0;
        }
        return Math.max(WINDOW_MS * 1000, burst(perMinute) * 60_000_000L / perMinute) + JITTER_MS * 1000;
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

    /** The calls any 10 s may hold, which go at once while the window has room; 0 when unpaced. */
    public int burst() {
        return burst;
    }

    /** Calls waiting for their slot (or, in the background, for flows or a pause) on this instance now. */
    public int waiting() {
        return waiting.get();
    }

    /**
     * Before a call: waits for its slot as this thread's priority says; throws {@link Pause} while the API is paused.
     * Answers the slot, to hand to {@link #answered} once the call is answered or failed (-1 when unpaced).
     */
    public int acquire() {
        return switch (PRIORITY.get()) {
            case NOW -> now();
            case BACKGROUND -> background();
            default -> flow();
        };
    }

    /**
     * After a call made in {@code slot}, answered or failed: the slot stays taken a window from now, so a call that
     * reached the server late (queued on its way, a busy machine) still leaves every window within the share.
     */
    public void answered(int slot) {
        if (slot < 0) {
            return;
        }
        try {
            ledger.answered(api, burst, slot, WINDOW_MS * 1000);
        } catch (RuntimeException e) {
            // the call's own answer or failure stands; its slot stays free 10.5 s after the call, which a call
            // answered within half a second keeps anyway (the database may be what failed: a pause of its own)
            LOG.debug("{}: could not hold slot {} past its answer: {}", api, slot, e.getMessage());
        }
    }

    private int now() {
        pauses.check(api);
        return burst > 0 ? slot().slot() : -1;
    }

    private int flow() {
        pauses.check(api);
        if (burst == 0) {
            return -1;
        }
        flowsWaiting.incrementAndGet();
        waiting.incrementAndGet();
        try {
            BudgetLedger.Reservation r = slot();
            for (int late = 0; awaitSlot(r.waitMs()) && late < LATE_RETRIES; late++) {
                pauses.check(api); // a 429 while this call waited
                r = slot();
            }
            pauses.check(api);
            return r.slot();
        } finally {
            waiting.decrementAndGet();
            if (flowsWaiting.decrementAndGet() == 0) {
                synchronized (flowsDone) {
                    flowsDone.notifyAll();
                }
            }
        }
    }

    private int background() {
        waiting.incrementAndGet();
        try {
            for (int late = 0; ; ) {
                long until = pauses.until(api);
                if (until != 0) {
                    sleep(until - clock.millis());
                    continue;
                }
                if (burst == 0) {
                    return -1;
                }
                awaitNoFlowWaiting();
                BudgetLedger.Reservation r;
                try {
                    r = slot();
                } catch (Pause paused) {
                    continue; // the ledger says paused (another instance met a 429): sit it out
                }
                boolean again = awaitSlot(r.waitMs()) && late++ < LATE_RETRIES; // woke late: another slot
                if (!again && !pauses.isPaused(api)) {
                    return r.slot();
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
                    flowsDone.wait(Math.max(1, reuseMicros / 1000 / burst));
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

    /** Takes a slot, to wait {@code waitMs} for. A pause found in the ledger is raised here and thrown. */
    private BudgetLedger.Reservation slot() {
        BudgetLedger.Reservation r = ledger.reserve(api, burst, reuseMicros);
        if (r.pausedMs() > 0) {
            pauses.raise(api, clock.millis() + r.pausedMs(), "paused by another instance after " + api + " answered 429");
            throw pauses.signal(api);
        }
        return r;
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
