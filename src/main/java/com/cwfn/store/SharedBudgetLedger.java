package com.cwfn.store;

import com.cwfn.http.BudgetLedger;
import javax.sql.DataSource;

/**
 * The request budgets in the database, for several instances on one PostgreSQL: one row per API whose next free slot
 * is advanced atomically by each call ({@code UPDATE ... SET next_at = GREATEST(next_at, now) + interval RETURNING}),
 * and whose pause end is raised by a 429 on any instance. Times come from the database's clock, so instances with
 * skewed clocks keep one pace. One round trip per call.
 */
public class SharedBudgetLedger implements BudgetLedger {
    private static final String NOW = "(CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT))";
    private final Jdbc jdbc;

    public SharedBudgetLedger(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    @Override
    public Reservation reserve(String api, long intervalMicros) {
        return withRow(api, () -> jdbc.one("WITH t AS (SELECT " + NOW + " AS now) UPDATE request_budget b SET "
                + "next_at = CASE WHEN b.paused_until > t.now THEN b.next_at ELSE GREATEST(b.next_at, t.now) + ? END, "
                + "updated_at = t.now / 1000 FROM t WHERE b.api = ? RETURNING b.next_at, b.paused_until, t.now",
                rs -> {
                    long next = rs.getLong(1);
                    long pausedUntil = rs.getLong(2);
                    long now = rs.getLong(3);
                    return pausedUntil > now ? new Reservation(0, ms(pausedUntil - now))
                            : new Reservation(ms(next - intervalMicros - now), 0);
                }, intervalMicros, api));
    }

    @Override
    public long pause(String api, long durationMs) {
        return withRow(api, () -> jdbc.one("WITH t AS (SELECT " + NOW + " AS now) UPDATE request_budget b SET "
                + "paused_until = GREATEST(b.paused_until, t.now + ?), "
                + "next_at = GREATEST(b.next_at, b.paused_until, t.now + ?), updated_at = t.now / 1000 "
                + "FROM t WHERE b.api = ? RETURNING b.paused_until, t.now",
                rs -> ms(rs.getLong(1) - rs.getLong(2)), durationMs * 1000, durationMs * 1000, api));
    }

    /** Runs an update of the API's row, creating the row first when it is missing (the migration has two). */
    private <T> T withRow(String api, java.util.function.Supplier<java.util.Optional<T>> update) {
        return update.get().orElseGet(() -> {
            jdbc.update("INSERT INTO request_budget (api, next_at, paused_until, updated_at) VALUES (?, 0, 0, 0) "
                    + "ON CONFLICT (api) DO NOTHING", api);
            return update.get().orElseThrow(() -> new IllegalStateException("no request budget row for " + api));
        });
    }

    private static long ms(long micros) {
        return micros <= 0 ? 0 : (micros + 999) / 1000;
    }
}
