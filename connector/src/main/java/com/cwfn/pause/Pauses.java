package com.cwfn.pause;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's pauses, by resource (an API, the database): one pause at a time per resource, raised again by
 * every 429 of a storm but logged once when it starts (and once when it is over), and counted for the metrics as
 * pauses started and time paused (overlapping raises are counted once). The request budgets raise and check the
 * pauses of their API here; another cause (the database) raises its own the same way and throws {@link #signal}.
 */
public class Pauses {
    /** Told of every raise: {@code started} for a new pause, {@code addedMs} of paused time it adds. */
    @FunctionalInterface
    public interface Listener {
        void paused(String resource, boolean started, long addedMs);
    }

    private record Active(long until, long startedAt, String reason) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Pauses.class);
    private final Clock clock;
    private final Map<String, Active> active = new HashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public Pauses(Clock clock) {
        this.clock = clock;
    }

    public void listen(Listener listener) {
        listeners.add(listener);
    }

    /**
     * Pauses {@code resource} until {@code until} (epoch ms), or extends its pause to then; never shortens one.
     * Answers the end of the pause.
     */
    public long raise(String resource, long until, String reason) {
        long now = clock.millis();
        boolean started;
        long added;
        long end;
        synchronized (active) {
            Active a = current(resource, now);
            started = a == null;
            if (started) {
                added = Math.max(0, until - now);
                a = new Active(Math.max(until, now), now, reason);
            } else {
                added = Math.max(0, until - a.until);
                a = new Active(Math.max(until, a.until), a.startedAt, a.reason);
            }
            active.put(resource, a);
            end = a.until;
        }
        if (started) {
            LOG.warn("{} paused for {} s, until {}: {}. Its calls wait; transactions that meet the pause go back to the inbox "
                    + "due then, without counting an attempt (logged once per pause)", resource, seconds(end - now),
                    Instant.ofEpochMilli(end), reason);
        } else if (added > 0) {
            LOG.debug("{} pause extended by {} ms to {}: {}", resource, added, Instant.ofEpochMilli(end), reason);
        }
        for (Listener l : listeners) {
            l.paused(resource, started, added);
        }
        return end;
    }

    /**
     * Ends the resource's pause now, when its cause is known to be over before the pause's end (the database
     * answers again); logged like a pause that ran out.
     */
    public void lift(String resource) {
        synchronized (active) {
            Active a = active.remove(resource);
            if (a != null) {
                LOG.info("{} pause over after {} s", resource, seconds(clock.millis() - a.startedAt));
            }
        }
    }

    /** The end (epoch ms) of the resource's pause, or 0 when it is not paused. */
    public long until(String resource) {
        synchronized (active) {
            Active a = current(resource, clock.millis());
            return a == null ? 0 : a.until;
        }
    }

    public boolean isPaused(String resource) {
        return until(resource) != 0;
    }

    /** Throws the resource's {@link #signal} while it is paused. */
    public void check(String resource) {
        if (isPaused(resource)) {
            throw signal(resource);
        }
    }

    /** The pause to throw for the resource: its end and its reason (due now when it is not paused). */
    public Pause signal(String resource) {
        Active a;
        synchronized (active) {
            a = current(resource, clock.millis());
        }
        return a == null ? new Pause(resource, clock.millis(), "not paused any more", null)
                : new Pause(resource, a.until, a.reason, null);
    }

    /** The active pause, or null; a pause that is over is dropped here, with one line. Call holding the lock. */
    private Active current(String resource, long now) {
        Active a = active.get(resource);
        if (a != null && a.until <= now) {
            active.remove(resource);
            LOG.info("{} pause over after {} s", resource, seconds(a.until - a.startedAt));
            return null;
        }
        return a;
    }

    private static String seconds(long ms) {
        return String.format(java.util.Locale.ROOT, "%.1f", ms / 1000.0);
    }
}
