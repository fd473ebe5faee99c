package com.cwfn.store;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Items already copied from one side to the other, and items the connector wrote itself.
 * A copy is begun ({@code pending}) before the write and done after it; a {@code pending} row found later
 * means a crash came in between, and the caller checks the target before writing again.
 */
public class SyncedItemStore {
    public static final String PENDING = "pending";
    public static final String DONE = "done";

    /** What a key was found in. */
    public record Item(String kind, String key, String state, String targetId) {
        public boolean isDone() {
            return DONE.equals(state);
        }
    }

    private final Jdbc jdbc;
    private final Clock clock;

    public SyncedItemStore(DataSource ds, Clock clock) {
        this.jdbc = new Jdbc(ds);
        this.clock = clock;
    }

    public Optional<Item> find(String kind, String key) {
        return jdbc.one("SELECT kind, item_key, state, target_id FROM synced_item WHERE kind = ? AND item_key = ?",
                rs -> new Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), kind, key);
    }

    public boolean exists(String kind, String key) {
        return find(kind, key).isPresent();
    }

    /** Starts copying an item; false when it was begun or done before. */
    public boolean begin(String kind, String key, Long ticketId, Long workOrderId) {
        long now = clock.millis();
        try {
            jdbc.update("INSERT INTO synced_item (kind, item_key, state, ticket_id, work_order_id, created_at, "
                    + "updated_at) VALUES (?,?,?,?,?,?,?)", kind, key, PENDING, ticketId, workOrderId, now, now);
            return true;
        } catch (StoreException e) {
            if (Jdbc.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Finishes a copy, remembering the id it got on the other side. */
    public void done(String kind, String key, String targetId) {
        jdbc.update("UPDATE synced_item SET state = ?, target_id = ?, updated_at = ? WHERE kind = ? AND item_key = ?",
                DONE, targetId, clock.millis(), kind, key);
    }

    /** Records an item as done in one go (e.g. something the connector itself wrote). */
    public void remember(String kind, String key, String targetId, Long ticketId, Long workOrderId) {
        long now = clock.millis();
        try {
            // one statement, one commit: inserted as done, as begin followed by done would leave it
            jdbc.update("INSERT INTO synced_item (kind, item_key, state, target_id, ticket_id, work_order_id, "
                    + "created_at, updated_at) VALUES (?,?,?,?,?,?,?,?)", kind, key, DONE, targetId, ticketId,
                    workOrderId, now, now);
        } catch (StoreException e) {
            if (!Jdbc.isUniqueViolation(e)) {
                throw e;
            }
            done(kind, key, targetId);
        }
    }

    /** What {@link #copyOnce} did. */
    public enum Copy {
        /** written now */
        COPIED,
        /** begun before a crash and found on the target side: not written again */
        FOUND,
        /** copied before */
        ALREADY
    }

    /**
     * Copies an item once. Copied before: nothing happens. Not recorded as copied: {@code findCopy} lists look-alike
     * copies on the target side first (a crash may have come between the write and its record), and only when none
     * is free is the item written. {@code write} writes the item and answers its id on the target side.
     */
    public Copy copyOnce(String kind, String key, Long ticketId, Long workOrderId,
            java.util.function.Supplier<List<String>> findCopy, java.util.function.Supplier<String> write) {
        if (find(kind, key).map(Item::isDone).orElse(false)) {
            return Copy.ALREADY;
        }
        // not recorded as done: it may still have been written just before a crash (the record then lost or only
        // begun), so look on the target side before writing (one look per item, once); a candidate that is the
        // copy of another item already (two notes with the same text) does not count
        Optional<String> found = findCopy.get().stream().filter(t -> t != null && !isTarget(kind, t)).findFirst();
        if (found.isPresent()) {
            remember(kind, key, found.get(), ticketId, workOrderId);
            return Copy.FOUND;
        }
        begin(kind, key, ticketId, workOrderId);
        done(kind, key, write.get());
        return Copy.COPIED;
    }

    private boolean isTarget(String kind, String targetId) {
        return jdbc.one("SELECT 1 FROM synced_item WHERE kind = ? AND target_id = ? FETCH FIRST 1 ROWS ONLY",
                rs -> 1, kind, targetId).isPresent();
    }

    public List<Item> forTicket(long ticketId) {
        return jdbc.query("SELECT kind, item_key, state, target_id FROM synced_item WHERE ticket_id = ? "
                + "ORDER BY created_at", rs -> new Item(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4)), ticketId);
    }

    // ---------------------------------------------------------------- items that change on their source side

    /** A done copy of a work order's item, with the hash of its source as last written. */
    public record Copied(String key, String targetId, String sourceHash) {
    }

    /** The done copies of one kind for a work order (time logs, expenses ...), oldest first. */
    public List<Copied> copiedForWorkOrder(String kind, long workOrderId) {
        return jdbc.query("SELECT item_key, target_id, source_hash FROM synced_item WHERE work_order_id = ? AND kind = ? "
                + "AND state = ? ORDER BY created_at", rs -> new Copied(rs.getString(1), rs.getString(2),
                rs.getString(3)), workOrderId, kind, DONE);
    }

    /** Remembers what the source looked like when its copy was last written. */
    public void recordSourceHash(String kind, String key, String sourceHash) {
        jdbc.update("UPDATE synced_item SET source_hash = ?, updated_at = ? WHERE kind = ? AND item_key = ?",
                sourceHash, clock.millis(), kind, key);
    }

    /** Forgets an item (its copy was removed on the target side); copying it again would be a new copy. */
    public void forget(String kind, String key) {
        jdbc.update("DELETE FROM synced_item WHERE kind = ? AND item_key = ?", kind, key);
    }
}
