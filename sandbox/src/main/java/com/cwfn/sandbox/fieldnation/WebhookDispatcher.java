package com.cwfn.sandbox.fieldnation;

import com.cwfn.sandbox.fieldnation.WebhookDelivery.Outcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers webhook jobs over real HTTP, asynchronously, strictly in order per (webhook, work order): the next
 * event of a work order waits until the previous one is delivered, permanently refused or out of retries.
 * 2xx = done; 4xx = permanent; 5xx / timeout / connection error = retry after base, 2*base, 4*base, ...
 */
final class WebhookDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int MAX_KEPT = 100_000;

    /** Where and how one webhook is delivered (a snapshot of the webhook at event time). */
    record Target(String webhookId, String url, String method, String secret, Map<String, String> headers) {
    }

    /** One event for one webhook. */
    record Job(Target target, String eventName, String traceId, long workOrderId, byte[] body, String deliveryUuid,
               int generation) {
    }

    private static final class Lane {
        final ArrayDeque<Job> queue = new ArrayDeque<>();
        boolean busy;
    }

    private final Object lock = new Object();
    private final Map<String, Lane> lanes = new HashMap<>();
    private final List<WebhookDelivery> deliveries = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Job> jobsByUuid = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Job> eldest) {
            return size() > MAX_KEPT;
        }
    });
    private final AtomicInteger generation = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();

    volatile Duration retryBaseDelay = Duration.ofSeconds(10);
    volatile int maxRetries = 7;
    volatile Duration timeout = Duration.ofSeconds(30);
    volatile int copies = 1;
    volatile boolean drop;

    private ScheduledExecutorService scheduler;
    private ExecutorService executor;
    private HttpClient client;

    synchronized void open() {
        if (client != null) {
            return;
        }
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fn-webhooks-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "fn-webhook-retries");
            t.setDaemon(true);
            return t;
        });
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    synchronized void shutdown() {
        generation.incrementAndGet();
        synchronized (lock) {
            lanes.clear();
        }
        if (client != null) {
            scheduler.shutdownNow();
            executor.shutdownNow();
            client = null;
        }
    }

    /** Forgets queued work and the log (pending retries of the old generation are abandoned). */
    void reset() {
        generation.incrementAndGet();
        synchronized (lock) {
            lanes.clear();
        }
        deliveries.clear();
        jobsByUuid.clear();
        copies = 1;
        drop = false;
    }

    int generation() {
        return generation.get();
    }

    List<WebhookDelivery> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    /** Deliveries queued or in flight (tests can wait for 0). */
    int pending() {
        synchronized (lock) {
            int n = 0;
            for (Lane l : lanes.values()) {
                n += l.queue.size() + (l.busy ? 1 : 0);
            }
            return n;
        }
    }

    Job job(String deliveryUuid) {
        return jobsByUuid.get(deliveryUuid);
    }

    void submit(Job job) {
        jobsByUuid.put(job.deliveryUuid(), job);
        if (drop) {
            record(job, 1, 1, Instant.now(), 0, "dropped by dropWebhooks(true)", Outcome.DROPPED, 0, Map.of(), null);
            return;
        }
        String key = job.target().webhookId() + "|" + job.workOrderId();
        boolean start;
        Lane lane;
        synchronized (lock) {
            lane = lanes.computeIfAbsent(key, k -> new Lane());
            lane.queue.add(job);
            start = !lane.busy;
            if (start) {
                lane.busy = true;
            }
        }
        if (start) {
            ExecutorService ex = executor;
            if (ex == null) {
                LOG.warn("webhook dispatcher not running; {} for work order {} not delivered", job.eventName(),
                        job.workOrderId());
                return;
            }
            ex.execute(() -> next(key, lane));
        }
    }

    private void next(String key, Lane lane) {
        Job job;
        synchronized (lock) {
            job = lane.queue.poll();
            if (job == null) {
                lane.busy = false;
                if (lanes.get(key) == lane) {
                    lanes.remove(key);
                }
                return;
            }
        }
        attempt(key, lane, job, 1);
    }

    private void attempt(String key, Lane lane, Job job, int attempt) {
        if (job.generation() != generation.get() || client == null) {
            next(key, lane);
            return;
        }
        sendCopies(job, attempt, 1, first -> {
            if (first == Outcome.RETRY_SCHEDULED) {
                long delay = retryBaseDelay.toMillis() * (1L << Math.min(attempt - 1, 20));
                try {
                    scheduler.schedule(() -> attempt(key, lane, job, attempt + 1), delay, TimeUnit.MILLISECONDS);
                } catch (RuntimeException e) {
                    // shut down
                }
            } else {
                next(key, lane);
            }
        });
    }

    /** Sends copy {@code copy} of {@code attempt}, then the further copies, then reports the first copy's outcome. */
    private void sendCopies(Job job, int attempt, int copy, Consumer<Outcome> done) {
        send(job, attempt, copy, outcome -> {
            int n = Math.max(1, copies);
            if (copy < n && job.generation() == generation.get()) {
                sendCopies(job, attempt, copy + 1, ignored -> done.accept(outcome));
            } else {
                done.accept(outcome);
            }
        });
    }

    private void send(Job job, int attempt, int copy, Consumer<Outcome> done) {
        Target t = job.target();
        Instant now = Instant.now();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "FieldNation-Webhooks/3.0 (sandbox)");
        if (t.secret() != null && !t.secret().isEmpty()) {
            headers.put("X-FN-Signature", "sha256=" + hmacSha256Hex(t.secret(), job.body()));
        }
        headers.put("X-FN-Delivery-Id", job.deliveryUuid() + ":" + attempt);
        headers.put("X-FN-Webhook-Id", t.webhookId());
        headers.put("X-FN-Event-Trace-Id", job.traceId());
        headers.put("X-FN-Request-Timestamp", String.valueOf(now.toEpochMilli()));
        headers.put("x-fn-event-name", job.eventName());
        headers.put("x-fn-timestamp", FnTime.isoUtc(now));
        HttpRequest.Builder b;
        try {
            b = HttpRequest.newBuilder(URI.create(t.url())).timeout(timeout)
                    .method(t.method().toUpperCase(Locale.ROOT), HttpRequest.BodyPublishers.ofByteArray(job.body()));
            headers.forEach(b::header);
            for (Map.Entry<String, String> h : t.headers().entrySet()) {
                try {
                    b.header(h.getKey(), h.getValue());
                    headers.put(h.getKey(), h.getValue());
                } catch (IllegalArgumentException e) {
                    // a header the JDK client refuses to set (Host, Connection...): skipped
                }
            }
        } catch (IllegalArgumentException e) {
            Outcome o = Outcome.FAILED_PERMANENT;
            record(job, attempt, copy, now, 0, "invalid webhook url: " + e.getMessage(), o, 0, headers, null);
            done.accept(o);
            return;
        }
        long started = System.nanoTime();
        inFlight.incrementAndGet();
        client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray()).whenComplete((resp, err) -> {
            inFlight.decrementAndGet();
            long ms = (System.nanoTime() - started) / 1_000_000;
            Outcome outcome;
            int status = 0;
            String error = null;
            String responseBody = null;
            if (err != null) {
                Throwable c = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                error = c instanceof HttpTimeoutException ? "timeout after " + timeout.toMillis() + " ms"
                        : c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
                outcome = retryOrGiveUp(attempt);
            } else {
                status = resp.statusCode();
                byte[] rb = resp.body();
                responseBody = rb == null ? "" : new String(rb, 0, Math.min(rb.length, 2048), StandardCharsets.UTF_8);
                if (status >= 200 && status < 300) {
                    outcome = Outcome.DELIVERED;
                } else if (status >= 500) {
                    outcome = retryOrGiveUp(attempt);
                } else {
                    outcome = Outcome.FAILED_PERMANENT;
                }
            }
            Outcome logged = copy > 1 ? Outcome.DUPLICATE_COPY : outcome;
            record(job, attempt, copy, now, status, error, logged, ms, headers, responseBody);
            try {
                done.accept(outcome);
            } catch (RuntimeException e) {
                LOG.warn("webhook dispatcher continuation failed", e);
            }
        });
    }

    private Outcome retryOrGiveUp(int attempt) {
        return attempt <= maxRetries ? Outcome.RETRY_SCHEDULED : Outcome.FAILED_EXHAUSTED;
    }

    private void record(Job job, int attempt, int copy, Instant at, int status, String error, Outcome outcome, long ms,
                        Map<String, String> headers, String responseBody) {
        Target t = job.target();
        deliveries.add(new WebhookDelivery(job.deliveryUuid() + ":" + attempt, job.deliveryUuid(), attempt, copy,
                t.webhookId(), job.eventName(), job.workOrderId(), job.traceId(), t.url(), t.method(), at, status, error,
                outcome, ms, Map.copyOf(headers), new String(job.body(), StandardCharsets.UTF_8), responseBody));
        synchronized (deliveries) {
            while (deliveries.size() > MAX_KEPT) {
                deliveries.remove(0);
            }
        }
    }

    /** Lowercase hex HMAC-SHA256 of {@code body} keyed with the UTF-8 bytes of {@code secret}. */
    static String hmacSha256Hex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
