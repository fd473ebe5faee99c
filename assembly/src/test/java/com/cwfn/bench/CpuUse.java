package com.cwfn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * CPU used during a phase, from /proc: by the connector process, by this JVM (sandboxes and load generator), and by
 * everything else on the machine (a colleague's build, say), in cores. A run where "others" is not near 0 was
 * disturbed and is repeated.
 */
final class CpuUse {
    private final long connectorPid;
    private final long[] machine;
    private final long connector;
    private final long self;
    private final long startNanos;

    private CpuUse(long connectorPid) {
        this.connectorPid = connectorPid;
        this.machine = machine();
        this.connector = process(connectorPid);
        this.self = process(ProcessHandle.current().pid());
        this.startNanos = System.nanoTime();
    }

    static CpuUse start(long connectorPid) {
        return new CpuUse(connectorPid);
    }

    /** CPU seconds the connector process used since start. */
    double connectorSeconds() {
        return (process(connectorPid) - connector) / 100.0; // USER_HZ
    }

    /** "connector 1.2, sandboxes 0.7, others 0.0 cores of 2" since start. */
    String stop() {
        long[] m = machine();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double hz = 100.0; // USER_HZ
        double busy = ((m[0] - machine[0]) - (m[1] - machine[1])) / hz / seconds;
        double conn = (process(connectorPid) - connector) / hz / seconds;
        double bench = (process(ProcessHandle.current().pid()) - self) / hz / seconds;
        double others = Math.max(0, busy - conn - bench);
        return String.format(Locale.ROOT, "connector %.2f, sandboxes and load generator %.2f, other processes %.2f "
                + "cores of %d", conn, bench, others, Runtime.getRuntime().availableProcessors());
    }

    /** {total, idle+iowait} jiffies of all CPUs. */
    private static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** utime + stime of a process, jiffies. */
    private static long process(long pid) {
        try {
            String s = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
