package com.cwfn.jobs;

import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.http.RemoteCallException;
import com.cwfn.inbox.InboxWorker;
import com.cwfn.json.Json;
import com.cwfn.mapping.Mappings;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Settings;
import com.cwfn.store.InboxStore;
import com.cwfn.store.NewTransaction;
import com.cwfn.store.SyncedItemStore;
import com.cwfn.store.WatchStore;
import com.cwfn.sync.Items;
import com.cwfn.syncback.ChargeCopier;
import com.cwfn.syncback.ChargeEvents;
import com.cwfn.syncback.ExpenseSync;
import com.cwfn.syncback.TimeEntrySync;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciliation of time logs and expenses: Field Nation sends no webhook when a time log or expense is added,
 * edited or deleted, so for each open linked work order ({@link WatchStore#openLinked}, as the catch-up last saw it:
 * assigned or work done) this reads them and compares them with what was last copied to the ticket (by hash, in the
 * database; no ConnectWise call). A work order whose time logs or expenses differ gets a {@value ChargeEvents#CHANGED}
 * event in the inbox, worked in order with its other events by the sync-back route; the same difference is recorded
 * once.
 */
public class ChargeReconciler {
    private static final Logger LOG = LoggerFactory.getLogger(ChargeReconciler.class);
    private static final int BATCH = 500;
    private final FieldNationClient fn;
    private final WatchStore watch;
    private final SyncedItemStore items;
    private final InboxStore inbox;
    private final InboxWorker worker;
    private final Settings settings;
    private final Mappings mappings;
    private final Clock clock;

    public ChargeReconciler(FieldNationClient fn, WatchStore watch, SyncedItemStore items, InboxStore inbox,
            InboxWorker worker, Settings settings, Mappings mappings, Clock clock) {
        this.fn = fn;
        this.watch = watch;
        this.items = items;
        this.inbox = inbox;
        this.worker = worker;
        this.settings = settings;
        this.mappings = mappings;
        this.clock = clock;
    }

    /** One pass; answers how many work orders were found changed. */
    public int run() {
        boolean time = settings.flag(Catalog.SYNC_TIME_ENABLED);
        boolean expenses = settings.flag(Catalog.SYNC_EXPENSES_ENABLED);
        if (!time && !expenses) {
            return 0;
        }
        int queued = 0;
        for (long woId : watch.openLinked(BATCH)) {
            if (!ChargeEvents.chargesOpenIn(watch.find(woId).map(WatchStore.Seen::status).orElse(null))) {
                continue; // not assigned yet: nothing logged or spent
            }
            try {
                Map<String, String> now = new LinkedHashMap<>();
                if (time) {
                    now.putAll(differences(Items.FN_TIME_LOG_TO_ENTRY, woId,
                            TimeEntrySync.sources(woId, fn.timeLogs(woId))));
                }
                if (expenses) {
                    now.putAll(differences(ExpenseSync.kind(settings), woId, ExpenseSync.sources(woId,
                            fn.expenses(woId), mappings.current().syncBack().expenseStatuses())));
                }
                if (!now.isEmpty() && queue(woId, now)) {
                    queued++;
                }
            } catch (RemoteCallException e) {
                LOG.warn("could not read the time logs and expenses of work order {}: {}", woId, e.getMessage());
            }
        }
        if (queued > 0) {
            LOG.info("reconciliation found time logs or expenses changed without an event on {} work order(s)",
                    queued);
        }
        return queued;
    }

    /** The items (key -> hash, "gone" for removed ones) that differ from what was copied; empty when none. */
    private Map<String, String> differences(String kind, long woId, Map<String, String> sources) {
        Map<String, String> diff = new LinkedHashMap<>();
        Map<String, String> copied = new LinkedHashMap<>();
        for (SyncedItemStore.Copied c : items.copiedForWorkOrder(kind, woId)) {
            copied.put(c.key(), String.valueOf(c.sourceHash()));
        }
        sources.forEach((key, hash) -> {
            if (!hash.equals(copied.get(key))) {
                diff.put(kind + "/" + key, hash);
            }
        });
        copied.keySet().stream().filter(k -> !sources.containsKey(k)).forEach(k -> diff.put(kind + "/" + k, "gone"));
        return diff;
    }

    private boolean queue(long woId, Map<String, String> differences) {
        String payload = Json.write(Json.object().put("eventName", ChargeEvents.CHANGED).put("workOrderId", woId)
                .put("timestamp", Instant.now(clock).toString()));
        String dedup = "charges:" + woId + ":" + ChargeCopier.hash(differences.toString());
        Optional<Long> recorded = inbox.record(NewTransaction.forWorkOrder("reconcile", dedup, ChargeEvents.CHANGED, woId,
                payload));
        recorded.ifPresent(worker::wake);
        return recorded.isPresent();
    }
}
