package com.cwfn.store;

import com.cwfn.http.BudgetLedger;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The request budgets in the database, for several instances on one PostgreSQL: one row per API holding its slots
 * (when each is free again, a ring in an array column) and its pause end. A call takes the oldest slot atomically in
 * one statement ({@code UPDATE ... SET slots[head + 1] = GREATEST(slots[head + 1], now) + reuse, head = (head + 1) %
 * burst RETURNING ...}), its answer holds the slot a window past it in another, and a 429 on any instance raises the
 * pause end. Times come from the database's clock, so instances with skewed clocks keep one window. Two round trips
 * per call.
 */
public class SharedBudgetLedger implements BudgetLedger {
    private static final String NOW = "(CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT))";
    private final Jdbc jdbc;
    private final DataSource ds;

    public SharedBudgetLedger(DataSource ds) {
        this.ds = ds;
        this.jdbc = new Jdbc(ds);
    }

    @Override
    public Reservation reserve(String api, int burst, long reuseMicros) {
        Supplier<Optional<Reservation>> take = () -> jdbc.one("WITH t AS (SELECT " + NOW + " AS now) "
                + "UPDATE request_budget b SET "
                + "slots[b.head + 1] = CASE WHEN b.paused_until > t.now THEN b.slots[b.head + 1] "
                + "ELSE GREATEST(b.slots[b.head + 1], t.now) + ? END, "
                + "head = CASE WHEN b.paused_until > t.now THEN b.head ELSE (b.head + 1) % ? END, "
                + "updated_at = t.now / 1000 "
                + "FROM t WHERE b.api = ? AND cardinality(b.slots) = ? "
                + "RETURNING b.slots[((b.head + ? - 1) % ?) + 1], b.paused_until, t.now, (b.head + ? - 1) % ?",
                rs -> {
                    long freeAgain = rs.getLong(1);
                    long pausedUntil = rs.getLong(2);
                    long now = rs.getLong(3);
                    return pausedUntil > now ? Reservation.paused(ms(pausedUntil - now))
                            : new Reservation(ms(freeAgain - reuseMicros - now), 0, rs.getInt(4));
                }, reuseMicros, burst, api, burst, burst, burst, burst, burst);
        return take.get().orElseGet(() -> {
            prepare(api, burst); // no row yet, or its slots are another number (the setting changed)
            return take.get().orElseThrow(() -> new IllegalStateException("no request budget row for " + api));
        });
    }

    @Override
    public void answered(String api, int burst, int slot, long windowMicros) {
        jdbc.update("UPDATE request_budget SET slots[?] = GREATEST(slots[?], " + NOW + " + ?) "
                + "WHERE api = ? AND cardinality(slots) = ?", slot + 1, slot + 1, windowMicros, api, burst);
    }

    @Override
    public long pause(String api, long durationMs) {
        Supplier<Optional<Long>> pause = () -> jdbc.one("WITH t AS (SELECT " + NOW + " AS now) UPDATE request_budget "
                + "b SET paused_until = GREATEST(b.paused_until, t.now + ?), updated_at = t.now / 1000 "
                + "FROM t WHERE b.api = ? RETURNING b.paused_until, t.now",
                rs -> ms(rs.getLong(1) - rs.getLong(2)), durationMs * 1000, api);
        return pause.get().orElseGet(() -> {
            insertRow(api);
            return pause.get().orElseThrow(() -> new IllegalStateException("no request budget row for " + api));
        });
    }

    /** Creates the API's row if missing and gives it {@code burst} slots ({@link BudgetLedger#resized}), in one transaction. */
    private void prepare(String api, int burst) {
        insertRow(api);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                long[] ordered = ordered(c, api);
                if (ordered != null && ordered.length != burst) {
                    try (PreparedStatement u = c.prepareStatement(
                            "UPDATE request_budget SET slots = ?, head = 0 WHERE api = ?")) {
                        Long[] slots = java.util.Arrays.stream(BudgetLedger.resized(ordered, burst)).boxed()
                                .toArray(Long[]::new);
                        u.setArray(1, c.createArrayOf("bigint", slots));
                        u.setString(2, api);
                        u.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** The API's slots, oldest first, its row locked for the resize; null when there is no row. */
    private static long[] ordered(Connection c, String api) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT slots, head FROM request_budget WHERE api = ? FOR UPDATE")) {
            q.setString(1, api);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Array a = rs.getArray(1);
                Object[] values = a == null ? new Object[0] : (Object[]) a.getArray();
                int head = rs.getInt(2);
                long[] out = new long[values.length];
                for (int i = 0; i < values.length; i++) {
                    out[i] = ((Number) values[(head + i) % values.length]).longValue();
                }
                return out;
            }
        }
    }

    private void insertRow(String api) {
        jdbc.update("INSERT INTO request_budget (api, next_at, paused_until, updated_at, head) VALUES (?, 0, 0, 0, 0) "
                + "ON CONFLICT (api) DO NOTHING", api);
    }

    private static long ms(long micros) {
        return micros <= 0 ? 0 : (micros + 999) / 1000;
    }
}
