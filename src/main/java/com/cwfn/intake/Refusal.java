package com.cwfn.intake;

import com.cwfn.http.HttpAnswer;
import org.apache.camel.Exchange;

/**
 * An intake step's refusal: the HTTP answer (status, error, detail, and a Retry-After when the sender should try
 * again) and nothing recorded. routes/intake.camel.yaml answers it in {@code answer-refusal}.
 */
public final class Refusal extends RuntimeException {
    private final int status;
    private final String error;
    private final Integer retryAfterSeconds;

    Refusal(int status, String error, String detail) {
        this(status, error, detail, null);
    }

    Refusal(int status, String error, String detail, Integer retryAfterSeconds) {
        super(detail, null, false, false); // an answer, not a failure: no stack trace
        this.status = status;
        this.error = error;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    /** Writes the refusal caught on {@code exchange} as the JSON answer. */
    public static void answer(Exchange exchange) {
        Refusal r = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Refusal.class);
        HttpAnswer.error(exchange, r.status, r.error, r.getMessage());
        if (r.retryAfterSeconds != null) {
            exchange.getMessage().setHeader("Retry-After", String.valueOf(r.retryAfterSeconds));
        }
    }
}
