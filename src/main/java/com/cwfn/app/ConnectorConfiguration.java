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
import com.cwfn.connectwise.SigningKeys;
import com.cwfn.dispatch.DispatchRules;
import com.cwfn.dispatch.DocumentExporter;
import com.cwfn.dispatch.NoteExporter;
import com.cwfn.dispatch.Publisher;
import com.cwfn.dispatch.TicketReader;
import com.cwfn.dispatch.WorkOrderMapping;
import com.cwfn.dispatch.WorkOrderWriter;
import com.cwfn.dispatch.WriteBack;
import com.cwfn.failure.RetryPolicy;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.fieldnation.TokenProvider;
import com.cwfn.http.RemoteApi;
import com.cwfn.inbox.FailureHandler;
import com.cwfn.inbox.InboxWorker;
import com.cwfn.inbox.StepTracker;
import com.cwfn.intake.ConnectWiseIntake;
import com.cwfn.intake.FieldNationIntake;
import com.cwfn.mapping.Mappings;
import com.cwfn.notify.FailureMailer;
import com.cwfn.observe.DatabaseHealthCheck;
import com.cwfn.settings.Settings;
import com.cwfn.store.Database;
import com.cwfn.store.InboxStore;
import com.cwfn.store.IntakeJournal;
import com.cwfn.store.LinkStore;
import com.cwfn.store.StateStore;
import com.cwfn.store.SyncLog;
import com.cwfn.store.SyncedItemStore;
import com.cwfn.syncback.BoardStatuses;
import com.cwfn.syncback.ClosingNotes;
import com.cwfn.syncback.Ignore;
import com.cwfn.syncback.MessageImporter;
import com.cwfn.syncback.OutboundCreator;
import com.cwfn.syncback.ScheduleSync;
import com.cwfn.syncback.StatusSync;
import com.cwfn.syncback.UploadImporter;
import com.cwfn.syncback.WorkOrderEvents;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Builds the connector's parts from the settings and binds them by name for the routes: the database and
 * stores, the ConnectWise and Field Nation clients, intake, the inbox worker, failure handling, health.
 */
public class ConnectorConfiguration implements CamelConfiguration {
    private final Path home;

    public ConnectorConfiguration(Path home) {
        this.home = home;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(key -> context.getPropertiesComponent().resolveProperty(key).orElse(""));
        settings.validate();
        Registry registry = context.getRegistry();
        Clock clock = Clock.systemUTC();
        registry.bind("settings", settings);

        // the registry Camel's metrics (camel.metrics.*) expose on /observe/metrics, made by Camel when enabled
        PrometheusMeterRegistry meters = registry.lookupByNameAndType("metricsRegistry", PrometheusMeterRegistry.class);
        if (meters == null) {
            meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registry.bind("metricsRegistry", meters);
        }

        int workers = settings.integer("connector.workers", 16);
        Database db = Database.open(settings.get("db.url"), settings.get("db.username"), settings.get("db.password"),
                Math.max(10, workers + 8));
        registry.bind("database", db);
        context.addService(new Closer(db));
        String instanceId = settings.get("connector.instance-id");
        if (instanceId.isEmpty()) {
            instanceId = InetAddress.getLocalHost().getHostName() + ":" + settings.get("camel.server.port");
        }
        com.cwfn.jobs.QuartzJobStore.configure(context, db, instanceId);
        com.cwfn.jobs.QuartzJobStore.stopWithCamel(context, 5_000);
        // an answered event must survive a killed process: the intake journal on an H2 file, else a checkpoint
        // (nothing to do on PostgreSQL)
        IntakeJournal journal = db.intakeJournal().orElse(null);
        InboxStore inbox = new InboxStore(db.dataSource(), clock, journal != null ? journal::append : e -> db.flush());
        if (journal != null) {
            journal.recover(inbox); // events answered before a crash that H2 had not written yet
        }
        LinkStore links = new LinkStore(db.dataSource(), clock, db::flush);
        SyncedItemStore items = new SyncedItemStore(db.dataSource(), clock);
        SyncLog syncLog = new SyncLog(db.dataSource(), clock);
        StateStore state = new StateStore(db.dataSource(), clock);
        registry.bind("inboxStore", inbox);
        registry.bind("linkStore", links);
        registry.bind("syncedItems", items);
        registry.bind("syncLog", syncLog);
        registry.bind("stateStore", state);

        RemoteApi cwApi = new RemoteApi(ConnectWiseClient.SYSTEM, settings.connectWiseUrl(), context, meters);
        ConnectWiseClient cw = new ConnectWiseClient(cwApi, settings.get("connectwise.company-id"),
                settings.get("connectwise.public-key"), settings.get("connectwise.private-key"),
                settings.get("connectwise.client-id"), settings.connectWiseCodebase());
        RemoteApi fnApi = new RemoteApi(FieldNationClient.SYSTEM, settings.fieldNationUrl(), context, meters);
        TokenProvider tokens = new TokenProvider(fnApi, settings.get("fieldnation.client-id"),
                settings.get("fieldnation.client-secret"), settings.get("fieldnation.username"),
                settings.get("fieldnation.password"), clock);
        FieldNationClient fn = new FieldNationClient(fnApi, tokens);
        registry.bind("connectWise", cw);
        registry.bind("fieldNation", fn);

        SigningKeys keys = new SigningKeys(cw, settings.connectWiseUrl(), clock);
        registry.bind("connectWiseIntake", new ConnectWiseIntake(settings.get("connectwise.callback-token"),
                settings.verifySignature(), keys, inbox));
        registry.bind("fieldNationIntake", new FieldNationIntake(settings.get("fieldnation.webhook-secret"), inbox));

        InboxWorker worker = new InboxWorker(inbox, instanceId, settings.integer("connector.claim-ttl-ms", 120_000),
                context.createProducerTemplate());
        worker.recover();
        registry.bind("inboxWorker", worker);
        com.cwfn.observe.ConnectorMetrics metrics = new com.cwfn.observe.ConnectorMetrics(meters, inbox, clock);
        worker.metrics(metrics);
        registry.bind("connectorMetrics", metrics);
        // stops before the database closes (services stop in reverse order): unfinished claims go back
        context.addService(new Closer(() -> {
            worker.stopAccepting();
            worker.releaseOwnClaims();
        }));

        RetryPolicy policy = new RetryPolicy(settings.integer("connector.retry.first-delay-ms", 2000),
                settings.integer("connector.retry.max-delay-ms", 600_000),
                settings.integer("connector.retry.give-up-after-ms", 3_600_000));
        registry.bind("failureHandler", new FailureHandler(inbox, syncLog, policy, settings, clock, metrics, worker));
        registry.bind("failureMailer", new FailureMailer(settings, context.createProducerTemplate(), meters));

        FailureMailer mailer = context.getRegistry().lookupByNameAndType("failureMailer", FailureMailer.class);
        Mappings mappings = new Mappings(home, settings.get("sync.mappings"));
        registry.bind("mappings", mappings);
        registry.bind("reloader", new com.cwfn.app.Reloader(context, home, mappings));
        bindDispatch(context, settings, mappings, cw, fn, inbox, links, items, syncLog, mailer, meters, clock);
        bindSyncBack(registry, settings, mappings, cw, fn, inbox, links, items, syncLog, clock);

        registry.bind("reconciler", new com.cwfn.jobs.Reconciler(cw, links, inbox, state, settings, mappings,
                context.getRegistry().lookupByNameAndType("dispatchRules", com.cwfn.dispatch.DispatchRules.class),
                worker, clock));
        registry.bind("pruner", new com.cwfn.jobs.Pruner(inbox, syncLog, settings.integer("connector.retention-days",
                30), clock));
        java.util.function.Supplier<TokenProvider> freshTokens = () -> new TokenProvider(fnApi,
                settings.get("fieldnation.client-id"), settings.get("fieldnation.client-secret"),
                settings.get("fieldnation.username"), settings.get("fieldnation.password"), clock);
        bindAdmin(registry, settings, mappings, cw, fn, freshTokens, db, inbox, links, items, syncLog, state, worker,
                clock);

        // callbacks and webhooks that arrive while intake is not running are told to retry, not 404
        com.cwfn.intake.NotReadyAnswer.installWhenServerStarts(context, settings.integer("camel.server.port", 8080));
        context.getCamelContextExtension().addInterceptStrategy(new StepTracker());
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            DatabaseHealthCheck check = new DatabaseHealthCheck(db);
            check.setCamelContext(context);
            health.register(check);
            com.cwfn.observe.CredentialsHealthCheck credentials = new com.cwfn.observe.CredentialsHealthCheck(cw, freshTokens,
                    clock);
            credentials.setCamelContext(context);
            health.register(credentials);
            registry.bind("credentialsHealth", credentials);
        }
    }

    private void bindDispatch(CamelContext context, Settings settings, Mappings mappings, ConnectWiseClient cw,
            FieldNationClient fn, InboxStore inbox, LinkStore links, SyncedItemStore items, SyncLog syncLog,
            FailureMailer mailer, PrometheusMeterRegistry meters, Clock clock) {
        Registry registry = context.getRegistry();
        ExecutorService reads = context.getExecutorServiceManager().newFixedThreadPool(this, "ticket-reads",
                Math.max(16, settings.integer("connector.workers", 16) * 4));
        registry.bind("ticketReader", new TicketReader(cw, links, settings, reads));
        registry.bind("dispatchRules", new DispatchRules(settings, mappings));
        registry.bind("workOrderMapping", new WorkOrderMapping(mappings));
        registry.bind("workOrderWriter", new WorkOrderWriter(fn, links, inbox, syncLog, mappings, clock, meters, items));
        registry.bind("publisher", new Publisher(fn, items, links, syncLog, mailer, settings));
        com.cwfn.sync.NoteWriter noteWriter = new com.cwfn.sync.NoteWriter(cw, items);
        registry.bind("noteWriter", noteWriter);
        registry.bind("writeBack", new WriteBack(noteWriter, syncLog));
        registry.bind("noteExporter", new NoteExporter(fn, items, syncLog, settings));
        registry.bind("documentExporter", new DocumentExporter(cw, fn, items, syncLog, settings));
    }

    private void bindSyncBack(Registry registry, Settings settings, Mappings mappings, ConnectWiseClient cw,
            FieldNationClient fn, InboxStore inbox, LinkStore links, SyncedItemStore items, SyncLog syncLog,
            Clock clock) {
        registry.bind("workOrderEvents", new WorkOrderEvents(links, inbox, settings, fn, mappings));
        registry.bind("statusSync", new StatusSync(cw, new BoardStatuses(cw, clock), mappings, links, syncLog));
        registry.bind("messageImporter", new MessageImporter(
                registry.lookupByNameAndType("noteWriter", com.cwfn.sync.NoteWriter.class), fn, items, syncLog, settings));
        registry.bind("uploadImporter", new UploadImporter(cw, fn, items, syncLog, settings));
        registry.bind("scheduleSync", new ScheduleSync(cw, links, syncLog));
        registry.bind("closingNotes", new ClosingNotes(
                registry.lookupByNameAndType("noteWriter", com.cwfn.sync.NoteWriter.class), fn, syncLog));
        registry.bind("outboundCreator", new OutboundCreator(cw, fn, mappings, links,
                registry.lookupByNameAndType("noteWriter", com.cwfn.sync.NoteWriter.class), syncLog, settings));
        registry.bind("syncBackIgnore", new Ignore());
    }

    /** The /admin endpoints (routes/admin.camel.yaml) and the registration of the callback and the webhook. */
    private void bindAdmin(Registry registry, Settings settings, Mappings mappings, ConnectWiseClient cw,
            FieldNationClient fn, Supplier<TokenProvider> freshTokens, Database db, InboxStore inbox, LinkStore links,
            SyncedItemStore items, SyncLog syncLog, StateStore state, InboxWorker worker, Clock clock) {
        CallbackRegistration callbacks = new CallbackRegistration(cw, settings);
        WebhookRegistration webhooks = new WebhookRegistration(fn, settings);
        registry.bind("callbackRegistration", callbacks);
        registry.bind("webhookRegistration", webhooks);
        Preview preview = new Preview(registry.lookupByNameAndType("ticketReader", TicketReader.class),
                registry.lookupByNameAndType("dispatchRules", DispatchRules.class),
                registry.lookupByNameAndType("workOrderMapping", WorkOrderMapping.class),
                registry.lookupByNameAndType("workOrderWriter", WorkOrderWriter.class));
        registry.bind("adminAuth", new AdminAuth(settings.get("admin.username", "admin"),
                settings.get("admin.password")));
        registry.bind("adminApi", new AdminApi(settings,
                new ConnectionCheck(settings, cw, fn, freshTokens, db, inbox, mappings),
                new FieldsRefresh(settings, cw, fn, state, mappings, clock), preview, callbacks, webhooks,
                new Transactions(inbox, syncLog, links, items, worker)));
    }

    /** Closes a resource when Camel stops. */
    static final class Closer extends ServiceSupport {
        private final AutoCloseable resource;

        Closer(AutoCloseable resource) {
            this.resource = resource;
        }

        @Override
        protected void doStop() throws Exception {
            resource.close();
        }
    }
}
