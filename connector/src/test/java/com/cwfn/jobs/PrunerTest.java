package com.cwfn.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import com.cwfn.store.Database;
import com.cwfn.store.InboxStore;
import com.cwfn.store.NoticeStore;
import com.cwfn.store.NewTransaction;
import com.cwfn.store.SyncLog;
import com.cwfn.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Pruning deletes old finished transactions and log rows; dead letters live three times as long; nothing unfinished. */
class PrunerTest {

    @Test
    void oldFinishedRowsGoDeadLettersStayLongerUnfinishedStay() {
        try (Database db = Database.open(TestDatabases.h2(), "", "", 4)) {
            Instant then = Instant.parse("2026-01-01T00:00:00Z");
            Clock old = Clock.fixed(then, ZoneOffset.UTC);
            InboxStore oldInbox = new InboxStore(db.dataSource(), old);
            SyncLog oldLog = new SyncLog(db.dataSource(), old);
            long done = oldInbox.record(NewTransaction.forTicket("connectwise", "a", "t", 1, "{}")).orElseThrow();
            oldInbox.claim(done, "w", 1000).orElseThrow();
            oldInbox.finish(done, InboxStore.DONE, "ok");
            long failed = oldInbox.record(NewTransaction.forTicket("connectwise", "b", "t", 2, "{}")).orElseThrow();
            oldInbox.claim(failed, "w", 1000).orElseThrow();
            oldInbox.fail(failed, "step", "error");
            long pending = oldInbox.record(NewTransaction.forTicket("connectwise", "c", "t", 3, "{}")).orElseThrow();
            oldLog.append(done, "cw-fn", 1L, null, "step", "ok", null);

            // 40 days later with 30 days retention: the done one and its log go, the dead letter and the pending stay
            Clock later = Clock.fixed(then.plus(Duration.ofDays(40)), ZoneOffset.UTC);
            InboxStore inbox = new InboxStore(db.dataSource(), later);
            assertThat(new Pruner(inbox, new SyncLog(db.dataSource(), later), new NoticeStore(db.dataSource(), later), 30, later).prune()).isEqualTo(2);
            assertThat(inbox.find(done)).isEmpty();
            assertThat(inbox.find(failed)).isPresent();
            assertThat(inbox.find(pending)).isPresent();

            // 100 days later: the dead letter is past three times the retention
            Clock much = Clock.fixed(then.plus(Duration.ofDays(100)), ZoneOffset.UTC);
            InboxStore inbox2 = new InboxStore(db.dataSource(), much);
            new Pruner(inbox2, new SyncLog(db.dataSource(), much), new NoticeStore(db.dataSource(), much), 30, much).prune();
            assertThat(inbox2.find(failed)).isEmpty();
            assertThat(inbox2.find(pending)).isPresent();
        }
    }
}
