package com.cwfn.store;

/** A transaction about to be recorded in the inbox. */
public record NewTransaction(
        String source,
        String direction,
        String dedupKey,
        String entityKey,
        String eventType,
        Long ticketId,
        Long workOrderId,
        String payload) {

    /** The entity key of a ticket's transactions (they are worked one at a time, in order). */
    public static String ticketKey(long ticketId) {
        return "ticket:" + ticketId;
    }

    public static NewTransaction forTicket(String source, String dedupKey, String eventType, long ticketId, String payload) {
        return new NewTransaction(source, Transaction.CW_TO_FN, dedupKey, ticketKey(ticketId), eventType, ticketId, null,
                payload);
    }

    /** The entity key of a work order's routing stages (they run one at a time, in order). */
    public static String routingKey(long workOrderId) {
        return "routing:" + workOrderId;
    }

    /**
     * A transaction of the connector's own timers for a work order dispatched from a ticket (a routing stage, an approval's
     * cancel, the alert before the visit), worked by {@code routes/routing.camel.yaml}; {@code entityKey} orders it
     * with the transactions that share it, and with nothing else (a timer due in hours holds up no webhook).
     */
    public static NewTransaction forRouting(String dedupKey, String eventType, String entityKey, long ticketId,
            long workOrderId, String payload) {
        return new NewTransaction(Transaction.SOURCE_ROUTING, Transaction.CW_TO_FN, dedupKey, entityKey, eventType, ticketId,
                workOrderId, payload);
    }

    public static NewTransaction forWorkOrder(String source, String dedupKey, String eventType, long workOrderId,
            String payload) {
        return new NewTransaction(source, Transaction.FN_TO_CW, dedupKey, "wo:" + workOrderId, eventType, null,
                workOrderId, payload);
    }
}
