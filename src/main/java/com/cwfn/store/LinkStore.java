package com.cwfn.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Ticket to work order links: the idempotent repository behind "exactly one work order per ticket".
 * A ticket is claimed ({@code creating}) before its work order is created and {@code linked} after;
 * a row left {@code creating} by a crash tells the next attempt to look the work order up first.
 */
public class LinkStore {
    private static final String COLUMNS = "ticket_id, work_order_id, state, record_type, board, origin, last_sent, "
            + "last_status_at, created_at, updated_at";
    private final Jdbc jdbc;
    private final Clock clock;
    private final Runnable durable;

    public LinkStore(DataSource ds, Clock clock) {
        this(ds, clock, () -> { });
    }

    /** @param durable makes committed writes survive a killed process (see {@link Database#flush()}) */
    public LinkStore(DataSource ds, Clock clock, Runnable durable) {
        this.jdbc = new Jdbc(ds);
        this.clock = clock;
        this.durable = durable;
    }

    public Optional<Link> find(long ticketId) {
        return jdbc.one("SELECT " + COLUMNS + " FROM ticket_link WHERE ticket_id = ?", LinkStore::map, ticketId);
    }

    public Optional<Link> findByWorkOrder(long workOrderId) {
        return jdbc.one("SELECT " + COLUMNS + " FROM ticket_link WHERE work_order_id = ?", LinkStore::map,
                workOrderId);
    }

    /** Claims a ticket for creating its work order, durably; false when a row exists already. */
    public boolean beginCreate(long ticketId, String recordType, String board) {
        long now = clock.millis();
        try {
            jdbc.update("INSERT INTO ticket_link (ticket_id, state, record_type, board, origin, created_at, "
                    + "updated_at) VALUES (?,?,?,?,?,?,?)", ticketId, Link.CREATING, recordType, board, "dispatch",
                    now, now);
            durable.run();
            return true;
        } catch (StoreException e) {
            if (Jdbc.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Stores the work order of a claimed ticket. */
    public void linked(long ticketId, long workOrderId, String lastSent) {
        jdbc.update("UPDATE ticket_link SET work_order_id = ?, state = ?, last_sent = ?, updated_at = ? "
                + "WHERE ticket_id = ?", workOrderId, Link.LINKED, lastSent, clock.millis(), ticketId);
    }

    /** Links a ticket the connector created for a work order (outbound create); false if either is linked. */
    public boolean insertLinked(long ticketId, long workOrderId, String recordType, String board, String origin) {
        long now = clock.millis();
        try {
            jdbc.update("INSERT INTO ticket_link (ticket_id, work_order_id, state, record_type, board, origin, "
                    + "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)", ticketId, workOrderId, Link.LINKED,
                    recordType, board, origin, now, now);
            return true;
        } catch (StoreException e) {
            if (Jdbc.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    public void updateLastSent(long ticketId, String lastSent) {
        jdbc.update("UPDATE ticket_link SET last_sent = ?, updated_at = ? WHERE ticket_id = ?", lastSent,
                clock.millis(), ticketId);
    }

    /** Records the event time of the newest Field Nation status applied; false if a newer one was applied. */
    public boolean advanceStatusTime(long ticketId, long eventTime) {
        return jdbc.update("UPDATE ticket_link SET last_status_at = ?, updated_at = ? WHERE ticket_id = ? "
                + "AND (last_status_at IS NULL OR last_status_at <= ?)", eventTime, clock.millis(), ticketId,
                eventTime) == 1;
    }

    /** Drops an unfinished claim (the work order was never created). */
    public void abandonCreate(long ticketId) {
        jdbc.update("DELETE FROM ticket_link WHERE ticket_id = ? AND state = ?", ticketId, Link.CREATING);
    }

    public List<Link> all(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM ticket_link ORDER BY ticket_id FETCH FIRST " + limit
                + " ROWS ONLY", LinkStore::map);
    }

    public long countLinked() {
        return jdbc.one("SELECT COUNT(*) FROM ticket_link WHERE state = ?", rs -> rs.getLong(1), Link.LINKED)
                .orElse(0L);
    }

    private static Link map(ResultSet rs) throws SQLException {
        return new Link(rs.getLong("ticket_id"), Jdbc.longOrNull(rs, "work_order_id"), rs.getString("state"),
                rs.getString("record_type"), rs.getString("board"), rs.getString("origin"),
                rs.getString("last_sent"), Jdbc.longOrNull(rs, "last_status_at"), rs.getLong("created_at"),
                rs.getLong("updated_at"));
    }
}
