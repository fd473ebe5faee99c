package com.cwfn.store;

/**
 * One sync transaction (docs/architecture.md#words): the event it carries, with its payload, state, attempts and last error, and the time it spent
 * paused (sent back to the inbox by a pause of an API or the database), which does not count toward giving up, and
 * the trace context it was recorded in (W3C traceparent; null without tracing), which its attempts continue.
 */
public record Transaction(
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
        Long finishedAt,
        long pausedMs,
        String traceContext) {

    public static final String CW_TO_FN = "cw-fn";
    public static final String FN_TO_CW = "fn-cw";
    /** The source of the console's test ticket round trip: its work order stays a draft (never published). */
    public static final String SOURCE_ROUND_TRIP = "roundtrip";
    /** The source of the connector's own timers (routing stages, the alert before a visit): routes/routing.camel.yaml. */
    public static final String SOURCE_ROUTING = "routing";
    /**
     * Event types of a person's choice on an item that needs attention ({@code attention.cancel-work-order}): worked in
     * order with the ticket's other transactions, by routes/attention.camel.yaml.
     */
    public static final String ATTENTION_PREFIX = "attention.";

    /**
     * The transaction named, without its payload: Camel's simple predicates on a message body ({@code ${body} == null} in
     * the inbox route) turn it into a String on every evaluation, and the record's own toString copied the whole
     * payload each time (3.4% of the connector's allocation in the benchmark's throughput phase, JFR).
     */
    @Override
    public String toString() {
        return "transaction " + id + " (" + eventType + ", " + status + ")";
    }

    /** When giving up is counted from: received, plus the time spent paused. */
    public long retryClockStart() {
        return receivedAt + pausedMs;
    }

    public boolean isConnectWiseToFieldNation() {
        return CW_TO_FN.equals(direction);
    }
}
