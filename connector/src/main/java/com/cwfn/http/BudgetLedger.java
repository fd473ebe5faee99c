package com.cwfn.http;

/**
 * Where an API's request budget keeps its slots and its pause: in memory for one instance ({@link InMemoryLedger},
 * H2), in the database for several instances on one PostgreSQL (the store's shared ledger), so that they share one
 * budget: an API member's budget is ConnectWise's, not the instance's. Times are handed out relative to the ledger's
 * own clock, so instances with skewed clocks still keep one pace.
 *
 * <p>A budget is {@code burst} slots, taken in turn. A call takes the slot taken longest ago, waiting until it is
 * free; the slot is free again {@code reuseMicros} after the call, and not before a window after the call was
 * answered ({@link #answered}): a request reaches the server before its answer comes back, so however late it got
 * there, the next call of its slot reaches the server a window after it. So no window holds more than
 * {@code burst} calls, and while slots are free, calls go at once: a sliding window, kept as the time each slot is
 * free again (oldest first, a ring).
 */
public interface BudgetLedger {

    /**
     * A slot ({@code slot}, its index): wait {@code waitMs} before the call; or, when {@code pausedMs} is above 0, the
     * API is paused that much longer and no slot was taken.
     */
    record Reservation(long waitMs, long pausedMs, int slot) {
        public static Reservation paused(long pausedMs) {
            return new Reservation(0, pausedMs, -1);
        }
    }

    /**
     * Takes the next slot of {@code api} in turn, one of {@code burst}; it is free again {@code reuseMicros}
     * after this call's time (now, or when it was free, if that is later). A ledger holding another number of slots
     * for the API (the setting changed) adapts without letting more calls through than either number allows.
     */
    Reservation reserve(String api, int burst, long reuseMicros);

    /**
     * The call made in {@code slot} (of {@code burst}) was answered, or failed, now: the slot is not free again before
     * {@code windowMicros} from now. Ignored when the API's slots were resized meanwhile.
     */
    void answered(String api, int burst, int slot, long windowMicros);

    /** Pauses {@code api} for {@code durationMs} from now, never shortening a pause. Answers how long it lasts from now. */
    long pause(String api, long durationMs);

    /**
     * The slots of a ring resized to {@code burst}, oldest first: when it grows, the new slots are free at once and
     * come first (the calls of the last window are still counted by the old ones); when it shrinks, every slot is
     * free when the latest one was, so the window the old number allowed is over before the new number applies.
     */
    static long[] resized(long[] slots, int burst) {
        long[] sorted = slots.clone();
        java.util.Arrays.sort(sorted);
        long[] out = new long[burst];
        if (burst >= sorted.length) {
            System.arraycopy(sorted, 0, out, burst - sorted.length, sorted.length);
        } else {
            java.util.Arrays.fill(out, sorted[sorted.length - 1]);
        }
        return out;
    }
}
