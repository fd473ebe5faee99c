package com.cwfn.jar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cwfn.settings.PropertySources;
import com.cwfn.testing.Connector;
import com.cwfn.testing.Env;
import com.cwfn.testing.Ports;
import com.cwfn.testing.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The connector's image (Containerfile) run by podman, as deploy/test/run.sh builds it: the sandbox demo reaches
 * Closed and the image's health check answers; two containers on one PostgreSQL (read-only root file system, as the
 * Kubernetes manifest runs them) dispatch 50 tickets exactly once, and one stopped with SIGTERM mid-load exits 0 and
 * loses nothing. Runs only with {@code -Dcontainer.image=...} and {@code -Dpodman.command=...} (the podman command
 * with its storage and runtime options); containers use the host's network, so they reach the sandboxes and the
 * embedded PostgreSQL of this JVM on 127.0.0.1.
 */
@EnabledIfSystemProperty(named = "container.image", matches = ".+")
class ContainerIT {
    static final String IMAGE = System.getProperty("container.image");
    static final int TICKETS = 50;

    /** One container of the image, started detached. */
    static final class Container implements AutoCloseable {
        final String name;
        final int port;
        final int managementPort;

        Container(String name, Map<String, String> settings, String... args) {
            this.name = name + "-" + UUID.randomUUID().toString().substring(0, 8);
            this.port = Integer.parseInt(settings.getOrDefault("camel.server.port", String.valueOf(Ports.free())));
            this.managementPort = Ports.free();
            List<String> cmd = new ArrayList<>(List.of("run", "-d", "--name", this.name, "--network", "host",
                    "--memory", "512m", "--read-only", "--tmpfs", "/tmp", "--health-interval", "disable",
                    "-e", "CAMEL_SERVER_PORT=" + port, "-e", "CAMEL_MANAGEMENT_PORT=" + managementPort));
            settings.forEach((k, v) -> {
                if (!k.equals("camel.server.port")) {
                    cmd.add("-e");
                    cmd.add(PropertySources.environmentVariable(k) + "=" + v);
                }
            });
            cmd.add(IMAGE);
            cmd.addAll(Arrays.asList(args));
            podman(cmd, 120);
        }

        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        Container awaitHealthy() {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(running()).as("container %s running:%n%s", name, logs()).isTrue();
                try {
                    HttpResponse<String> r = Connector.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + managementPort + "/observe/health")).timeout(Duration.ofSeconds(2)).GET().build());
                    return r.statusCode() == 200;
                } catch (RuntimeException e) {
                    return false;
                }
            });
            return this;
        }

        boolean running() {
            return podman(List.of("inspect", "-f", "{{.State.Running}}", name), 60).trim().equals("true");
        }

        String logs() {
            return podman(List.of("logs", name), 60);
        }

        /** The image's HEALTHCHECK, run now: its exit code. */
        int healthcheck() {
            return exitOf(List.of("healthcheck", "run", name), 60);
        }

        /** podman stop: SIGTERM, then (after 60 s, never reached here) SIGKILL; answers the exit code. */
        int stop() {
            podman(List.of("stop", "-t", "60", name), 120);
            return Integer.parseInt(podman(List.of("inspect", "-f", "{{.State.ExitCode}}", name), 60).trim());
        }

        @Override
        public void close() {
            exitOf(List.of("rm", "-f", "-v", name), 120);
        }
    }

    static List<String> podmanCommand() {
        return Arrays.asList(System.getProperty("podman.command", "podman").trim().split("\\s+"));
    }

    static String podman(List<String> args, int seconds) {
        ProcessResult r = exec(args, seconds);
        if (r.exit != 0) {
            throw new AssertionError("podman " + String.join(" ", args) + " exited " + r.exit + ":\n" + r.out);
        }
        return r.out;
    }

    static int exitOf(List<String> args, int seconds) {
        return exec(args, seconds).exit;
    }

    record ProcessResult(int exit, String out) {
    }

    static ProcessResult exec(List<String> args, int seconds) {
        List<String> cmd = new ArrayList<>(podmanCommand());
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new ProcessResult(-1, new String(out, StandardCharsets.UTF_8));
            }
            return new ProcessResult(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theSandboxDemoReachesClosedInTheImage() {
        try (Container demo = new Container("cwfn-demo", Map.of(), "--sandbox")) {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> demo.logs().contains("status -> Closed"));
            demo.awaitHealthy();
            assertThat(demo.healthcheck()).as("the image's HEALTHCHECK").isZero();
            assertThat(demo.logs()).contains("Field Nation work order #").contains("status -> Closed");
            assertThat(demo.stop()).as("SIGTERM reaches java, which exits 0").isZero();
        }
    }

    @Test
    void twoContainersOnOnePostgresDispatchEachTicketOnceAndOneStoppedMidLoadLosesNothing() throws Exception {
        String dbUrl = TestDatabases.postgres();
        try (Env env = Env.sandboxesOnly()) {
            Map<String, String> a = settings(env, dbUrl, "container-a");
            Map<String, String> b = settings(env, dbUrl, "container-b");
            try (Container one = new Container("cwfn-a", a); Container two = new Container("cwfn-b", b)) {
                one.awaitHealthy();
                two.awaitHealthy();
                List<Long> tickets = new ArrayList<>();
                for (int i = 0; i < TICKETS; i++) {
                    tickets.add(env.silentTicketInTriggerStatus("Container ticket " + i));
                }
                ExecutorService pool = Executors.newFixedThreadPool(6);
                List<Future<Integer>> sent = new ArrayList<>();
                for (long id : tickets) {
                    String body = env.callbackBody(id, UUID.randomUUID().toString(), "updated");
                    // the same callback to both (a retry landing on the other container), as a load balancer would
                    sent.add(pool.submit(() -> deliver(env, List.of(one, two), body)));
                    sent.add(pool.submit(() -> deliver(env, List.of(two, one), body)));
                }
                await().atMost(Duration.ofSeconds(120)).until(() -> env.fn.workOrders().size() >= TICKETS / 5);
                int atStop = env.fn.workOrders().size();
                assertThat(one.stop()).as("the container stopped with SIGTERM mid-load exits 0:%n%s", one.logs())
                        .isZero();
                for (Future<Integer> f : sent) {
                    assertThat(f.get()).isEqualTo(202);
                }
                pool.shutdown();
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                        .until(() -> tickets.stream().allMatch(id -> env.workOrdersOf(id).size() >= 1
                                && env.notesContaining(id, "Dispatched to Field Nation") >= 1));
                await().atMost(Duration.ofSeconds(60)).until(() -> SpreadIT.count(dbUrl,
                        "SELECT COUNT(*) FROM inbox_event WHERE status IN ('pending', 'processing')") == 0);
                Thread.sleep(2000); // on purpose: a second work order or note would appear by now
                for (long id : tickets) {
                    assertThat(env.workOrdersOf(id)).as("work orders of %d", id).hasSize(1);
                    assertThat(env.notesContaining(id, "Dispatched to Field Nation")).as("notes of %d", id)
                            .isEqualTo(1);
                }
                assertThat(env.fn.workOrders()).hasSize(TICKETS);
                assertThat(SpreadIT.count(dbUrl, "SELECT COUNT(*) FROM inbox_event WHERE status = 'failed'")).isZero();
                System.out.printf("containers: %d of %d work orders existed when container A got SIGTERM%n", atStop,
                        TICKETS);
            }
        }
    }

    /**
     * Posts a callback to the first container that takes it, as ConnectWise retries one answered 429 (a container
     * stopping) or not answered at all (stopped).
     */
    static int deliver(Env env, List<Container> to, String body) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            for (Container c : to) {
                try {
                    int status = env.postCallbackTo(c.url(""), "container-token", body).statusCode();
                    if (status == 202) {
                        return status;
                    }
                } catch (RuntimeException e) {
                    // not listening (stopped): the next one
                }
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        return -1;
    }

    static Map<String, String> settings(Env env, String dbUrl, String instance) {
        Map<String, String> s = new HashMap<>(ClusterIT.settings(env, dbUrl, instance));
        s.put("connectwise.callback-token", "container-token");
        return s;
    }
}
