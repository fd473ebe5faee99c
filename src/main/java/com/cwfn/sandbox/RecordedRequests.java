package com.cwfn.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JVM-wide record of the requests every sandbox in this JVM received, whole (raw body, headers but the
 * {@code Authorization} header), for tests that check what a client sent against a published description. Off
 * unless the system property {@code sandbox.record-requests} is {@code true} or {@link #start()} was called, so the
 * demo keeps nothing; at most {@value #MAX} requests are kept.
 */
public final class RecordedRequests {
    private static final int MAX = 200_000;
    private static final ConcurrentLinkedQueue<Recorded> ALL = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger SIZE = new AtomicInteger();
    private static volatile boolean on = Boolean.getBoolean("sandbox.record-requests");

    /** One request: which sandbox ({@code connectwise} or {@code fieldnation}), what was sent, what was answered. */
    public record Recorded(String sandbox, String method, String path, String query, Map<String, String> headers,
            byte[] body, int status) {

        /** A header by name, any case, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return sandbox + ": " + method + " " + path + (query == null || query.isEmpty() ? "" : "?" + query)
                    + " -> " + status;
        }
    }

    private RecordedRequests() {
    }

    /** Records from now on (also without the system property). */
    public static void start() {
        on = true;
    }

    static void add(String sandbox, String method, String path, String query, Map<String, String> headers,
            byte[] body, int status) {
        if (!on || SIZE.get() >= MAX) {
            return;
        }
        Map<String, String> h = new TreeMap<>();
        headers.forEach((k, v) -> {
            if (!"authorization".equalsIgnoreCase(k)) {
                h.put(k.toLowerCase(Locale.ROOT), v);
            }
        });
        ALL.add(new Recorded(sandbox, method, path, query == null ? "" : query, h, body, status));
        SIZE.incrementAndGet();
    }

    /** Every request recorded so far, in arrival order. */
    public static List<Recorded> all() {
        return new ArrayList<>(ALL);
    }
}
