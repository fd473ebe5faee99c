package com.cwfn.app;

import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.fieldnation.ProviderPools;
import com.cwfn.inbox.InboxWorker;
import com.cwfn.dispatch.ActionOnce;
import com.cwfn.notify.NeedsAttention;
import com.cwfn.routing.Approvals;
import com.cwfn.routing.PublishHeldDraft;
import com.cwfn.routing.RoutingEvents;
import com.cwfn.routing.RoutingOnStatus;
import com.cwfn.routing.RoutingPlanner;
import com.cwfn.routing.RoutingStages;
import com.cwfn.routing.RoutingTimers;
import com.cwfn.routing.StageActions;
import com.cwfn.routing.StageNotes;
import com.cwfn.routing.UnassignedAlerts;
import com.cwfn.settings.Settings;
import com.cwfn.store.InboxStore;
import com.cwfn.store.LinkStore;
import com.cwfn.store.RoutingStore;
import com.cwfn.store.SyncLog;
import com.cwfn.store.SyncedItemStore;
import com.cwfn.sync.NoteWriter;
import java.time.Clock;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/**
 * Dispatch rules after the create: the steps of routes/routing.camel.yaml, and the routing steps of the dispatch
 * (plan-routing, arm-unassigned-alert, publish-held-draft), attention (leave-approval) and sync-back
 * (stop-or-restart-routing) routes.
 */
public class RoutingConfiguration implements CamelConfiguration {

    @BindToRegistry
    public RoutingTimers routingTimers(InboxStore inbox, InboxWorker worker, Clock clock) {
        return new RoutingTimers(inbox, worker, clock);
    }

    @BindToRegistry
    public RoutingPlanner routingPlanner(Settings settings, RoutingStore routing, RoutingTimers timers,
            FieldNationClient fn, LinkStore links, NoteWriter notes, Approvals approvals, SyncLog log, Clock clock) {
        return new RoutingPlanner(settings, routing, timers, fn, links, notes, approvals, log, clock);
    }

    @BindToRegistry
    public UnassignedAlerts unassignedAlerts(Settings settings, RoutingTimers timers, FieldNationClient fn,
            NoteWriter notes, NeedsAttention attention, SyncLog log, Clock clock) {
        return new UnassignedAlerts(settings, timers, fn, notes, attention, log, clock);
    }

    @BindToRegistry
    public RoutingEvents routingEvents(LinkStore links, RoutingStore routing) {
        return new RoutingEvents(links, routing);
    }

    @BindToRegistry
    public RoutingStages routingStages(RoutingStore routing, RoutingTimers timers, InboxStore inbox,
            FieldNationClient fn, Clock clock) {
        return new RoutingStages(routing, timers, inbox, fn, clock);
    }

    @BindToRegistry
    public StageActions stageActions(FieldNationClient fn, ProviderPools pools, ConnectWiseClient cw,
            Settings settings, NeedsAttention attention, LinkStore links, SyncLog log) {
        return new StageActions(fn, pools, cw, settings, attention, links, log);
    }

    @BindToRegistry
    public StageNotes stageNotes(NoteWriter notes) {
        return new StageNotes(notes);
    }

    @BindToRegistry
    public Approvals approvals(RoutingStore routing, RoutingTimers timers, LinkStore links, NeedsAttention attention,
            Clock clock) {
        return new Approvals(routing, timers, links, attention, clock);
    }

    @BindToRegistry
    public PublishHeldDraft publishHeldDraft(Approvals approvals, FieldNationClient fn, SyncedItemStore items,
            NoteWriter notes, LinkStore links, SyncLog log) {
        return new PublishHeldDraft(approvals, new ActionOnce(fn, items, notes, links, log));
    }

    @BindToRegistry
    public RoutingOnStatus routingOnStatus(RoutingStore routing, RoutingStages stages, RoutingTimers timers,
            NeedsAttention attention, SyncLog log, Clock clock) {
        return new RoutingOnStatus(routing, stages, timers, attention, log, clock);
    }
}
