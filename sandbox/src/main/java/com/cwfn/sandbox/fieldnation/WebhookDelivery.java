package com.cwfn.sandbox.fieldnation;

import java.time.Instant;
import java.util.Map;

/**
 * One webhook delivery attempt as the sandbox made it (or dropped it).
 *
 * @param deliveryId     the {@code X-FN-Delivery-Id} header value, {@code <uuid>:<attempt>}
 * @param deliveryUuid   the uuid part, the same for every attempt and copy of one delivery
 * @param attempt        1 for the first attempt, 2 for the first retry, ...
 * @param copy           1, or 2..n for the extra copies sent by {@code duplicateWebhooks(n)}
 * @param status         the receiver's HTTP status, or 0 when there was none (connection error, timeout, dropped)
 * @param error          null, or what went wrong without an HTTP status
 * @param outcome        what the sandbox did with this attempt
 */
public record WebhookDelivery(
        String deliveryId,
        String deliveryUuid,
        int attempt,
        int copy,
        String webhookId,
        String eventName,
        long workOrderId,
        String eventTraceId,
        String url,
        String method,
        Instant at,
        int status,
        String error,
        Outcome outcome,
        long durationMs,
        Map<String, String> requestHeaders,
        String requestBody,
        String responseBody) {

    /** What happened to an attempt. */
    public enum Outcome {
        /** 2xx. */
        DELIVERED,
        /** 5xx, timeout or connection error; another attempt is scheduled. */
        RETRY_SCHEDULED,
        /** 404/410/other 4xx: permanent, not retried. */
        FAILED_PERMANENT,
        /** Retryable failure but the retries are used up. */
        FAILED_EXHAUSTED,
        /** An extra copy sent by duplicateWebhooks(n); its answer does not steer retries. */
        DUPLICATE_COPY,
        /** Not sent because dropWebhooks(true). */
        DROPPED
    }

    public boolean success() {
        return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        return "WebhookDelivery[" + deliveryId + " " + eventName + " wo=" + workOrderId + " -> "
                + (status != 0 ? status : error) + " " + outcome + "]";
    }
}
