package com.cwfn.routing;

import static com.cwfn.routing.RulesWorld.WAIT;
import static com.cwfn.routing.RulesWorld.scheduledTicket;
import static com.cwfn.routing.RulesWorld.workOrderOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cwfn.store.InboxStore;
import com.cwfn.testing.Connector;
import com.cwfn.testing.Env;
import com.cwfn.testing.Ports;
import com.cwfn.testing.TestDatabases;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two connectors on one PostgreSQL route the same work orders, and one of them restarts while stages are waiting:
 * every stage of every work order happens once (one mass-route, one publish, one alert, one note each).
 */
class RoutingClusterTest {
    static final int TICKETS = 6;
    static final String RULES = """
                - name: "Preferred first"
                  routing:
                    - { pool: "Tampa Preferred", wait: 5s }
                    - { marketplace: true, wait: 5s }
                    - { alert: true }
            """;

    @Test
    void twoInstancesAndARestartInTheMiddleFireEachStageOnce() throws Exception {
        String db = TestDatabases.postgres();
        Map<String, String> s = new HashMap<>();
        s.put("db.url", db);
        s.put("db.username", "postgres");
        s.put("sync.mappings", RulesWorld.mapping(RULES).toString());
        s.put("connector.instance-id", "instance-a");
        try (Env env = Env.start(s)) {
            Map<String, String> b = new HashMap<>(env.sandboxSettings(Ports.free()));
            b.putAll(s);
            b.put("camel.management.port", String.valueOf(Ports.free()));
            b.put("connector.instance-id", "instance-b");
            try (Connector two = Connector.start(b)) {
                List<Long> tickets = new ArrayList<>();
                for (int i = 0; i < TICKETS; i++) {
                    tickets.add(scheduledTicket(env, "Routed by two " + i, Duration.ofDays(3)));
                }
                tickets.forEach(id -> env.cw.setStatus(id, "Dispatch to FN"));
                await().atMost(WAIT).until(() -> tickets.stream().allMatch(id -> env.notesContaining(id,
                        "routed to 4 providers of \"Tampa Preferred\"") == 1));
                env.restartConnector(); // instance a stops and starts again while the second stages wait

                await().atMost(WAIT).until(() -> tickets.stream().allMatch(id -> env.notesContaining(id,
                        "Nobody has taken") == 1));
                // past the last stage: anything fired twice would show now
                await().pollDelay(Duration.ofSeconds(3)).atMost(WAIT).until(() -> true);
                env.quiesce();
                for (long id : tickets) {
                    long wo = workOrderOf(env, id);
                    assertThat(env.workOrdersOf(id)).hasSize(1);
                    assertThat(env.notesContaining(id, "routed to 4 providers")).as("ticket %d", id).isEqualTo(1);
                    assertThat(env.notesContaining(id, "published to the marketplace after 5 s unassigned"))
                            .as("ticket %d", id).isEqualTo(1);
                    assertThat(env.notesContaining(id, "Nobody has taken")).as("ticket %d", id).isEqualTo(1);
                    assertThat(env.fn.requests(r -> r.method().equals("POST")
                            && r.path().endsWith("/workorders/" + wo + "/mass-route"))).as("mass-routes of %d", wo)
                            .hasSize(1);
                    assertThat(env.fn.requests(r -> r.method().equals("POST")
                            && r.path().endsWith("/workorders/" + wo + "/publish"))).as("publishes of %d", wo)
                            .hasSize(1);
                }
                try (var c = DriverManager.getConnection(db, "postgres", "");
                        ResultSet rs = c.createStatement().executeQuery("SELECT status, COUNT(*) FROM inbox_event "
                                + "WHERE event_type = 'routing.stage' GROUP BY status")) {
                    Map<String, Long> byStatus = new HashMap<>();
                    while (rs.next()) {
                        byStatus.put(rs.getString(1), rs.getLong(2));
                    }
                    assertThat(byStatus).as("three timers per work order, each worked to done once")
                            .isEqualTo(Map.of(InboxStore.DONE, (long) TICKETS * 3));
                }
            }
        }
    }
}
