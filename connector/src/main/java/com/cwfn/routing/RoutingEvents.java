package com.cwfn.routing;

import com.cwfn.connectwise.ConnectWiseClient.TicketKind;
import com.cwfn.inbox.InboxWorker;
import com.cwfn.inbox.Outcome;
import com.cwfn.json.Json;
import com.cwfn.mapping.RoutingStage;
import com.cwfn.store.Transaction;
import com.cwfn.store.Link;
import com.cwfn.store.LinkStore;
import com.cwfn.store.RoutingStore;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.slf4j.MDC;

/**
 * Routing step {@code find-routing}: the timer's work order, its linked ticket and (for a stage) its routing; null (skipped, with why) when the work order is no longer linked or has no routing.
 */
public class RoutingEvents {
    private final LinkStore links;
    private final RoutingStore routing;

    public RoutingEvents(LinkStore links, RoutingStore routing) {
        this.links = links;
        this.routing = routing;
    }

    public RoutingWork read(Exchange exchange) {
        Transaction e = InboxWorker.Context.transaction(exchange);
        JsonNode p = Json.parse(e.payload());
        long wo = p.path("workOrderId").asLong();
        Link link = links.findByWorkOrder(wo).orElse(null);
        if (link == null) {
            Outcome.skipped(exchange, "work order " + wo + " is not linked to a ticket any more");
            return null;
        }
        MDC.put("ticket", String.valueOf(link.ticketId()));
        MDC.put("workOrder", String.valueOf(wo));
        String type = RoutingTimers.STAGE.equals(e.eventType()) ? "stage" : "unassigned-alert";
        RoutingWork w = new RoutingWork(e, type, wo, link.ticketId(), TicketKind.of(link.recordType()),
                p.path("generation").asInt(0), p.path("stage").asInt(0));
        if (type.equals("unassigned-alert")) {
            return w;
        }
        w.routing = routing.find(wo).orElse(null);
        if (w.routing == null) {
            Outcome.skipped(exchange, "work order " + wo + " has no routing");
            return null;
        }
        w.plan = RoutingStage.planFromJson(Json.parse(w.routing.plan()));
        if (type.equals("stage") && w.stageIndex >= w.plan.size()) {
            Outcome.skipped(exchange, "the plan of work order " + wo + " has no stage " + w.stageIndex);
            return null;
        }
        return w;
    }
}
