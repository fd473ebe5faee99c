package com.cwfn.app;

import com.cwfn.admin.RegistrationWatch;
import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.dispatch.DispatchRules;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.inbox.InboxWorker;
import com.cwfn.inbox.DatabaseOutage;
import com.cwfn.jobs.ChargeReconciler;
import com.cwfn.jobs.DeletionCheck;
import com.cwfn.jobs.Pruner;
import com.cwfn.jobs.Reconciler;
import com.cwfn.jobs.WorkOrderCatchUp;
import com.cwfn.mapping.Mappings;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Settings;
import com.cwfn.store.InboxStore;
import com.cwfn.store.LinkStore;
import com.cwfn.store.NoticeStore;
import com.cwfn.store.StateStore;
import com.cwfn.store.SyncLog;
import com.cwfn.store.SyncedItemStore;
import com.cwfn.store.WatchStore;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;

/** The scheduled jobs of routes/schedules.camel.yaml: reconciliation, pruning and reload. */
public class JobsConfiguration implements CamelConfiguration {
    static final String CATCH_UP = "seda:catch-up?discardWhenFull=true";
    private final Path home;

    JobsConfiguration(Path home) {
        this.home = home;
    }

    @BindToRegistry
    public Reconciler reconciler(ConnectWiseClient cw, LinkStore links, InboxStore inbox, StateStore state,
            Settings settings, DispatchRules rules, InboxWorker worker, Clock clock, RegistrationWatch registrations,
            WorkOrderCatchUp workOrders, WatchStore watch, DatabaseOutage outage, CamelContext context) {
        ProducerTemplate template = context.createProducerTemplate();
        outage.onBack(() -> template.sendBody(CATCH_UP, null)); // routes/schedules.camel.yaml: catch-up-after-outage
        return new Reconciler(cw, links, inbox, state, settings, rules, worker, clock, registrations, workOrders,
                watch);
    }

    /** Linked tickets deleted in ConnectWise without a callback (routes/schedules.camel.yaml, reconcile). */
    @BindToRegistry
    public DeletionCheck deletionCheck(ConnectWiseClient cw, LinkStore links, InboxStore inbox, InboxWorker worker) {
        return new DeletionCheck(cw, links, inbox, worker);
    }

    /** Each reconciliation run reads up to 500 linked open work orders back (100 a call). */
    @BindToRegistry
    public WorkOrderCatchUp workOrderCatchUp(FieldNationClient fn, WatchStore watch, InboxStore inbox,
            InboxWorker worker) {
        return new WorkOrderCatchUp(fn, watch, inbox, worker, 500);
    }

    @BindToRegistry
    public ChargeReconciler chargeReconciler(FieldNationClient fn, WatchStore watch, SyncedItemStore items,
            InboxStore inbox, InboxWorker worker, Settings settings, Mappings mappings, Clock clock) {
        return new ChargeReconciler(fn, watch, items, inbox, worker, settings, mappings, clock);
    }

    @BindToRegistry
    public Pruner pruner(InboxStore inbox, SyncLog log, NoticeStore notices, Settings settings, Clock clock) {
        return new Pruner(inbox, log, notices, settings.integer(Catalog.RETENTION_DAYS), clock);
    }

    @BindToRegistry
    public Reloader reloader(CamelContext context, Mappings mappings) {
        return new Reloader(context, home, mappings);
    }
}
