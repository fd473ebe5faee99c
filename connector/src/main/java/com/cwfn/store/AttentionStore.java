package com.cwfn.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Things waiting for a person ("needs attention", table {@code attention_item}): each made once by its key, listed
 * until it is done or dismissed. Changes of state are conditional updates, so two instances (or two presses of a
 * button) settle an item once.
 */
public class AttentionStore {
    public static final String OPEN = "open";
    /** A person chose the item's action; the transaction doing it is in the inbox. */
    public static final String ACTING = "acting";
    public static final String DONE = "done";
    public static final String DISMISSED = "dismissed";

    /** One item. */
    public record Item(long id, String key, String kind, Long ticketId, Long workOrderId, String title, String detail,
            String action, String state, Long transactionId, long createdAt, long updatedAt, Long resolvedAt,
            String resolvedBy, String resolution) {
        public boolean isOpen() {
            return OPEN.equals(state);
        }
    }

    /** What to make: the key that makes it once, what it is, what it is about, what a person may do. */
    public record NewItem(String key, String kind, Long ticketId, Long workOrderId, String title, String detail,
            String action, Long transactionId) {
    }

    private static final String COLUMNS = "id, item_key, kind, ticket_id, work_order_id, title, detail, action, state, "
            + "event_id, created_at, updated_at, resolved_at, resolved_by, resolution";
    private final Jdbc jdbc;
    private final Clock clock;

    public AttentionStore(DataSource ds, Clock clock) {
        this.jdbc = new Jdbc(ds);
        this.clock = clock;
    }

    /** Makes the item unless its key was made before; empty then (the item is there already). */
    public Optional<Item> add(NewItem n) {
        long now = clock.millis();
        try {
            long id = jdbc.insert("INSERT INTO attention_item (item_key, kind, ticket_id, work_order_id, title, detail, "
                    + "action, state, event_id, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", n.key(),
                    n.kind(), n.ticketId(), n.workOrderId(), clip(n.title(), 400), n.detail(), n.action(), OPEN,
                    n.transactionId(), now, now);
            return find(id);
        } catch (StoreException e) {
            if (Jdbc.isUniqueViolation(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public Optional<Item> find(long id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM attention_item WHERE id = ?", AttentionStore::row, id);
    }

    public Optional<Item> findByKey(String key) {
        return jdbc.one("SELECT " + COLUMNS + " FROM attention_item WHERE item_key = ?", AttentionStore::row, key);
    }

    /** Items in a state (null: any), newest first. */
    public List<Item> list(String state, Long ticketId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM attention_item WHERE 1 = 1");
        List<Object> args = new java.util.ArrayList<>();
        if (state != null) {
            sql.append(" AND state = ?");
            args.add(state);
        }
        if (ticketId != null) {
            sql.append(" AND ticket_id = ?");
            args.add(ticketId);
        }
        sql.append(" ORDER BY id DESC FETCH FIRST ").append(limit).append(" ROWS ONLY");
        return jdbc.query(sql.toString(), AttentionStore::row, args.toArray());
    }

    /** Open items of a kind about a work order (an event that settles them, e.g. a problem resolved). */
    public List<Item> openOf(String kind, long workOrderId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM attention_item WHERE kind = ? AND work_order_id = ? AND state = ? "
                + "ORDER BY id", AttentionStore::row, kind, workOrderId, OPEN);
    }

    /**
     * Moves an item from {@code from} to {@code to}, with who did it and what was done; false when it was not in
     * {@code from} (another instance or another press got there first).
     */
    public boolean settle(long id, String from, String to, String by, String resolution) {
        long now = clock.millis();
        boolean finished = DONE.equals(to) || DISMISSED.equals(to);
        return jdbc.update("UPDATE attention_item SET state = ?, updated_at = ?, resolved_at = ?, resolved_by = "
                + "COALESCE(?, resolved_by), resolution = COALESCE(?, resolution) WHERE id = ? AND state = ?", to, now,
                finished ? now : null, by, resolution, id, from) == 1;
    }

    public long countOpen() {
        return jdbc.one("SELECT COUNT(*) FROM attention_item WHERE state IN (?, ?)", rs -> rs.getLong(1), OPEN, ACTING)
                .orElse(0L);
    }

    private static Item row(ResultSet rs) throws SQLException {
        return new Item(rs.getLong("id"), rs.getString("item_key"), rs.getString("kind"),
                Jdbc.longOrNull(rs, "ticket_id"), Jdbc.longOrNull(rs, "work_order_id"), rs.getString("title"),
                rs.getString("detail"), rs.getString("action"), rs.getString("state"), Jdbc.longOrNull(rs, "event_id"),
                rs.getLong("created_at"), rs.getLong("updated_at"), Jdbc.longOrNull(rs, "resolved_at"),
                rs.getString("resolved_by"), rs.getString("resolution"));
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
