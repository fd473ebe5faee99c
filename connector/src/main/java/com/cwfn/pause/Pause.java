package com.cwfn.pause;

import java.time.Duration;
import java.time.Instant;

/**
 * The signal that work must wait until a time for a cause outside the event being worked: an API that answered 429
 * (every call to it waits), or, reusing the same mechanism, a database that does not answer. It is not a failure of
 * the event. An event that meets a pause goes back to the inbox due at {@link #until()}: its claim is released, no
 * attempt is counted, there is no backoff, and the paused time does not count toward giving up
 * ({@code connector.retry.give-up-after-ms}); see {@code inbox.FailureHandler} and {@code store.InboxStore#pauseUntil}.
 *
 * <p>Raise a pause with {@link Pauses#raise} (logged once per pause, counted in the metrics) and throw
 * {@link Pauses#signal}; anything in the cause chain of a failure that is a {@code Pause} makes it one.
 */
public final class Pause extends RuntimeException {
    private final String resource;
    private final long until;
    private final String reason;

    /**
     * @param resource what is paused, e.g. {@code ConnectWise}, {@code Field Nation}, {@code database}
     * @param until epoch milliseconds when work may go on
     * @param reason one line on why, without secrets
     * @param trigger what raised it (the 429 answer), or null
     */
    public Pause(String resource, long until, String reason, Throwable trigger) {
        // a signal, thrown often during a storm: no stack trace to fill
        super(resource + " is paused until " + Instant.ofEpochMilli(until) + ": " + reason, trigger, false, false);
        this.resource = resource;
        this.until = until;
        this.reason = reason;
    }

    public String resource() {
        return resource;
    }

    /** Epoch milliseconds when work may go on. */
    public long until() {
        return until;
    }

    public String reason() {
        return reason;
    }

    /** The time from now to the pause's end, never negative: how long a client is asked to wait. */
    public Duration remaining() {
        return Duration.ofMillis(Math.max(0, until - System.currentTimeMillis()));
    }
}
