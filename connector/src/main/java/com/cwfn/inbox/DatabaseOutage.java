package com.cwfn.inbox;

import com.cwfn.pause.Pause;
import com.cwfn.pause.Pauses;
import com.cwfn.store.Database;
import com.cwfn.store.InboxStore;
import com.cwfn.store.StoreException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database not answering, as a pause (resource {@code database}). The first failure that is an outage
 * ({@link StoreException#isOutage}) raises it, and one thread of this instance then probes the database every
 * {@code probeMs}, extending the pause while it gets no answer and lifting it the moment it does. While it lasts,
 * intake refuses at once with the answer each sender retries, workers take no work and spend no attempt, readiness
 * is DOWN, and scheduled jobs sit it out quietly (the pause is logged once, when it starts, and once when it ends).
 *
 * <p>An event whose claim could not be ended because the database did not answer is remembered ({@link #strand});
 * when the database answers again those claims are given back without counting their attempt, and the listeners
 * run once (one reconciliation catches up what the senders gave up meanwhile).
 */
public class DatabaseOutage implements AutoCloseable {
    public static final String RESOURCE = "database";
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutage.class);

    private final Database database;
    private final InboxStore inbox;
    private final String owner;
    private final Pauses pauses;
    private final Clock clock;
    private final long probeMs;
    private final Set<Long> stranded = ConcurrentHashMap.newKeySet();
    private final List<Runnable> onBack = new CopyOnWriteArrayList<>();
    private long downSince;
    private Thread probe;
    private boolean closed;

    public DatabaseOutage(Database database, InboxStore inbox, String owner, Pauses pauses, Clock clock,
            long probeMs) {
        this.database = database;
        this.inbox = inbox;
        this.owner = owner;
        this.pauses = pauses;
        this.clock = clock;
        this.probeMs = probeMs;
    }

    /** Runs once each time the database answers again after an outage. */
    public void onBack(Runnable listener) {
        onBack.add(listener);
    }

    /** True while the database does not answer: work that needs it waits instead of trying. */
    public boolean isDown() {
        return pauses.isPaused(RESOURCE);
    }

    /** The pause to throw or answer while the database is down. */
    public Pause signal() {
        return pauses.signal(RESOURCE);
    }

    /**
     * If this failure is the database not answering, raises (or extends) the pause and answers it; otherwise empty,
     * and the failure is what it is.
     */
    public Optional<Pause> met(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StoreException s && s.isOutage()) {
                down("the database does not answer (" + firstLine(s) + ")");
                return Optional.of(pauses.signal(RESOURCE));
            }
        }
        return Optional.empty();
    }

    /** For a Camel predicate: the exchange's caught exception is the database not answering (pause raised). */
    public boolean caught(Exchange exchange) {
        return met(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)).isPresent();
    }

    /** An event this instance still holds in the database, whose claim could not be ended while it was down. */
    public void strand(long eventId) {
        stranded.add(eventId);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (probe != null) {
            probe.interrupt();
        }
    }

    /** The pause raised or extended; the probe starts when it is not running. */
    private void down(String reason) {
        pauses.raise(RESOURCE, pauseEnd(), reason);
        synchronized (this) {
            if (closed || probe != null) {
                return;
            }
            downSince = clock.millis();
            probe = new Thread(this::probe, "database-probe");
            probe.setDaemon(true);
            probe.start();
        }
    }

    /** Long enough for the probe's next try to extend it: a probe and a half, plus a connection attempt (5 s). */
    private long pauseEnd() {
        return clock.millis() + probeMs * 3 / 2 + 5_000;
    }

    /** Until the database takes a new connection, or the connector stops. */
    private void probe() {
        try {
            while (true) {
                Thread.sleep(probeMs);
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                }
                if (database.answersNewConnection() && back()) {
                    return;
                }
                pauses.raise(RESOURCE, pauseEnd(), "the database does not answer");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (this) {
                probe = null;
            }
        }
    }

    /** The database answers again: stranded claims given back, the pause lifted, the listeners told. */
    private boolean back() {
        List<Long> ids = new ArrayList<>(stranded);
        int released;
        try {
            released = inbox.releaseClaims(owner, ids);
        } catch (StoreException e) {
            return false; // gone again: the next probe tries once more
        }
        stranded.removeAll(ids);
        pauses.lift(RESOURCE);
        long since;
        synchronized (this) {
            since = downSince;
        }
        LOG.warn("the database answers again after {} s; {} transaction(s) whose claim was cut off go back to the inbox, "
                + "and one reconciliation catches up what was refused meanwhile", (clock.millis() - since) / 1000,
                released);
        for (Runnable r : onBack) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("after the database outage: {}", e.getMessage());
            }
        }
        return true;
    }

    private static String firstLine(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String m = String.valueOf(root.getMessage());
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }
}
