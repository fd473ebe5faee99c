package com.cwfn.routing;

import com.cwfn.connectwise.ConnectWiseClient.TicketKind;
import com.cwfn.mapping.RoutingStage;
import com.cwfn.store.Transaction;
import com.cwfn.store.Routing;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** One timer of the connector being worked: the routing route's message body. */
public final class RoutingWork implements com.cwfn.notify.Labelled {
    final Transaction transaction;
    final String type;
    final long workOrderId;
    final long ticketId;
    final TicketKind kind;
    final int generation;
    final int stageIndex;
    Routing routing;
    List<RoutingStage> plan = List.of();
    ObjectNode workOrder;
    boolean resumed;
    Long nextAt;
    String note;

    RoutingWork(Transaction transaction, String type, long workOrderId, long ticketId, TicketKind kind, int generation,
            int stageIndex) {
        this.transaction = transaction;
        this.type = type;
        this.workOrderId = workOrderId;
        this.ticketId = ticketId;
        this.kind = kind;
        this.generation = generation;
        this.stageIndex = stageIndex;
    }

    /** The ticket as the dispatch saw it (for the failure mail); null without a routing. */
    @Override
    public String ticketLabel() {
        return routing == null ? null : com.cwfn.notify.Labelled.of(routing.ticketSummary(), routing.companyName());
    }

    /** What the route branches on: stage or unassigned-alert. */
    public String type() {
        return type;
    }

    /** The stage about to fire ({@link #type()} stage). */
    public RoutingStage stage() {
        return plan.get(stageIndex);
    }

    /** True when a stage after this one follows. */
    boolean hasNext() {
        return stageIndex + 1 < plan.size();
    }

    /** The waits of the stages before this one, added up. */
    java.time.Duration waitedBefore() {
        java.time.Duration d = java.time.Duration.ZERO;
        for (int i = 0; i < stageIndex; i++) {
            if (plan.get(i).waitFor() != null) {
                d = d.plus(plan.get(i).waitFor());
            }
        }
        return d;
    }

    /** Writes what this timer did to the sync log, with its ticket and work order. */
    void log(com.cwfn.store.SyncLog log, String step, String detail) {
        log.append(transaction.id(), transaction.direction(), ticketId, workOrderId, step, "ok", detail);
    }
}
