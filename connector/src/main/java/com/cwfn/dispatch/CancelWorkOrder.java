package com.cwfn.dispatch;

import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.notify.NeedsAttention;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Settings;
import com.cwfn.store.AttentionStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * The {@code cancel} status action (and the deletion of a linked ticket): cancels the work order with
 * {@code DELETE /workorders/{id}?cancel_reason=...}, once. A work order that is Work Done, Approved, Paid or
 * Cancelled already is left alone, and the note says so. With a provider assigned a cancellation fee may apply:
 * {@code sync.cancel.when-assigned=cancel} cancels and the note says a fee may apply; {@code hold} cancels nothing,
 * writes a note and raises a "needs attention" item with a "Cancel work order" action, whose confirmation comes back
 * here ({@link Dispatch#heldItemId}) and cancels. A draft a dispatch rule holds for approval has such an item too: its
 * cancel in the console comes here the same way.
 */
public class CancelWorkOrder {
    private static final Set<String> CLOSED = Set.of("Work Done", "Approved", "Paid", "Cancelled");
    private final FieldNationClient fn;
    private final ActionOnce once;
    private final NeedsAttention attention;
    private final Settings settings;

    public CancelWorkOrder(FieldNationClient fn, ActionOnce once, NeedsAttention attention, Settings settings) {
        this.fn = fn;
        this.once = once;
        this.attention = attention;
        this.settings = settings;
    }

    /** The step: the dispatch ends afterwards (null), nothing more goes to a cancelled work order. */
    public Dispatch cancel(Dispatch d, Exchange exchange) {
        boolean hold = d.heldItemId == null && "hold".equalsIgnoreCase(settings.text(Catalog.SYNC_CANCEL_WHEN_ASSIGNED));
        Rules rules = new Rules(d, hold);
        once.run(d, d.heldItemId == null ? "cancel-work-order" : "cancel-held-work-order", rules::decide, rules::note,
                exchange);
        return null;
    }

    private void raiseHeld(Dispatch d, String provider) {
        String why = d.deleted ? "ticket #" + d.ticketId + " was deleted" : "ticket #" + d.ticketId + " moved to '"
                + d.movedTo + "'";
        attention.raise(new AttentionStore.NewItem(NeedsAttention.HELD_CANCEL + ":" + ActionOnce.key(d),
                NeedsAttention.HELD_CANCEL, d.ticketId, d.workOrderId, "Cancel work order #" + d.workOrderId + "? "
                + why + " while " + provider + " is assigned; a cancellation fee may apply", "The cancel status "
                + "action is held (sync.cancel.when-assigned=hold): Field Nation work order #" + d.workOrderId
                + " stays as it is until someone cancels it here.", NeedsAttention.CANCEL_WORK_ORDER, d.transaction.id()),
                d.ticketLabel());
    }

    /** What Field Nation will do when a held cancellation of this work order is confirmed now (the console shows it). */
    public String preview(long workOrderId) {
        Optional<ObjectNode> wo = fn.findWorkOrder(workOrderId);
        if (wo.isEmpty()) {
            return "Nothing: Field Nation has no work order #" + workOrderId + " any more.";
        }
        String status = ActionOnce.status(wo.get());
        if (CLOSED.contains(status)) {
            return "Nothing: work order #" + workOrderId + " is " + status + " already; the ticket gets a note saying so.";
        }
        String provider = ActionOnce.provider(wo.get());
        return "Field Nation cancels work order #" + workOrderId + " (now " + status + (provider == null ? ""
                : ", assigned to " + provider) + ")" + (provider == null ? "." : "; a cancellation fee may apply.")
                + " The ticket gets a note saying so.";
    }

    /** The cancel's decision and note for one dispatch. */
    private final class Rules {
        private final Dispatch d;
        private final boolean hold;

        Rules(Dispatch d, boolean hold) {
            this.d = d;
            this.hold = hold;
        }

        ActionOnce.Decision decide(String status, Optional<ObjectNode> workOrder, boolean callBegun) {
            if (workOrder.isEmpty()) {
                // a draft is deleted when cancelled: gone after this action's call is the call gone through
                return ActionOnce.Decision.only(callBegun ? "cancelled" : "closed:" + ActionOnce.GONE);
            }
            ObjectNode wo = workOrder.get();
            String provider = ActionOnce.provider(wo);
            String cancelled = provider == null ? "cancelled" : "cancelled-assigned:" + provider;
            if ("Cancelled".equals(status) && callBegun) {
                return ActionOnce.Decision.only(cancelled); // this action's call went through before a crash
            }
            if (CLOSED.contains(status)) {
                return ActionOnce.Decision.only("closed:" + status);
            }
            if (provider != null && hold) {
                raiseHeld(d, provider); // before the decision is kept: a retry after a crash raises it (once) again
                return ActionOnce.Decision.only("held:" + provider);
            }
            return new ActionOnce.Decision(cancelled, () -> fn.cancel(d.workOrderId, reason()));
        }

        private String reason() {
            if (NeedsAttention.WAITING_APPROVAL.equals(d.heldKind)) {
                return "ConnectWise ticket " + d.ticketId + ": the draft waited for approval and was cancelled in the "
                        + "connector's console";
            }
            if (d.heldItemId != null) {
                return "ConnectWise ticket " + d.ticketId + " was cancelled; confirmed in the connector's console";
            }
            return d.deleted ? "ConnectWise ticket " + d.ticketId + " was deleted"
                    : "ConnectWise ticket " + d.ticketId + " moved to status " + d.movedTo;
        }

        String note(String code) {
            String wo = "Field Nation work order #" + d.workOrderId;
            String cause = ActionOnce.cause(d);
            if (code.equals("cancelled")) {
                return wo + " cancelled: " + cause + ".";
            }
            if (code.startsWith("cancelled-assigned:")) {
                return wo + " cancelled: " + cause + ". " + code.substring(code.indexOf(':') + 1) + " was assigned: a "
                        + "cancellation fee may apply.";
            }
            if (code.startsWith("held:")) {
                return wo + " was not cancelled: " + code.substring(5) + " is assigned and a cancellation fee may "
                        + "apply. It waits in the connector's console (Needs attention) for someone to cancel it.";
            }
            return code.equals("closed:" + ActionOnce.GONE) ? wo + " is gone from Field Nation; nothing to cancel."
                    : wo + " is " + code.substring(code.indexOf(':') + 1) + " already; it was not cancelled.";
        }
    }
}
