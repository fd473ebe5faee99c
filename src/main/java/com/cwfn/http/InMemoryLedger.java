package com.cwfn.http;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** The budget ledger of a single instance (H2): next slot and pause end per API, in memory. */
public class InMemoryLedger implements BudgetLedger {
    private final Clock clock;
    private final Map<String, long[]> state = new HashMap<>(); // api -> {next slot, paused until}, epoch µs

    public InMemoryLedger(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Reservation reserve(String api, long intervalMicros) {
        long now = clock.millis() * 1000;
        long[] s = state.computeIfAbsent(api, k -> new long[2]);
        if (s[1] > now) {
            return new Reservation(0, ceilMs(s[1] - now));
        }
        long slot = Math.max(s[0], now);
        s[0] = slot + intervalMicros;
        return new Reservation(ceilMs(slot - now), 0);
    }

    @Override
    public synchronized long pause(String api, long durationMs) {
        long now = clock.millis() * 1000;
        long[] s = state.computeIfAbsent(api, k -> new long[2]);
        s[1] = Math.max(s[1], now + durationMs * 1000);
        s[0] = Math.max(s[0], s[1]);
        return ceilMs(s[1] - now);
    }

    static long ceilMs(long micros) {
        return micros <= 0 ? 0 : (micros + 999) / 1000;
    }
}
