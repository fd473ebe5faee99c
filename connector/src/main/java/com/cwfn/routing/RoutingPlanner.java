package com.cwfn.routing;

import com.cwfn.dispatch.Dispatch;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.json.Json;
import com.cwfn.mapping.DispatchRule;
import com.cwfn.mapping.RoutingStage;
import com.cwfn.settings.Settings;
import com.cwfn.store.Transaction;
import com.cwfn.store.Link;
import com.cwfn.store.LinkStore;
import com.cwfn.store.Routing;
import com.cwfn.store.RoutingStore;
import com.cwfn.store.SyncLog;
import com.cwfn.sync.Items;
import com.cwfn.sync.NoteWriter;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatch step {@code plan-routing}: a new work order whose rule routes it, or holds it for approval, gets its plan
 * in {@code work_order_routing} (the rule's stages, copied: a later edit of mappings.yaml changes no running plan).
 * Routing starts at once: stage 0's timer is due now. A draft held for approval gets one note saying so and waits
 * for {@code POST /admin/approvals/{workOrderId}/publish} (or {@code .../cancel}); its plan is the rule's stages, or
 * the marketplace when the rule has none.
 *
 * <p>Once per work order: a dispatch done again finds the plan, and does only what a crash may have left undone
 * (the draft's note and item, stage 0's timer, each recorded once). A work order linked by an earlier attempt of
 * the dispatch is planned only while it is still a draft (one read of its status); one published before its rule
 * existed is remembered as such ({@link Routing#ENDED}), so its updates cost nothing more. A draft waiting for
 * approval is also an item that needs attention ({@link Approvals}).
 */
public class RoutingPlanner {
    private static final Logger LOG = LoggerFactory.getLogger(RoutingPlanner.class);
    private static final long DRAFT = 1;
    private final Settings settings;
    private final RoutingStore routing;
    private final RoutingTimers timers;
    private final FieldNationClient fn;
    private final LinkStore links;
    private final NoteWriter notes;
    private final Approvals approvals;
    private final SyncLog log;
    private final Clock clock;

    public RoutingPlanner(Settings settings, RoutingStore routing, RoutingTimers timers, FieldNationClient fn,
            LinkStore links, NoteWriter notes, Approvals approvals, SyncLog log, Clock clock) {
        this.settings = settings;
        this.routing = routing;
        this.timers = timers;
        this.fn = fn;
        this.links = links;
        this.notes = notes;
        this.approvals = approvals;
        this.log = log;
        this.clock = clock;
    }

    /** True when the rule decides how the work order goes out (stages, or approval) instead of a plain publish. */
    public static boolean plans(DispatchRule rule) {
        return rule != null && (rule.onApproval() || !rule.routing().isEmpty());
    }

    public Dispatch plan(Dispatch d) {
        DispatchRule rule = d.rule();
        Long wo = d.workOrderId();
        if (!plans(rule) || wo == null || !settings.publish()
                || Transaction.SOURCE_ROUND_TRIP.equals(d.transaction().source())) {
            return d;
        }
        Routing known = routing.find(wo).orElse(null);
        if (known != null) {
            // planned by an earlier try of this dispatch, or an update: only what a crash may have left undone
            start(d, rule, known, false);
            return d;
        }
        Link link = links.find(d.ticketId()).orElse(null);
        if (link == null || !"dispatch".equals(link.origin())) {
            return d;
        }
        List<RoutingStage> plan = rule.routing().isEmpty()
                ? List.of(new RoutingStage(RoutingStage.Kind.MARKETPLACE, List.of(), null, null, rule.line()))
                : rule.routing();
        String summary = Json.text(d.ticket(), "summary");
        String company = Json.text(d.ticket(), "company/name");
        String planJson = Json.write(RoutingStage.toJson(plan));
        if (!d.created() && !isDraft(wo)) {
            routing.plan(wo, d.ticketId(), d.kind().recordType(), d.board(), rule.label(), planJson, Routing.ENDED,
                    summary, company);
            return d;
        }
        String state = rule.onApproval() ? Routing.APPROVAL : Routing.ROUTING;
        boolean planned = routing.plan(wo, d.ticketId(), d.kind().recordType(), d.board(), rule.label(), planJson,
                state, summary, company);
        routing.find(wo).ifPresent(r -> start(d, rule, r, planned));
        return d;
    }

    /**
     * What follows the plan, each part once however often it is done again: a draft waiting for approval gets its
     * note and its item that needs attention; stages not started yet get stage 0's timer, due now.
     */
    private void start(Dispatch d, DispatchRule rule, Routing r, boolean planned) {
        long wo = r.workOrderId();
        String plan = describe(RoutingStage.planFromJson(Json.parse(r.plan())));
        if (Routing.APPROVAL.equals(r.state())) {
            approvals.item(r, d.transaction().id());
            notes.addOnce(Items.ROUTING_NOTE, wo + ":approval", d.kind(), d.ticketId(), wo, "Field Nation work order #"
                    + wo + " is a draft waiting for approval (" + r.ruleLabel() + "): publish or cancel it in the "
                    + "connector's console, Waiting for approval.", NoteWriter.Tab.INTERNAL, d.notes());
            if (planned) {
                log.append(d.transaction().id(), d.transaction().direction(), d.ticketId(), wo, "plan-routing", "ok",
                        "a draft waiting for approval; then " + plan);
                LOG.info("work order {} waits for approval ({})", wo, rule.label());
            }
        } else if (Routing.ROUTING.equals(r.state()) && r.generation() == 0 && r.stage() < 0) {
            timers.stage(d.ticketId(), wo, 0, 0, clock.millis());
            if (planned) {
                log.append(d.transaction().id(), d.transaction().direction(), d.ticketId(), wo, "plan-routing", "ok",
                        "routing: " + plan);
                LOG.info("work order {} routed in stages: {} ({})", wo, plan, rule.label());
            }
        }
    }

    private boolean isDraft(long wo) {
        Long status = Json.number(fn.workOrder(wo), "status/id");
        return status != null && status == DRAFT;
    }

    /** A plan in words: {@code pool "Tampa Preferred", then wait 2 h; the marketplace}. */
    public static String describe(List<RoutingStage> plan) {
        return String.join("; ", plan.stream().map(RoutingStage::describe).toList());
    }
}
