package com.cwfn.http;

/**
 * A call to ConnectWise or Field Nation failed: with an HTTP status, or with status 0 when no answer came
 * (connection refused, timeout). The message names the system, the call and the answer, never a secret.
 */
public class RemoteCallException extends RuntimeException {
    private final String system;
    private final String call;
    private final int status;
    private final Integer retryAfterSeconds;
    private final String responseBody;

    public RemoteCallException(String system, String call, int status, Integer retryAfterSeconds, String responseBody,
            Throwable cause) {
        super(describe(system, call, status, responseBody, cause), cause);
        this.system = system;
        this.call = call;
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
        this.responseBody = responseBody;
    }

    private static String describe(String system, String call, int status, String body, Throwable cause) {
        if (status == 0) {
            return system + " did not answer " + call + ": " + (cause == null ? "no response" : cause.getClass()
                    .getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
        }
        String b = body == null ? "" : body.strip();
        if (b.length() > 500) {
            b = b.substring(0, 500) + "...";
        }
        return system + " answered " + status + " to " + call + (b.isEmpty() ? "" : ": " + b);
    }

    public String system() {
        return system;
    }

    public String call() {
        return call;
    }

    /** HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public String responseBody() {
        return responseBody;
    }

    /** A passing failure is worth retrying: no answer, timeouts, 408, 409 (conflict), 429 and 5xx. */
    public boolean isPassing() {
        return status == 0 || status == 408 || status == 409 || status == 429 || status >= 500;
    }
}
