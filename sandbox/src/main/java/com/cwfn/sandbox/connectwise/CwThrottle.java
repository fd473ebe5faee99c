package com.cwfn.sandbox.connectwise;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * ConnectWise's throttling as the sandbox plays it: a sliding window ({@link #limit}, e.g. a sixth of 1,000 requests
 * a minute in any 10 s). A request over it is not served: it is answered 429 with {@code Retry-After}, the seconds
 * until the window has room again (at least 1). Off until limited.
 *
 * <p>While on, the arrival time of every request is kept (served or refused), so tests and the benchmark can count
 * requests per window ({@link #mostInAnyWindow}) and refusals ({@link #refused}).
 */
public final class CwThrottle {
    /** One request that reached the throttle: when, and whether it was answered 429. */
    public record Arrival(long atMillis, boolean refused) {
    }

    private final Clock clock;
    private int limit;
    private long windowMs;
    private final ArrayDeque<Long> served = new ArrayDeque<>();
    private final List<Arrival> arrivals = new ArrayList<>();

    CwThrottle(Clock clock) {
        this.clock = clock;
    }

    /** At most {@code requests} in any {@code window}; 0 turns throttling off. Forgets what was counted before. */
    public synchronized void limit(int requests, Duration window) {
        this.limit = requests;
        this.windowMs = window.toMillis();
        served.clear();
        arrivals.clear();
    }

    /** Throttling off, nothing kept. */
    public void off() {
        limit(0, Duration.ZERO);
    }

    /** Serves the request now (null) or refuses it: the seconds of its Retry-After. */
    synchronized Integer admit() {
        if (limit <= 0) {
            return null;
        }
        long now = clock.millis();
        while (!served.isEmpty() && served.peekFirst() <= now - windowMs) {
            served.pollFirst();
        }
        boolean refuse = served.size() >= limit;
        arrivals.add(new Arrival(now, refuse));
        if (refuse) {
            return (int) Math.max(1, (served.peekFirst() + windowMs - now + 999) / 1000);
        }
        served.addLast(now);
        return null;
    }

    /** Every request that reached the throttle since it was limited, oldest first. */
    public synchronized List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    /** Requests answered 429 since the throttle was limited. */
    public synchronized long refused() {
        return arrivals.stream().filter(Arrival::refused).count();
    }

    /** The most requests (served or refused) that arrived within any {@code window}, e.g. 10 s. */
    public synchronized int mostInAnyWindow(Duration window) {
        long w = window.toMillis();
        int most = 0;
        int from = 0;
        for (int to = 0; to < arrivals.size(); to++) {
            while (arrivals.get(to).atMillis() - arrivals.get(from).atMillis() >= w) {
                from++;
            }
            most = Math.max(most, to - from + 1);
        }
        return most;
    }
}
