package com.cwfn.routing;

import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.http.RemoteCallException;
import com.cwfn.inbox.Outcome;
import com.cwfn.json.Json;
import com.cwfn.mapping.RoutingStage;
import com.cwfn.store.Link;
import com.cwfn.store.LinkStore;
import com.cwfn.store.Routing;
import com.cwfn.store.RoutingStore;
import com.cwfn.store.SyncLog;
import com.cwfn.sync.Items;
import com.cwfn.sync.NoteWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * Drafts a rule holds for approval ({@code publish: on-approval}): the list of those waiting, with what a lead
 * decides on (ticket, company, pay and the most Field Nation will hold in escrow for it, schedule, routing plan, as
 * sent to Field Nation); publishing one (its routing starts: stage 0's timer due now); cancelling one (a timer due
 * now, worked by routing step {@code cancel-draft}: the draft cancelled in Field Nation, one note). Each happens once:
 * only a draft still waiting is published or cancelled.
 */
public class Approvals {
    /** What publishing or cancelling found. */
    public enum Result { DONE, NOT_WAITING, NOT_FOUND }

    private static final String CANCEL_REASON = "cancelled while waiting for approval";
    private final RoutingStore routing;
    private final RoutingTimers timers;
    private final LinkStore links;
    private final FieldNationClient fn;
    private final NoteWriter notes;
    private final SyncLog log;
    private final Clock clock;

    public Approvals(RoutingStore routing, RoutingTimers timers, LinkStore links, FieldNationClient fn,
            NoteWriter notes, SyncLog log, Clock clock) {
        this.routing = routing;
        this.timers = timers;
        this.links = links;
        this.fn = fn;
        this.notes = notes;
        this.log = log;
        this.clock = clock;
    }

    /** The drafts waiting, oldest first. */
    public ObjectNode waiting(int limit) {
        ObjectNode out = Json.object();
        ArrayNode a = out.putArray("drafts");
        for (Routing r : routing.waitingForApproval(limit)) {
            a.add(describe(r));
        }
        out.put("count", a.size());
        return out;
    }

    /** One draft as the list shows it. */
    public Optional<ObjectNode> one(long workOrderId) {
        return routing.find(workOrderId).map(this::describe);
    }

    private ObjectNode describe(Routing r) {
        JsonNode sent = links.findByWorkOrder(r.workOrderId()).map(Link::lastSent).map(Json::parse)
                .orElse(Json.object());
        ObjectNode o = Json.object().put("workOrderId", r.workOrderId()).put("state", r.state())
                .put("ticket", r.ticketId()).put("summary", r.ticketSummary()).put("company", r.companyName())
                .put("board", r.board()).put("rule", r.ruleLabel())
                .put("since", Instant.ofEpochMilli(r.createdAt()).toString());
        JsonNode pay = sent.path("pay");
        o.set("pay", pay.isMissingNode() ? Json.F.nullNode() : pay.deepCopy());
        Double escrow = mostHeld(pay);
        if (escrow == null) {
            o.putNull("escrow");
        } else {
            o.put("escrow", escrow);
        }
        JsonNode window = sent.path("schedule").path("service_window");
        o.set("schedule", window.isMissingNode() ? Json.F.nullNode() : window.deepCopy());
        List<RoutingStage> plan = RoutingStage.planFromJson(Json.parse(r.plan()));
        o.put("routing", RoutingPlanner.describe(plan));
        o.set("plan", RoutingStage.toJson(plan));
        return o;
    }

    /**
     * The most Field Nation holds in escrow for a pay: the base amount times its units (fixed: units 1; hourly: the
     * rate times the most hours; per device: the rate times the most devices), plus the additional amount times its
     * units (blended); null when the pay says no amount.
     */
    static Double mostHeld(JsonNode pay) {
        JsonNode base = pay.path("base");
        if (!base.path("amount").isNumber()) {
            return null;
        }
        double units = base.path("units").isNumber() ? base.path("units").asDouble() : 1;
        double total = base.path("amount").asDouble() * units;
        JsonNode add = pay.path("additional");
        if (add.path("amount").isNumber()) {
            total += add.path("amount").asDouble() * (add.path("units").isNumber() ? add.path("units").asDouble() : 0);
        }
        return Math.round(total * 100) / 100.0;
    }

    /** Publishes a waiting draft: its routing starts now (stage 0 due now). */
    public Result publish(long workOrderId) {
        Optional<Routing> r = routing.find(workOrderId);
        if (r.isEmpty()) {
            return Result.NOT_FOUND;
        }
        if (!routing.approve(workOrderId)) {
            return Result.NOT_WAITING;
        }
        timers.stage(r.get().ticketId(), workOrderId, 0, 0, clock.millis());
        return Result.DONE;
    }

    /** Cancels a waiting draft: the cancel's timer, due now. */
    public Result cancel(long workOrderId) {
        Optional<Routing> r = routing.find(workOrderId);
        if (r.isEmpty()) {
            return Result.NOT_FOUND;
        }
        if (!routing.cancel(workOrderId)) {
            return Result.NOT_WAITING;
        }
        timers.cancel(r.get().ticketId(), workOrderId);
        return Result.DONE;
    }

    /** Routing step {@code cancel-draft}: the draft cancelled in Field Nation (a draft is deleted there), one note. */
    public RoutingWork cancelDraft(RoutingWork w, Exchange exchange) {
        if (!Routing.CANCELLING.equals(w.routing.state())) {
            Outcome.skipped(exchange, "work order " + w.workOrderId + " is " + w.routing.state() + ", not being cancelled");
            return w;
        }
        try {
            fn.cancel(w.workOrderId, CANCEL_REASON);
        } catch (RemoteCallException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
        routing.cancelled(w.workOrderId);
        String text = "Field Nation work order #" + w.workOrderId + " was cancelled while it waited for approval ("
                + w.routing.ruleLabel() + "); it was never published.";
        notes.addOnce(Items.ROUTING_NOTE, w.workOrderId + ":cancelled", w.kind, w.ticketId, w.workOrderId, text,
                NoteWriter.Tab.INTERNAL, null);
        w.log(log, "cancel-draft", "cancelled in Field Nation");
        Outcome.done(exchange, "the draft waiting for approval is cancelled");
        return w;
    }
}
