package com.cwfn.routing;

import com.cwfn.dispatch.ActionOnce;
import com.cwfn.dispatch.Dispatch;
import com.cwfn.store.Routing;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * The {@code publish} status action (dispatch step {@code publish-held-draft}): the ticket moved to a status whose
 * {@code statusActions} entry is {@code publish}, so the draft its dispatch rule holds for approval is published, as
 * if someone pressed Publish in the console ({@link Approvals#publish}): its routing starts. Once, through
 * {@link ActionOnce}: repeated callbacks, replays, a crash and a second instance publish nothing twice, and the ticket
 * gets one note. A work order no rule holds for approval, or one published, cancelled or gone already, is left alone,
 * and the note says why. The dispatch goes on (the ticket's changes still reach the work order).
 */
public class PublishHeldDraft {
    private final Approvals approvals;
    private final ActionOnce once;

    public PublishHeldDraft(Approvals approvals, ActionOnce once) {
        this.approvals = approvals;
        this.once = once;
    }

    public Dispatch publish(Dispatch d, Exchange exchange) {
        long wo = d.workOrderId();
        once.run(d, "publish-held-draft", (status, workOrder, begun) -> decide(d, wo, workOrder.isPresent(), begun),
                code -> note(d, wo, code), exchange);
        return d;
    }

    private ActionOnce.Decision decide(Dispatch d, long wo, boolean inFieldNation, boolean callBegun) {
        if (!inFieldNation) {
            return ActionOnce.Decision.only(ActionOnce.GONE);
        }
        Optional<Routing> r = approvals.routing(wo);
        if (r.isEmpty()) {
            return ActionOnce.Decision.only("not-held");
        }
        String state = r.get().state();
        // this action's publish begun before a crash: publishing again records only what is missing
        if (Routing.APPROVAL.equals(state) || callBegun && Routing.ROUTING.equals(state)) {
            return new ActionOnce.Decision("published", () -> approvals.publish(wo, "published: ticket #"
                    + d.ticketId() + " moved to '" + d.movedTo() + "' (statusActions)"));
        }
        return ActionOnce.Decision.only("not-waiting:" + state);
    }

    private static String note(Dispatch d, long wo, String code) {
        String w = "Field Nation work order #" + wo;
        String cause = ActionOnce.cause(d);
        if (code.equals("published")) {
            return w + " published: " + cause + ". It waited for approval; its routing starts now.";
        }
        if (code.equals(ActionOnce.GONE)) {
            return w + " is gone from Field Nation; nothing to publish.";
        }
        if (code.equals("not-held")) {
            return w + " was not published: " + cause + ", but no dispatch rule holds it for approval "
                    + "(publish: on-approval).";
        }
        String state = code.substring(code.indexOf(':') + 1);
        return w + " was not published: " + cause + ", but it no longer waits for approval (" + switch (state) {
            case Routing.CANCELLED -> "it was cancelled";
            case Routing.ROUTING -> "it was published already";
            case Routing.ASSIGNED -> "a provider took it";
            default -> "its routing is over";
        } + ").";
    }
}
