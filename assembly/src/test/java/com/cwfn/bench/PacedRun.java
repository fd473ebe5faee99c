package com.cwfn.bench;

import static com.cwfn.bench.Benchmark.CRITICAL_PATH_MS;
import static com.cwfn.bench.Benchmark.fmt;
import static com.cwfn.bench.Benchmark.percentile;
import static com.cwfn.bench.Benchmark.ratio;

import com.cwfn.testing.Env;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The paced latency phase: the connector at its default pace ({@code connectwise.requests-per-minute} unset, so
 * 800 a minute), 50 ms injected on every call, tickets one at a time with the budget otherwise idle (each callback
 * at least a second after the one before: about 7 calls a second, below the window's 760 a minute). A lone
 * dispatch should wait for no slot: its time is compared with the same critical path as the unpaced latency phase.
 * A connector process and sandboxes of its own (the other phases leave thousands of tickets a fresh connector would
 * reconcile), warmed up first by as many dispatches as the first process, without latency, 0.7 s apart.
 */
final class PacedRun {
    static final long GAP_MS = 1_000;
    static final long WARMUP_GAP_MS = 700;

    private final Benchmark main;

    /** @param main the benchmark whose table the results go to */
    PacedRun(Benchmark main) {
        this.main = main;
    }

    void run(Path jarFile, int n, int warmup) throws Exception {
        if (n == 0) {
            return;
        }
        try (Env env = Env.sandboxesOnly()) {
            env.cw.dropCallbacks(true); // the callbacks are sent by the benchmark, signed as ConnectWise signs them
            Benchmark b = new Benchmark(env, main.dir.resolve("paced"), 16);
            b.startJar(jarFile, "connector", Map.of()); // the default pace
            try {
                env.cw.latency(0);
                env.fn.latency(0);
                b.latencies(b.prepare(warmup, "Paced warm-up"), WARMUP_GAP_MS, "warmup-calls.txt");
                env.cw.latency(50);
                env.fn.latency(50);
                List<Long> tickets = b.prepare(n, "Paced");
                CpuUse cpu = CpuUse.start(b.jar.pid());
                List<Double> ms = b.latencies(tickets, GAP_MS, "calls.txt");
                main.note("CPU during the paced latency phase: " + cpu.stop() + ".");
                double p50 = percentile(ms, 50);
                double p99 = percentile(ms, 99);
                main.row("paced latency, median (default pace 800/min, 50 ms per call, " + n + " tickets one at a time, "
                        + GAP_MS / 1000 + " s apart)", fmt(p50) + " ms = " + ratio(p50 / CRITICAL_PATH_MS) + " × "
                        + CRITICAL_PATH_MS + " ms", "≤ 1.2×", p50 <= 1.2 * CRITICAL_PATH_MS);
                main.row("paced latency, p99", fmt(p99) + " ms = " + ratio(p99 / CRITICAL_PATH_MS) + " × "
                        + CRITICAL_PATH_MS + " ms", "", null);
            } finally {
                b.jar.close();
                main.notes.addAll(b.notes);
            }
        }
    }
}
