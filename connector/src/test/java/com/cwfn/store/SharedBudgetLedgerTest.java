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
 * once, the window's share at once and the rest a window later each, none lost; a pause raised by one is seen by the
 * other and is never shortened; a changed share adapts the row without a window over either.
 */
class SharedBudgetLedgerTest {
    static final int BURST = 50;
    static final long REUSE_US = 60_000_000; // a minute: the round trips of the test are small beside it

    @Test
    void twoInstancesReservingAtOnceShareOneWindow() throws Exception {
        String url = TestDatabases.postgres();
        try (Database one = Database.open(url, "postgres", "", 10); Database two = Database.open(url, "postgres", "", 10)) {
            reset(one, "Shared API");
            List<BudgetLedger> ledgers = List.of(new SharedBudgetLedger(one.dataSource()),
                    new SharedBudgetLedger(two.dataSource()));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Long>> waits = new ArrayList<>();
            for (int i = 0; i < 4 * BURST; i++) {
                BudgetLedger l = ledgers.get(i % 2);
                Callable<Long> reserve = () -> l.reserve("Shared API", BURST, REUSE_US).waitMs();
                waits.add(pool.submit(reserve));
            }
            List<Long> ms = new ArrayList<>();
            for (Future<Long> f : waits) {
                ms.add(f.get());
            }
            pool.shutdown();
            Collections.sort(ms);
            for (int i = 0; i < ms.size(); i++) {
                assertThat(ms.get(i) / 60_000.0).as("wait of the %d-th call in minutes: the window's share at once, "
                        + "then one share a window later each", i).isCloseTo(i / BURST, org.assertj.core.data.Offset
                        .offset(0.1));
            }
            assertThat(column(one, "Shared API", "head")).as("every slot taken once per round: none lost").isZero();
        }
    }

    @Test
    void aPauseIsSharedAndNeverShortenedAndTheWindowOutlastsIt() {
        String url = TestDatabases.postgres();
        try (Database one = Database.open(url, "postgres", "", 10); Database two = Database.open(url, "postgres", "", 10)) {
            reset(one, "ConnectWise");
            BudgetLedger a = new SharedBudgetLedger(one.dataSource());
            BudgetLedger b = new SharedBudgetLedger(two.dataSource());
            for (int i = 0; i < BURST - 1; i++) {
                assertThat(a.reserve("ConnectWise", BURST, REUSE_US)).isEqualTo(new BudgetLedger.Reservation(0, 0, i));
            }
            long paused = a.pause("ConnectWise", 5_000);
            assertThat(paused).isBetween(4_900L, 5_000L);
            assertThat(b.pause("ConnectWise", 1_000)).as("a shorter pause does not shorten it").isGreaterThan(4_000);
            BudgetLedger.Reservation seen = b.reserve("ConnectWise", BURST, REUSE_US);
            assertThat(seen.pausedMs()).as("the other instance sees the pause").isBetween(4_000L, 5_000L);
            long head = column(one, "ConnectWise", "head");
            assertThat(head).as("a paused call takes no slot").isEqualTo(BURST - 1);
            assertThat(a.reserve("Some API", BURST, REUSE_US).pausedMs()).as("a row is made for a new API").isZero();
        }
    }

    @Test
    void aChangedShareAdaptsTheRowWithoutAWindowOverEither() {
        String url = TestDatabases.postgres();
        try (Database one = Database.open(url, "postgres", "", 10)) {
            reset(one, "Resized API");
            BudgetLedger l = new SharedBudgetLedger(one.dataSource());
            for (int i = 0; i < 10; i++) {
                assertThat(l.reserve("Resized API", 10, REUSE_US).waitMs()).isZero();
            }
            assertThat(l.reserve("Resized API", 20, REUSE_US).waitMs()).as("grown: the new slots are free")
                    .isZero();
            for (int i = 0; i < 9; i++) {
                l.reserve("Resized API", 20, REUSE_US);
            }
            assertThat(l.reserve("Resized API", 20, REUSE_US).waitMs()).as("the 21st call waits for the window")
                    .isGreaterThan(50_000);
            assertThat(l.reserve("Resized API", 5, REUSE_US).waitMs()).as("shrunk: no call until the whole window "
                    + "the larger share allowed is over").isGreaterThan(110_000);
        }
    }

    @Test
    void aCallAnsweredLateHoldsItsSlotAWindowPastItsAnswer() {
        String url = TestDatabases.postgres();
        try (Database one = Database.open(url, "postgres", "", 10); Database two = Database.open(url, "postgres", "", 10)) {
            reset(one, "Answered API");
            BudgetLedger a = new SharedBudgetLedger(one.dataSource());
            BudgetLedger b = new SharedBudgetLedger(two.dataSource());
            int slot = a.reserve("Answered API", 1, 1_000_000).slot(); // one slot, free again 1 s after the call
            a.answered("Answered API", 1, slot, REUSE_US); // answered now: held a minute from now
            assertThat(b.reserve("Answered API", 1, 1_000_000).waitMs()).as("the other instance waits for it")
                    .isGreaterThan(55_000);
        }
    }

    private static void reset(Database db, String api) {
        try (Connection c = db.dataSource().getConnection()) {
            c.createStatement().executeUpdate("DELETE FROM request_budget WHERE api = '" + api + "'");
            c.createStatement().executeUpdate("UPDATE request_budget SET paused_until = 0");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long column(Database db, String api, String column) {
        try (Connection c = db.dataSource().getConnection();
                ResultSet rs = c.createStatement().executeQuery("SELECT " + column
                        + " FROM request_budget WHERE api = '" + api + "'")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
