package com.cwfn.sandbox;

import java.time.Instant;

/**
 * One request a sandbox received, as tests see it: what was called and what was answered, when it was answered
 * ({@code at}), and how many other requests the sandbox was serving when it arrived ({@code inFlight}: calls sent
 * together find each other in flight).
 */
public record LoggedRequest(Instant at, String method, String path, String query, int status, String body,
        int inFlight) {

    /** True for calls that change something (anything but GET and HEAD). */
    public boolean isWrite() {
        return !"GET".equals(method) && !"HEAD".equals(method);
    }

    @Override
    public String toString() {
        return method + " " + path + (query == null || query.isEmpty() ? "" : "?" + query) + " -> " + status;
    }
}
