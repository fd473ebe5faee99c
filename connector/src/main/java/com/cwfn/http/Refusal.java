package com.cwfn.http;

import com.cwfn.pause.Pause;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the connector says no to an HTTP request, wherever it is asked: an intake check, the admin login or an admin
 * operation, the console, the management port. A refusal is an answer, not a failure: it changes nothing, it is
 * thrown by the part that refuses and written by {@link Refusals} alone (routes/refusals.camel.yaml answers it for
 * every HTTP route), with
 * <ul>
 *   <li>its status and a short {@linkplain #error() reason} ({@code "not found"}, {@code "database unavailable"});</li>
 *   <li>a detail for people ({@link #getMessage()}), saying what to do; never a secret (the writer masks them);</li>
 *   <li>when the client should try again, how long it waits: from a {@link Pause}, a login lockout, or one of the
 *       fixed waits below ({@link #SOON}, {@link #DATABASE_DOWN}); the writer says it as {@code Retry-After};</li>
 *   <li>the body's form: JSON ({@code {"status", "error", "detail"}} and any {@linkplain #with(String, Object)
 *       further fields}), or a {@linkplain #page(String) page} (the console's), and any further answer headers.</li>
 * </ul>
 * Immutable: each {@code with}-style method answers a copy.
 */
public final class Refusal extends RuntimeException {
    /** The wait when the connector cannot answer just now: it is starting or stopping, or a quick read failed. */
    public static final Duration SOON = Duration.ofSeconds(2);
    /** The wait of an admin, console or management request while the connector's database does not answer. */
    public static final Duration DATABASE_DOWN = Duration.ofSeconds(5);

    private final int status;
    private final String error;
    private final Long retryAfterSeconds;
    private final Map<String, String> headers;
    private final Map<String, Object> fields;
    private final String page;

    /** A refusal with a JSON body of its status, reason and detail ({@code detail} may be null: left out). */
    public Refusal(int status, String error, String detail) {
        this(status, error, detail, null, Map.of(), Map.of(), null);
    }

    /** 503: the connector's database does not answer; the client tries again after {@link #DATABASE_DOWN}. */
    public static Refusal databaseUnavailable() {
        return new Refusal(503, "database unavailable", "the connector's database does not answer; please retry")
                .retryAfter(DATABASE_DOWN);
    }

    private Refusal(int status, String error, String detail, Long retryAfterSeconds, Map<String, String> headers,
            Map<String, Object> fields, String page) {
        super(detail, null, false, false); // an answer, not a failure: no stack trace
        this.status = status;
        this.error = error;
        this.retryAfterSeconds = retryAfterSeconds;
        this.headers = headers;
        this.fields = fields;
        this.page = page;
    }

    /** The client may try again after {@code wait} (whole seconds, rounded up, at least 1). */
    public Refusal retryAfter(Duration wait) {
        return new Refusal(status, error, getMessage(), seconds(wait), headers, fields, page);
    }

    /** The client may try again when {@code pause} ends. */
    public Refusal retryAfter(Pause pause) {
        return retryAfter(pause.remaining());
    }

    /** The same refusal with one more answer header (a challenge, the methods allowed, ...). */
    public Refusal header(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Refusal(status, error, getMessage(), retryAfterSeconds, Collections.unmodifiableMap(h), fields,
                page);
    }

    /** The same refusal with these answer headers added, in their order. */
    public Refusal headers(Map<String, String> more) {
        Refusal r = this;
        for (Map.Entry<String, String> e : more.entrySet()) {
            r = r.header(e.getKey(), e.getValue());
        }
        return r;
    }

    /** The same refusal with one more field in its JSON body, after status, error and detail (text or number). */
    public Refusal with(String name, Object value) {
        Map<String, Object> f = new LinkedHashMap<>(fields);
        f.put(name, value);
        return new Refusal(status, error, getMessage(), retryAfterSeconds, headers, Collections.unmodifiableMap(f),
                page);
    }

    /** The same refusal answered as this HTML page instead of JSON (the console's pages). */
    public Refusal page(String html) {
        return new Refusal(status, error, getMessage(), retryAfterSeconds, headers, fields, html);
    }

    /** Whole seconds of a wait, rounded up, at least 1: what the client is told to wait. */
    public static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    public int status() {
        return status;
    }

    /** The short reason: the JSON body's {@code error}. */
    public String error() {
        return error;
    }

    /** Seconds the client waits before trying again; null when it need not. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    Map<String, String> headers() {
        return headers;
    }

    Map<String, Object> fields() {
        return fields;
    }

    /** The HTML page answered instead of JSON, or null. */
    String page() {
        return page;
    }
}
