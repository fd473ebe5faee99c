package com.cwfn.conformance;

import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.sandbox.SandboxServer;
import com.cwfn.sandbox.SandboxServer.Received;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks each request the connector sends to a sandbox as the sandbox receives it (a {@link
 * SandboxServer.RequestListener}), against its call of docs/api-conformance.md and that call's JSON Schema. One per
 * test world ({@code testing.Env} installs one on both its sandboxes); what does not conform is kept until a test asks
 * ({@link #assertConforms}), which {@link ConformanceExtension} does after each test and {@code Env.close()} does at
 * the end. Requests without the connector's {@code User-Agent} (the tests' own calls) are not checked.
 */
public final class ConformanceCheck implements SandboxServer.RequestListener {
    private static final int MAX_PROBLEMS = 200;
    private final List<Conformance.Row> rows = Conformance.rows();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    private final Set<String> seen = new ConcurrentSkipListSet<>();
    private final AtomicInteger checked = new AtomicInteger();
    private volatile boolean enabled = true;

    @Override
    public void received(Received r) {
        if (!enabled || !fromTheConnector(r)) {
            return;
        }
        checked.incrementAndGet();
        Conformance.rowOf(rows, r).ifPresent(row -> seen.add(row.normalized()));
        for (String p : Conformance.problems(rows, r)) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(p + " [" + r + "]");
            }
        }
    }

    static boolean fromTheConnector(Received r) {
        String ua = r.header("user-agent");
        return ua != null && (ua.equals(FieldNationClient.USER_AGENT) || ua.equals(ConnectWiseClient.USER_AGENT));
    }

    /**
     * Stops checking, for a test whose connector is not this build's (an earlier release, whose requests followed the
     * descriptions of its day). Say why where it is called.
     */
    public void disable() {
        enabled = false;
    }

    /** Starts checking again. */
    public void enable() {
        enabled = true;
    }

    /** How many of the connector's requests were checked so far. */
    public int checked() {
        return checked.get();
    }

    /** The calls of docs/api-conformance.md seen so far, as {@code METHOD /path/{}}. */
    public Set<String> seen() {
        return new TreeSet<>(seen);
    }

    /** What did not conform since the last call, each naming the request and the schema error; and forgets it. */
    public List<String> takeProblems() {
        List<String> out = new ArrayList<>();
        for (String p; (p = problems.poll()) != null; ) {
            out.add(p);
        }
        return out;
    }

    /** Fails, naming each request that did not conform since the last call and why. */
    public void assertConforms() {
        List<String> out = takeProblems();
        if (!out.isEmpty()) {
            throw new AssertionError("requests to the sandboxes that do not conform to docs/api-conformance.md ("
                    + out.size() + "):\n  " + String.join("\n  ", out));
        }
    }
}
