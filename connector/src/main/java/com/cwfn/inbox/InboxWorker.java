package com.cwfn.inbox;

import com.cwfn.store.Transaction;
import com.cwfn.store.InboxStore;
import com.cwfn.store.StoreException;
import com.cwfn.tracing.TraceScope;
import com.cwfn.tracing.Tracing;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Works the inbox: claims an event for this instance, hands it to its flow, finishes it, and queues the next
 * event of the same ticket or work order. Events reach the worker queue from intake at once, and from the
 * poll job when they are due for a retry, were left by another instance, or did not fit in the queue.
 */
public class InboxWorker {
    public static final String QUEUE = "seda:inbox";
    /** The header intake puts the recorded event's id in, for the worker to claim. */
    public static final String TRANSACTION_ID_HEADER = "ConnectorTransactionId";
    public static final String OUTCOME = "connectorOutcome";
    public static final String OUTCOME_TEXT = "connectorOutcomeText";
    private static final Logger LOG = LoggerFactory.getLogger(InboxWorker.class);

    private final InboxStore inbox;
    private final String instanceId;
    private final long claimTtlMs;
    private final ProducerTemplate template;
    private final Set<Long> queued = ConcurrentHashMap.newKeySet();
    private volatile boolean accepting = true;
    private com.cwfn.observe.ConnectorMetrics metrics;
    private DatabaseOutage outage;
    private Tracing tracing = Tracing.OFF;

    public InboxWorker(InboxStore inbox, String instanceId, long claimTtlMs, ProducerTemplate template) {
        this.inbox = inbox;
        this.instanceId = instanceId;
        this.claimTtlMs = claimTtlMs;
        this.template = template;
    }

    public void metrics(com.cwfn.observe.ConnectorMetrics metrics) {
        this.metrics = metrics;
    }

    /** With tracing on, each attempt at an event is a span continuing the trace it was recorded in. */
    public void tracing(Tracing tracing) {
        this.tracing = tracing;
    }

    /** The database outage this worker sits out. */
    public void outage(DatabaseOutage outage) {
        this.outage = outage;
    }

    public String instanceId() {
        return instanceId;
    }

    /** Releases claims this instance held when it last stopped (it crashed, or was killed). */
    public int recover() {
        int n = inbox.releaseClaimsOf(instanceId);
        if (n > 0) {
            LOG.info("released {} transactions this instance held when it stopped last", n);
        }
        return n;
    }

    /** Queues an event for the workers unless it is queued already. */
    public void wake(long eventId) {
        if (!accepting || !queued.add(eventId)) {
            return;
        }
        try {
            template.sendBodyAndHeader(QUEUE, null, TRANSACTION_ID_HEADER, eventId);
        } catch (RuntimeException e) {
            queued.remove(eventId);
            LOG.debug("worker queue refused transaction {} ({}); the poll job will take it", eventId, e.getMessage());
        }
    }

    /**
     * Runs the current thread's work behind intake: at the lowest Java priority, so that while the CPU is short, an
     * arriving callback or webhook (answered on threads of normal priority) is recorded and answered before the work
     * queued behind it goes on. Called by the workers and the reads they start. The JVM maps priorities to the
     * operating system's only with {@code -XX:ThreadPriorityPolicy=1} (docs/operations.md, Memory and JVM flags);
     * without it this changes nothing.
     */
    public static void behindIntake() {
        Thread t = Thread.currentThread();
        if (t.getPriority() != Thread.MIN_PRIORITY) {
            t.setPriority(Thread.MIN_PRIORITY);
        }
    }

    /** Poll job: frees expired claims and queues what is due; while the database is down, nothing. */
    public int poll() {
        if (!accepting || outage != null && outage.isDown()) {
            return 0;
        }
        List<Long> due;
        try {
            inbox.releaseExpiredClaims();
            due = inbox.due(500);
        } catch (StoreException e) {
            if (outage != null && outage.met(e).isPresent()) {
                return 0;
            }
            throw e;
        }
        due.forEach(this::wake);
        return due.size();
    }

    /** Claims the queued event; null when someone else has it, or an older event of its entity is unfinished. */
    public Transaction claim(Exchange exchange) {
        behindIntake();
        Long id = exchange.getIn().getHeader(TRANSACTION_ID_HEADER, Long.class);
        if (id == null) {
            return null;
        }
        queued.remove(id);
        if (!accepting || outage != null && outage.isDown()) {
            return null; // stopping, or the database is down: the event stays pending in the inbox
        }
        Optional<Transaction> claimed;
        try {
            claimed = inbox.claim(id, instanceId, claimTtlMs);
        } catch (StoreException e) {
            if (outage != null && outage.met(e).isPresent()) {
                // pending still, or claimed by a commit whose answer was lost: given back when the database is back
                outage.strand(id);
                return null;
            }
            throw e;
        }
        if (claimed.isEmpty()) {
            return null;
        }
        Transaction e = claimed.get();
        // newer callbacks of a ticket are coalesced by the dispatch when it reads the ticket (dispatch.TicketReader):
        // an event skipped without a read (its callback's Entity) covers nothing
        Context.enter(exchange, e);
        traceAttempt(exchange, e);
        return e;
    }

    /**
     * The attempt's span, current while its flow runs on this thread (Camel's span of the flow and the step and call
     * spans are its children), ended when the exchange is done: failed when the attempt failed or met a pause.
     */
    private void traceAttempt(Exchange exchange, Transaction e) {
        if (!tracing.on()) {
            return;
        }
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("connector.transaction.id", e.id());
        attributes.put("connector.direction", e.direction());
        attributes.put("connector.event.type", e.eventType());
        attributes.put("connector.correlation", e.dedupKey());
        attributes.put("connector.ticket", e.ticketId());
        attributes.put("connector.work_order", e.workOrderId());
        TraceScope attempt = tracing.attempt(e.traceContext(), "transaction " + e.direction() + " " + e.eventType(),
                e.attempts(), attributes);
        if (attempt == null) {
            return;
        }
        // Camel's tracer takes the parent of the flow's span from here should this thread's context be stale
        exchange.getMessage().setHeader("traceparent", tracing.currentContext());
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                attempt.leave();
                String verdict = done.getProperty(FailureHandler.VERDICT, String.class);
                attempt.span().setAttribute("connector.outcome", verdict != null ? verdict
                        : done.getProperty(OUTCOME, InboxStore.DONE, String.class));
                if (FailureHandler.RETRY.equals(verdict) || FailureHandler.FAILED.equals(verdict)) {
                    attempt.endFailed(verdict + " at step " + done.getProperty(FailureHandler.FAILED_STEP, String.class));
                } else {
                    attempt.end(done.getException()); // done, skipped, ignored, or a pause (no failure)
                }
            }
        });
    }

    /** Finishes the event with the outcome its flow set (done when none). */
    public void finish(Exchange exchange) {
        Transaction e = Context.transaction(exchange);
        String status = exchange.getProperty(OUTCOME, InboxStore.DONE, String.class);
        String text = exchange.getProperty(OUTCOME_TEXT, String.class);
        inbox.finish(e.id(), status, text);
        if (metrics != null) {
            metrics.finished(e.direction(), status, System.currentTimeMillis() - e.receivedAt());
        }
        LOG.info("{} {} {}", e.eventType(), status, text == null ? "" : text);
        Context.leave();
        next(e);
    }

    /** Queues the next pending event of the same entity, which was waiting for this one. */
    public void next(Transaction e) {
        inbox.nextPendingOf(e.entityKey()).ifPresent(this::wake);
    }

    /** Graceful shutdown: take no more work; claims not yet finished go back to the inbox. */
    public void stopAccepting() {
        accepting = false;
    }

    public int releaseOwnClaims() {
        return inbox.releaseClaimsOf(instanceId);
    }

    /** What a flow needs to know of the event it works on, kept on the exchange and in the log MDC. */
    public static final class Context {
        public static final String TRANSACTION = "connectorTransaction";

        private Context() {
        }

        static void enter(Exchange exchange, Transaction e) {
            exchange.setProperty(TRANSACTION, e);
            MDC.put("direction", e.direction());
            MDC.put("correlation", e.dedupKey());
            if (e.ticketId() != null) {
                MDC.put("ticket", String.valueOf(e.ticketId()));
            }
            if (e.workOrderId() != null) {
                MDC.put("workOrder", String.valueOf(e.workOrderId()));
            }
        }

        public static Transaction transaction(Exchange exchange) {
            return exchange.getProperty(TRANSACTION, Transaction.class);
        }

        public static void leave() {
            MDC.remove("direction");
            MDC.remove("correlation");
            MDC.remove("ticket");
            MDC.remove("workOrder");
        }
    }
}
