package com.cwfn.syncback;

import java.util.Set;

/**
 * When the connector reads a work order's time logs and expenses: Field Nation sends no webhook when they are added
 * or edited, so they are read on the status events around the work (checked out, work done, approved, paid) and on
 * {@value #CHANGED}, the event reconciliation records when it finds them changed.
 */
public final class ChargeEvents {
    /** Recorded by reconciliation for a work order whose time logs or expenses changed without an event. */
    public static final String CHANGED = "workorder.charges_changed";
    private static final Set<String> READING = Set.of("workorder.status.checked_out", "workorder.status.work_done",
            "workorder.status.approved", "workorder.status.paid", CHANGED);
    private static final Set<String> CLOSING = Set.of("workorder.status.paid", "workorder.status.cancelled",
            "workorder.status.deleted");
    /** The work order statuses (as event names end) in which time logs and expenses can still change. */
    private static final Set<String> OPEN_STATUSES = Set.of("assigned", "work_done");

    private ChargeEvents() {
    }

    /** True when the event reads time logs and expenses. */
    public static boolean reads(String eventName) {
        return READING.contains(eventName);
    }

    /**
     * True for a work order status (the event name's ending: assigned, work_done ...) in which time logs and
     * expenses can still change; null (not seen yet) counts as open.
     */
    public static boolean chargesOpenIn(String status) {
        return status == null || OPEN_STATUSES.contains(status);
    }

    /** True when nothing can be charged after this event (paid, cancelled, deleted). */
    static boolean closes(String eventName) {
        return CLOSING.contains(eventName);
    }
}
