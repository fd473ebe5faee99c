package com.cwfn.app;

import com.cwfn.failure.RetryPolicy;
import com.cwfn.inbox.FailureHandler;
import com.cwfn.inbox.InboxWorker;
import com.cwfn.notify.FailureMailer;
import com.cwfn.observe.ConnectorMetrics;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Settings;
import com.cwfn.store.InboxStore;
import com.cwfn.store.SyncLog;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** What a failed transaction becomes (routes/failures.camel.yaml): a retry, or a dead letter and its mail. */
public class FailuresConfiguration implements CamelConfiguration {

    @BindToRegistry
    public FailureHandler failureHandler(InboxStore inbox, SyncLog log, Settings settings, Clock clock,
            ConnectorMetrics metrics, InboxWorker worker) {
        RetryPolicy policy = new RetryPolicy(settings.integer(Catalog.RETRY_FIRST_DELAY_MS),
                settings.integer(Catalog.RETRY_MAX_DELAY_MS), settings.integer(Catalog.RETRY_GIVE_UP_AFTER_MS));
        return new FailureHandler(inbox, log, policy, settings, clock, metrics, worker);
    }

    @BindToRegistry
    public FailureMailer failureMailer(Settings settings, CamelContext context, PrometheusMeterRegistry meters) {
        return new FailureMailer(settings, context.createProducerTemplate(), meters);
    }
}
