package com.cwfn.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.cwfn.http.BudgetLedger;
import com.cwfn.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The budget shared by instances on one PostgreSQL: two pools (two instances) reserving at once take every slot
 * once, evenly spaced, none lost; a pause raised by one is seen by the other, is never shortened and holds the pace
 * back past its end.
 */
class SharedBudgetLedgerTest {
    static final long INTERVAL_US = 20_000; // 20 ms

    @Test
    void twoInstancesReservingAtOnceShareOneEvenPace() throws Exception {
        String url = TestDatabases.postgres();
        try (Database one = Database.open(url, "postgres", "", 10); Database two = Database.open(url, "postgres", "", 10)) {
            long ahead = aheadOfNow(one, 3_600_000_000L); // the next slot an hour ahead: every wait is positive
            List<BudgetLedger> ledgers = List.of(new SharedBudgetLedger(one.dataSource()),
                    new SharedBudgetLedger(two.dataSource()));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Long>> waits = new ArrayList<>();
            long sentAt = System.currentTimeMillis();
            for (int i = 0; i < 200; i++) {
                BudgetLedger l = ledgers.get(i % 2);
                Callable<Long> reserve = () -> System.currentTimeMillis() + l.reserve("ConnectWise", INTERVAL_US).waitMs();
                waits.add(pool.submit(reserve));
            }
            List<Long> slots = new ArrayList<>();
            for (Future<Long> f : waits) {
                slots.add(f.get());
            }
            pool.shutdown();
            assertThat(nextAt(one) - ahead).as("200 slots taken, none lost").isEqualTo(200 * INTERVAL_US);
            Collections.sort(slots);
            assertThat(slots.get(0) - sentAt).isGreaterThan(3_500_000);
            assertThat(slots.get(199) - slots.get(0)).as("spread over 199 intervals")
                    .isBetween(199 * 20L - 200, 199 * 20L + 200);
        }
    }

    @Test
    void aPauseIsSharedNeverShortenedAndHoldsThePaceBackPastItsEnd() {
        String url = TestDatabases.postgres();
        try (Database one = Database.open(url, "postgres", "", 10); Database two = Database.open(url, "postgres", "", 10)) {
            BudgetLedger a = new SharedBudgetLedger(one.dataSource());
            BudgetLedger b = new SharedBudgetLedger(two.dataSource());
            assertThat(a.reserve("ConnectWise", INTERVAL_US).pausedMs()).isZero();
            long paused = a.pause("ConnectWise", 5_000);
            assertThat(paused).isBetween(4_900L, 5_000L);
            assertThat(b.pause("ConnectWise", 1_000)).as("a shorter pause does not shorten it").isGreaterThan(4_000);
            BudgetLedger.Reservation seen = b.reserve("ConnectWise", INTERVAL_US);
            assertThat(seen.pausedMs()).as("the other instance sees the pause").isBetween(4_000L, 5_000L);
            assertThat(nextAt(one)).as("the next slot is not before the pause's end").isGreaterThanOrEqualTo(
                    pausedUntil(one));
            assertThat(a.reserve("Some API", INTERVAL_US).pausedMs()).as("a row is made for a new API").isZero();
        }
    }

    private static long aheadOfNow(Database db, long micros) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            c.createStatement().executeUpdate("UPDATE request_budget SET next_at = "
                    + "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000000 AS BIGINT) + " + micros
                    + " WHERE api = 'ConnectWise'");
        }
        return nextAt(db);
    }

    private static long nextAt(Database db) {
        return column(db, "next_at");
    }

    private static long pausedUntil(Database db) {
        return column(db, "paused_until");
    }

    private static long column(Database db, String column) {
        try (Connection c = db.dataSource().getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT " + column
                        + " FROM request_budget WHERE api = 'ConnectWise'")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
