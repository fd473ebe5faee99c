package com.cwfn.app;

import com.cwfn.admin.Activity;
import com.cwfn.admin.AdminApi;
import com.cwfn.routing.Approvals;
import com.cwfn.admin.AdminAuth;
import com.cwfn.admin.AttentionItems;
import com.cwfn.admin.CallbackRegistration;
import com.cwfn.admin.ConnectionCheck;
import com.cwfn.admin.FieldsRefresh;
import com.cwfn.admin.Preview;
import com.cwfn.admin.RoundTrip;
import com.cwfn.admin.SetupChecklist;
import com.cwfn.admin.Transactions;
import com.cwfn.admin.WebhookRegistration;
import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.console.ConsoleGate;
import com.cwfn.console.Credentials;
import com.cwfn.console.LoginThrottle;
import com.cwfn.dispatch.CancelWorkOrder;
import com.cwfn.dispatch.DispatchRules;
import com.cwfn.dispatch.RuleChooser;
import com.cwfn.dispatch.TicketReader;
import com.cwfn.dispatch.WorkOrderMapping;
import com.cwfn.dispatch.WorkOrderWriter;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.fieldnation.ProviderPools;
import com.cwfn.fieldnation.TokenProvider;
import com.cwfn.fieldnation.WebhookSecrets;
import com.cwfn.inbox.InboxWorker;
import com.cwfn.mapping.Mappings;
import com.cwfn.settings.Settings;
import com.cwfn.store.AttentionStore;
import com.cwfn.store.Database;
import com.cwfn.store.InboxStore;
import com.cwfn.store.LinkStore;
import com.cwfn.store.StateStore;
import com.cwfn.store.SyncLog;
import com.cwfn.store.SyncedItemStore;
import com.cwfn.store.TransactionStats;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** The /admin API (routes/admin.camel.yaml) and the registration of the callback and the webhook. */
public class AdminConfiguration implements CamelConfiguration {

    @BindToRegistry
    public AdminAuth adminAuth(Credentials credentials, LoginThrottle throttle, ConsoleGate gate) {
        return new AdminAuth(credentials, throttle, gate);
    }

    @BindToRegistry
    public ConnectionCheck connectionCheck(Settings settings, ConnectWiseClient cw, FieldNationClient fn,
            TokenProvider tokens, Database db, InboxStore inbox, Mappings mappings, CallbackRegistration callbacks,
            WebhookRegistration webhooks) {
        return new ConnectionCheck(settings, cw, fn, tokens::fresh, db, inbox, mappings, callbacks, webhooks);
    }

    /**
     * Refresh Fields; from now on mappings.yaml is also checked at every load against the pools it last read (a pool
     * Field Nation does not have stops start-up, or refuses a reload, naming its line).
     */
    @BindToRegistry
    public FieldsRefresh fieldsRefresh(Settings settings, ConnectWiseClient cw, FieldNationClient fn,
            ProviderPools pools, StateStore state, Mappings mappings, Clock clock) {
        FieldsRefresh refresh = new FieldsRefresh(settings, cw, fn, pools, state, mappings, clock);
        mappings.checkWith(refresh::poolProblems);
        return refresh;
    }

    @BindToRegistry
    public Preview preview(TicketReader reader, DispatchRules rules, RuleChooser chooser, WorkOrderMapping mapping,
            WorkOrderWriter writer, Mappings mappings) {
        return new Preview(reader, rules, chooser, mapping, writer, mappings);
    }

    @BindToRegistry
    public Transactions transactions(InboxStore inbox, SyncLog log, LinkStore links, SyncedItemStore items,
            InboxWorker worker) {
        return new Transactions(inbox, log, links, items, worker);
    }

    @BindToRegistry
    public Activity activity(Database db, Clock clock) {
        return new Activity(new TransactionStats(db.dataSource()), clock);
    }

    @BindToRegistry
    public RoundTrip roundTrip(Settings settings, ConnectWiseClient cw, FieldNationClient fn, DispatchRules rules,
            InboxStore inbox, LinkStore links, InboxWorker worker, StateStore state, Clock clock) {
        return new RoundTrip(settings, cw, fn, rules, inbox, links, worker, state, clock, Duration.ofSeconds(60));
    }

    @BindToRegistry
    public AdminApi adminApi(Settings settings, ConnectionCheck connection, FieldsRefresh fields, Preview preview,
            CallbackRegistration callbacks, WebhookRegistration webhooks, Transactions transactions, Activity activity,
            RoundTrip roundTrip, Approvals approvals, AttentionStore items, InboxStore inbox, InboxWorker worker,
            CancelWorkOrder cancel) {
        // the checklist is made here, not bound: it needs beans of this class, and adminApi may only be one level up
        SetupChecklist setup = new SetupChecklist(settings, connection, fields, callbacks, webhooks, roundTrip);
        return new AdminApi(settings, connection, fields, preview, callbacks, webhooks, transactions, setup, activity,
                roundTrip, approvals, new AttentionItems(items, inbox, worker, cancel));
    }
}
