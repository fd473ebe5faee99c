package com.cwfn.store;

/** One recorded event: a sync transaction, with its payload, state, attempts and last error. */
public record InboxEvent(
        long id,
        String source,
        String direction,
        String dedupKey,
        String entityKey,
        String eventType,
        Long ticketId,
        Long workOrderId,
        String payload,
        String status,
        int attempts,
        long nextAttemptAt,
        String claimedBy,
        String step,
        String lastError,
        String outcome,
        long receivedAt,
        long updatedAt,
        Long finishedAt) {

    public static final String CW_TO_FN = "cw-fn";
    public static final String FN_TO_CW = "fn-cw";
    /** The source of the console's test ticket round trip: its work order stays a draft (never published). */
    public static final String SOURCE_ROUND_TRIP = "roundtrip";

    public boolean isConnectWiseToFieldNation() {
        return CW_TO_FN.equals(direction);
    }
}
