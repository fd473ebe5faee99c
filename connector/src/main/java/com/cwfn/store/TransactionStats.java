package com.cwfn.store;

import java.util.List;
import javax.sql.DataSource;

/**
 * The times of sync transactions for the console's Activity charts: when each was received and finished, and how it
 * ended, for those received or finished since a moment, and those still unfinished.
 */
public class TransactionStats {
    /** One transaction's times; {@code finishedAt} is null while it is pending or processing. */
    public record Timing(long receivedAt, Long finishedAt, String status) {
    }

    private final Jdbc jdbc;

    public TransactionStats(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    public List<Timing> since(long from) {
        return jdbc.query("SELECT received_at, finished_at, status FROM inbox_event WHERE received_at >= ? "
                + "OR finished_at >= ? OR finished_at IS NULL", rs -> new Timing(rs.getLong(1),
                Jdbc.longOrNull(rs, "finished_at"), rs.getString(3)), from, from);
    }
}
