package com.cwfn.http;

/**
 * Where an API's request budget keeps its next free slot and its pause: in memory for one instance
 * ({@link InMemoryLedger}, H2), in the database for several instances on one PostgreSQL (the store's shared
 * ledger), so that they share one budget: an API member's budget is ConnectWise's, not the instance's. Times are
 * handed out relative to the ledger's own clock, so instances with skewed clocks still keep one pace.
 */
public interface BudgetLedger {

    /**
     * A slot: wait {@code waitMs} before the call; or, when {@code pausedMs} is above 0, the API is paused that much
     * longer and no slot was taken.
     */
    record Reservation(long waitMs, long pausedMs) {
    }

    /** Takes the next slot of {@code api}, {@code intervalMicros} after the one before (or now, when that is past). */
    Reservation reserve(String api, long intervalMicros);

    /**
     * Pauses {@code api} for {@code durationMs} from now, never shortening a pause, and moves its next slot past the
     * pause's end. Answers how long the pause lasts from now.
     */
    long pause(String api, long durationMs);
}
