package com.cwfn.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The routing of work orders by dispatch rules ({@link Routing}, table {@code work_order_routing}). Every change of
 * state is one conditional single-row update, so it happens once however many workers, retries and instances on one
 * PostgreSQL try it, like the link store's claim: a stage is claimed only from the stage before it, a draft is
 * approved or cancelled only while it waits, an assignment stops only stages still running.
 */
public class RoutingStore {
    private static final String COLUMNS = "work_order_id, ticket_id, record_type, board, rule_label, plan, state, "
            + "generation, stage, stage_state, next_at, started_at, ticket_summary, company_name, created_at";
    private static final String FIRING = "firing";
    private static final String FIRED = "fired";

    /** What claiming a stage found. */
    public enum Claim {
        /** This call claimed it: fire it. */
        CLAIMED,
        /** Claimed before by this stage's event, which did not finish (a crash, a retry): finish firing it. */
        RESUMED,
        /** It fired already (a replay): nothing to do. */
        FIRED,
        /** The stages are not running: assigned, cancelled, waiting for approval, or started again since. */
        STOPPED
    }

    private final Jdbc jdbc;
    private final Clock clock;

    public RoutingStore(DataSource ds, Clock clock) {
        this.jdbc = new Jdbc(ds);
        this.clock = clock;
    }

    /**
     * Keeps a work order's plan in {@code state}: {@link Routing#ROUTING} (stages about to start),
     * {@link Routing#APPROVAL} (a draft waiting), or {@link Routing#ENDED} (published before: nothing to do); false
     * when the work order has one already (a dispatch done again changes nothing).
     */
    public boolean plan(long workOrderId, long ticketId, String recordType, String board, String ruleLabel,
            String plan, String state, String ticketSummary, String companyName) {
        long now = clock.millis();
        try {
            jdbc.update("INSERT INTO work_order_routing (" + COLUMNS + ", updated_at) "
                    + "VALUES (?,?,?,?,?,?,?,0,-1,?,NULL,NULL,?,?,?,?)", workOrderId, ticketId, recordType, board,
                    cut(ruleLabel, 400), plan, state, FIRED,
                    cut(ticketSummary, 400), cut(companyName, 200), now, now);
            return true;
        } catch (StoreException e) {
            if (Jdbc.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    public Optional<Routing> find(long workOrderId) {
        return jdbc.one("SELECT " + COLUMNS + " FROM work_order_routing WHERE work_order_id = ?", RoutingStore::map,
                workOrderId);
    }

    /** Claims stage {@code stage} of generation {@code generation}: only from the stage before it, once. */
    public Claim claimStage(long workOrderId, int generation, int stage) {
        long now = clock.millis();
        int n = jdbc.update("UPDATE work_order_routing SET stage = ?, stage_state = ?, next_at = NULL, "
                + "started_at = COALESCE(started_at, ?), updated_at = ? "
                + "WHERE work_order_id = ? AND state = ? AND generation = ? AND stage = ?",
                stage, FIRING, now, now, workOrderId, Routing.ROUTING, generation, stage - 1);
        if (n == 1) {
            return Claim.CLAIMED;
        }
        Routing r = find(workOrderId).orElse(null);
        if (r == null || !Routing.ROUTING.equals(r.state()) || r.generation() != generation || r.stage() < stage) {
            return Claim.STOPPED;
        }
        return r.stage() == stage && !r.stageFired() ? Claim.RESUMED : Claim.FIRED;
    }

    /** A claimed stage's action is done; the next is due at {@code nextAt} (null: none follows). */
    public void fired(long workOrderId, int generation, int stage, Long nextAt) {
        jdbc.update("UPDATE work_order_routing SET stage_state = ?, next_at = ?, updated_at = ? "
                + "WHERE work_order_id = ? AND generation = ? AND stage = ?", FIRED, nextAt, clock.millis(),
                workOrderId, generation, stage);
    }

    /**
     * A provider took the work order, or it was cancelled or finished: the stages stop (state {@code state}); false
     * when they were not running (or the draft not waiting).
     */
    public boolean stop(long workOrderId, String state) {
        return jdbc.update("UPDATE work_order_routing SET state = ?, next_at = NULL, updated_at = ? "
                + "WHERE work_order_id = ? AND state IN (?, ?)", state, clock.millis(), workOrderId, Routing.ROUTING,
                Routing.APPROVAL) == 1;
    }

    /**
     * The assigned provider cancelled: the stages start again at the first, as a new generation (whose events are
     * new ones); empty when the stages were not stopped by an assignment. Answers the new generation.
     */
    public Optional<Integer> restart(long workOrderId) {
        int n = jdbc.update("UPDATE work_order_routing SET state = ?, generation = generation + 1, stage = -1, "
                + "stage_state = ?, next_at = NULL, started_at = NULL, updated_at = ? WHERE work_order_id = ? "
                + "AND state = ?", Routing.ROUTING, FIRED, clock.millis(), workOrderId, Routing.ASSIGNED);
        return n == 1 ? find(workOrderId).map(Routing::generation) : Optional.empty();
    }

    /** Someone published a waiting draft: its stages may start (generation 0); false when it was not waiting. */
    public boolean approve(long workOrderId) {
        return jdbc.update("UPDATE work_order_routing SET state = ?, updated_at = ? WHERE work_order_id = ? "
                + "AND state = ?", Routing.ROUTING, clock.millis(), workOrderId, Routing.APPROVAL) == 1;
    }

    /**
     * Someone cancelled a waiting draft: it never starts its stages. True when it is cancelled, now or by an earlier
     * try of the same cancel (a retry after a crash goes on with it); false when it was published (or ended) first.
     */
    public boolean cancel(long workOrderId) {
        jdbc.update("UPDATE work_order_routing SET state = ?, updated_at = ? WHERE work_order_id = ? AND state = ?",
                Routing.CANCELLED, clock.millis(), workOrderId, Routing.APPROVAL);
        return find(workOrderId).map(r -> Routing.CANCELLED.equals(r.state())).orElse(false);
    }

    /** The drafts waiting for approval, oldest first. */
    public List<Routing> waitingForApproval(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM work_order_routing WHERE state = ? ORDER BY created_at, "
                + "work_order_id FETCH FIRST " + limit + " ROWS ONLY", RoutingStore::map, Routing.APPROVAL);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static Routing map(ResultSet rs) throws SQLException {
        return new Routing(rs.getLong("work_order_id"), rs.getLong("ticket_id"), rs.getString("record_type"),
                rs.getString("board"), rs.getString("rule_label"), rs.getString("plan"), rs.getString("state"),
                rs.getInt("generation"), rs.getInt("stage"), FIRED.equals(rs.getString("stage_state")),
                Jdbc.longOrNull(rs, "next_at"), Jdbc.longOrNull(rs, "started_at"), rs.getString("ticket_summary"),
                rs.getString("company_name"), rs.getLong("created_at"));
    }
}
