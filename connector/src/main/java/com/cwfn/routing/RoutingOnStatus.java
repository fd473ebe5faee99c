package com.cwfn.routing;

import com.cwfn.notify.NeedsAttention;
import com.cwfn.store.Routing;
import com.cwfn.store.RoutingStore;
import com.cwfn.store.SyncLog;
import com.cwfn.syncback.SyncBack;
import java.time.Clock;
import java.util.Set;

/**
 * Sync-back step {@code stop-or-restart-routing}, on every status event of a routed work order: a provider assigned
 * stops its stages (their pending timers end); a provider who cancels ({@code workorder.status.assigned_cancelled})
 * starts them again at the first stage, as a new generation; a work order cancelled, deleted or done ends them. The
 * routing's items that need attention are settled by what makes them moot: an assignment (nobody took it, still
 * unassigned before the visit), the end of a draft (waiting for approval).
 */
public class RoutingOnStatus {
    static final String ASSIGNED = "workorder.status.assigned";
    static final String PROVIDER_CANCELLED = "workorder.status.assigned_cancelled";
    private static final Set<String> ENDING = Set.of("workorder.status.cancelled", "workorder.status.deleted",
            "workorder.status.work_done", "workorder.status.approved", "workorder.status.paid");
    private final RoutingStore routing;
    private final RoutingStages stages;
    private final RoutingTimers timers;
    private final NeedsAttention attention;
    private final SyncLog log;
    private final Clock clock;

    public RoutingOnStatus(RoutingStore routing, RoutingStages stages, RoutingTimers timers, NeedsAttention attention,
            SyncLog log, Clock clock) {
        this.routing = routing;
        this.stages = stages;
        this.timers = timers;
        this.attention = attention;
        this.log = log;
        this.clock = clock;
    }

    public SyncBack apply(SyncBack s) {
        String event = s.name();
        long wo = s.workOrderId();
        if (ASSIGNED.equals(event)) {
            attention.settleOpen(NeedsAttention.UNASSIGNED, wo, "a provider is assigned");
            attention.settleOpen(NeedsAttention.UNASSIGNED_BEFORE_VISIT, wo, "a provider is assigned");
            if (stages.stop(wo, Routing.ASSIGNED, "a provider was assigned")) {
                log.append(s.transactionId(), s.direction(), s.ticketId(), wo, "stop-or-restart-routing", "ok",
                        "a provider was assigned: the stages stop");
            }
        } else if (PROVIDER_CANCELLED.equals(event)) {
            routing.restart(wo).ifPresent(generation -> {
                timers.stage(s.ticketId(), wo, generation, 0, clock.millis());
                log.append(s.transactionId(), s.direction(), s.ticketId(), wo, "stop-or-restart-routing", "ok",
                        "the provider cancelled: the stages start again at the first");
            });
        } else if (ENDING.contains(event)) {
            attention.settleOpen(NeedsAttention.WAITING_APPROVAL, wo, event + ": no longer waits for approval");
            if (stages.stop(wo, Routing.ENDED, event)) {
                log.append(s.transactionId(), s.direction(), s.ticketId(), wo, "stop-or-restart-routing", "ok",
                        event + ": the stages end");
            }
        }
        return s;
    }
}
