package com.cwfn.store;

import static org.assertj.core.api.Assertions.assertThat;
import com.cwfn.testing.TestDatabases;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The inbox's guarantees, on H2 and on a real PostgreSQL: the same migrations, the same answers. */
class InboxStoreTest {

    private Database open(String kind) {
        return Database.open(TestDatabases.of(kind), "postgres".equals(kind) ? "postgres" : "", "", 10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void migrationsCreateEveryTable(String kind) throws Exception {
        try (Database db = open(kind)) {
            for (String table : List.of("inbox_event", "ticket_link", "synced_item", "sync_log", "connector_state")) {
                try (var c = db.dataSource().getConnection();
                        var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).isZero();
                }
            }
            if (kind.equals("postgres")) {
                try (var c = db.dataSource().getConnection();
                        var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM qrtz_triggers")) {
                    assertThat(rs.next()).as("the clustered Quartz job store's tables").isTrue();
                }
            }
            assertThat(db.isUp()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aRepeatedDedupKeyIsRecordedOnce(String kind) {
        try (Database db = open(kind)) {
            InboxStore inbox = new InboxStore(db.dataSource(), Clock.systemUTC());
            Optional<Long> first = inbox.record(NewEvent.forTicket("connectwise", "m-1", "ticket.updated", 5, "{}"));
            Optional<Long> again = inbox.record(NewEvent.forTicket("connectwise", "m-1", "ticket.updated", 5, "{}"));
            assertThat(first).isPresent();
            assertThat(again).isEmpty();
            assertThat(inbox.count(InboxStore.PENDING)).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void onlyTheOldestUnfinishedEventOfAnEntityCanBeClaimed(String kind) {
        try (Database db = open(kind)) {
            InboxStore inbox = new InboxStore(db.dataSource(), Clock.systemUTC());
            long a = inbox.record(NewEvent.forWorkOrder("fieldnation", "d-1", "s", 9, "{}")).orElseThrow();
            long b = inbox.record(NewEvent.forWorkOrder("fieldnation", "d-2", "s", 9, "{}")).orElseThrow();
            long other = inbox.record(NewEvent.forWorkOrder("fieldnation", "d-3", "s", 10, "{}")).orElseThrow();

            assertThat(inbox.claim(b, "w1", 60_000)).isEmpty();
            assertThat(inbox.claim(a, "w1", 60_000)).isPresent();
            assertThat(inbox.claim(a, "w2", 60_000)).as("claimed twice").isEmpty();
            assertThat(inbox.claim(b, "w2", 60_000)).as("older one still processing").isEmpty();
            assertThat(inbox.claim(other, "w2", 60_000)).as("another entity runs in parallel").isPresent();

            inbox.finish(a, InboxStore.DONE, "ok");
            assertThat(inbox.claim(b, "w2", 60_000)).isPresent();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aRetryIsDueOnlyAtItsTimeAndAnExpiredClaimIsTakenAgain(String kind) {
        try (Database db = open(kind)) {
            InboxStore inbox = new InboxStore(db.dataSource(), Clock.systemUTC());
            long a = inbox.record(NewEvent.forTicket("connectwise", "m-1", "t", 1, "{}")).orElseThrow();
            inbox.claim(a, "w1", 60_000).orElseThrow();
            inbox.retryAt(a, System.currentTimeMillis() + 60_000, "create-work-order", "503");
            assertThat(inbox.due(10)).isEmpty();
            assertThat(inbox.claim(a, "w1", 60_000)).isEmpty();

            long b = inbox.record(NewEvent.forTicket("connectwise", "m-2", "t", 2, "{}")).orElseThrow();
            inbox.claim(b, "dead-instance", -1).orElseThrow(); // a claim that has already expired
            assertThat(inbox.claim(b, "w2", 60_000)).isEmpty();
            assertThat(inbox.releaseExpiredClaims()).isEqualTo(1);
            assertThat(inbox.claim(b, "w2", 60_000)).isPresent();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void concurrentWorkersClaimEachEventOnce(String kind) throws Exception {
        try (Database db = open(kind)) {
            InboxStore inbox = new InboxStore(db.dataSource(), Clock.systemUTC());
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                ids.add(inbox.record(NewEvent.forTicket("connectwise", "m-" + i, "t", i, "{}")).orElseThrow());
            }
            List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            for (int w = 0; w < 8; w++) {
                String owner = "w" + w;
                pool.submit(() -> {
                    start.await();
                    for (long id : ids) {
                        inbox.claim(id, owner, 60_000).ifPresent(e -> claimed.add(e.id()));
                    }
                    return null;
                });
            }
            start.countDown();
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(claimed).hasSize(50).doesNotHaveDuplicates();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void newerConnectWiseEventsOfTheSameTicketAreCoalesced(String kind) {
        try (Database db = open(kind)) {
            InboxStore inbox = new InboxStore(db.dataSource(), Clock.systemUTC());
            long a = inbox.record(NewEvent.forTicket("connectwise", "m-1", "t", 7, "{}")).orElseThrow();
            long b = inbox.record(NewEvent.forTicket("connectwise", "m-2", "t", 7, "{}")).orElseThrow();
            long c = inbox.record(NewEvent.forTicket("connectwise", "m-3", "t", 8, "{}")).orElseThrow();
            InboxEvent claimed = inbox.claim(a, "w", 60_000).orElseThrow();
            assertThat(inbox.coalesce(claimed)).isEqualTo(1);
            assertThat(inbox.find(b).orElseThrow().status()).isEqualTo(InboxStore.COALESCED);
            assertThat(inbox.find(c).orElseThrow().status()).isEqualTo(InboxStore.PENDING);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aFailedEventIsKeptAndCanBeReplayed(String kind) {
        try (Database db = open(kind)) {
            InboxStore inbox = new InboxStore(db.dataSource(), Clock.systemUTC());
            long a = inbox.record(NewEvent.forTicket("connectwise", "m-1", "t", 7, "{\"ID\":7}")).orElseThrow();
            inbox.claim(a, "w", 60_000).orElseThrow();
            inbox.fail(a, "create-work-order", "Field Nation answered 400");
            InboxEvent failed = inbox.find(a).orElseThrow();
            assertThat(failed.status()).isEqualTo(InboxStore.FAILED);
            assertThat(failed.payload()).isEqualTo("{\"ID\":7}");
            assertThat(failed.step()).isEqualTo("create-work-order");
            assertThat(inbox.list(InboxStore.FAILED, 7L, null, 10)).hasSize(1);
            assertThat(inbox.replay(a)).isTrue();
            assertThat(inbox.claim(a, "w", 60_000)).isPresent();
        }
    }
}
