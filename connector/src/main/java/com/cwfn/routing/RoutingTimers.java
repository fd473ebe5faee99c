package com.cwfn.routing;

import com.cwfn.inbox.InboxWorker;
import com.cwfn.json.Json;
import com.cwfn.store.InboxStore;
import com.cwfn.store.NewTransaction;
import java.time.Clock;
import java.util.Optional;

/**
 * Records the connector's own timers in the inbox (events that fall due later, {@link InboxStore#recordDue}), each
 * once by its dedup key, and wakes a worker for one due now:
 * <ul>
 *   <li>{@value #STAGE}: stage {@code k} of generation {@code g} of a work order's routing, due at the end of the
 *       wait before it (entity {@code routing:<id>}, dedup {@code routing:<id>:<g>:<k>});</li>
 *   <li>{@value #UNASSIGNED_ALERT}: the alert before the visit (entity {@code unassigned:<id>}).</li>
 * </ul>
 */
public class RoutingTimers {
    public static final String STAGE = "routing.stage";
    public static final String UNASSIGNED_ALERT = "routing.unassigned-alert";

    private final InboxStore inbox;
    private final InboxWorker worker;
    private final Clock clock;

    public RoutingTimers(InboxStore inbox, InboxWorker worker, Clock clock) {
        this.inbox = inbox;
        this.worker = worker;
        this.clock = clock;
    }

    /** Stage {@code stage} of generation {@code generation}, due at {@code dueAt}. */
    public Optional<Long> stage(long ticketId, long workOrderId, int generation, int stage, long dueAt) {
        String payload = Json.write(Json.object().put("workOrderId", workOrderId).put("ticketId", ticketId)
                .put("generation", generation).put("stage", stage));
        return record(NewTransaction.forRouting("routing:" + workOrderId + ":" + generation + ":" + stage, STAGE,
                NewTransaction.routingKey(workOrderId), ticketId, workOrderId, payload), dueAt);
    }

    /** The alert before the visit, due at {@code dueAt}; {@code key} tells one arming from another. */
    public Optional<Long> unassignedAlert(long ticketId, long workOrderId, long dueAt, String key) {
        String payload = Json.write(Json.object().put("workOrderId", workOrderId).put("ticketId", ticketId));
        return record(NewTransaction.forRouting("unassigned-alert:" + workOrderId + ":" + key, UNASSIGNED_ALERT,
                "unassigned:" + workOrderId, ticketId, workOrderId, payload), dueAt);
    }

    private Optional<Long> record(NewTransaction e, long dueAt) {
        Optional<Long> id = inbox.recordDue(e, dueAt);
        if (id.isPresent() && dueAt <= clock.millis()) {
            worker.wake(id.get());
        }
        return id;
    }
}
