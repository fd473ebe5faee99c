package com.cwfn.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Records of a remote API that rarely change (ConnectWise sites, companies, contacts, board statuses; Field Nation
 * provider pools), kept for a time after they were read ({@code connectwise.cache-ttl-ms}; 0 = always read). Callers that want a record while it is
 * being read wait for that one read instead of making their own (a burst of tickets at one site reads the site
 * once). A read that fails is not kept. Callers get their own copy.
 */
public class ReferenceCache {
    private static final int TIDY_ABOVE = 10_000;

    private record Entry(CompletableFuture<JsonNode> value, long readAt) {
    }

    private final long ttlMs;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public ReferenceCache(long ttlMs, Clock clock) {
        this.ttlMs = ttlMs;
        this.clock = clock;
    }

    /** A cache that keeps nothing. */
    public static ReferenceCache off() {
        return new ReferenceCache(0, Clock.systemUTC());
    }

    /** The record under {@code key}, read with {@code read} unless a fresh copy is kept (or being read). */
    @SuppressWarnings("unchecked")
    public <T extends JsonNode> T get(String key, Supplier<T> read) {
        if (ttlMs <= 0) {
            return read.get();
        }
        long now = clock.millis();
        Entry mine = new Entry(new CompletableFuture<>(), now);
        Entry e = entries.compute(key, (k, old) -> old != null && now - old.readAt < ttlMs ? old : mine);
        if (e == mine) {
            tidy(now);
            try {
                mine.value.complete(read.get());
            } catch (RuntimeException failed) {
                entries.remove(key, mine);
                mine.value.completeExceptionally(failed);
                throw failed;
            }
        }
        try {
            return (T) e.value.join().deepCopy();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException r ? r : failed;
        }
    }

    /** Drops what is kept under {@code key}: the next get reads it. */
    public void forget(String key) {
        entries.remove(key);
    }

    private void tidy(long now) {
        if (entries.size() > TIDY_ABOVE) {
            entries.values().removeIf(x -> now - x.readAt >= ttlMs && x.value.isDone());
        }
    }
}
