package com.cwfn.failure;

/** A failure that will not go away by retrying (bad data, a missing status, a refused request). */
public class PermanentFailure extends RuntimeException {
    public PermanentFailure(String message) {
        super(message);
    }

    public PermanentFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
