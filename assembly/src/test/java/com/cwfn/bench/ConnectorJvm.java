package com.cwfn.bench;

import com.cwfn.testing.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built connector jar as its own process ({@code -Xmx256m}, default settings apart from where ConnectWise and
 * Field Nation are), timed from process start to health UP, with what the benchmark reads from outside: peak RSS,
 * GC time from {@code /observe/metrics}, a JFR recording through {@code jcmd}, and the admin API.
 */
final class ConnectorJvm implements AutoCloseable {
    static final String ADMIN_PASSWORD = "bench-admin-password";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    /**
     * The recommended JVM flags and environment of docs/operations.md (Memory and JVM flags), besides the heap's
     * -Xmx: keep the two the same.
     */
    static final List<String> RECOMMENDED = List.of("-XX:+UseParallelGC", "-XX:MaxMetaspaceSize=128m",
            "-XX:ReservedCodeCacheSize=64m", "-XX:MaxDirectMemorySize=64m", "-XX:TrimNativeHeapInterval=5000",
            "-Dio.netty.allocator.numDirectArenas=1", "-XX:ThreadPriorityPolicy=1", "MALLOC_ARENA_MAX=2");

    private final Path dir;
    private final int port;
    private final int managementPort;
    private final Process process;
    private final long startupMs;

    private ConnectorJvm(Path dir, int port, int managementPort, Process process, long startupMs) {
        this.dir = dir;
        this.port = port;
        this.managementPort = managementPort;
        this.process = process;
        this.startupMs = startupMs;
    }

    /**
     * The JVM options and environment the connector runs with here: {@code -Xmx256m} and, unless
     * {@code -Dbench.jvm-options} says otherwise ({@code none}, or options separated by spaces, where a
     * {@code NAME=value} token is an environment variable), the recommended ones of docs/operations.md (Memory and
     * JVM flags); with {@code -Dbench.nmt=true} also native memory tracking (a summary is kept at the end).
     */
    static List<String> jvmOptions() {
        List<String> out = new ArrayList<>(List.of("-Xmx256m"));
        String chosen = System.getProperty("bench.jvm-options", "recommended").trim();
        if (chosen.equals("recommended") || chosen.isEmpty()) {
            out.addAll(RECOMMENDED);
        } else if (!chosen.equals("none")) {
            out.addAll(List.of(chosen.split("\\s+")));
        }
        if (Boolean.getBoolean("bench.nmt")) {
            out.add("-XX:NativeMemoryTracking=summary");
        }
        return out;
    }

    /** Starts the jar in {@code dir} with {@code settings} as -D options and waits for health UP. */
    static ConnectorJvm start(Path jar, Path dir, Map<String, String> settings) throws IOException {
        int port = Integer.parseInt(settings.get("camel.server.port"));
        int mgmt = Ports.free();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Map<String, String> environment = new java.util.LinkedHashMap<>();
        for (String option : jvmOptions()) {
            int eq = option.indexOf('=');
            if (!option.startsWith("-") && eq > 0) {
                environment.put(option.substring(0, eq), option.substring(eq + 1));
            } else {
                cmd.add(option);
            }
        }
        cmd.add("-Dcamel.management.port=" + mgmt);
        cmd.add("-Dadmin.password=" + ADMIN_PASSWORD);
        settings.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(jar.toString());
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("connector.log").toFile()));
        builder.environment().putAll(environment);
        Process p = builder.start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("connector exited with " + p.exitValue() + "; see "
                        + dir.resolve("connector.log"));
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mgmt
                        + "/observe/health")).timeout(Duration.ofSeconds(1)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("UP")) {
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    return new ConnectorJvm(dir, port, mgmt, p, ms);
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Benchmark.sleep(20);
        }
        p.destroyForcibly();
        throw new IllegalStateException("connector not healthy within 60 s; see " + dir.resolve("connector.log"));
    }

    long startupMs() {
        return startupMs;
    }

    long pid() {
        return process.pid();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** An admin API call (HTTP Basic); answers the body, or fails on anything but 2xx. */
    String admin(String method, String path) {
        String auth = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest r = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + auth)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> resp = send(r);
        if (resp.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + ": " + resp.statusCode() + " " + resp.body());
        }
        return resp.body();
    }

    String metrics() {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/observe/metrics"))
                .timeout(Duration.ofSeconds(10)).GET().build()).body();
    }

    /** Sum of every series of a Prometheus metric (e.g. all GC pause causes). */
    static double sum(String metrics, String name) {
        double total = 0;
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(metrics);
        while (m.find()) {
            total += Double.parseDouble(m.group(2));
        }
        return total;
    }

    /** VmHWM of the process: the peak resident set size, in MiB. */
    long peakRssMib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** The native memory summary ({@code jcmd VM.native_memory summary}, with {@code -Dbench.nmt=true}) into {@code file}. */
    void nativeMemory(Path file) {
        jcmd(file, "VM.native_memory", "summary");
    }

    /** jcmd JFR.start (settings=profile) into {@code file}. */
    void startRecording(Path file) {
        jcmd("JFR.start", "name=bench", "settings=profile", "filename=" + file);
    }

    void stopRecording() {
        jcmd("JFR.stop", "name=bench");
    }

    private void jcmd(String... args) {
        jcmd(dir.resolve("jcmd.log"), args);
    }

    private void jcmd(Path output, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        cmd.add(String.valueOf(pid()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile())).start();
            p.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static HttpResponse<String> send(HttpRequest r) {
        try {
            return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(r.method() + " " + r.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, as an operator stops it; waits for it to exit. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
