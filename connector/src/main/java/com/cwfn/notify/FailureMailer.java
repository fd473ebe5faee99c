package com.cwfn.notify;

import com.cwfn.failure.Failures;
import com.cwfn.inbox.FailureHandler;
import com.cwfn.inbox.InboxWorker;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Settings;
import com.cwfn.store.Transaction;
import com.cwfn.store.NoticeStore;
import java.time.Clock;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * Notes what the people in {@code notify.email.to} must hear about a transaction: failed for good, still failing
 * after {@code notify.stuck-after-ms} while retries go on, or recovered after either. The notes are mailed in
 * batches by {@link FailureDigest}; nothing is noted while no one is to be mailed.
 */
public class FailureMailer {
    private final Settings settings;
    private final NoticeStore notices;
    private final Clock clock;
    private final long stuckAfterMs;
    private final boolean enabled;

    public FailureMailer(Settings settings, NoticeStore notices, Clock clock) {
        this.settings = settings;
        this.notices = notices;
        this.clock = clock;
        this.stuckAfterMs = settings.number(Catalog.NOTIFY_STUCK_AFTER_MS);
        this.enabled = !settings.list(Catalog.NOTIFY_EMAIL_TO).isEmpty();
    }

    public boolean enabled() {
        return enabled;
    }

    /** A transaction failed for good (or a step was reported failed, like a refused publish): it is mailed. */
    public void send(Exchange exchange) {
        Transaction e = InboxWorker.Context.transaction(exchange);
        if (e == null || !enabled) {
            return;
        }
        note(NoticeStore.FAILED, exchange, e);
    }

    /** A failed attempt that will be retried: noted once the transaction has been failing for too long. */
    public void retrying(Exchange exchange) {
        Transaction e = InboxWorker.Context.transaction(exchange);
        if (e == null || !enabled || clock.millis() - e.receivedAt() < stuckAfterMs) {
            return;
        }
        if (!notices.lastKindFor(e.id()).map(NoticeStore.STUCK::equals).orElse(false)) {
            note(NoticeStore.STUCK, exchange, e);
        }
    }

    /** A finished transaction that people were told was failing: they hear it recovered. */
    public void recovered(Exchange exchange) {
        Transaction e = InboxWorker.Context.transaction(exchange);
        if (e == null || !enabled || e.lastError() == null) {
            return; // only an event that failed before can have been mailed about
        }
        if (notices.lastKindFor(e.id()).filter(Set.of(NoticeStore.STUCK, NoticeStore.FAILED)::contains).isPresent()) {
            String outcome = exchange.getProperty(InboxWorker.OUTCOME, "done", String.class);
            notices.add(NoticeStore.RECOVERED, e.id(), e.direction(), e.ticketId(), e.workOrderId(),
                    label(exchange), null, null, outcome, e.attempts(), e.receivedAt());
        }
    }

    private void note(String kind, Exchange exchange, Transaction e) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String step = exchange.getProperty(FailureHandler.FAILED_STEP,
                exchange.getProperty(FailureHandler.STEP, "process", String.class), String.class);
        notices.add(kind, e.id(), e.direction(), e.ticketId(), e.workOrderId(), label(exchange), step,
                settings.mask(Failures.cause(error)), settings.mask(Failures.describe(error)), e.attempts(),
                e.receivedAt());
    }

    private static String label(Exchange exchange) {
        return exchange.getMessage().getBody() instanceof Labelled l ? l.ticketLabel() : null;
    }
}
