package com.cwfn.store;

import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;

/**
 * Linked work orders whose time logs and expenses may still change: open from assignment until paid or cancelled.
 * Field Nation sends no webhook when a time log or expense is added or edited, so reconciliation reads the open ones.
 */
public class ChargeWatch {
    public static final String OPEN = "open";
    public static final String CLOSED = "closed";

    private final Jdbc jdbc;
    private final Clock clock;

    public ChargeWatch(DataSource ds, Clock clock) {
        this.jdbc = new Jdbc(ds);
        this.clock = clock;
    }

    /** Watches the work order (again); answers true when it was not open before. */
    public boolean open(long workOrderId, long ticketId) {
        return set(workOrderId, ticketId, OPEN);
    }

    /** Stops watching the work order; answers true when it was open. */
    public boolean close(long workOrderId, long ticketId) {
        return set(workOrderId, ticketId, CLOSED);
    }

    private boolean set(long workOrderId, long ticketId, String state) {
        long now = clock.millis();
        int changed = jdbc.update("UPDATE charge_watch SET state = ?, ticket_id = ?, updated_at = ? "
                + "WHERE work_order_id = ? AND state <> ?", state, ticketId, now, workOrderId, state);
        if (changed > 0) {
            return true;
        }
        try {
            jdbc.update("INSERT INTO charge_watch (work_order_id, ticket_id, state, updated_at) VALUES (?,?,?,?)",
                    workOrderId, ticketId, state, now);
            return OPEN.equals(state);
        } catch (StoreException e) {
            if (Jdbc.isUniqueViolation(e)) {
                return false; // in that state already, or set by another instance just now
            }
            throw e;
        }
    }

    /** The open work orders, least recently changed first. */
    public List<Long> openWorkOrders(int limit) {
        return jdbc.query("SELECT work_order_id FROM charge_watch WHERE state = ? ORDER BY updated_at, work_order_id "
                + "FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY", rs -> rs.getLong(1), OPEN);
    }

    public boolean isOpen(long workOrderId) {
        return jdbc.one("SELECT state FROM charge_watch WHERE work_order_id = ?", rs -> rs.getString(1), workOrderId)
                .map(OPEN::equals).orElse(false);
    }
}
