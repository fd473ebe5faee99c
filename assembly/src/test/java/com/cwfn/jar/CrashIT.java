package com.cwfn.jar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import com.cwfn.testing.Env;
import com.cwfn.testing.JarProcess;
import com.cwfn.testing.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the connector process in the middle of a 200-ticket load, then a restart: every ticket gets exactly
 * one work order and one dispatched note, and every status the work orders reached in Field Nation while the
 * connector was dead or dying still reaches ConnectWise.
 */
class CrashIT {
    static final int TICKETS = 200;

    @Test
    void killDashNineDuringLoadLosesNothingAndDuplicatesNothing(@TempDir Path dir) throws Exception {
        try (Env env = Env.sandboxesOnly()) {
            env.cw.callbackRetryDelay(Duration.ofMillis(200));
            int port = Ports.free();
            Map<String, String> s = new HashMap<>(env.sandboxSettings(port));
            s.put("db.url", "jdbc:h2:file:" + dir.resolve("db/connector"));
            s.put("connectwise.callback-token", "crash-token");
            s.put("connector.instance-id", "crash-test");
            s.put("connector.poll-interval-ms", "200");
            s.put("connector.reconcile-interval-ms", "2000");
            s.put("connector.retry.first-delay-ms", "300");
            s.put("connectwise.requests-per-minute", "0"); // unpaced: this test is about crashes, not the budget
            try (JarProcess jar = JarProcess.of(dir, s)) {
                jar.start();
                env.registerCallback(jar.url(""), "crash-token");
                env.registerWebhook(jar.url(""));

                List<Long> tickets = new ArrayList<>();
                env.cw.dropCallbacks(true);
                Instant start = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
                for (int i = 0; i < TICKETS; i++) {
                    long id = env.newTicket("Load ticket " + i, t -> { });
                    env.cw.addScheduleEntry(id, start, start.plus(Duration.ofHours(1)));
                    tickets.add(id);
                }
                env.cw.dropCallbacks(false);

                // phase 1: dispatch 200 tickets; kill -9 the connector once a third of them have work orders
                ExecutorService pool = Executors.newFixedThreadPool(8);
                List<Future<?>> sent = new ArrayList<>();
                for (long id : tickets) {
                    sent.add(pool.submit(() -> env.cw.setStatus(id, "Dispatch to FN")));
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> env.fn.workOrders().size() >= TICKETS / 3);
                jar.kill();
                for (Future<?> f : sent) {
                    f.get();
                }
                int atKill = env.fn.workOrders().size();
                jar.start();
                try {
                    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                            .until(() -> tickets.stream().allMatch(id -> env.workOrdersOf(id).size() >= 1
                                    && env.notesContaining(id, "Dispatched to Field Nation") >= 1));
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    long withWo = tickets.stream().filter(id -> env.workOrdersOf(id).size() >= 1).count();
                    long withNote = tickets.stream().filter(id -> env.notesContaining(id, "Dispatched") >= 1).count();
                    String log = jar.logText();
                    java.nio.file.Files.writeString(Path.of("target/crash-it.log"), log);
                    throw new AssertionError("after restart: " + withWo + " tickets with a work order, " + withNote
                            + " with a note; log tail:\n" + log.substring(Math.max(0, log.length() - 6000)), e);
                }
                Thread.sleep(2000); // on purpose: a second work order or note would appear by now
                for (long id : tickets) {
                    assertThat(env.workOrdersOf(id)).as("work orders of ticket %d", id).hasSize(1);
                    assertThat(env.notesContaining(id, "Dispatched to Field Nation")).as("notes of %d", id)
                            .isEqualTo(1);
                }
                assertThat(env.fn.workOrders()).hasSize(TICKETS);
                System.out.printf("crash test: %d of %d work orders existed at kill -9%n", atKill, TICKETS);

                // phase 2: providers are assigned to all 200; kill -9 again while the statuses flow back
                List<Long> workOrders = tickets.stream().map(id -> env.workOrdersOf(id).get(0).path("id").asLong())
                        .toList();
                sent.clear();
                for (long wo : workOrders) {
                    sent.add(pool.submit(() -> env.fn.assignProvider(wo, 1068)));
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> assigned(env, tickets) >= TICKETS / 3);
                jar.kill();
                for (Future<?> f : sent) {
                    f.get();
                }
                jar.start();
                try {
                    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                            .until(() -> assigned(env, tickets) == TICKETS);
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    List<Long> missing = tickets.stream().filter(id -> !env.cw.ticket(id).orElseThrow().path("status")
                            .path("name").asText().equals("Assigned")).toList();
                    String deliveries = env.fn.deliveries().stream().filter(d -> missing.stream().anyMatch(t ->
                            env.workOrdersOf(t).get(0).path("id").asLong() == d.workOrderId())).map(Object::toString)
                            .collect(java.util.stream.Collectors.joining("\n"));
                    String log = jar.logText();
                    java.nio.file.Files.writeString(Path.of("target/crash-it.log"), log);
                    throw new AssertionError("not assigned: " + missing + "\ndeliveries:\n" + deliveries, e);
                }
                pool.shutdown();
                Thread.sleep(1000); // on purpose: a work order made twice would appear by now
                assertThat(env.fn.workOrders()).as("no work order made twice by what the restarts redid")
                        .hasSize(TICKETS);
                // what the restarts found in the intake journal (events answered 202 that H2 had not written yet)
                jar.logText().lines().filter(l -> l.contains("intake journal"))
                        .forEach(l -> System.out.println("crash test: " + l));
            }
        }
    }

    static long assigned(Env env, List<Long> tickets) {
        return tickets.stream().filter(id -> env.cw.ticket(id).orElseThrow().path("status").path("name").asText()
                .equals("Assigned")).count();
    }
}
