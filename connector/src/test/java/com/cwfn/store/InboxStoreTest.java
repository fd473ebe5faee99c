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
import org.junit.jupiter.api.Test;
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
            Optional<Long> first = inbox.record(NewTransaction.forTicket("connectwise", "m-1", "ticket.updated", 5, "{}"));
            Optional<Long> again = inbox.record(NewTransaction.forTicket("connectwise", "m-1", "ticket.updated", 5, "{}"));
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
            long a = inbox.record(NewTransaction.forWorkOrder("fieldnation", "d-1", "s", 9, "{}")).orElseThrow();
            long b = inbox.record(NewTransaction.forWorkOrder("fieldnation", "d-2", "s", 9, "{}")).orElseThrow();
            long other = inbox.record(NewTransaction.forWorkOrder("fieldnation", "d-3", "s", 10, "{}")).orElseThrow();

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
            long a = inbox.record(NewTransaction.forTicket("connectwise", "m-1", "t", 1, "{}")).orElseThrow();
            inbox.claim(a, "w1", 60_000).orElseThrow();
            inbox.retryAt(a, System.currentTimeMillis() + 60_000, "create-work-order", "503");
            assertThat(inbox.due(10)).isEmpty();
            assertThat(inbox.claim(a, "w1", 60_000)).isEmpty();

            long b = inbox.record(NewTransaction.forTicket("connectwise", "m-2", "t", 2, "{}")).orElseThrow();
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
                ids.add(inbox.record(NewTransaction.forTicket("connectwise", "m-" + i, "t", i, "{}")).orElseThrow());
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

    /**
     * The claim's "older unfinished event of this ticket" and the next pending event after a finish are answered from
     * the index on (entity_key, status, id), whatever the backlog: H2's planner once preferred the index on status
     * for the latter, reading every pending event's row (1,000 per finished event at a backlog of 1,000), and the
     * index on (entity_key, id) made it read each of the ticket's rows for its status.
     */
    @Test
    void anEntitysUnfinishedEventsAreFoundInTheIndexAloneWhateverTheBacklog() throws Exception {
        try (Database db = open("h2")) {
            InboxStore inbox = new InboxStore(db.dataSource(), Clock.systemUTC());
            for (int i = 0; i < 600; i++) {
                inbox.record(NewTransaction.forTicket("connectwise", "backlog-" + i, "t", 1000 + i, "{}"));
            }
            long first = inbox.record(NewTransaction.forTicket("connectwise", "m-1", "t", 7, "{}")).orElseThrow();
            long second = inbox.record(NewTransaction.forTicket("connectwise", "m-2", "t", 7, "{}")).orElseThrow();
            try (var c = db.dataSource().getConnection(); var s = c.createStatement()) {
                s.execute("ANALYZE");
            }
            long now = System.currentTimeMillis();
            String next = explain(db, "EXPLAIN ANALYZE " + InboxStore.NEXT_PENDING, "ticket:7", InboxStore.PENDING);
            assertThat(next).contains("INBOX_EVENT_ENTITY_STATUS: ENTITY_KEY = ?1").contains("AND STATUS = ?2");
            java.util.regex.Matcher scanned = java.util.regex.Pattern.compile("scanCount: (\\d+)").matcher(next);
            assertThat(scanned.find()).isTrue();
            assertThat(Integer.parseInt(scanned.group(1))).as("index entries read, of 602 pending events")
                    .isLessThanOrEqualTo(3);
            String claim = explain(db, "EXPLAIN " + InboxStore.CLAIM, InboxStore.PROCESSING, "w", now + 60_000, now, second,
                    InboxStore.PENDING, now, InboxStore.PENDING, InboxStore.PROCESSING);
            assertThat(claim).as("the older events of the ticket, in the claim").containsPattern(
                    "\"O\"\\s+/\\* PUBLIC.INBOX_EVENT_ENTITY_STATUS:[^*]*ENTITY_KEY = INBOX_EVENT.ENTITY_KEY");

            assertThat(inbox.nextPendingOf("ticket:7")).contains(first);
            assertThat(inbox.claim(second, "w", 60_000)).as("an older event of the ticket is pending").isEmpty();
            assertThat(inbox.claim(first, "w", 60_000)).isPresent();
            assertThat(inbox.nextPendingOf("ticket:7")).contains(second);
        }
    }

    /** H2 keeps the parsed form of the connector's statements (64 per connection, its default is 8). */
    @Test
    void h2KeepsTheConnectorsStatementsParsed() throws Exception {
        try (Database db = open("h2"); var c = db.dataSource().getConnection(); var s = c.createStatement();
                var rs = s.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
                        + "WHERE SETTING_NAME = 'QUERY_CACHE_SIZE'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(Database.QUERY_CACHE_SIZE);
        }
        assertThat(Database.h2Settings("jdbc:h2:mem:x;QUERY_CACHE_SIZE=8")).as("a URL that sets it keeps its own")
                .endsWith(";QUERY_CACHE_SIZE=8;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE");
    }

    private static String explain(Database db, String sql, Object... args) throws Exception {
        try (var c = db.dataSource().getConnection(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void newerConnectWiseEventsOfTheSameTicketAreCoalesced(String kind) {
        try (Database db = open(kind)) {
            InboxStore inbox = new InboxStore(db.dataSource(), Clock.systemUTC());
            long a = inbox.record(NewTransaction.forTicket("connectwise", "m-1", "t", 7, "{}")).orElseThrow();
            long b = inbox.record(NewTransaction.forTicket("connectwise", "m-2", "t", 7, "{}")).orElseThrow();
            long c = inbox.record(NewTransaction.forTicket("connectwise", "m-3", "t", 8, "{}")).orElseThrow();
            Transaction claimed = inbox.claim(a, "w", 60_000).orElseThrow();
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
            long a = inbox.record(NewTransaction.forTicket("connectwise", "m-1", "t", 7, "{\"ID\":7}")).orElseThrow();
            inbox.claim(a, "w", 60_000).orElseThrow();
            inbox.fail(a, "create-work-order", "Field Nation answered 400");
            Transaction failed = inbox.find(a).orElseThrow();
            assertThat(failed.status()).isEqualTo(InboxStore.FAILED);
            assertThat(failed.payload()).isEqualTo("{\"ID\":7}");
            assertThat(failed.step()).isEqualTo("create-work-order");
            assertThat(inbox.list(InboxStore.FAILED, 7L, null, 10)).hasSize(1);
            assertThat(inbox.replay(a)).isTrue();
            assertThat(inbox.claim(a, "w", 60_000)).isPresent();
        }
    }
}
