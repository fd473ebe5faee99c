package com.cwfn.store;

import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;

/** Small named values the connector keeps between runs (last reconciliation time, refreshed fields). */
public class StateStore {
    private final Jdbc jdbc;
    private final Clock clock;

    public StateStore(DataSource ds, Clock clock) {
        this.jdbc = new Jdbc(ds);
        this.clock = clock;
    }

    public Optional<String> get(String name) {
        return jdbc.one("SELECT state_value FROM connector_state WHERE name = ?", rs -> rs.getString(1), name);
    }

    public void put(String name, String value) {
        long now = clock.millis();
        if (jdbc.update("UPDATE connector_state SET state_value = ?, updated_at = ? WHERE name = ?", value, now, name) == 0) {
            try {
                jdbc.update("INSERT INTO connector_state (name, state_value, updated_at) VALUES (?,?,?)", name, value, now);
            } catch (StoreException e) {
                if (!Jdbc.isUniqueViolation(e)) {
                    throw e;
                }
                jdbc.update("UPDATE connector_state SET state_value = ?, updated_at = ? WHERE name = ?", value, now, name);
            }
        }
    }

    /**
     * Sets {@code name} to {@code value} only if it still holds {@code expected} (null: not set yet); true when this
     * caller won. Lets instances sharing the database agree on who does a thing once.
     */
    public boolean compareAndSet(String name, String expected, String value) {
        long now = clock.millis();
        if (expected == null) {
            try {
                return jdbc.update("INSERT INTO connector_state (name, state_value, updated_at) VALUES (?,?,?)", name,
                        value, now) == 1;
            } catch (StoreException e) {
                if (Jdbc.isUniqueViolation(e)) {
                    return false;
                }
                throw e;
            }
        }
        return jdbc.update("UPDATE connector_state SET state_value = ?, updated_at = ? WHERE name = ? AND state_value = ?",
                value, now, name, expected) == 1;
    }

    /** Stores {@code value} unless the name has one already; answers the value stored (by whichever instance won). */
    public String putIfAbsent(String name, String value) {
        return compareAndSet(name, null, value) ? value : get(name).orElse(value);
    }
}
