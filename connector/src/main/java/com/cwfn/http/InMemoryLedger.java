package com.cwfn.http;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** The budget ledger of a single instance (H2): the slots and the pause end per API, in memory. */
public class InMemoryLedger implements BudgetLedger {
    private final Clock clock;
    private final Map<String, Api> state = new HashMap<>();

    /** One API's slots (epoch µs when each is free again, oldest at {@code head}) and pause end (epoch µs). */
    private static final class Api {
        long[] slots = new long[0];
        int head;
        long pausedUntil;
    }

    public InMemoryLedger(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Reservation reserve(String api, int burst, long reuseMicros) {
        long now = clock.millis() * 1000;
        Api s = state.computeIfAbsent(api, k -> new Api());
        if (s.pausedUntil > now) {
            return Reservation.paused(ceilMs(s.pausedUntil - now));
        }
        if (s.slots.length != burst) {
            long[] ordered = new long[s.slots.length];
            for (int i = 0; i < ordered.length; i++) {
                ordered[i] = s.slots[(s.head + i) % ordered.length];
            }
            s.slots = BudgetLedger.resized(ordered, burst);
            s.head = 0;
        }
        int slot = s.head;
        long at = Math.max(s.slots[slot], now);
        s.slots[slot] = at + reuseMicros;
        s.head = (slot + 1) % burst;
        return new Reservation(ceilMs(at - now), 0, slot);
    }

    @Override
    public synchronized void answered(String api, int burst, int slot, long windowMicros) {
        Api s = state.get(api);
        if (s != null && s.slots.length == burst) {
            s.slots[slot] = Math.max(s.slots[slot], clock.millis() * 1000 + windowMicros);
        }
    }

    @Override
    public synchronized long pause(String api, long durationMs) {
        long now = clock.millis() * 1000;
        Api s = state.computeIfAbsent(api, k -> new Api());
        s.pausedUntil = Math.max(s.pausedUntil, now + durationMs * 1000);
        return ceilMs(s.pausedUntil - now);
    }

    static long ceilMs(long micros) {
        return micros <= 0 ? 0 : (micros + 999) / 1000;
    }
}
