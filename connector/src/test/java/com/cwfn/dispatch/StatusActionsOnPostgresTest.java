package com.cwfn.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cwfn.admin.Transactions;
import com.cwfn.store.AttentionStore;
import com.cwfn.store.Transaction;
import com.cwfn.store.InboxStore;
import com.cwfn.testing.Connector;
import com.cwfn.testing.Env;
import com.cwfn.testing.Ports;
import com.cwfn.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Exactly once with two instances on one PostgreSQL: the same callbacks of a ticket moved to Cancelled delivered to
 * both, and replays on both, cancel its work order once with one note; a held cancellation pressed on both instances at
 * once cancels once.
 */
class StatusActionsOnPostgresTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String PASSWORD = "Tw0-Instances!";
    static Env env;
    static Connector a;
    static Connector b;

    @BeforeAll
    static void start() {
        String db = TestDatabases.postgres();
        env = Env.sandboxesOnly();
        a = env.startConnector(settings(db, "instance-a"), true);
        Map<String, String> s = new HashMap<>(env.sandboxSettings(Ports.free()));
        s.putAll(settings(db, "instance-b"));
        b = Connector.start(s);
        env.settle();
    }

    static Map<String, String> settings(String db, String instance) {
        Map<String, String> s = new HashMap<>();
        s.put("db.url", db);
        s.put("db.username", "postgres");
        s.put("connector.instance-id", instance);
        s.put("sync.cancel.when-assigned", "hold");
        s.put("admin.password", PASSWORD);
        return s;
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        env.close();
    }

    static long deletes(long woId) {
        return env.fn.requests(r -> r.method().equals("DELETE") && r.path().equals("/api/rest/v2/workorders/" + woId))
                .size();
    }

    static void quiet() {
        env.quiesce();
        InboxStore inbox = b.bean("inboxStore", InboxStore.class);
        await().atMost(WAIT).until(() -> inbox.due(1).isEmpty() && inbox.count(InboxStore.PROCESSING) == 0);
    }

    @Test
    void theSameCancelDeliveredToBothInstancesAndReplayedOnBothCancelsOnce() throws Exception {
        long wo = env.dispatchedWorkOrder("Two instances, one cancel");
        long ticket = env.workOrdersOfTicket(wo);
        env.cw.dropCallbacks(true);
        try {
            env.cw.setStatus(ticket, "Cancelled");
        } finally {
            env.cw.dropCallbacks(false);
        }
        String same = env.callbackBody(ticket, UUID.randomUUID().toString(), "updated");
        String other = env.callbackBody(ticket, UUID.randomUUID().toString(), "updated");
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (Connector c : List.of(a, b, a, b)) {
            sent.add(CompletableFuture.supplyAsync(() -> env.postCallbackTo(c.url(""), "test-callback-token", same)));
        }
        sent.add(CompletableFuture.supplyAsync(() -> env.postCallbackTo(b.url(""), "test-callback-token", other)));
        for (CompletableFuture<HttpResponse<String>> f : sent) {
            assertThat(f.get().statusCode()).isEqualTo(202);
        }
        await().atMost(WAIT).until(() -> env.notesContaining(ticket, "work order #" + wo + " cancelled") == 1);
        quiet();
        // replays of every transaction of the ticket, on both instances at once
        List<Transaction> done = a.bean("inboxStore", InboxStore.class).list(null, ticket, null, 100);
        List<CompletableFuture<?>> replays = new ArrayList<>();
        for (Transaction e : done) {
            for (Connector c : List.of(a, b)) {
                replays.add(CompletableFuture.runAsync(() -> c.bean("transactions", Transactions.class).replay(e.id())));
            }
        }
        for (CompletableFuture<?> r : replays) {
            r.get();
        }
        quiet();
        assertThat(env.fn.workOrder(wo).orElseThrow().path("status").path("name").asText()).isEqualTo("Cancelled");
        assertThat(deletes(wo)).isEqualTo(1);
        assertThat(env.notesContaining(ticket, "cancelled")).isEqualTo(1);
    }

    @Test
    void aHeldCancellationPressedOnBothInstancesAtOnceCancelsOnce() throws Exception {
        long wo = env.dispatchedWorkOrder("Held, pressed twice");
        long ticket = env.workOrdersOfTicket(wo);
        env.fn.assignProvider(wo, 1068);
        quiet();
        env.cw.setStatus(ticket, "Cancelled");
        AttentionStore items = a.bean("attentionStore", AttentionStore.class);
        await().atMost(WAIT).until(() -> items.list(AttentionStore.OPEN, ticket, 10).size() == 1);
        long id = items.list(AttentionStore.OPEN, ticket, 10).get(0).id();
        List<CompletableFuture<HttpResponse<String>>> presses = new ArrayList<>();
        for (Connector c : List.of(a, b, a, b)) {
            presses.add(CompletableFuture.supplyAsync(() -> press(c, id)));
        }
        List<Integer> codes = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> p : presses) {
            codes.add(p.get().statusCode());
        }
        assertThat(codes).containsExactlyInAnyOrder(202, 409, 409, 409);
        await().atMost(WAIT).until(() -> env.notesContaining(ticket, "cancelled: confirmed in the connector's console")
                == 1);
        quiet();
        assertThat(deletes(wo)).isEqualTo(1);
        assertThat(items.find(id).orElseThrow().state()).isEqualTo(AttentionStore.DONE);
    }

    static HttpResponse<String> press(Connector c, long id) {
        return Connector.send(HttpRequest.newBuilder(URI.create(c.url("/admin/attention/" + id + "/act")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                        .getBytes(StandardCharsets.UTF_8))).POST(HttpRequest.BodyPublishers.noBody()).build());
    }
}
