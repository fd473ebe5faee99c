package com.cwfn.routing;

import com.cwfn.dispatch.Dispatch;
import com.cwfn.inbox.Outcome;
import com.cwfn.json.Json;
import com.cwfn.mapping.RoutingStage;
import com.cwfn.notify.NeedsAttention;
import com.cwfn.store.AttentionStore;
import com.cwfn.store.Link;
import com.cwfn.store.LinkStore;
import com.cwfn.store.Routing;
import com.cwfn.store.RoutingStore;
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
 * sent to Field Nation); publishing one (its routing starts: stage 0's timer due now), from the console or by the
 * {@code publish} status action; cancelling one. Each happens once: only a draft still waiting is published or
 * cancelled, whichever comes first.
 *
 * <p>A draft waiting is also an item that needs attention ({@link NeedsAttention#WAITING_APPROVAL}, told once in the
 * next failure mail) whose action is issue 20's Cancel work order: cancelling a draft, from the console's Waiting for
 * approval page or its Needs attention page, is that item's action, worked by routes/attention.camel.yaml
 * ({@code leave-approval} here, then {@code cancel-held-work-order}: {@code cancel_reason}, one note). Publishing it
 * settles the item.
 */
public class Approvals {
    /** What publishing or cancelling found. */
    public enum Result { DONE, NOT_WAITING, NOT_FOUND }

    /** What cancelling found, and the draft's item whose action cancels it (when {@link Result#DONE}). */
    public record Cancel(Result result, Long itemId) {
    }

    private final RoutingStore routing;
    private final RoutingTimers timers;
    private final LinkStore links;
    private final NeedsAttention attention;
    private final Clock clock;

    public Approvals(RoutingStore routing, RoutingTimers timers, LinkStore links, NeedsAttention attention,
            Clock clock) {
        this.routing = routing;
        this.timers = timers;
        this.links = links;
        this.attention = attention;
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

    /** Where the work order's routing is ({@link Routing#APPROVAL} while it waits); empty when no rule planned it. */
    public Optional<Routing> routing(long workOrderId) {
        return routing.find(workOrderId);
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

    /**
     * The draft's item that needs attention, raised once (the dispatch that held it raises it; a cancel finds it):
     * told in the next failure mail, listed with a Cancel work order action.
     */
    AttentionStore.Item item(Routing r, Long eventId) {
        ObjectNode d = describe(r);
        String escrow = d.path("escrow").isNumber() ? String.format(java.util.Locale.ROOT, "$%.2f",
                d.path("escrow").asDouble()) : "no pay amount";
        return attention.raise(new AttentionStore.NewItem(NeedsAttention.WAITING_APPROVAL + ":" + r.workOrderId(),
                NeedsAttention.WAITING_APPROVAL, r.ticketId(), r.workOrderId(), "Work order #" + r.workOrderId()
                + " waits for approval: ticket #" + r.ticketId() + (r.ticketSummary() == null ? "" : " \""
                + r.ticketSummary() + "\"") + ", at most " + escrow + " held in escrow once published", r.ruleLabel()
                + " holds it as a draft. Publish it (routing: " + d.path("routing").asText() + ") or cancel it on the "
                + "console's Waiting for approval page.", NeedsAttention.CANCEL_WORK_ORDER, eventId),
                com.cwfn.notify.Labelled.of(r.ticketSummary(), r.companyName()));
    }

    /**
     * Publishes a waiting draft: its routing starts now (stage 0 due now), and its item is settled. {@code how} says
     * who or what published it (for the item). A draft approved before whose first stage was never recorded (a crash
     * between the two) has it recorded now.
     */
    public Result publish(long workOrderId, String how) {
        Optional<Routing> r = routing.find(workOrderId);
        if (r.isEmpty()) {
            return Result.NOT_FOUND;
        }
        boolean approved = routing.approve(workOrderId);
        Optional<Long> first = approved || notStarted(workOrderId) ? timers.stage(r.get().ticketId(), workOrderId, 0, 0,
                clock.millis()) : Optional.empty();
        if (!approved && first.isEmpty()) {
            return Result.NOT_WAITING;
        }
        attention.settleOpen(NeedsAttention.WAITING_APPROVAL, workOrderId, how);
        return Result.DONE;
    }

    /** Approved, and no stage of the first generation claimed yet. */
    private boolean notStarted(long workOrderId) {
        return routing.find(workOrderId).map(x -> Routing.ROUTING.equals(x.state()) && x.generation() == 0
                && x.stage() < 0).orElse(false);
    }

    /**
     * A waiting draft to be cancelled: its item, whose action (Cancel work order, {@code AttentionItems#act}) does
     * the cancel as one transaction of its ticket.
     */
    public Cancel toCancel(long workOrderId) {
        Optional<Routing> r = routing.find(workOrderId);
        if (r.isEmpty()) {
            return new Cancel(Result.NOT_FOUND, null);
        }
        if (!Routing.APPROVAL.equals(r.get().state())) {
            return new Cancel(Result.NOT_WAITING, null);
        }
        return new Cancel(Result.DONE, item(r.get(), null).id());
    }

    /**
     * Attention step {@code leave-approval}: a draft's item chosen (Cancel work order) takes the draft out of its
     * wait, once; a draft published first is not cancelled (null: skipped, with why). Any other item goes on.
     */
    public Dispatch leaveApproval(Dispatch d, Exchange exchange) {
        if (d == null || !NeedsAttention.WAITING_APPROVAL.equals(d.heldKind())) {
            return d;
        }
        if (routing.cancel(d.workOrderId())) {
            return d;
        }
        Outcome.skipped(exchange, "work order " + d.workOrderId() + " no longer waits for approval ("
                + routing.find(d.workOrderId()).map(Routing::state).orElse("no routing") + "): it is not cancelled");
        return null;
    }
}
