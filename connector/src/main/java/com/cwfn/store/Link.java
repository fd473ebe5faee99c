package com.cwfn.store;

/**
 * A ConnectWise ticket and its Field Nation work order, and what the connector knows of the ticket's status: the
 * status it last saw or wrote ({@code cwStatus}), the one it wrote itself from a Field Nation event
 * ({@code ownStatus}), how many moves of the status it has acted on ({@code statusSeq}) and the action of the last
 * move while it is under way ({@code pendingAction}).
 */
public record Link(
        long ticketId,
        Long workOrderId,
        String state,
        String recordType,
        String board,
        String origin,
        String lastSent,
        Long lastStatusAt,
        long createdAt,
        long updatedAt,
        String cwStatus,
        String ownStatus,
        int statusSeq,
        String pendingAction) {

    public static final String CREATING = "creating";
    public static final String LINKED = "linked";

    public boolean isLinked() {
        return LINKED.equals(state) && workOrderId != null;
    }
}
