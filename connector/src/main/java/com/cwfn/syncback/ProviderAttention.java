package com.cwfn.syncback;

import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.inbox.StepTracker;
import com.cwfn.notify.NeedsAttention;
import com.cwfn.store.AttentionStore;
import com.cwfn.store.SyncLog;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * What the provider does that a person must look at ("needs attention", and the next failure mail): the provider
 * cancelled, the work order is at risk, a problem was reported; one item per event. Events that settle them settle
 * the open items of their work order: a provider assigned again, the provider confirming or on the way, a problem
 * resolved.
 */
public class ProviderAttention {
    private static final Set<String> ON_THEIR_WAY = Set.of("workorder.status.confirmed", "workorder.status.on_my_way",
            "workorder.status.checked_in");
    private final NeedsAttention attention;
    private final FieldNationClient fn;
    private final SyncLog log;

    public ProviderAttention(NeedsAttention attention, FieldNationClient fn, SyncLog log) {
        this.attention = attention;
        this.fn = fn;
        this.log = log;
    }

    public SyncBack apply(SyncBack s, Exchange exchange) {
        String w = "work order #" + s.workOrderId() + " (ticket #" + s.link.ticketId() + ")";
        switch (s.name()) {
            case "workorder.status.assigned_cancelled" -> raise(s, exchange, NeedsAttention.PROVIDER_CANCELLED,
                    "The provider cancelled " + w + "; it is back on offer and nobody is assigned");
            case "workorder.status.at_risk" -> raise(s, exchange, NeedsAttention.AT_RISK, w.substring(0, 1)
                    .toUpperCase(java.util.Locale.ROOT) + w.substring(1) + " is at risk: the provider has not confirmed");
            case "workorder.problem_reported" -> raise(s, exchange, NeedsAttention.PROBLEM, "Problem on " + w + ": "
                    + ProviderNotes.problem(s, s.workOrder(fn)));
            case "workorder.problem_resolved" -> attention.settleOpen(NeedsAttention.PROBLEM, s.workOrderId(),
                    "the problem was resolved in Field Nation");
            case "workorder.status.assigned" -> attention.settleOpen(NeedsAttention.PROVIDER_CANCELLED,
                    s.workOrderId(), "a provider is assigned again");
            default -> {
                if (ON_THEIR_WAY.contains(s.name())) {
                    attention.settleOpen(NeedsAttention.AT_RISK, s.workOrderId(), "the provider confirmed");
                }
            }
        }
        return s;
    }

    private void raise(SyncBack s, Exchange exchange, String kind, String title) {
        String key = kind + ":" + s.workOrderId() + ":" + (s.webhook.timestamp() != null
                ? s.webhook.timestamp().toEpochMilli() : "event-" + s.transaction.id());
        AttentionStore.Item item = attention.raise(new AttentionStore.NewItem(key, kind, s.link.ticketId(),
                s.workOrderId(), title, "Field Nation event " + s.name() + (s.webhook.timestamp() == null ? ""
                : " at " + s.webhook.timestamp()), null, s.transaction.id()), null);
        String line = "needs attention: item " + item.id() + " (" + kind + ")";
        log.append(s.transaction.id(), s.transaction.direction(), s.link.ticketId(), s.workOrderId(),
                StepTracker.current(exchange), "ok", line);
        Writes.add(exchange, List.of(line));
    }
}
