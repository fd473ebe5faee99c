package com.cwfn.routing;

import com.cwfn.dispatch.Dispatch;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.json.Json;
import com.cwfn.mapping.DispatchRule;
import com.cwfn.mapping.RoutingStage;
import com.cwfn.settings.Settings;
import com.cwfn.store.InboxEvent;
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
 * <p>Once per work order: a dispatch done again finds the plan. A work order linked by an earlier attempt of the
 * dispatch is planned only while it is still a draft (one read of its status); one published before its rule
 * existed is remembered as such ({@link Routing#ENDED}), so its updates cost nothing more.
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
    private final SyncLog log;
    private final Clock clock;

    public RoutingPlanner(Settings settings, RoutingStore routing, RoutingTimers timers, FieldNationClient fn,
            LinkStore links, NoteWriter notes, SyncLog log, Clock clock) {
        this.settings = settings;
        this.routing = routing;
        this.timers = timers;
        this.fn = fn;
        this.links = links;
        this.notes = notes;
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
                || InboxEvent.SOURCE_ROUND_TRIP.equals(d.event().source()) || routing.find(wo).isPresent()) {
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
        if (!routing.plan(wo, d.ticketId(), d.kind().recordType(), d.board(), rule.label(), planJson, state, summary,
                company)) {
            return d;
        }
        if (rule.onApproval()) {
            notes.addOnce(Items.ROUTING_NOTE, wo + ":approval", d.kind(), d.ticketId(), wo, "Field Nation work order #"
                    + wo + " is a draft waiting for approval (" + rule.label() + "): publish or cancel it in the "
                    + "connector's console, Waiting for approval.", NoteWriter.Tab.INTERNAL, d.notes());
            log.append(d.event().id(), d.event().direction(), d.ticketId(), wo, "plan-routing", "ok",
                    "a draft waiting for approval; then " + describe(plan));
            LOG.info("work order {} waits for approval ({})", wo, rule.label());
        } else {
            timers.stage(d.ticketId(), wo, 0, 0, clock.millis());
            log.append(d.event().id(), d.event().direction(), d.ticketId(), wo, "plan-routing", "ok",
                    "routing: " + describe(plan));
            LOG.info("work order {} routed in {} stage(s) ({})", wo, plan.size(), rule.label());
        }
        return d;
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
