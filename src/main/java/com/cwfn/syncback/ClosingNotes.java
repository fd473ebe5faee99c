package com.cwfn.syncback;

import com.cwfn.Json;
import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.store.SyncLog;
import com.cwfn.store.SyncedItemStore;
import com.cwfn.sync.Items;
import com.fasterxml.jackson.databind.JsonNode;

/** On work done: the provider's closing notes become one resolution note on the ticket, when there are any. */
public class ClosingNotes {
    private final ConnectWiseClient cw;
    private final FieldNationClient fn;
    private final SyncedItemStore items;
    private final SyncLog log;

    public ClosingNotes(ConnectWiseClient cw, FieldNationClient fn, SyncedItemStore items, SyncLog log) {
        this.cw = cw;
        this.fn = fn;
        this.items = items;
        this.log = log;
    }

    public SyncBack apply(SyncBack s) {
        if (!"workorder.status.work_done".equals(s.name())) {
            return s;
        }
        String notes = Json.text(s.webhook.workOrder(), "closing_notes");
        if (notes == null) {
            notes = Json.text(fn.workOrder(s.workOrderId()), "closing_notes");
        }
        if (notes == null || notes.isBlank()) {
            return s;
        }
        String key = String.valueOf(s.workOrderId());
        long ticketId = s.link.ticketId();
        String text = "Closing notes from Field Nation work order #" + s.workOrderId() + ":\n" + notes;
        if (!items.begin(Items.CLOSING_NOTES, key, ticketId, s.workOrderId())) {
            if (items.find(Items.CLOSING_NOTES, key).orElseThrow().isDone()) {
                return s;
            }
            for (JsonNode n : cw.notes(s.kind(), ticketId)) {
                if (text.equals(Json.text(n, "text"))) {
                    items.done(Items.CLOSING_NOTES, key, Json.text(n, "id"));
                    return s;
                }
            }
        }
        JsonNode note = cw.addNote(s.kind(), ticketId, text, false, false, true);
        String noteId = Json.text(note, "id");
        items.remember(Items.OWN_CW_NOTE, noteId, key, ticketId, s.workOrderId());
        items.done(Items.CLOSING_NOTES, key, noteId);
        log.append(s.event.id(), s.event.direction(), ticketId, s.workOrderId(), "copy-closing-notes", "ok",
                "resolution note " + noteId);
        return s;
    }
}
