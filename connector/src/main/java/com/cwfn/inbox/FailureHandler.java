package com.cwfn.inbox;

import com.cwfn.failure.Failures;
import com.cwfn.failure.RetryPolicy;
import com.cwfn.observe.ConnectorMetrics;
import com.cwfn.pause.Pause;
import com.cwfn.settings.Settings;
import com.cwfn.store.Transaction;
import com.cwfn.store.InboxStore;
import com.cwfn.store.StoreException;
import com.cwfn.store.SyncLog;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what a failed transaction becomes: a retry at a time stored in the inbox (passing failures:
 * no answer, timeouts, 408, 409, 5xx, database trouble), or a dead letter kept with its payload, step
 * and error (permanent failures: other 4xx, mapping errors; and passing ones once retries are used up).
 *
 * <p>A transaction that met a {@link Pause} (an API that answered 429, or any other cause that raises one) did not
 * fail: it goes back to the inbox due at the pause's end, its claim released, without counting an attempt, without
 * backoff, and with the paused time not counted toward giving up. It is logged at debug only (the pause itself is
 * logged once, by {@link com.cwfn.pause.Pauses}). The database not answering is such a pause ({@link DatabaseOutage});
 * when it cannot even be written that the event goes back, its claim is given back once the database answers.
 */
public class FailureHandler {
    public static final String VERDICT = "connectorFailure";
    public static final String RETRY = "retry";
    public static final String FAILED = "failed";
    public static final String PAUSED = "paused";
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
    private final DatabaseOutage outage;

    public FailureHandler(InboxStore inbox, SyncLog log, RetryPolicy policy, Settings settings, Clock clock,
            ConnectorMetrics metrics, InboxWorker worker, DatabaseOutage outage) {
        this.inbox = inbox;
        this.log = log;
        this.policy = policy;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.worker = worker;
        this.outage = outage;
    }

    public void handle(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Transaction e = InboxWorker.Context.transaction(exchange);
        String step = exchange.getProperty(STEP, "process", String.class);
        exchange.setProperty(FAILED_STEP, step);
        String message = settings.mask(Failures.describe(error));
        if (e == null) {
            LOG.error("failure outside a transaction at {}: {}", step, message, error);
            exchange.setProperty(VERDICT, "none");
            return;
        }
        try {
            decide(exchange, e, error, step, message);
        } catch (StoreException s) {
            if (outage.met(s).isEmpty()) {
                throw s;
            }
            // the database went away while this was decided: the claim stays until it is back, then is given back
            outage.strand(e.id());
            LOG.debug("{} could not be put back while the database does not answer; released when it does",
                    e.eventType());
            exchange.setProperty(VERDICT, PAUSED);
            InboxWorker.Context.leave();
        }
    }

    private void decide(Exchange exchange, Transaction e, Throwable error, String step, String message) {
        long now = clock.millis();
        var pause = Failures.pause(error).or(() -> outage.met(error));
        if (pause.isPresent()) {
            paused(exchange, e, step, pause.get(), now);
            return;
        }
        Integer retryAfter = Failures.retryAfterSeconds(error);
        long next = now + policy.delay(e.attempts(), retryAfter);
        boolean passing = Failures.isPassing(error);
        Long wo = e.workOrderId();
        if (passing && !policy.givesUp(e.retryClockStart(), next)) {
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

    /** Back to the inbox until the pause is over: no attempt counted, the wait not counted toward giving up. */
    private void paused(Exchange exchange, Transaction e, String step, Pause pause, long now) {
        long due = Math.max(now, pause.until());
        String why = settings.mask(pause.getMessage());
        inbox.pauseUntil(e.id(), due, step, why);
        log.append(e.id(), e.direction(), e.ticketId(), e.workOrderId(), step, PAUSED, why);
        metrics.paused(e.direction(), step);
        LOG.debug("{} met a pause at {}, due again in {} ms: {}", e.eventType(), step, due - now, why);
        exchange.setProperty(VERDICT, PAUSED);
        InboxWorker.Context.leave();
        // like a retry: the next event of the entity stays behind this one, so order holds
    }
}
