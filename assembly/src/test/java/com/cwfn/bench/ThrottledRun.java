package com.cwfn.bench;

import static com.cwfn.bench.Benchmark.fmt;
import static com.cwfn.bench.Benchmark.millis;
import static com.cwfn.bench.Benchmark.ratio;
import static com.cwfn.bench.Benchmark.waitUntil;

import com.cwfn.sandbox.LoggedRequest;
import com.cwfn.sandbox.connectwise.CwThrottle;
import com.cwfn.testing.Env;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The throttled run of the benchmark: the burst (60 tickets at once, a Monday morning or reconciliation
 * catching up) against a ConnectWise sandbox that throttles at 1,000 requests a minute, as a sliding window of a sixth
 * of that in any 10 s, answering 429 with Retry-After above it; the connector (a fresh process, its own database) at
 * {@code connectwise.requests-per-minute=960}, 20 ms injected on every call, on sandboxes of its own. Reports the ConnectWise calls per
 * dispatch, the 429s, the time from the first callback to the last ConnectWise call against the lower bound (the
 * calls at 1,000 a minute), dispatches per minute, and the most requests in any 10 s.
 */
final class ThrottledRun {
    static final int SANDBOX_PER_MINUTE = 1000;
    static final int CONNECTOR_PER_MINUTE = 960;
    static final Duration WINDOW = Duration.ofSeconds(10);

    private final Benchmark main;
    private Benchmark b;

    /** @param main the benchmark whose table the results go to */
    ThrottledRun(Benchmark main) {
        this.main = main;
    }

    void run(Path jarFile, int n) throws Exception {
        if (n == 0) {
            return;
        }
        // sandboxes and a connector of its own: the phases before leave thousands of tickets that a connector would
        // otherwise reconcile or catch up on, and that would be measured with the burst
        try (Env env = Env.sandboxesOnly()) {
            env.cw.dropCallbacks(true); // the callbacks are sent by the benchmark, signed as ConnectWise signs them
            b = new Benchmark(env, main.dir.resolve("throttled"), 16);
            b.startJar(jarFile, "connector", Map.of("connectwise.requests-per-minute",
                    String.valueOf(CONNECTOR_PER_MINUTE)));
            CwThrottle throttle = env.cw.throttle();
            try {
                env.cw.latency(20);
                env.fn.latency(20);
                List<Long> tickets = b.prepare(n, "Throttled");
                List<Benchmark.Callback> cbs = b.callbacks(tickets);
                CpuUse cpu = CpuUse.start(b.jar.pid());
                throttle.limit(SANDBOX_PER_MINUTE / 6, WINDOW);
                Instant t0 = Instant.now();
                b.sendAll(cbs, 8);
                waitUntil(() -> tickets.stream().allMatch(id -> env.notesContaining(id, "Dispatched to Field Nation")
                        == 1), 900, "throttled dispatches");
                b.quiesce();
                main.note("CPU during the throttled run: " + cpu.stop() + ".");
                report(tickets, throttle, t0);
                callsByKind(t0);
            } finally {
                throttle.off();
                b.jar.close();
                main.notes.addAll(b.notes);
            }
        }
    }

    /** The ConnectWise calls of the run by kind (ids left out), into throttled-calls.txt and the notes. */
    private void callsByKind(Instant t0) throws IOException {
        Map<String, Long> kinds = new java.util.TreeMap<>();
        for (LoggedRequest r : b.env.cw.requests(r -> !r.at().isBefore(t0))) {
            String kind = r.method() + " " + r.path().replaceAll(".*/apis/3\\.0", "").replaceAll("/\\d+", "/{id}")
                    .replaceAll(".*/callbackkey/.*", "callback signing key") + (r.status() == 429 ? " (429)" : "");
            kinds.merge(kind, 1L, Long::sum);
        }
        List<String> lines = kinds.entrySet().stream().map(e -> e.getValue() + "  " + e.getKey()).toList();
        java.nio.file.Files.write(main.dir.resolve("throttled-calls.txt"), lines);
        long first = b.env.cw.throttle().arrivals().get(0).atMillis();
        java.nio.file.Files.write(main.dir.resolve("throttled-arrivals.txt"), b.env.cw.throttle().arrivals().stream()
                .map(a -> (a.atMillis() - first) + (a.refused() ? " 429" : "")).toList());
        main.note("ConnectWise calls of the throttled run by kind: " + String.join("; ", lines) + ".");
    }

    private void report(List<Long> tickets, CwThrottle throttle, Instant t0) {
        int n = tickets.size();
        List<CwThrottle.Arrival> arrivals = throttle.arrivals();
        long refused = throttle.refused();
        long served = arrivals.size() - refused;
        Instant last = Instant.ofEpochMilli(arrivals.stream().map(CwThrottle.Arrival::atMillis)
                .max(Comparator.naturalOrder()).orElseThrow());
        double seconds = millis(t0, last) / 1000;
        double lowerBound = served * 60.0 / SANDBOX_PER_MINUTE;
        long once = tickets.stream().filter(id -> b.env.workOrdersOf(id).size() == 1).count();
        String against = "sandbox at " + SANDBOX_PER_MINUTE + "/min (" + SANDBOX_PER_MINUTE / 6 + " in any 10 s), "
                + "connector at " + CONNECTOR_PER_MINUTE + "/min, 20 ms per call";
        main.row("throttled: " + n + " tickets at once, " + against, once + "/" + n + " with exactly one work order",
                "all", once == n);
        main.row("  ConnectWise calls per dispatch", fmt(served / (double) n) + " (" + served + " calls)", "", null);
        main.row("  answered 429", refused + " of " + arrivals.size() + " requests ("
                + fmt(100.0 * refused / arrivals.size()) + " %)", "≤ 2 %", refused * 50 <= arrivals.size());
        main.row("  first callback to last ConnectWise call", fmt(seconds) + " s = " + ratio(seconds / lowerBound)
                + " × the lower bound " + fmt(lowerBound) + " s (" + served + " calls at " + SANDBOX_PER_MINUTE
                + "/min)", "≤ 1.2×", seconds <= 1.2 * lowerBound);
        main.row("  dispatches per minute", fmt(n / seconds * 60), "", null);
        main.row("  most requests in any 10 s", String.valueOf(throttle.mostInAnyWindow(WINDOW)), "≤ "
                + CONNECTOR_PER_MINUTE / 6, throttle.mostInAnyWindow(WINDOW) <= CONNECTOR_PER_MINUTE / 6);
    }
}
