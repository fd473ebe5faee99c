package com.cwfn.app;

import com.cwfn.http.RequestBudgets;
import com.cwfn.inbox.DatabaseOutage;
import com.cwfn.inbox.InboxWorker;
import com.cwfn.observe.ConnectorMetrics;
import com.cwfn.pause.Pauses;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Settings;
import com.cwfn.store.Database;
import com.cwfn.store.InboxStore;
import com.cwfn.tracing.Tracing;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** The inbox worker that runs every flow (routes/inbox.camel.yaml), and the connector's metrics of it. */
public class InboxConfiguration implements CamelConfiguration {

    /**
     * Claims this instance held when it last stopped are released at once; when Camel stops, the worker takes no
     * more work and gives unfinished claims back (before the database closes: services stop in reverse order).
     */
    @BindToRegistry
    public InboxWorker inboxWorker(InboxStore inbox, Settings settings, CamelContext context, Tracing tracing)
            throws Exception {
        InboxWorker worker = new InboxWorker(inbox, settings.instanceId(), settings.integer(Catalog.CLAIM_TTL_MS),
                context.createProducerTemplate());
        worker.tracing(tracing);
        worker.recover();
        context.addService(new Closer(() -> {
            worker.stopAccepting();
            worker.releaseOwnClaims();
        }));
        return worker;
    }

    /** The database not answering, as a pause: intake refuses, workers wait, stranded claims come back after. */
    @BindToRegistry
    public DatabaseOutage databaseOutage(Database database, InboxStore inbox, Settings settings, Pauses pauses,
            Clock clock, InboxWorker worker, CamelContext context) throws Exception {
        DatabaseOutage outage = new DatabaseOutage(database, inbox, settings.instanceId(), pauses, clock, 1_000);
        worker.outage(outage);
        context.addService(new Closer(outage));
        return outage;
    }

    @BindToRegistry
    public ConnectorMetrics connectorMetrics(PrometheusMeterRegistry meters, InboxStore inbox, Clock clock,
            InboxWorker worker, Pauses pauses, RequestBudgets budgets) {
        ConnectorMetrics metrics = new ConnectorMetrics(meters, inbox, clock).watch(pauses);
        budgets.all().forEach(metrics::watch);
        worker.metrics(metrics);
        return metrics;
    }
}
