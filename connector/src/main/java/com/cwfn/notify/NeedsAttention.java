package com.cwfn.notify;

import com.cwfn.settings.Catalog;
import com.cwfn.settings.Settings;
import com.cwfn.store.AttentionStore;
import com.cwfn.store.NoticeStore;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises things that wait for a person ("needs attention"): each item once (by its key, across retries, replays and
 * instances), listed in the console and the admin API until someone acts on it or dismisses it, and told once in the
 * next failure mail to {@code notify.email.to} under "Needs attention". Flows raise their own kinds: a held
 * cancellation, a provider who cancelled, a work order at risk, a problem reported, a draft waiting for approval,
 * a routing that ended in its alert, a work order still unassigned before its visit.
 */
public class NeedsAttention {
    /** A cancel status action held because a provider is assigned ({@code sync.cancel.when-assigned=hold}). */
    public static final String HELD_CANCEL = "held-cancel";
    /** The assigned provider cancelled; the work order is back on offer. */
    public static final String PROVIDER_CANCELLED = "provider-cancelled";
    /** Field Nation flagged the work order at risk (the provider has not confirmed). */
    public static final String AT_RISK = "at-risk";
    /** The provider reported a problem. */
    public static final String PROBLEM = "problem";
    /** A draft a dispatch rule holds for approval ({@code publish: on-approval}); its action cancels it. */
    public static final String WAITING_APPROVAL = "waiting-approval";
    /** A work order's routing ended in its alert: nobody took it. */
    public static final String UNASSIGNED = "unassigned";
    /** A work order still unassigned {@code sync.unassigned-alert-before} before its visit. */
    public static final String UNASSIGNED_BEFORE_VISIT = "unassigned-before-visit";
    /** The action of a held cancellation: the console's "Cancel work order" button. */
    public static final String CANCEL_WORK_ORDER = "cancel-work-order";
    /** Who settles an item when an event did (a problem resolved, a provider assigned again). */
    public static final String BY_CONNECTOR = "connector";

    private static final Logger LOG = LoggerFactory.getLogger(NeedsAttention.class);
    private final AttentionStore items;
    private final NoticeStore notices;
    private final boolean mailed;

    public NeedsAttention(AttentionStore items, NoticeStore notices, Settings settings) {
        this.items = items;
        this.notices = notices;
        this.mailed = !settings.list(Catalog.NOTIFY_EMAIL_TO).isEmpty();
    }

    /**
     * Raises an item unless its key was raised before; answers the item either way. A new one is noted for the next
     * failure mail ({@code label}: the ticket as a dispatcher knows it, or null).
     */
    public AttentionStore.Item raise(AttentionStore.NewItem item, String label) {
        Optional<AttentionStore.Item> made = items.add(item);
        if (made.isEmpty()) {
            return items.findByKey(item.key()).orElseThrow();
        }
        LOG.warn("needs attention: {}", item.title());
        if (mailed) {
            notices.add(NoticeStore.ATTENTION, null, null, item.ticketId(), item.workOrderId(), label, item.kind(), null,
                    item.title(), null, null);
        }
        return made.get();
    }

    /** Settles the open items of a kind about a work order that an event made moot (a problem resolved, say). */
    public int settleOpen(String kind, long workOrderId, String resolution) {
        int n = 0;
        for (AttentionStore.Item i : items.openOf(kind, workOrderId)) {
            if (items.settle(i.id(), AttentionStore.OPEN, AttentionStore.DONE, BY_CONNECTOR, resolution)) {
                n++;
            }
        }
        return n;
    }
}
