package com.cwfn.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The inbox: every received event, recorded before it is answered and worked from here.
 *
 * <p>Claims are conditional single-row updates, so they hold on H2 and across instances on one PostgreSQL:
 * only the oldest unfinished event of an entity (a ticket or a work order) can be claimed, and only by one
 * worker; a claim that expires (its instance died) makes the event claimable again. Retry schedules live
 * in {@code next_attempt_at}, so they survive restarts; an event that met a pause is due again at the pause's end
 * ({@link #pauseUntil}).
 */
public class InboxStore {
    public static final String PENDING = "pending";
    public static final String PROCESSING = "processing";
    public static final String DONE = "done";
    public static final String SKIPPED = "skipped";
    public static final String IGNORED = "ignored";
    public static final String COALESCED = "coalesced";
    public static final String FAILED = "failed";

    private static final String COLUMNS = "id, source, direction, dedup_key, entity_key, event_type, ticket_id, "
            + "work_order_id, payload, status, attempts, next_attempt_at, claimed_by, step, last_error, outcome, "
            + "received_at, updated_at, finished_at, paused_ms, trace_context";

    /**
     * The claim: only the oldest unfinished event of its entity. The "older unfinished event" and the "next pending
     * event" are answered from the index on (entity_key, status, id) alone, without reading rows (InboxStoreTest).
     */
    static final String CLAIM = "UPDATE inbox_event SET status = ?, claimed_by = ?, claim_expires_at = ?, "
            + "attempts = attempts + 1, updated_at = ? WHERE id = ? AND status = ? AND next_attempt_at <= ? "
            + "AND NOT EXISTS (SELECT 1 FROM inbox_event o WHERE o.entity_key = inbox_event.entity_key "
            + "AND o.status IN (?, ?) AND o.id < inbox_event.id)";
    static final String NEXT_PENDING = "SELECT id FROM inbox_event WHERE entity_key = ? AND status = ? ORDER BY id "
            + "FETCH FIRST 1 ROWS ONLY";

    private final Jdbc jdbc;
    private final Clock clock;
    private final Consumer<NewTransaction> durable;
    private Supplier<String> traceContext = () -> null;

    public InboxStore(DataSource ds, Clock clock) {
        this(ds, clock, e -> { });
    }

    /**
     * @param durable makes a newly recorded, committed event survive a killed process before it is answered
     *        ({@link IntakeJournal#append} on an H2 file database; nothing to do on PostgreSQL)
     */
    public InboxStore(DataSource ds, Clock clock, Consumer<NewTransaction> durable) {
        this.jdbc = new Jdbc(ds);
        this.clock = clock;
        this.durable = durable;
    }

    /** Where a recorded event's trace context comes from: the span current where it is recorded (tracing on). */
    public void traceContext(Supplier<String> current) {
        this.traceContext = current;
    }

    private long now() {
        return clock.millis();
    }

    /** Records an event, durably; empty when its dedup key was recorded before (a repeat). */
    public Optional<Long> record(NewTransaction e) {
        Optional<Long> id = insert(e);
        if (id.isPresent()) {
            durable.accept(e);
        }
        return id;
    }

    /** Inserts an event (committed, not yet durable); empty when its dedup key was recorded before. */
    Optional<Long> insert(NewTransaction e) {
        return insert(e, now());
    }

    /**
     * Records an event that falls due later (a routing stage after its wait, an alert before a visit): pending, and
     * received when it falls due ({@code dueAt}, epoch ms), so that until then no worker takes it, it is no part of
     * the queue, and giving up counts from then. Empty when its dedup key was recorded before. Not journalled: such
     * an event is recorded by a flow whose own event, worked again after a crash, records it again.
     */
    public Optional<Long> recordDue(NewTransaction e, long dueAt) {
        return insert(e, Math.max(dueAt, now()));
    }

    private Optional<Long> insert(NewTransaction e, long dueAt) {
        try {
            return Optional.of(jdbc.insert("INSERT INTO inbox_event (source, direction, dedup_key, entity_key, "
                    + "event_type, ticket_id, work_order_id, payload, status, attempts, next_attempt_at, "
                    + "received_at, updated_at, trace_context) VALUES (?,?,?,?,?,?,?,?,?,0,?,?,?,?)",
                    e.source(), e.direction(), e.dedupKey(), e.entityKey(), e.eventType(), e.ticketId(),
                    e.workOrderId(), e.payload(), PENDING, dueAt, dueAt, now(), traceContext.get()));
        } catch (StoreException ex) {
            if (Jdbc.isUniqueViolation(ex)) {
                return Optional.empty();
            }
            throw ex;
        }
    }

    /**
     * Claims a pending, due event for {@code owner} until {@code now + ttlMillis}; empty when it is not
     * claimable (not pending, not due, an older event of the same entity is unfinished, or another worker won).
     */
    public Optional<Transaction> claim(long id, String owner, long ttlMillis) {
        long now = now();
        int n = jdbc.update(CLAIM, PROCESSING, owner, now + ttlMillis, now, id, PENDING, now, PENDING, PROCESSING);
        return n == 1 ? find(id) : Optional.empty();
    }

    /** Extends a claim that is still held by {@code owner}. */
    public boolean extendClaim(long id, String owner, long ttlMillis) {
        return jdbc.update("UPDATE inbox_event SET claim_expires_at = ? WHERE id = ? AND status = ? AND claimed_by = ?",
                now() + ttlMillis, id, PROCESSING, owner) == 1;
    }

    /**
     * Marks the newer pending ConnectWise events of the same ticket, received until now, as covered by the claimed one,
     * which is about to read the whole ticket: they would do the same work again. A person's choice on an item that
     * needs attention ({@link Transaction#ATTENTION_PREFIX}) is no news of the ticket and is never covered.
     */
    public int coalesce(Transaction claimed) {
        return jdbc.update("UPDATE inbox_event SET status = ?, outcome = ?, updated_at = ?, finished_at = ? "
                + "WHERE entity_key = ? AND id > ? AND status = ? AND direction = ? AND received_at <= ? "
                + "AND event_type NOT LIKE ?", COALESCED, "covered by event " + claimed.id(), now(), now(),
                claimed.entityKey(), claimed.id(), PENDING, Transaction.CW_TO_FN, now(),
                Transaction.ATTENTION_PREFIX + "%");
    }

    /**
     * Ends the pending events of an entity (timers something made pointless: the stages a provider's assignment
     * stopped) as skipped, with {@code outcome}; answers how many. One being worked finishes on its own.
     */
    public int endPending(String entityKey, String outcome) {
        return jdbc.update("UPDATE inbox_event SET status = ?, outcome = ?, updated_at = ?, finished_at = ? "
                + "WHERE entity_key = ? AND status = ?", SKIPPED, outcome, now(), now(), entityKey, PENDING);
    }

    /** Finishes a claimed event with a final status (done, skipped, ignored) and a short outcome. */
    public void finish(long id, String status, String outcome) {
        jdbc.update("UPDATE inbox_event SET status = ?, outcome = ?, last_error = NULL, claimed_by = NULL, "
                + "claim_expires_at = NULL, updated_at = ?, finished_at = ? WHERE id = ?",
                status, outcome, now(), now(), id);
    }

    /**
     * Puts a claimed event back to pending, due at {@code dueAt}, remembering the step and error (an event finished
     * meanwhile, e.g. whose finish was committed just before the connection broke, stays finished).
     */
    public void retryAt(long id, long dueAt, String step, String error) {
        jdbc.update("UPDATE inbox_event SET status = ?, next_attempt_at = ?, step = ?, last_error = ?, "
                + "claimed_by = NULL, claim_expires_at = NULL, updated_at = ? WHERE id = ? AND status = ?",
                PENDING, dueAt, step, error, now(), id, PROCESSING);
    }

    /**
     * Gives a claimed event back because it met a pause (an API answered 429, the database is away): pending, due at
     * {@code dueAt}, its claim released, the attempt not counted, and the wait until then added to its paused time,
     * which does not count toward giving up. The step and the reason are kept as its last error.
     */
    public void pauseUntil(long id, long dueAt, String step, String reason) {
        long now = now();
        jdbc.update("UPDATE inbox_event SET status = ?, next_attempt_at = ?, step = ?, last_error = ?, claimed_by = NULL, "
                + "claim_expires_at = NULL, attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END, "
                + "paused_ms = paused_ms + ?, updated_at = ? WHERE id = ? AND status = ?",
                PENDING, dueAt, step, reason, Math.max(0, dueAt - now), now, id, PROCESSING);
    }

    /** Marks an event failed for good (a dead letter): kept with payload, step and error, replayable. */
    public void fail(long id, String step, String error) {
        jdbc.update("UPDATE inbox_event SET status = ?, step = ?, last_error = ?, claimed_by = NULL, "
                + "claim_expires_at = NULL, updated_at = ?, finished_at = ? WHERE id = ?",
                FAILED, step, error, now(), now(), id);
    }

    /** Gives back the events an owner holds (graceful shutdown, or the same instance starting again). */
    public int releaseClaimsOf(String owner) {
        return jdbc.update("UPDATE inbox_event SET status = ?, claimed_by = NULL, claim_expires_at = NULL, "
                + "attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END, updated_at = ? "
                + "WHERE status = ? AND claimed_by = ?", PENDING, now(), PROCESSING, owner);
    }

    /**
     * Gives back the given events the owner still holds, uncounting their attempt: events whose claim could not be
     * ended while the database did not answer (see {@code inbox.DatabaseOutage}).
     */
    public int releaseClaims(String owner, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        return jdbc.update("UPDATE inbox_event SET status = ?, claimed_by = NULL, claim_expires_at = NULL, "
                + "attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END, next_attempt_at = ?, updated_at = ? "
                + "WHERE status = ? AND claimed_by = ? AND id IN (" + in + ")", PENDING, now(), now(), PROCESSING,
                owner);
    }

    /** Makes events whose claim expired (their instance died) claimable again. */
    public int releaseExpiredClaims() {
        return jdbc.update("UPDATE inbox_event SET status = ?, claimed_by = NULL, claim_expires_at = NULL, "
                + "updated_at = ? WHERE status = ? AND claim_expires_at < ?", PENDING, now(), PROCESSING, now());
    }

    /** Ids of pending events that are due, oldest first. */
    public List<Long> due(int limit) {
        return jdbc.query("SELECT id FROM inbox_event WHERE status = ? AND next_attempt_at <= ? ORDER BY id "
                + "FETCH FIRST " + limit + " ROWS ONLY", rs -> rs.getLong(1), PENDING, now());
    }

    /** True while an event of the entity is pending or being worked. */
    public boolean hasUnfinished(String entityKey) {
        return jdbc.one("SELECT id FROM inbox_event WHERE entity_key = ? AND status IN (?, ?) FETCH FIRST 1 ROWS ONLY",
                rs -> rs.getLong(1), entityKey, PENDING, PROCESSING).isPresent();
    }

    /** The oldest pending event of an entity, if any. */
    public Optional<Long> nextPendingOf(String entityKey) {
        return jdbc.one(NEXT_PENDING, rs -> rs.getLong(1), entityKey, PENDING);
    }

    /** Puts a finished event (failed or not) back to pending with a fresh attempt count. */
    public boolean replay(long id) {
        return jdbc.update("UPDATE inbox_event SET status = ?, attempts = 0, next_attempt_at = ?, "
                + "claimed_by = NULL, claim_expires_at = NULL, finished_at = NULL, updated_at = ? "
                + "WHERE id = ? AND status <> ? AND status <> ?",
                PENDING, now(), now(), id, PENDING, PROCESSING) == 1;
    }

    /** Links a work order id to an event once it is known (e.g. after the work order was created). */
    public void setWorkOrder(long id, long workOrderId) {
        jdbc.update("UPDATE inbox_event SET work_order_id = ? WHERE id = ?", workOrderId, id);
    }

    public void setTicket(long id, long ticketId) {
        jdbc.update("UPDATE inbox_event SET ticket_id = ? WHERE id = ?", ticketId, id);
    }

    /** The name of the newest status event of a work order in the inbox (workorder.status.assigned), if any. */
    public Optional<String> lastStatusEventOf(long workOrderId) {
        return jdbc.one("SELECT event_type FROM inbox_event WHERE entity_key = ? AND event_type LIKE ? ORDER BY id DESC "
                + "FETCH FIRST 1 ROWS ONLY", rs -> rs.getString(1), "wo:" + workOrderId, "workorder.status.%");
    }

    public Optional<Transaction> find(long id) {
        return jdbc.one("SELECT " + COLUMNS + " FROM inbox_event WHERE id = ?", InboxStore::map, id);
    }

    /** Events for the admin list; any filter may be null. Newest first. */
    public List<Transaction> list(String status, Long ticketId, Long since, int limit) {
        return list(new Filter(status, null, ticketId, null, since, null), limit);
    }

    /** What the admin list filters by; any part may be null. {@code since} and {@code until} bound the receive time. */
    public record Filter(String status, String direction, Long ticketId, Long workOrderId, Long since, Long until) {
    }

    /** Events matching {@code f}, newest first. */
    public List<Transaction> list(Filter f, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM inbox_event WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        Object[][] conditions = {{" AND status = ?", f.status()}, {" AND direction = ?", f.direction()},
            {" AND ticket_id = ?", f.ticketId()}, {" AND work_order_id = ?", f.workOrderId()},
            {" AND received_at >= ?", f.since()}, {" AND received_at < ?", f.until()}};
        for (Object[] c : conditions) {
            if (c[1] != null) {
                sql.append(c[0]);
                args.add(c[1]);
            }
        }
        sql.append(" ORDER BY id DESC FETCH FIRST ").append(limit).append(" ROWS ONLY");
        return jdbc.query(sql.toString(), InboxStore::map, args.toArray());
    }

    public long count(String status) {
        return jdbc.one("SELECT COUNT(*) FROM inbox_event WHERE status = ?", rs -> rs.getLong(1), status).orElse(0L);
    }

    /** Events with this status received by now: the queue, without the timers that fall due later. */
    public long countReceived(String status) {
        return jdbc.one("SELECT COUNT(*) FROM inbox_event WHERE status = ? AND received_at <= ?", rs -> rs.getLong(1),
                status, now()).orElse(0L);
    }

    /** Receive time of the oldest unfinished event received by now, if any. */
    public Optional<Long> oldestUnfinished() {
        List<Long> l = jdbc.query("SELECT MIN(received_at) FROM inbox_event WHERE status IN (?, ?) AND received_at <= ?",
                rs -> {
                    long v = rs.getLong(1);
                    return rs.wasNull() ? null : v;
                }, PENDING, PROCESSING, now());
        return l.isEmpty() ? Optional.empty() : Optional.ofNullable(l.get(0));
    }

    /** Deletes finished events older than {@code before} (failed ones are kept until replayed or pruned later). */
    public int prune(long before, boolean includeFailed) {
        return includeFailed
                ? jdbc.update("DELETE FROM inbox_event WHERE finished_at IS NOT NULL AND finished_at < ? "
                        + "AND status IN (?, ?, ?, ?, ?)", before, DONE, SKIPPED, IGNORED, COALESCED, FAILED)
                : jdbc.update("DELETE FROM inbox_event WHERE finished_at IS NOT NULL AND finished_at < ? "
                        + "AND status IN (?, ?, ?, ?)", before, DONE, SKIPPED, IGNORED, COALESCED);
    }

    private static Transaction map(ResultSet rs) throws SQLException {
        return new Transaction(rs.getLong("id"), rs.getString("source"), rs.getString("direction"),
                rs.getString("dedup_key"), rs.getString("entity_key"), rs.getString("event_type"),
                Jdbc.longOrNull(rs, "ticket_id"), Jdbc.longOrNull(rs, "work_order_id"), rs.getString("payload"),
                rs.getString("status"), rs.getInt("attempts"), rs.getLong("next_attempt_at"),
                rs.getString("claimed_by"), rs.getString("step"), rs.getString("last_error"),
                rs.getString("outcome"), rs.getLong("received_at"), rs.getLong("updated_at"),
                Jdbc.longOrNull(rs, "finished_at"), rs.getLong("paused_ms"), rs.getString("trace_context"));
    }
}
