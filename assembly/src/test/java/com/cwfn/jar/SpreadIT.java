package com.cwfn.jar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cwfn.sandbox.Fault;
import com.cwfn.testing.Connector;
import com.cwfn.testing.Env;
import com.cwfn.testing.JarProcess;
import com.cwfn.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three connector processes on one PostgreSQL: 300 callbacks all arrive at one of them, ConnectWise answers 503 to
 * every read of a ticket until all 300 events have failed once and wait for a retry, then answers again. The retries are claimed by
 * whichever instance polls first, so they spread over the three: none claims more than 60% (with the poll as one
 * clustered Quartz job, one instance queued them all). Every ticket still gets exactly one work order.
 */
class SpreadIT {
    static final int TICKETS = 300;
    static final List<String> NAMES = List.of("spread-a", "spread-b", "spread-c");

    @Test
    void retriesSpreadOverThreeInstances(@TempDir Path dir) throws Exception {
        String dbUrl = TestDatabases.postgres();
        try (Env env = Env.sandboxesOnly()) {
            List<JarProcess> instances = new ArrayList<>();
            try {
                for (String name : NAMES) {
                    Map<String, String> s = ClusterIT.settings(env, dbUrl, name);
                    s.put("connectwise.callback-token", "spread-token");
                    s.put("connector.poll-interval-ms", "1000");
                    s.put("connector.retry.first-delay-ms", "1000");
                    s.put("connector.retry.max-delay-ms", "4000");
                    // -Dspread.jar=<another build> measures that one (docs/performance.md compares main before)
                    Path jar = Path.of(System.getProperty("spread.jar", JarProcess.jar().toString()));
                    instances.add(JarProcess.of(Files.createDirectories(dir.resolve(name)), s, jar).start());
                }
                // the first reconciliation (at start, on one instance) is over: it cannot take the tickets below
                await().atMost(Duration.ofSeconds(60)).until(() -> count(dbUrl,
                        "SELECT COUNT(*) FROM connector_state WHERE name = 'reconcile.since'") == 1);
                // each attempt fails at its first call, the ticket's read, until all 300 have failed once
                env.cw.inject(Fault.status("GET", ".*/service/tickets/\\d+", 503, -1));
                List<Long> tickets = new ArrayList<>();
                for (int i = 0; i < TICKETS; i++) {
                    tickets.add(env.silentTicketInTriggerStatus("Spread ticket " + i));
                }
                JarProcess receiver = instances.get(0);
                ExecutorService pool = Executors.newFixedThreadPool(8);
                List<Future<HttpResponse<String>>> sent = new ArrayList<>();
                for (long id : tickets) {
                    String body = env.callbackBody(id, UUID.randomUUID().toString(), "updated");
                    sent.add(pool.submit(() -> env.postCallbackTo(receiver.url(""), "spread-token", body)));
                }
                for (Future<HttpResponse<String>> f : sent) {
                    assertThat(f.get().statusCode()).isEqualTo(202);
                }
                pool.shutdown();
                // every event has failed at least once: it waits for a retry, or is in one
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).until(() -> count(dbUrl,
                        "SELECT COUNT(*) FROM inbox_event WHERE direction = 'cw-fn' AND (status = 'pending' "
                        + "AND attempts >= 1 OR status = 'processing' AND attempts >= 2)") == TICKETS);
                env.cw.clearFaults();
                await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> tickets.stream().allMatch(id -> env.workOrdersOf(id).size() >= 1));
                await().atMost(Duration.ofSeconds(60)).until(() -> count(dbUrl,
                        "SELECT COUNT(*) FROM inbox_event WHERE status IN ('pending', 'processing')") == 0);
                for (long id : tickets) {
                    assertThat(env.workOrdersOf(id)).as("work orders of %d", id).hasSize(1);
                }
                StringBuilder report = new StringBuilder();
                long total = 0;
                long most = 0;
                long[] done = new long[NAMES.size()];
                long[] retried = new long[NAMES.size()];
                for (int i = 0; i < NAMES.size(); i++) {
                    done[i] = metric(instances.get(i), "done");
                    retried[i] = metric(instances.get(i), "retry");
                    total += done[i];
                    most = Math.max(most, done[i]);
                }
                for (int i = 0; i < NAMES.size(); i++) {
                    report.append(String.format("%s claimed %d of the %d retried events (%.0f%%), and %d attempts "
                            + "that failed%n", NAMES.get(i), done[i], total, 100.0 * done[i] / total, retried[i]));
                }
                System.out.print("spread: " + report.toString().replace("\n", "\nspread: "));
                Files.createDirectories(Path.of("target"));
                Files.writeString(Path.of("target/spread.txt"), report);
                assertThat(total).as("each retried event worked once").isEqualTo(TICKETS);
                assertThat(most).as("no instance claims more than 60%% of the retries:%n%s", report)
                        .isLessThanOrEqualTo(TICKETS * 60 / 100);
            } finally {
                instances.forEach(JarProcess::close);
            }
        }
    }

    static long count(String dbUrl, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(dbUrl, "postgres", "");
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The sum of connector_transactions_total of direction cw-fn and this outcome on an instance. */
    static long metric(JarProcess p, String outcome) {
        HttpResponse<String> r = Connector.send(HttpRequest.newBuilder(URI.create(p.managementUrl("/observe/metrics")))
                .GET().build());
        Matcher m = Pattern.compile("(?m)^connector_transactions_total\\{([^}]*)} ([0-9.E]+)$").matcher(r.body());
        double sum = 0;
        while (m.find()) {
            if (m.group(1).contains("direction=\"cw-fn\"") && m.group(1).contains("outcome=\"" + outcome + "\"")) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return Math.round(sum);
    }
}
