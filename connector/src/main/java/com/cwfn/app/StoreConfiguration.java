package com.cwfn.app;

import com.cwfn.jobs.QuartzJobStore;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Settings;
import com.cwfn.store.AttentionStore;
import com.cwfn.store.RoutingStore;
import com.cwfn.store.Database;
import com.cwfn.store.InboxStore;
import com.cwfn.store.IntakeJournal;
import com.cwfn.store.LinkStore;
import com.cwfn.store.NoticeStore;
import com.cwfn.store.StateStore;
import com.cwfn.store.SyncLog;
import com.cwfn.store.SyncedItemStore;
import com.cwfn.store.WatchStore;
import com.cwfn.tracing.Tracing;
import java.time.Clock;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** The database (H2 or PostgreSQL, migrated by Flyway) and the stores on it. */
public class StoreConfiguration implements CamelConfiguration {

    /** Opened at start, closed last when Camel stops; the Quartz job store lives in it too. */
    @BindToRegistry
    public Database database(Settings settings, CamelContext context) throws Exception {
        int workers = settings.integer(Catalog.WORKERS);
        Database db = Database.open(settings.text(Catalog.DB_URL), settings.text(Catalog.DB_USERNAME),
                settings.text(Catalog.DB_PASSWORD), Math.max(10, workers + 8));
        context.addService(new Closer(db));
        QuartzJobStore.configure(context, db, settings.instanceId());
        QuartzJobStore.stopWithCamel(context, 5_000);
        QuartzJobStore.forgetMovedJobs(context);
        return db;
    }

    /**
     * An answered event must survive a killed process: on an H2 file it goes to the intake journal (events left in
     * it by a crash are recorded again now), else a checkpoint writes it; PostgreSQL commits are durable as they are.
     */
    @BindToRegistry
    public InboxStore inboxStore(Database db, Clock clock, Tracing tracing) {
        IntakeJournal journal = db.intakeJournal().orElse(null);
        InboxStore inbox = new InboxStore(db.dataSource(), clock, journal != null ? journal::append : e -> db.flush());
        inbox.traceContext(tracing::currentContext); // each attempt continues the trace the event arrived in
        if (journal != null) {
            journal.recover(inbox);
        }
        return inbox;
    }

    @BindToRegistry
    public LinkStore linkStore(Database db, Clock clock) {
        return new LinkStore(db.dataSource(), clock, db::flush);
    }

    @BindToRegistry
    public SyncedItemStore syncedItemStore(Database db, Clock clock) {
        return new SyncedItemStore(db.dataSource(), clock);
    }

    @BindToRegistry
    public SyncLog syncLog(Database db, Clock clock) {
        return new SyncLog(db.dataSource(), clock);
    }

    @BindToRegistry
    public StateStore stateStore(Database db, Clock clock) {
        return new StateStore(db.dataSource(), clock);
    }

    @BindToRegistry
    public NoticeStore noticeStore(Database db, Clock clock) {
        return new NoticeStore(db.dataSource(), clock);
    }

    @BindToRegistry
    public AttentionStore attentionStore(Database db, Clock clock) {
        return new AttentionStore(db.dataSource(), clock);
    }

    @BindToRegistry
    public RoutingStore routingStore(Database db, Clock clock) {
        return new RoutingStore(db.dataSource(), clock);
    }

    @BindToRegistry
    public WatchStore watchStore(Database db, Clock clock) {
        return new WatchStore(db.dataSource(), clock);
    }
}
