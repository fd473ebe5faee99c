package com.cwfn.dispatch;

import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.http.RemoteCallException;
import com.cwfn.json.Json;
import com.cwfn.notify.FailureMailer;
import com.cwfn.settings.Settings;
import com.cwfn.store.Transaction;
import com.cwfn.store.Link;
import com.cwfn.store.LinkStore;
import com.cwfn.store.RoutingStore;
import com.cwfn.store.SyncLog;
import com.cwfn.store.SyncedItemStore;
import com.cwfn.sync.Items;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a work order the connector created, once ({@code sync.publish}), unless its dispatch rule routes it in
 * stages or holds it for approval (step {@code plan-routing} does), then or when it was planned. When Field Nation refuses (say,
 * the work order has no schedule), the work order stays a linked draft and the refusal is reported as a failed
 * step (sync log and mail); passing failures are retried with the transaction.
 */
public class Publisher {
    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);
    private final FieldNationClient fn;
    private final SyncedItemStore items;
    private final LinkStore links;
    private final SyncLog log;
    private final FailureMailer mailer;
    private final Settings settings;
    private final RoutingStore routing;

    public Publisher(FieldNationClient fn, SyncedItemStore items, LinkStore links, SyncLog log, FailureMailer mailer,
            Settings settings, RoutingStore routing) {
        this.routing = routing;
        this.fn = fn;
        this.items = items;
        this.links = links;
        this.log = log;
        this.mailer = mailer;
        this.settings = settings;
    }

    public Dispatch publish(Dispatch d, Exchange exchange) {
        com.cwfn.mapping.DispatchRule rule = d.rule();
        if (!settings.publish() || d.workOrderId == null
                || rule != null && (rule.onApproval() || !rule.routing().isEmpty())) {
            return d; // a rule that routes in stages or waits for approval decides when it goes out (plan-routing)
        }
        String key = String.valueOf(d.workOrderId);
        if (Transaction.SOURCE_ROUND_TRIP.equals(d.transaction.source())) {
            // the setup check's test ticket: its work order must never reach the marketplace, now or later
            items.remember(Items.PUBLISH, key, "round-trip test: kept a draft", d.ticketId, d.workOrderId);
            return d;
        }
        var item = items.find(Items.PUBLISH, key);
        if (item.isPresent() && item.get().isDone()) {
            return d;
        }
        Link link = links.find(d.ticketId).orElse(null);
        if (link == null || !"dispatch".equals(link.origin())) {
            return d;
        }
        if (routing.find(d.workOrderId).isPresent()) {
            // a rule planned how it goes out: a draft waiting for approval stays one, whatever rule the ticket's
            // fields choose now
            return d;
        }
        if (!d.created) {
            // linked by an earlier attempt: publish only if it is still a draft
            Long status = Json.number(fn.workOrder(d.workOrderId), "status/id");
            if (status != null && status != 1L) {
                items.remember(Items.PUBLISH, key, "already published", d.ticketId, d.workOrderId);
                return d;
            }
        }
        items.begin(Items.PUBLISH, key, d.ticketId, d.workOrderId);
        try {
            fn.publish(d.workOrderId);
            items.done(Items.PUBLISH, key, "published");
            log.append(d.transaction.id(), d.transaction.direction(), d.ticketId, d.workOrderId, "publish-work-order", "ok",
                    "published");
        } catch (RemoteCallException e) {
            if (e.isPassing()) {
                throw e;
            }
            String why = "Field Nation refused to publish work order " + d.workOrderId + "; it stays a draft: "
                    + e.getMessage();
            items.done(Items.PUBLISH, key, "refused");
            log.append(d.transaction.id(), d.transaction.direction(), d.ticketId, d.workOrderId, "publish-work-order", "failed",
                    why);
            LOG.warn(why);
            exchange.setProperty(com.cwfn.inbox.FailureHandler.STEP, "publish-work-order");
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, e);
            mailer.send(exchange);
            exchange.removeProperty(Exchange.EXCEPTION_CAUGHT);
        }
        return d;
    }
}
