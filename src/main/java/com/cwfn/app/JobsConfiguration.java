package com.cwfn.app;

import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.dispatch.DispatchRules;
import com.cwfn.inbox.InboxWorker;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.jobs.ChargeReconciler;
import com.cwfn.jobs.Pruner;
import com.cwfn.jobs.Reconciler;
import com.cwfn.mapping.Mappings;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Settings;
import com.cwfn.store.ChargeWatch;
import com.cwfn.store.InboxStore;
import com.cwfn.store.LinkStore;
import com.cwfn.store.StateStore;
import com.cwfn.store.SyncLog;
import com.cwfn.store.SyncedItemStore;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** The scheduled jobs of routes/schedules.camel.yaml: reconciliation, pruning and reload. */
public class JobsConfiguration implements CamelConfiguration {
    private final Path home;

    JobsConfiguration(Path home) {
        this.home = home;
    }

    @BindToRegistry
    public Reconciler reconciler(ConnectWiseClient cw, LinkStore links, InboxStore inbox, StateStore state,
            Settings settings, Mappings mappings, DispatchRules rules, InboxWorker worker, Clock clock) {
        return new Reconciler(cw, links, inbox, state, settings, mappings, rules, worker, clock);
    }

    @BindToRegistry
    public ChargeReconciler chargeReconciler(FieldNationClient fn, ChargeWatch watch, LinkStore links,
            SyncedItemStore items, InboxStore inbox, InboxWorker worker, Settings settings, Mappings mappings,
            Clock clock) {
        return new ChargeReconciler(fn, watch, links, items, inbox, worker, settings, mappings, clock);
    }

    @BindToRegistry
    public Pruner pruner(InboxStore inbox, SyncLog log, Settings settings, Clock clock) {
        return new Pruner(inbox, log, settings.integer(Catalog.RETENTION_DAYS), clock);
    }

    @BindToRegistry
    public Reloader reloader(CamelContext context, Mappings mappings) {
        return new Reloader(context, home, mappings);
    }
}
