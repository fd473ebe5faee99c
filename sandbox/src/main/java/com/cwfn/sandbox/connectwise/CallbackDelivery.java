package com.cwfn.sandbox.connectwise;

import java.time.Instant;

/**
 * One attempt to deliver a callback, as the sandbox recorded it.
 *
 * @param at         when the attempt finished
 * @param callbackId the callback entry that fired ({@code CallbackObjectRecId})
 * @param ticketId   the record ({@code ID}): the ticket, or the schedule entry of a {@code schedule} callback
 * @param action     added, updated or deleted
 * @param messageId  {@code MessageId}; the same on retries and on duplicates
 * @param attempt    1 for the first try, 2 and 3 for the retries
 * @param copy       1, or 2..n when {@code duplicateCallbacks(n)} sends the same message n times
 * @param url        the URL called (registered url + ticket id)
 * @param status     the receiver's HTTP status, or null when no answer came
 * @param error      why no answer came (timeout, connection refused ...), or null
 * @param body       the exact JSON body sent
 * @param signature  the {@code x-content-signature} header sent
 * @param type       the callback's {@code Type}: ticket or schedule
 */
public record CallbackDelivery(Instant at, long callbackId, long ticketId, String action, String messageId,
        int attempt, int copy, String url, Integer status, String error, String body, String signature, String type) {

    /** True when the receiver answered 2xx. */
    public boolean succeeded() {
        return status != null && status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        return "CallbackDelivery[cb=" + callbackId + " ticket=" + ticketId + " " + action + " msg=" + messageId
                + " attempt=" + attempt + " copy=" + copy + " -> " + (status != null ? status : error) + "]";
    }
}
