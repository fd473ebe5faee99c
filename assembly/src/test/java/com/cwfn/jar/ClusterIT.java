package com.cwfn.jar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import com.cwfn.testing.Env;
import com.cwfn.testing.JarProcess;
import com.cwfn.testing.Ports;
import com.cwfn.testing.TestDatabases;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two connector processes sharing one PostgreSQL: callbacks for the same tickets, and repeats of the same
 * callbacks, are split between them (as a load balancer would); every ticket still gets exactly one work order
 * and one dispatched note, and both instances join one clustered Quartz scheduler, which holds only reconciliation
 * and pruning (each instance polls the inbox and mails failures on its own timer).
 */
class ClusterIT {
    static final int TICKETS = 60;

    @Test
    void twoInstancesOnOnePostgresDispatchEachTicketExactlyOnce(@TempDir Path dir) throws Exception {
        String dbUrl = TestDatabases.postgres();
        try (Env env = Env.sandboxesOnly()) {
            Path a = Files.createDirectories(dir.resolve("a"));
            Path b = Files.createDirectories(dir.resolve("b"));
            try (JarProcess one = JarProcess.of(a, settings(env, dbUrl, "instance-a"));
                    JarProcess two = JarProcess.of(b, settings(env, dbUrl, "instance-b"))) {
                one.start();
                two.start();
                List<Long> tickets = new ArrayList<>();
                for (int i = 0; i < TICKETS; i++) {
                    tickets.add(env.silentTicketInTriggerStatus("Cluster ticket " + i));
                }
                ExecutorService pool = Executors.newFixedThreadPool(12);
                List<Future<HttpResponse<String>>> sent = new ArrayList<>();
                for (long id : tickets) {
                    String repeated = env.callbackBody(id, UUID.randomUUID().toString(), "updated");
                    String other = env.callbackBody(id, UUID.randomUUID().toString(), "updated");
                    // the same callback to both instances (a ConnectWise retry landing elsewhere), and another one
                    sent.add(pool.submit(() -> env.postCallbackTo(one.url(""), "cluster-token", repeated)));
                    sent.add(pool.submit(() -> env.postCallbackTo(two.url(""), "cluster-token", repeated)));
                    sent.add(pool.submit(() -> env.postCallbackTo(id % 2 == 0 ? one.url("") : two.url(""),
                            "cluster-token", other)));
                }
                for (Future<HttpResponse<String>> f : sent) {
                    assertThat(f.get().statusCode()).isEqualTo(202);
                }
                pool.shutdown();
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                        .until(() -> tickets.stream().allMatch(id -> env.workOrdersOf(id).size() >= 1
                                && env.notesContaining(id, "Dispatched to Field Nation") >= 1));
                Thread.sleep(2000); // on purpose: a second work order or note would appear by now
                for (long id : tickets) {
                    assertThat(env.workOrdersOf(id)).as("work orders of %d", id).hasSize(1);
                    assertThat(env.notesContaining(id, "Dispatched to Field Nation")).as("notes of %d", id)
                            .isEqualTo(1);
                }
                assertThat(env.fn.workOrders()).hasSize(TICKETS);
                try (Connection c = DriverManager.getConnection(dbUrl, "postgres", "");
                        ResultSet rs = c.createStatement().executeQuery(
                                "SELECT COUNT(DISTINCT claimed_by) FROM inbox_event WHERE status = 'processing'");
                        ResultSet st = c.createStatement().executeQuery(
                                "SELECT COUNT(*) FROM qrtz_scheduler_state");
                        ResultSet jobs = c.createStatement().executeQuery(
                                "SELECT job_name FROM qrtz_job_details ORDER BY job_name")) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("nothing left claimed").isZero();
                    st.next();
                    assertThat(st.getLong(1)).as("both instances in one clustered Quartz scheduler").isEqualTo(2);
                    List<String> clustered = new ArrayList<>();
                    while (jobs.next()) {
                        clustered.add(jobs.getString(1));
                    }
                    assertThat(clustered).as("only what must run once is clustered; polling runs on each instance")
                            .containsExactly("prune", "reconcile");
                }
                assertThat(one.logText()).contains("became work order");
                assertThat(two.logText()).contains("became work order");
            }
        }
    }

    static Map<String, String> settings(Env env, String dbUrl, String instance) {
        Map<String, String> s = new HashMap<>(env.sandboxSettings(Ports.free()));
        s.put("db.url", dbUrl);
        s.put("db.username", "postgres");
        s.put("connectwise.callback-token", "cluster-token");
        s.put("connector.instance-id", instance);
        s.put("connector.poll-interval-ms", "500");
        s.put("connector.retry.first-delay-ms", "300");
        // the budget shared in the database, paced far above what the test asks for
        s.put("connectwise.requests-per-minute", "12000");
        return s;
    }
}
