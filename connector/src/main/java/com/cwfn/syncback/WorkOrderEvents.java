package com.cwfn.syncback;

import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.fieldnation.WebhookEvent;
import com.cwfn.inbox.InboxWorker;
import com.cwfn.inbox.Outcome;
import com.cwfn.json.Json;
import com.cwfn.settings.Settings;
import com.cwfn.store.Transaction;
import com.cwfn.store.InboxStore;
import com.cwfn.store.Link;
import com.cwfn.store.LinkStore;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Reads a Field Nation event from the inbox and finds its ConnectWise ticket. Events of work orders the
 * connector does not know are ignored (logged), except {@code workorder.created} for a work order made outside
 * the connector when outbound create is on.
 */
public class WorkOrderEvents {
    private static final Logger LOG = LoggerFactory.getLogger(WorkOrderEvents.class);
    private final LinkStore links;
    private final InboxStore inbox;
    private final Settings settings;
    private final FieldNationClient fn;
    private final com.cwfn.mapping.Mappings mappings;

    public WorkOrderEvents(LinkStore links, InboxStore inbox, Settings settings, FieldNationClient fn,
            com.cwfn.mapping.Mappings mappings) {
        this.links = links;
        this.inbox = inbox;
        this.settings = settings;
        this.fn = fn;
        this.mappings = mappings;
    }

    public SyncBack read(Exchange exchange) {
        Transaction e = InboxWorker.Context.transaction(exchange);
        WebhookEvent w = WebhookEvent.parse(Json.parse(e.payload())).orElse(null);
        if (w == null) {
            Outcome.ignored(exchange, "not a Field Nation webhook event");
            return null;
        }
        Link link = links.findByWorkOrder(w.workOrderId()).orElse(null);
        SyncBack s = new SyncBack(e, w, link);
        if (link != null && "workorder.created".equals(w.name())) {
            Outcome.ignored(exchange, "work order " + w.workOrderId() + " is linked to ticket " + link.ticketId()
                    + " already");
            return null;
        }
        if (link != null) {
            inbox.setTicket(e.id(), link.ticketId());
            MDC.put("ticket", String.valueOf(link.ticketId()));
            return s;
        }
        if ("workorder.created".equals(w.name()) && settings.outboundCreate()) {
            if (madeByConnector(w)) {
                Outcome.ignored(exchange, "work order " + w.workOrderId() + " was created by the connector");
                return null;
            }
            return s;
        }
        LOG.info("ignored {}: work order {} is not linked to a ConnectWise ticket", w.name(), w.workOrderId());
        Outcome.ignored(exchange, "work order " + w.workOrderId() + " is not linked to a ConnectWise ticket");
        return null;
    }

    /**
     * A work order the connector created carries the ticket id custom field from its create call, and was made by
     * the connector's API user; either tells it apart from one made in Field Nation (its link may not be stored
     * yet when the webhook arrives).
     */
    boolean madeByConnector(WebhookEvent w) {
        Long apiUser = fn.tokens().userId();
        if (apiUser != null && apiUser.equals(w.triggeredBy())) {
            return true;
        }
        JsonNode fields = w.workOrder().path("custom_fields");
        for (JsonNode f : FieldNationClient.flattenFields(fields)) {
            if (mappings.current().ticketIdCustomField().equalsIgnoreCase(String.valueOf(Json.text(f, "name")))
                    && !Json.isBlank(f.get("value"))) {
                return true;
            }
        }
        return false;
    }
}
