package com.cwfn.ops;

import com.cwfn.config.Settings;
import com.cwfn.http.RemoteCallException;
import com.cwfn.mapping.MappingException;
import com.cwfn.store.InboxEvent;
import com.cwfn.store.InboxStore;
import com.cwfn.store.StoreException;
import com.cwfn.store.SyncLog;
import com.cwfn.sync.InboxWorker;
import java.io.IOException;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what a failed transaction becomes: a retry at a time stored in the inbox (passing failures:
 * no answer, timeouts, 408, 409, 429, 5xx, database trouble), or a dead letter kept with its payload, step
 * and error (permanent failures: other 4xx, mapping errors; and passing ones once retries are used up).
 */
public class FailureHandler {
    public static final String VERDICT = "connectorFailure";
    public static final String RETRY = "retry";
    public static final String FAILED = "failed";
    public static final String STEP = "connectorStep";
    /** The step that failed, kept apart from {@link #STEP} (which later steps, like the mail, move on). */
    public static final String FAILED_STEP = "connectorFailedStep";
    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

    private final InboxStore inbox;
    private final SyncLog log;
    private final RetryPolicy policy;
    private final Settings settings;
    private final Clock clock;
    private final ConnectorMetrics metrics;
    private final InboxWorker worker;

    public FailureHandler(InboxStore inbox, SyncLog log, RetryPolicy policy, Settings settings, Clock clock,
            ConnectorMetrics metrics, InboxWorker worker) {
        this.inbox = inbox;
        this.log = log;
        this.policy = policy;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.worker = worker;
    }

    /** True for failures worth retrying. */
    public static boolean isPassing(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof PermanentFailure || c instanceof MappingException) {
                return false;
            }
            if (c instanceof RemoteCallException r) {
                return r.isPassing();
            }
            if (c instanceof StoreException || c instanceof IOException) {
                return true;
            }
        }
        return true; // unknown trouble: retry within the policy rather than lose the transaction
    }

    public void handle(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        InboxEvent e = InboxWorker.Context.event(exchange);
        String step = exchange.getProperty(STEP, "process", String.class);
        exchange.setProperty(FAILED_STEP, step);
        String message = settings.mask(describe(error));
        if (e == null) {
            LOG.error("failure outside a transaction at {}: {}", step, message, error);
            exchange.setProperty(VERDICT, "none");
            return;
        }
        long now = clock.millis();
        Integer retryAfter = retryAfter(error);
        long next = now + policy.delay(e.attempts(), retryAfter);
        boolean passing = isPassing(error);
        Long wo = e.workOrderId();
        if (passing && !policy.givesUp(e.receivedAt(), next)) {
            inbox.retryAt(e.id(), next, step, message);
            log.append(e.id(), e.direction(), e.ticketId(), wo, step, "retry", message);
            metrics.failed(e.direction(), step, false);
            LOG.warn("{} failed at {} (attempt {}), retrying in {} ms: {}", e.eventType(), step, e.attempts(),
                    next - now, message);
            exchange.setProperty(VERDICT, RETRY);
        } else {
            String why = passing ? "gave up after " + e.attempts() + " attempts: " + message : message;
            inbox.fail(e.id(), step, why);
            log.append(e.id(), e.direction(), e.ticketId(), wo, step, "failed", why);
            metrics.failed(e.direction(), step, true);
            LOG.error("{} failed at {}{}: {}", e.eventType(), step, passing ? " (retries used up)" : " (permanent)",
                    message);
            exchange.setProperty(VERDICT, FAILED);
        }
        InboxWorker.Context.leave();
        // a retry waits; the next event of the entity stays behind it, so order holds. A dead letter lets it go.
        if (!passing || FAILED.equals(exchange.getProperty(VERDICT))) {
            worker.next(e);
        }
    }

    static Integer retryAfter(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof RemoteCallException r) {
                return r.retryAfterSeconds();
            }
        }
        return null;
    }

    static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof RemoteCallException || c instanceof PermanentFailure || c instanceof MappingException) {
                return c.getMessage();
            }
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
