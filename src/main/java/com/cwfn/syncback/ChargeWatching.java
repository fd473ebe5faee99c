package com.cwfn.syncback;

import com.cwfn.settings.Catalog;
import com.cwfn.settings.Settings;
import com.cwfn.store.ChargeWatch;
import java.util.Set;

/**
 * Keeps the list of work orders whose time logs and expenses may still change ({@link ChargeWatch}), which
 * reconciliation reads: a work order is watched from assignment until it is paid, cancelled or deleted. Only while
 * {@code sync.time.enabled} or {@code sync.expenses.enabled} is on.
 */
public class ChargeWatching {
    private static final Set<String> OPENING = Set.of("workorder.status.assigned", "workorder.status.confirmed",
            "workorder.status.on_my_way", "workorder.status.checked_in", "workorder.status.checked_out",
            "workorder.status.work_done", "workorder.status.approved");
    private final ChargeWatch watch;
    private final Settings settings;

    public ChargeWatching(ChargeWatch watch, Settings settings) {
        this.watch = watch;
        this.settings = settings;
    }

    public SyncBack apply(SyncBack s) {
        if (!settings.flag(Catalog.SYNC_TIME_ENABLED) && !settings.flag(Catalog.SYNC_EXPENSES_ENABLED)) {
            return s;
        }
        if (ChargeEvents.closes(s.name())) {
            watch.close(s.workOrderId(), s.link.ticketId());
        } else if (OPENING.contains(s.name())) {
            watch.open(s.workOrderId(), s.link.ticketId());
        }
        return s;
    }
}
