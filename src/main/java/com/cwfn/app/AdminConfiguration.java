package com.cwfn.app;

import com.cwfn.admin.AdminApi;
import com.cwfn.admin.AdminAuth;
import com.cwfn.admin.CallbackRegistration;
import com.cwfn.admin.ConnectionCheck;
import com.cwfn.admin.FieldsRefresh;
import com.cwfn.admin.Preview;
import com.cwfn.admin.Transactions;
import com.cwfn.admin.WebhookRegistration;
import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.dispatch.DispatchRules;
import com.cwfn.dispatch.TicketReader;
import com.cwfn.dispatch.WorkOrderMapping;
import com.cwfn.dispatch.WorkOrderWriter;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.fieldnation.TokenProvider;
import com.cwfn.fieldnation.WebhookSecrets;
import com.cwfn.inbox.InboxWorker;
import com.cwfn.mapping.Mappings;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Settings;
import com.cwfn.store.Database;
import com.cwfn.store.InboxStore;
import com.cwfn.store.LinkStore;
import com.cwfn.store.StateStore;
import com.cwfn.store.SyncLog;
import com.cwfn.store.SyncedItemStore;
import java.time.Clock;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** The /admin API (routes/admin.camel.yaml) and the registration of the callback and the webhook. */
public class AdminConfiguration implements CamelConfiguration {

    @BindToRegistry
    public CallbackRegistration callbackRegistration(ConnectWiseClient cw, Settings settings) {
        return new CallbackRegistration(cw, settings);
    }

    @BindToRegistry
    public WebhookRegistration webhookRegistration(FieldNationClient fn, Settings settings, WebhookSecrets secrets) {
        return new WebhookRegistration(fn, settings, secrets);
    }

    @BindToRegistry
    public AdminAuth adminAuth(Settings settings) {
        return new AdminAuth(settings.text(Catalog.ADMIN_USERNAME), settings.text(Catalog.ADMIN_PASSWORD));
    }

    @BindToRegistry
    public ConnectionCheck connectionCheck(Settings settings, ConnectWiseClient cw, FieldNationClient fn,
            TokenProvider tokens, Database db, InboxStore inbox, Mappings mappings) {
        return new ConnectionCheck(settings, cw, fn, tokens::fresh, db, inbox, mappings);
    }

    @BindToRegistry
    public FieldsRefresh fieldsRefresh(Settings settings, ConnectWiseClient cw, FieldNationClient fn, StateStore state,
            Mappings mappings, Clock clock) {
        return new FieldsRefresh(settings, cw, fn, state, mappings, clock);
    }

    @BindToRegistry
    public Preview preview(TicketReader reader, DispatchRules rules, WorkOrderMapping mapping, WorkOrderWriter writer) {
        return new Preview(reader, rules, mapping, writer);
    }

    @BindToRegistry
    public Transactions transactions(InboxStore inbox, SyncLog log, LinkStore links, SyncedItemStore items,
            InboxWorker worker) {
        return new Transactions(inbox, log, links, items, worker);
    }

    @BindToRegistry
    public AdminApi adminApi(Settings settings, ConnectionCheck connection, FieldsRefresh fields, Preview preview,
            CallbackRegistration callbacks, WebhookRegistration webhooks, Transactions transactions) {
        return new AdminApi(settings, connection, fields, preview, callbacks, webhooks, transactions);
    }
}
