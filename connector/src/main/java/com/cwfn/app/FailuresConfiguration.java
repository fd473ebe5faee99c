package com.cwfn.app;

import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.failure.RetryPolicy;
import com.cwfn.inbox.DatabaseOutage;
import com.cwfn.inbox.FailureHandler;
import com.cwfn.inbox.InboxWorker;
import com.cwfn.notify.FailureDigest;
import com.cwfn.notify.FailureMailer;
import com.cwfn.notify.NeedsAttention;
import com.cwfn.store.AttentionStore;
import com.cwfn.observe.ConnectorMetrics;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Settings;
import com.cwfn.store.InboxStore;
import com.cwfn.store.NoticeStore;
import com.cwfn.store.StateStore;
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
            ConnectorMetrics metrics, InboxWorker worker, DatabaseOutage outage) {
        RetryPolicy policy = new RetryPolicy(settings.integer(Catalog.RETRY_FIRST_DELAY_MS),
                settings.integer(Catalog.RETRY_MAX_DELAY_MS), settings.integer(Catalog.RETRY_GIVE_UP_AFTER_MS));
        return new FailureHandler(inbox, log, policy, settings, clock, metrics, worker, outage);
    }

    /** What people must hear about (failed, still failing, recovered), noted for the next mail. */
    @BindToRegistry
    public FailureMailer failureMailer(Settings settings, NoticeStore notices, Clock clock) {
        return new FailureMailer(settings, notices, clock);
    }

    /** Things that wait for a person: listed in the console and the admin API, told in the next failure mail. */
    @BindToRegistry
    public NeedsAttention needsAttention(AttentionStore items, NoticeStore notices, Settings settings) {
        return new NeedsAttention(items, notices, settings);
    }

    /** The mail job: at once for the first, then at most one per window (routes/schedules.camel.yaml). */
    @BindToRegistry
    public FailureDigest failureDigest(Settings settings, NoticeStore notices, StateStore state, ConnectWiseClient cw,
            CamelContext context, PrometheusMeterRegistry meters, Clock clock) {
        return new FailureDigest(settings, notices, state, cw, context.createProducerTemplate(), meters, clock);
    }
}
