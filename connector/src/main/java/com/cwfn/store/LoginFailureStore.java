package com.cwfn.store;

import java.util.Optional;
import javax.sql.DataSource;

/**
 * Failed admin logins per client address ({@code admin_login_failure}), shared by every instance on the database:
 * how many in a row, when the last was, and until when tries from the address wait.
 */
public class LoginFailureStore {
    /** The failures of one address. */
    public record Row(String address, int failures, long lastFailureAt, long waitUntil) {
    }

    private final Jdbc jdbc;

    public LoginFailureStore(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    public Optional<Row> find(String address) {
        return jdbc.one("SELECT address, failures, last_failure_at, wait_until FROM admin_login_failure "
                + "WHERE address = ?", rs -> new Row(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4)),
                address);
    }

    /** Counts one more failure (atomically, also when instances race) and answers the row as it is now. */
    public Row countFailure(String address, long now) {
        if (jdbc.update("UPDATE admin_login_failure SET failures = failures + 1, last_failure_at = ? WHERE address = ?",
                now, address) == 0) {
            try {
                jdbc.update("INSERT INTO admin_login_failure (address, failures, last_failure_at, wait_until) "
                        + "VALUES (?,?,?,?)", address, 1, now, 0L);
            } catch (StoreException e) {
                if (!Jdbc.isUniqueViolation(e)) {
                    throw e;
                }
                jdbc.update("UPDATE admin_login_failure SET failures = failures + 1, last_failure_at = ? "
                        + "WHERE address = ?", now, address);
            }
        }
        return find(address).orElseThrow(() -> new IllegalStateException("login failure row vanished: " + address));
    }

    public void waitUntil(String address, long until) {
        jdbc.update("UPDATE admin_login_failure SET wait_until = ? WHERE address = ? AND wait_until < ?", until, address,
                until);
    }

    public void clear(String address) {
        jdbc.update("DELETE FROM admin_login_failure WHERE address = ?", address);
    }
}
