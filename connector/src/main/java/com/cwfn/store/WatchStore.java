package com.cwfn.store;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What reconciliation compares against: each linked work order as last seen (table {@code work_order_watch}) and the
 * version of each linked ticket the connector last read (table {@code ticket_watch}).
 */
public class WatchStore {
    /** A work order as last seen: its status, how many messages and files it had, and whether it is closed. */
    public record Seen(long workOrderId, String status, int messages, int files, boolean closed) {
    }

    private final Jdbc jdbc;
    private final Clock clock;

    public WatchStore(DataSource ds, Clock clock) {
        this.jdbc = new Jdbc(ds);
        this.clock = clock;
    }

    /** Linked work orders not seen closed, oldest seen first (never seen ones first of all). */
    public List<Long> openLinked(int limit) {
        return jdbc.query("SELECT l.work_order_id FROM ticket_link l LEFT JOIN work_order_watch w ON "
                + "w.work_order_id = l.work_order_id WHERE l.work_order_id IS NOT NULL AND l.state = ? AND "
                + "(w.closed IS NULL OR w.closed = FALSE) ORDER BY COALESCE(w.seen_at, 0), l.work_order_id FETCH FIRST "
                + limit + " ROWS ONLY", rs -> rs.getLong(1), Link.LINKED);
    }

    public Optional<Seen> find(long workOrderId) {
        return jdbc.one("SELECT * FROM work_order_watch WHERE work_order_id = ?", rs -> new Seen(
                rs.getLong("work_order_id"), rs.getString("status_name"), rs.getInt("messages"), rs.getInt("files"),
                rs.getBoolean("closed")), workOrderId);
    }

    public void save(Seen s) {
        long now = clock.millis();
        if (jdbc.update("UPDATE work_order_watch SET status_name = ?, messages = ?, files = ?, closed = ?, seen_at = ? "
                + "WHERE work_order_id = ?", s.status(), s.messages(), s.files(), s.closed(), now,
                s.workOrderId()) == 0) {
            try {
                jdbc.update("INSERT INTO work_order_watch (work_order_id, status_name, messages, files, closed, seen_at)"
                        + " VALUES (?,?,?,?,?,?)", s.workOrderId(), s.status(), s.messages(), s.files(), s.closed(),
                        now);
            } catch (StoreException e) {
                if (!Jdbc.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }

    /** The ticket's {@code _info/lastUpdated} the connector last read, if any. */
    public Optional<String> ticketVersion(long ticketId) {
        return jdbc.one("SELECT last_updated FROM ticket_watch WHERE ticket_id = ?", rs -> rs.getString(1), ticketId);
    }

    /** Remembers the ticket version a dispatch read. */
    public void ticketRead(long ticketId, String lastUpdated) {
        long now = clock.millis();
        if (jdbc.update("UPDATE ticket_watch SET last_updated = ?, read_at = ? WHERE ticket_id = ?", lastUpdated, now,
                ticketId) == 0) {
            try {
                jdbc.update("INSERT INTO ticket_watch (ticket_id, last_updated, read_at) VALUES (?,?,?)", ticketId,
                        lastUpdated, now);
            } catch (StoreException e) {
                if (!Jdbc.isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
    }
}
