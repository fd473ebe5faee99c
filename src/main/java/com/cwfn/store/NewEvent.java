package com.cwfn.store;

/** An event about to be recorded in the inbox. */
public record NewEvent(
        String source,
        String direction,
        String dedupKey,
        String entityKey,
        String eventType,
        Long ticketId,
        Long workOrderId,
        String payload) {

    /** The entity key of a ticket's events (they are worked one at a time, in order). */
    public static String ticketKey(long ticketId) {
        return "ticket:" + ticketId;
    }

    public static NewEvent forTicket(String source, String dedupKey, String eventType, long ticketId, String payload) {
        return new NewEvent(source, InboxEvent.CW_TO_FN, dedupKey, ticketKey(ticketId), eventType, ticketId, null,
                payload);
    }

    public static NewEvent forWorkOrder(String source, String dedupKey, String eventType, long workOrderId,
            String payload) {
        return new NewEvent(source, InboxEvent.FN_TO_CW, dedupKey, "wo:" + workOrderId, eventType, null,
                workOrderId, payload);
    }
}
