package com.cwfn.routing;

import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.inbox.Outcome;
import com.cwfn.mapping.RoutingStage;
import com.cwfn.store.InboxStore;
import com.cwfn.store.NewTransaction;
import com.cwfn.store.Routing;
import com.cwfn.store.RoutingStore;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stage's timer fell due: {@code claim-stage} claims it in {@code work_order_routing} (once: from the stage before
 * it, in the same generation, while the stages run) and reads the work order, which ends the stages when a provider
 * took it meanwhile (a webhook that never came); {@code schedule-next-stage} records the next stage's timer, due
 * after this stage's wait, before this stage acts (a crash then redoes this stage, never loses the next);
 * {@code finish-stage} marks the stage fired.
 */
public class RoutingStages {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingStages.class);
    private final RoutingStore routing;
    private final RoutingTimers timers;
    private final InboxStore inbox;
    private final FieldNationClient fn;
    private final Clock clock;

    public RoutingStages(RoutingStore routing, RoutingTimers timers, InboxStore inbox, FieldNationClient fn,
            Clock clock) {
        this.routing = routing;
        this.timers = timers;
        this.inbox = inbox;
        this.fn = fn;
        this.clock = clock;
    }

    /** The work order when its stage is to fire now; null (skipped, with why) when not. */
    public RoutingWork claim(RoutingWork w, Exchange exchange) {
        switch (routing.claimStage(w.workOrderId, w.generation, w.stageIndex)) {
            case FIRED -> {
                Outcome.skipped(exchange, "stage " + (w.stageIndex + 1) + " of work order " + w.workOrderId
                        + " fired already");
                return null;
            }
            case STOPPED -> {
                Outcome.skipped(exchange, "the stages of work order " + w.workOrderId + " are not running ("
                        + routing.find(w.workOrderId).map(Routing::state).orElse("no routing") + ")");
                return null;
            }
            case RESUMED -> w.resumed = true;
            default -> {
                // claimed now
            }
        }
        Offer offer = Offer.of(fn, w.workOrderId);
        if (!offer.open()) {
            stop(w.workOrderId, offer.taken() ? Routing.ASSIGNED : Routing.ENDED, "the work order is " + offer.state());
            Outcome.skipped(exchange, "work order " + w.workOrderId + " is " + offer.state() + ": the stages stop");
            return null;
        }
        w.workOrder = offer.workOrder();
        return w;
    }

    /** Ends the stages and their pending timers; false when they were not running. */
    boolean stop(long workOrderId, String state, String why) {
        if (!routing.stop(workOrderId, state)) {
            return false;
        }
        int ended = inbox.endPending(NewTransaction.routingKey(workOrderId), "the stages stopped: " + why);
        LOG.info("routing of work order {} stopped ({}); {} timer(s) ended", workOrderId, why, ended);
        return true;
    }

    /**
     * Records the next stage's timer, due after this stage's wait (at once when it has none); a stage worked again
     * finds its timer recorded already (by its dedup key).
     */
    public RoutingWork scheduleNext(RoutingWork w) {
        if (!w.hasNext()) {
            return w;
        }
        RoutingStage stage = w.stage();
        long due = clock.millis() + (stage.waitFor() == null ? 0 : stage.waitFor().toMillis());
        timers.stage(w.ticketId, w.workOrderId, w.generation, w.stageIndex + 1, due);
        w.nextAt = due;
        return w;
    }

    /** Marks the stage fired, with when the next falls due. */
    public RoutingWork finish(RoutingWork w, Exchange exchange) {
        routing.fired(w.workOrderId, w.generation, w.stageIndex, w.nextAt);
        Outcome.done(exchange, "stage " + (w.stageIndex + 1) + " of " + w.plan.size() + ": " + w.stage().describe());
        return w;
    }
}
