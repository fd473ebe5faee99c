package com.cwfn.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The built connector jar running as its own process, as operators run it. */
public final class JarProcess implements AutoCloseable {
    private final List<String> command;
    private final Path dir;
    private final Path log;
    private final int port;
    private final int managementPort;
    private Process process;
    private int starts;

    private JarProcess(List<String> command, Path dir, int port, int managementPort) {
        this.command = command;
        this.dir = dir;
        this.log = dir.resolve("connector.log");
        this.port = port;
        this.managementPort = managementPort;
    }

    /**
     * The command line of a test's JVM: {@code java}, then C1 alone and the serial collector (the test JVMs' own
     * flags too), then {@code args}. A connector in a test lives a minute at most: C2's compilations and G1's threads
     * would cost the suite's two cores more than they save. The benchmark runs the jar with the recommended flags
     * instead, as it ships.
     */
    public static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    public static Path jar() {
        return Path.of(System.getProperty("connector.jar", "target/cw-fn-connector.jar")).toAbsolutePath();
    }

    /** Prepares (does not start) a process in {@code dir} with {@code settings} as -D options. */
    public static JarProcess of(Path dir, Map<String, String> settings) {
        return of(dir, settings, jar());
    }

    /** The same for another build of the connector (an earlier release, in the upgrade test). */
    public static JarProcess of(Path dir, Map<String, String> settings, Path jar) {
        int port = Integer.parseInt(settings.getOrDefault("camel.server.port", String.valueOf(Ports.free())));
        int mgmt = Integer.parseInt(settings.getOrDefault("camel.management.port", String.valueOf(Ports.free())));
        List<String> cmd = java("-Xmx256m");
        cmd.add("-Dcamel.server.port=" + port);
        cmd.add("-Dcamel.management.port=" + mgmt);
        settings.forEach((k, v) -> {
            if (!k.equals("camel.server.port") && !k.equals("camel.management.port")) {
                cmd.add("-D" + k + "=" + v);
            }
        });
        cmd.add("-jar");
        cmd.add(jar.toString());
        return new JarProcess(cmd, dir, port, mgmt);
    }

    public int port() {
        return port;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Starts the process and waits until its health says UP. */
    public JarProcess start() {
        try {
            starts++;
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("connector exited with " + process.exitValue() + ":\n" + logText());
            }
            try {
                HttpResponse<String> r = Connector.HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + managementPort + "/observe/health")).timeout(Duration.ofSeconds(1)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("UP")) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(100);
        }
        throw new IllegalStateException("connector not healthy within 60 s:\n" + logText());
    }

    public String managementUrl(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    /** SIGTERM, as an orchestrator stops it; answers the exit code (-1 when it did not exit within {@code max}). */
    public int terminate(Duration max) {
        process.destroy();
        try {
            return process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** kill -9: no shutdown hook, no cleanup. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    public int starts() {
        return starts;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
