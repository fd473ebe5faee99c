package com.cwfn.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.cwfn.testing.TestClock;
import com.cwfn.testing.TestDatabases;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Routing stages on H2 and on a real PostgreSQL: each stage claimed once by many racing workers, stopped by an
 * assignment, started again after a provider cancels; drafts approved or cancelled once; timers that fall due later.
 */
class RoutingStoreTest {

    private Database open(String kind) {
        return Database.open(TestDatabases.of(kind), "postgres".equals(kind) ? "postgres" : "", "", 20);
    }

    private static void plan(RoutingStore store, long wo, boolean approval) {
        assertThat(store.plan(wo, 100, "ServiceTicket", "Field Services", "rule \"r\" (m.yaml line 3)",
                "[{\"kind\":\"pool\",\"pool\":\"P\",\"waitSeconds\":20},{\"kind\":\"marketplace\"}]",
                approval ? Routing.APPROVAL : Routing.ROUTING,
                "POS down", "ACME")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void eachStageIsClaimedOnceAmongRacingWorkersAndOnlyAfterTheOneBefore(String kind) throws Exception {
        try (Database db = open(kind)) {
            RoutingStore store = new RoutingStore(db.dataSource(), Clock.systemUTC());
            plan(store, 20001, false);
            assertThat(store.plan(20001, 100, "ServiceTicket", "B", "r", "[]", Routing.ROUTING, null, null))
                    .as("a dispatch done again plans nothing").isFalse();
            assertThat(store.claimStage(20001, 0, 1)).as("not before stage 0").isEqualTo(RoutingStore.Claim.STOPPED);

            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<RoutingStore.Claim>> claims = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                claims.add(pool.submit(() -> {
                    go.await();
                    return new RoutingStore(db.dataSource(), Clock.systemUTC()).claimStage(20001, 0, 0);
                }));
            }
            go.countDown();
            List<RoutingStore.Claim> got = new ArrayList<>();
            for (Future<RoutingStore.Claim> f : claims) {
                got.add(f.get());
            }
            pool.shutdown();
            assertThat(got.stream().filter(c -> c == RoutingStore.Claim.CLAIMED)).hasSize(1);
            assertThat(got.stream().filter(c -> c == RoutingStore.Claim.RESUMED)).as("not fired yet").hasSize(7);
            store.fired(20001, 0, 0, 12345L);
            assertThat(store.claimStage(20001, 0, 0)).as("a replay").isEqualTo(RoutingStore.Claim.FIRED);
            Routing r = store.find(20001).orElseThrow();
            assertThat(r.stage()).isZero();
            assertThat(r.stageFired()).isTrue();
            assertThat(r.nextAt()).isEqualTo(12345L);
            assertThat(r.startedAt()).isNotNull();
            assertThat(store.claimStage(20001, 0, 1)).isEqualTo(RoutingStore.Claim.CLAIMED);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void anAssignmentStopsTheStagesAndACancelledProviderStartsThemAgainOnce(String kind) {
        try (Database db = open(kind)) {
            RoutingStore store = new RoutingStore(db.dataSource(), Clock.systemUTC());
            plan(store, 20002, false);
            store.claimStage(20002, 0, 0);
            store.fired(20002, 0, 0, 999L);
            assertThat(store.restart(20002)).as("not assigned: nothing to restart").isEmpty();
            assertThat(store.stop(20002, Routing.ASSIGNED)).isTrue();
            assertThat(store.stop(20002, Routing.ASSIGNED)).as("once").isFalse();
            assertThat(store.find(20002).orElseThrow().nextAt()).isNull();
            assertThat(store.claimStage(20002, 0, 1)).isEqualTo(RoutingStore.Claim.STOPPED);
            assertThat(store.restart(20002)).contains(1);
            assertThat(store.restart(20002)).as("a repeated cancel event").isEmpty();
            assertThat(store.claimStage(20002, 0, 1)).as("the old generation's timer").isEqualTo(
                    RoutingStore.Claim.STOPPED);
            assertThat(store.claimStage(20002, 1, 0)).isEqualTo(RoutingStore.Claim.CLAIMED);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aWaitingDraftIsApprovedOrCancelledOnce(String kind) {
        try (Database db = open(kind)) {
            RoutingStore store = new RoutingStore(db.dataSource(), Clock.systemUTC());
            plan(store, 20003, true);
            plan(store, 20004, true);
            assertThat(store.waitingForApproval(10)).extracting(Routing::workOrderId).containsExactly(20003L, 20004L);
            assertThat(store.claimStage(20003, 0, 0)).as("a draft has no stages yet").isEqualTo(
                    RoutingStore.Claim.STOPPED);
            assertThat(store.approve(20003)).isTrue();
            assertThat(store.approve(20003)).isFalse();
            assertThat(store.cancel(20003)).as("published already").isFalse();
            assertThat(store.cancel(20004)).isTrue();
            assertThat(store.cancel(20004)).as("the same cancel tried again goes on").isTrue();
            assertThat(store.approve(20004)).isFalse();
            assertThat(store.find(20004).orElseThrow().state()).isEqualTo(Routing.CANCELLED);
            assertThat(store.waitingForApproval(10)).isEmpty();
            assertThat(store.claimStage(20003, 0, 0)).isEqualTo(RoutingStore.Claim.CLAIMED);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void aTimerIsNoPartOfTheQueueUntilItFallsDueAndEndsWhenMadePointless(String kind) {
        try (Database db = open(kind)) {
            TestClock clock = new TestClock(System.currentTimeMillis());
            InboxStore inbox = new InboxStore(db.dataSource(), clock);
            long due = clock.millis() + 60_000;
            long id = inbox.recordDue(NewTransaction.forRouting("routing:20001:0:1", "routing.stage",
                    NewTransaction.routingKey(20001), 100, 20001, "{}"), due).orElseThrow();
            assertThat(inbox.recordDue(NewTransaction.forRouting("routing:20001:0:1", "routing.stage",
                    NewTransaction.routingKey(20001), 100, 20001, "{}"), due)).as("once per stage").isEmpty();
            assertThat(inbox.due(10)).isEmpty();
            assertThat(inbox.countReceived(InboxStore.PENDING)).isZero();
            assertThat(inbox.oldestUnfinished()).isEmpty();
            assertThat(inbox.claim(id, "a", 10_000)).isEmpty();
            clock.millis.addAndGet(60_000);
            assertThat(inbox.due(10)).containsExactly(id);
            assertThat(inbox.find(id).orElseThrow().receivedAt()).as("received when it fell due").isEqualTo(due);
            assertThat(inbox.endPending(NewTransaction.routingKey(20001), "stopped: assigned")).isEqualTo(1);
            assertThat(inbox.find(id).orElseThrow().status()).isEqualTo(InboxStore.SKIPPED);
            assertThat(inbox.due(10)).isEmpty();
        }
    }
}
