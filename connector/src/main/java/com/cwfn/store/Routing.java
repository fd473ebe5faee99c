package com.cwfn.store;

/**
 * A work order's routing (table {@code work_order_routing}): the plan a dispatch rule gave it and where it is.
 *
 * @param workOrderId   the Field Nation work order
 * @param ticketId      its ConnectWise ticket
 * @param recordType    ServiceTicket or ProjectTicket
 * @param board         the ticket's board when it was dispatched
 * @param ruleLabel     the rule as notes name it
 * @param plan          the stages as JSON (a list), copied at dispatch
 * @param state         {@link #APPROVAL}, {@link #CANCELLED}, {@link #ROUTING}, {@link #ASSIGNED}
 *                      or {@link #ENDED}
 * @param generation    0, then one more each time the stages start again
 * @param stage         the stage reached in this generation, -1 before the first
 * @param stageFired    false while the stage reached is claimed but not known done
 * @param nextAt        when the next stage is due (epoch ms), null when none is
 * @param startedAt     when this generation's first stage fired, null before
 * @param ticketSummary the ticket's summary at dispatch
 * @param companyName   the ticket's company at dispatch
 * @param createdAt     when the plan was made
 */
public record Routing(long workOrderId, long ticketId, String recordType, String board, String ruleLabel, String plan,
                      String state, int generation, int stage, boolean stageFired, Long nextAt, Long startedAt,
                      String ticketSummary, String companyName, long createdAt) {
    /** A draft waiting for someone to publish it (or cancel it). */
    public static final String APPROVAL = "approval";
    /** A waiting draft someone cancelled: its stages never start (the cancel in Field Nation is its transaction). */
    public static final String CANCELLED = "cancelled";
    /** Stages firing while nobody is assigned. */
    public static final String ROUTING = "routing";
    /** A provider took it: the stages stopped. */
    public static final String ASSIGNED = "assigned";
    /** Over: the last stage fired, or the work order was cancelled or finished. */
    public static final String ENDED = "ended";
}
