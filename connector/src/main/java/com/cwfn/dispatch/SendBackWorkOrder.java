package com.cwfn.dispatch;

import com.cwfn.failure.PermanentFailure;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.json.Json;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Settings;
import com.cwfn.store.SyncedItemStore;
import com.cwfn.sync.Items;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * The {@code incomplete} status action: sends a Work Done work order back to the provider ({@code DELETE
 * /workorders/{id}/complete} with {@code reason} and {@code reason_id}), once. The reason is the ticket's newest note
 * that a person wrote (not the connector); the reason id is the company's incomplete reason named by
 * {@code sync.incomplete-reason} (empty: the first Field Nation lists). Before Work Done it changes nothing and the
 * note says why. The dispatch goes on afterwards.
 */
public class SendBackWorkOrder {
    /** Field Nation takes a reason of this length at most, as far as anyone knows; longer notes are cut. */
    static final int REASON_MAX = 1000;
    private final FieldNationClient fn;
    private final ActionOnce once;
    private final SyncedItemStore items;
    private final Settings settings;

    public SendBackWorkOrder(FieldNationClient fn, ActionOnce once, SyncedItemStore items, Settings settings) {
        this.fn = fn;
        this.once = once;
        this.items = items;
        this.settings = settings;
    }

    public Dispatch sendBack(Dispatch d, Exchange exchange) {
        once.run(d, "send-back-work-order", (status, wo, begun) -> decide(d, status, begun), code -> note(d, code),
                exchange);
        return d;
    }

    private ActionOnce.Decision decide(Dispatch d, String status, boolean callBegun) {
        if ("Work Done".equals(status)) {
            JsonNode reason = reason();
            return new ActionOnce.Decision("sent-back:" + Json.text(reason, "label"), () -> fn.incomplete(
                    d.workOrderId, reasonText(d), Json.number(reason, "id")));
        }
        if ("Assigned".equals(status) && callBegun) {
            return ActionOnce.Decision.only("sent-back:" + Json.text(reason(), "label"));
        }
        return ActionOnce.Decision.only("not-done:" + status);
    }

    private static String note(Dispatch d, String code) {
        String wo = "Field Nation work order #" + d.workOrderId;
        String rest = code.substring(code.indexOf(':') + 1);
        return code.startsWith("sent-back:") ? wo + " sent back to the provider as incomplete ('" + rest + "'): "
                + ActionOnce.cause(d) + "." : wo + " was not sent back: it is " + (ActionOnce.GONE.equals(rest)
                ? "gone from Field Nation" : rest) + ", not Work Done.";
    }

    /** The company's incomplete reason named by sync.incomplete-reason ({id, label}), else its first. */
    private JsonNode reason() {
        List<JsonNode> reasons = fn.incompleteReasons();
        String wanted = settings.text(Catalog.SYNC_INCOMPLETE_REASON);
        Optional<JsonNode> found = reasons.stream().filter(r -> wanted.isEmpty() || wanted.equalsIgnoreCase(label(r)))
                .findFirst();
        JsonNode r = found.orElseThrow(() -> new PermanentFailure(wanted.isEmpty()
                ? "Field Nation lists no incomplete reasons (GET /company/incomplete-reasons); the incomplete action "
                + "needs one" : "sync.incomplete-reason names '" + wanted + "', which is not one of Field Nation's "
                + "incomplete reasons: " + String.join(", ", reasons.stream().map(SendBackWorkOrder::label).toList())));
        return Json.object().put("id", Json.number(r, "id")).put("label", label(r));
    }

    /** IncompleteReasonDto names it {@code label}; older texts {@code name}. */
    private static String label(JsonNode r) {
        String l = Json.text(r, "label");
        return l != null ? l : Json.text(r, "name");
    }

    /** The ticket's newest note a person wrote, else the move itself. */
    private String reasonText(Dispatch d) {
        for (int i = d.notes.size() - 1; i >= 0; i--) {
            JsonNode n = d.notes.get(i);
            String id = Json.text(n, "id");
            String text = Json.text(n, "text");
            if (text != null && !text.isBlank() && (id == null || !items.exists(Items.OWN_CW_NOTE, id))) {
                return text.length() > REASON_MAX ? text.substring(0, REASON_MAX) : text;
            }
        }
        return "ConnectWise ticket " + d.ticketId + " moved to status " + d.movedTo;
    }
}
