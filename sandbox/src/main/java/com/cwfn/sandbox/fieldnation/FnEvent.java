package com.cwfn.sandbox.fieldnation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * An event the sandbox raised (whether or not any webhook was subscribed to it).
 *
 * @param traceId      the {@code X-FN-Event-Trace-Id} / flat-shape {@code eventId}
 * @param name         e.g. {@code workorder.status.assigned}
 * @param actorId      {@code triggered_by_user.id}
 * @param params       {@code event.params}
 * @param workOrder    the work order as GET returned it at the time of the event
 */
public record FnEvent(String traceId, String name, long workOrderId, long actorId, Instant at, ObjectNode params,
                      ObjectNode workOrder) {

    @Override
    public String toString() {
        return "FnEvent[" + name + " wo=" + workOrderId + " by=" + actorId + "]";
    }
}
