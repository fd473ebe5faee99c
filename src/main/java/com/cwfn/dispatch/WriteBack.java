package com.cwfn.dispatch;

import com.cwfn.Json;
import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.store.SyncLog;
import com.cwfn.store.SyncedItemStore;
import com.cwfn.sync.Items;
import com.fasterxml.jackson.databind.JsonNode;

/** Writes one internal note on the ticket saying which work order it became, once per ticket. */
public class WriteBack {
    private final ConnectWiseClient cw;
    private final SyncedItemStore items;
    private final SyncLog log;

    public WriteBack(ConnectWiseClient cw, SyncedItemStore items, SyncLog log) {
        this.cw = cw;
        this.items = items;
        this.log = log;
    }

    public static String text(long workOrderId) {
        return "Dispatched to Field Nation as work order #" + workOrderId + ".";
    }

    public Dispatch noteOnce(Dispatch d) {
        if (d.workOrderId == null) {
            return d;
        }
        String key = String.valueOf(d.ticketId);
        String text = text(d.workOrderId);
        if (!items.begin(Items.WRITE_BACK_NOTE, key, d.ticketId, d.workOrderId)) {
            var item = items.find(Items.WRITE_BACK_NOTE, key).orElseThrow();
            if (item.isDone()) {
                return d;
            }
            // begun but not finished: the note may have been written just before a crash
            for (JsonNode n : d.notes) {
                if (text.equals(Json.text(n, "text"))) {
                    items.done(Items.WRITE_BACK_NOTE, key, Json.text(n, "id"));
                    return d;
                }
            }
        }
        JsonNode note = cw.addNote(d.kind, d.ticketId, text, false, true, false);
        String noteId = Json.text(note, "id");
        items.remember(Items.OWN_CW_NOTE, noteId, null, d.ticketId, d.workOrderId);
        items.done(Items.WRITE_BACK_NOTE, key, noteId);
        log.append(d.event.id(), d.event.direction(), d.ticketId, d.workOrderId, "write-back-note", "ok",
                "note " + noteId);
        return d;
    }
}
