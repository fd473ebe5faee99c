package com.cwfn.store;

import java.util.Optional;
import javax.sql.DataSource;

/**
 * The console's sessions ({@code console_session}): one row per logged-in browser, keyed by a hash of the session
 * id (the id itself is never stored). Shared by every instance on the database, so a session survives a restart.
 */
public class ConsoleSessionStore {
    /** A stored session. */
    public record Row(String idHash, String username, long createdAt, long lastSeenAt) {
    }

    private final Jdbc jdbc;

    public ConsoleSessionStore(DataSource ds) {
        this.jdbc = new Jdbc(ds);
    }

    public void create(String idHash, String username, long now) {
        jdbc.update("INSERT INTO console_session (id_hash, username, created_at, last_seen_at) VALUES (?,?,?,?)",
                idHash, username, now, now);
    }

    public Optional<Row> find(String idHash) {
        return jdbc.one("SELECT id_hash, username, created_at, last_seen_at FROM console_session WHERE id_hash = ?",
                rs -> new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)), idHash);
    }

    public void touch(String idHash, long now) {
        jdbc.update("UPDATE console_session SET last_seen_at = ? WHERE id_hash = ? AND last_seen_at < ?", now, idHash,
                now);
    }

    public void delete(String idHash) {
        jdbc.update("DELETE FROM console_session WHERE id_hash = ?", idHash);
    }

    /** Deletes the sessions idle since before {@code cutoff}; answers how many. */
    public int deleteIdleSince(long cutoff) {
        return jdbc.update("DELETE FROM console_session WHERE last_seen_at < ?", cutoff);
    }
}
