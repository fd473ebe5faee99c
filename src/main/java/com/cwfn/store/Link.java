package com.cwfn.store;

/** A ConnectWise ticket and its Field Nation work order. */
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
        long updatedAt) {

    public static final String CREATING = "creating";
    public static final String LINKED = "linked";

    public boolean isLinked() {
        return LINKED.equals(state) && workOrderId != null;
    }
}
