package com.cwfn.store;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The things people are told by mail, kept until a mail told them (table {@code notice}). */
public class NoticeStore {
    public static final String STUCK = "stuck";
    public static final String FAILED = "failed";
    public static final String RECOVERED = "recovered";
    public static final String REGISTRATION = "registration";
    /** Something waits for a person (an attention item): step holds its kind, detail its one line. */
    public static final String ATTENTION = "attention";

    /** One notice. */
    public record Notice(long id, String kind, Long transactionId, String direction, Long ticketId, Long workOrderId,
            String label, String step, String cause, String detail, Integer attempts, Long sinceAt, long createdAt) {
    }

    private final Jdbc jdbc;
    private final Clock clock;

    public NoticeStore(DataSource ds, Clock clock) {
        this.jdbc = new Jdbc(ds);
        this.clock = clock;
    }

    public long add(String kind, Long transactionId, String direction, Long ticketId, Long workOrderId, String label,
            String step, String cause, String detail, Integer attempts, Long sinceAt) {
        return jdbc.insert("INSERT INTO notice (kind, event_id, direction, ticket_id, work_order_id, label, step, "
                + "cause, detail, attempts, since_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", kind, transactionId,
                direction, ticketId, workOrderId, clip(label, 400), clip(step, 64), clip(cause, 200), detail,
                attempts, sinceAt, clock.millis());
    }

    /** The kind of the newest notice about a transaction, if any. */
    public Optional<String> lastKindFor(long transactionId) {
        return jdbc.one("SELECT kind FROM notice WHERE event_id = ? ORDER BY id DESC FETCH FIRST 1 ROWS ONLY",
                rs -> rs.getString(1), transactionId);
    }

    public boolean anyUnmailed() {
        return jdbc.one("SELECT id FROM notice WHERE mailed_at IS NULL FETCH FIRST 1 ROWS ONLY",
                rs -> rs.getLong(1)).isPresent();
    }

    /**
     * Takes the notices not mailed yet, oldest first, marking them mailed at {@code at}: an instance that takes a
     * notice is the only one that does (the update is conditional on it being unmailed).
     */
    public List<Notice> takeUnmailed(long at, int limit) {
        List<Notice> candidates = jdbc.query("SELECT * FROM notice WHERE mailed_at IS NULL ORDER BY id FETCH FIRST "
                + limit + " ROWS ONLY", NoticeStore::row);
        return candidates.stream().filter(n -> jdbc.update("UPDATE notice SET mailed_at = ? WHERE id = ? AND "
                + "mailed_at IS NULL", at, n.id()) == 1).toList();
    }

    /** Puts notices back for the next mail (the mail could not be sent). */
    public void untake(List<Notice> notices) {
        for (Notice n : notices) {
            jdbc.update("UPDATE notice SET mailed_at = NULL WHERE id = ?", n.id());
        }
    }

    public List<Notice> all() {
        return jdbc.query("SELECT * FROM notice ORDER BY id", NoticeStore::row);
    }

    /** Deletes mailed notices older than {@code before}. */
    public int prune(long before) {
        return jdbc.update("DELETE FROM notice WHERE mailed_at IS NOT NULL AND created_at < ?", before);
    }

    private static Notice row(java.sql.ResultSet rs) throws java.sql.SQLException {
        int attempts = rs.getInt("attempts");
        Integer a = rs.wasNull() ? null : attempts;
        return new Notice(rs.getLong("id"), rs.getString("kind"), Jdbc.longOrNull(rs, "event_id"),
                rs.getString("direction"), Jdbc.longOrNull(rs, "ticket_id"), Jdbc.longOrNull(rs, "work_order_id"),
                rs.getString("label"), rs.getString("step"), rs.getString("cause"), rs.getString("detail"), a,
                Jdbc.longOrNull(rs, "since_at"), rs.getLong("created_at"));
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
