package com.cwfn.sandbox.connectwise;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers callbacks the way ConnectWise does: a signed POST per change and callback entry, off the caller's thread,
 * 5 s timeout, any 2xx is success, 404/409/419/429 retried twice (after base, then 2 x base; base 2 s), everything
 * else not retried. Every attempt is recorded.
 */
final class CallbackSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackSender.class);
    private static final Set<Integer> RETRIED = Set.of(404, 409, 419, 429);
    private static final int MAX_ATTEMPTS = 3;

    /** One message to deliver (before copies and retries). */
    record Outgoing(long callbackId, String type, long ticketId, String action, String messageId, String url,
            byte[] body, String signature) {
    }

    private final ExecutorService ordered;
    private final ExecutorService io;
    private final ScheduledExecutorService scheduler;
    private final HttpClient http;
    private final List<CallbackDelivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicLong generation = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Duration retryBaseDelay = Duration.ofSeconds(2);
    private volatile Duration timeout = Duration.ofSeconds(5);
    private volatile boolean drop;
    private volatile int copies = 1;

    CallbackSender(String name) {
        ordered = Executors.newSingleThreadExecutor(daemon(name + "-callbacks"));
        io = Executors.newCachedThreadPool(daemon(name + "-callback-io"));
        scheduler = Executors.newSingleThreadScheduledExecutor(daemon(name + "-callback-retry"));
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(io)
                .build();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    // CPD-OFF: the sandbox signs with its own code, written from the reference, not the connector's
    // CallbackSignature: a sandbox that used the product's code would accept whatever scheme the product got wrong
    /** Base64(HMAC-SHA256(key = SHA-256(UTF-8 signingKey), body)). */
    static String sign(String signingKey, byte[] body) {
        try {
            byte[] key = MessageDigest.getInstance("SHA-256").digest(signingKey.getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign a callback", e);
        }
    }
    // CPD-ON

    void retryBaseDelay(Duration d) {
        retryBaseDelay = d;
    }

    Duration retryBaseDelay() {
        return retryBaseDelay;
    }

    void timeout(Duration d) {
        timeout = d;
    }

    void drop(boolean drop) {
        this.drop = drop;
    }

    boolean dropping() {
        return drop;
    }

    void copies(int n) {
        copies = Math.max(1, n);
    }

    List<CallbackDelivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** Attempts started and not yet recorded (including retries waiting for their turn). */
    int inFlight() {
        return inFlight.get();
    }

    /** Forgets recorded deliveries and abandons pending retries and switches. */
    void reset() {
        generation.incrementAndGet();
        deliveries.clear();
        drop = false;
        copies = 1;
    }

    /** Queues a message; returns at once. Queue order is send order for first attempts. */
    void send(Outgoing o) {
        if (drop) {
            LOG.info("dropping callback {} for ticket {} ({}) as asked", o.callbackId, o.ticketId, o.action);
            return;
        }
        long gen = generation.get();
        int n = copies;
        for (int copy = 1; copy <= n; copy++) {
            int c = copy;
            inFlight.incrementAndGet();
            try {
                ordered.execute(() -> attempt(o, 1, c, gen));
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                inFlight.decrementAndGet();
                LOG.debug("sandbox closed; callback {} for ticket {} not sent", o.callbackId, o.ticketId);
                return;
            }
        }
    }

    private void attempt(Outgoing o, int attempt, int copy, long gen) {
        if (gen != generation.get()) {
            inFlight.decrementAndGet();
            return;
        }
        HttpRequest req;
        try {
            req = HttpRequest.newBuilder(URI.create(o.url))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("x-content-signature", o.signature)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(o.body))
                    .build();
        } catch (RuntimeException e) {
            record(o, attempt, copy, null, "invalid URL: " + e.getMessage(), gen);
            inFlight.decrementAndGet();
            return;
        }
        http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((resp, err) -> {
            try {
                Integer status = resp == null ? null : resp.statusCode();
                String error = err == null ? null : describe(err);
                record(o, attempt, copy, status, error, gen);
                if (status != null && RETRIED.contains(status) && attempt < MAX_ATTEMPTS
                        && gen == generation.get()) {
                    long delay = retryBaseDelay.toMillis() * (1L << (attempt - 1));
                    inFlight.incrementAndGet();
                    try {
                        scheduler.schedule(() -> attempt(o, attempt + 1, copy, gen), delay, TimeUnit.MILLISECONDS);
                    } catch (java.util.concurrent.RejectedExecutionException closed) {
                        inFlight.decrementAndGet();
                    }
                }
            } finally {
                inFlight.decrementAndGet();
            }
        });
    }

    private static String describe(Throwable err) {
        Throwable t = err;
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException
                || t.getMessage() == null)) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    private void record(Outgoing o, int attempt, int copy, Integer status, String error, long gen) {
        if (gen != generation.get()) {
            return;
        }
        CallbackDelivery d = new CallbackDelivery(Instant.now(), o.callbackId, o.ticketId, o.action, o.messageId,
                attempt, copy, o.url, status, error, new String(o.body, StandardCharsets.UTF_8), o.signature, o.type);
        deliveries.add(d);
        LOG.debug("{}", d);
    }

    @Override
    public void close() {
        generation.incrementAndGet();
        List<ExecutorService> all = new ArrayList<>(List.of(ordered, scheduler, io));
        for (ExecutorService e : all) {
            e.shutdownNow();
        }
    }
}
