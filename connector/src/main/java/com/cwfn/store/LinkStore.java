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
            + "last_status_at, created_at, updated_at, cw_status, own_status, status_seq, pending_action";
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

    // ---------------------------------------------------------------- the ticket's status (status actions)

    /** The status the ticket was in when the connector first saw it linked; kept when one is known already. */
    public void seeStatus(long ticketId, String status) {
        jdbc.update("UPDATE ticket_link SET cw_status = ?, updated_at = ? WHERE ticket_id = ? AND cw_status IS NULL",
                status, clock.millis(), ticketId);
    }

    /**
     * The status the connector is about to write on the ticket from a Field Nation event: when it is seen next, it is
     * the connector's own move, not a person's, and acts on nothing (no echo). Marked before the write, so a read
     * that sees the write always finds the mark.
     */
    public void markOwnStatus(long ticketId, String status) {
        jdbc.update("UPDATE ticket_link SET own_status = ?, updated_at = ? WHERE ticket_id = ?", status, clock.millis(),
                ticketId);
    }

    /**
     * The connector wrote {@code status} on the ticket (from a Field Nation event): it is the status the ticket is in
     * now, so a person moving it away and back again is a move; the mark of the write in flight is no longer needed.
     * The status is left alone while a move's action is under way (its note names the status of that move).
     */
    public void wroteOwnStatus(long ticketId, String status) {
        jdbc.update("UPDATE ticket_link SET own_status = NULL, updated_at = ? WHERE ticket_id = ? AND own_status = ?",
                clock.millis(), ticketId, status);
        jdbc.update("UPDATE ticket_link SET cw_status = ?, updated_at = ? WHERE ticket_id = ? AND cw_status IS NOT NULL "
                + "AND pending_action IS NULL", status, clock.millis(), ticketId);
    }

    /**
     * Records a move of the ticket's status to {@code status}, seen by a dispatch that read the link at move
     * {@code seenSeq}: the move becomes number {@code seenSeq + 1}, with {@code action} pending (null: nothing to do);
     * {@code ownMove} consumes the connector's own mark. False when another worker recorded a move since (nothing
     * changes then). One statement, so a move is recorded with its action or not at all.
     */
    public boolean recordStatusMove(long ticketId, int seenSeq, String status, String action, boolean ownMove) {
        return jdbc.update("UPDATE ticket_link SET cw_status = ?, status_seq = status_seq + 1, pending_action = ?, "
                + "own_status = " + (ownMove ? "NULL" : "own_status") + ", updated_at = ? WHERE ticket_id = ? AND "
                + "status_seq = ? AND pending_action IS NULL", status, action, clock.millis(), ticketId, seenSeq) == 1;
    }

    /** The action of move {@code seq} is done: nothing is pending any more. */
    public void finishStatusAction(long ticketId, int seq) {
        jdbc.update("UPDATE ticket_link SET pending_action = NULL, updated_at = ? WHERE ticket_id = ? AND status_seq = ?",
                clock.millis(), ticketId, seq);
    }

    /**
     * Linked tickets whose work order may still be open (not seen closed by the work order catch-up) and that are
     * not known deleted: the ones reconciliation checks for a deletion whose callback never came.
     */
    public List<Link> openLinked(String deletedStatus) {
        return jdbc.query("SELECT " + COLUMNS.replaceAll("(\\w+)", "l.$1") + " FROM ticket_link l LEFT JOIN "
                + "work_order_watch w ON w.work_order_id = l.work_order_id WHERE l.state = ? AND l.work_order_id IS "
                + "NOT NULL AND (w.closed IS NULL OR w.closed = FALSE) AND (l.cw_status IS NULL OR l.cw_status <> ?) "
                + "ORDER BY l.ticket_id", LinkStore::map, Link.LINKED, deletedStatus);
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
                rs.getLong("updated_at"), rs.getString("cw_status"), rs.getString("own_status"),
                rs.getInt("status_seq"), rs.getString("pending_action"));
    }
}
