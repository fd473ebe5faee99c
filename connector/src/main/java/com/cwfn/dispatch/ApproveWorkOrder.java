package com.cwfn.dispatch;

import com.cwfn.fieldnation.FieldNationClient;
import org.apache.camel.Exchange;

/**
 * The {@code approve} status action: approves a Work Done work order ({@code POST /workorders/{id}/approve}), which
 * releases the provider's pay, once. Before Work Done it changes nothing and the note says why; an Approved or Paid
 * one is left alone. The dispatch ends after an approval (nothing of the ticket goes to an approved work order) and
 * goes on otherwise.
 */
public class ApproveWorkOrder {
    private final FieldNationClient fn;
    private final ActionOnce once;

    public ApproveWorkOrder(FieldNationClient fn, ActionOnce once) {
        this.fn = fn;
        this.once = once;
    }

    public Dispatch approve(Dispatch d, Exchange exchange) {
        String code = once.run(d, "approve-work-order", (status, wo, begun) -> decide(d, status, begun),
                code1 -> note(d, code1), exchange);
        return "approved".equals(code) ? null : d;
    }

    private ActionOnce.Decision decide(Dispatch d, String status, boolean callBegun) {
        if ("Work Done".equals(status)) {
            return new ActionOnce.Decision("approved", () -> fn.approve(d.workOrderId));
        }
        if ("Approved".equals(status) && callBegun) {
            return ActionOnce.Decision.only("approved");
        }
        return ActionOnce.Decision.only(("Approved".equals(status) || "Paid".equals(status) ? "already:" : "not-done:")
                + status);
    }

    private static String note(Dispatch d, String code) {
        String wo = "Field Nation work order #" + d.workOrderId;
        if (code.equals("approved")) {
            return wo + " approved: " + ActionOnce.cause(d) + "; the provider's pay is released.";
        }
        String status = code.substring(code.indexOf(':') + 1);
        return code.startsWith("already:") ? wo + " is " + status + " already; nothing to approve."
                : wo + " was not approved: it is " + (ActionOnce.GONE.equals(status) ? "gone from Field Nation"
                : status) + ", not Work Done. Approval releases the pay only once the provider has marked the work "
                + "done; move the ticket to '" + d.movedTo + "' again then.";
    }
}
