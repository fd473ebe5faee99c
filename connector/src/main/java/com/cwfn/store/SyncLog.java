package com.cwfn.store;

import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;

/** The sync log: one row per step of a transaction, kept for operators and pruned by age. */
public class SyncLog {
    /** One logged step. */
    public record Entry(long id, Long transactionId, String direction, Long ticketId, Long workOrderId, String step,
            String outcome, String detail, long at) {
    }

    private final Jdbc jdbc;
    private final Clock clock;

    public SyncLog(DataSource ds, Clock clock) {
        this.jdbc = new Jdbc(ds);
        this.clock = clock;
    }

    public void append(Long transactionId, String direction, Long ticketId, Long workOrderId, String step, String outcome,
            String detail) {
        jdbc.update("INSERT INTO sync_log (event_id, direction, ticket_id, work_order_id, step, outcome, detail, logged_at) "
                + "VALUES (?,?,?,?,?,?,?,?)", transactionId, direction, ticketId, workOrderId, step, outcome,
                detail == null ? null : truncate(detail, 4000), clock.millis());
    }

    public List<Entry> forTransaction(long transactionId) {
        return jdbc.query("SELECT id, event_id, direction, ticket_id, work_order_id, step, outcome, detail, logged_at "
                + "FROM sync_log WHERE event_id = ? ORDER BY id", rs -> new Entry(rs.getLong(1),
                Jdbc.longOrNull(rs, "event_id"), rs.getString(3), Jdbc.longOrNull(rs, "ticket_id"),
                Jdbc.longOrNull(rs, "work_order_id"), rs.getString(6), rs.getString(7), rs.getString(8),
                rs.getLong(9)), transactionId);
    }

    public int prune(long before) {
        return jdbc.update("DELETE FROM sync_log WHERE logged_at < ?", before);
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n);
    }
}
