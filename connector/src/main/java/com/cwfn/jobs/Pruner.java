package com.cwfn.jobs;

import com.cwfn.store.InboxStore;
import com.cwfn.store.NoticeStore;
import com.cwfn.store.SyncLog;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes old rows: finished transactions and log rows older than the retention; failed transactions are kept
 * three times as long, so a dead letter is not pruned before someone had a chance to replay it; mailed notices
 * go with the log rows.
 */
public class Pruner {
    private static final Logger LOG = LoggerFactory.getLogger(Pruner.class);
    private final InboxStore inbox;
    private final SyncLog log;
    private final NoticeStore notices;
    private final long retentionMs;
    private final Clock clock;

    public Pruner(InboxStore inbox, SyncLog log, NoticeStore notices, int retentionDays, Clock clock) {
        this.inbox = inbox;
        this.log = log;
        this.notices = notices;
        this.retentionMs = retentionDays * 86_400_000L;
        this.clock = clock;
    }

    public int prune() {
        long now = clock.millis();
        int n = inbox.prune(now - retentionMs, false) + inbox.prune(now - 3 * retentionMs, true);
        int l = log.prune(now - retentionMs) + notices.prune(now - retentionMs);
        if (n + l > 0) {
            LOG.info("pruned {} finished transactions and {} log rows", n, l);
        }
        return n + l;
    }
}
