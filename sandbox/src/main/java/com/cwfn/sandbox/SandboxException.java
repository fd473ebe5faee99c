package com.cwfn.sandbox;

/** Thrown by a sandbox handler to answer with an error; the server renders it in the API's own error shape. */
public class SandboxException extends RuntimeException {
    private final int status;
    private final transient Object body;

    public SandboxException(int status, String message) {
        this(status, message, null);
    }

    /** @param body the exact error body to send, or null to let the server render {@code message} */
    public SandboxException(int status, String message, Object body) {
        super(message);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public Object body() {
        return body;
    }
}
