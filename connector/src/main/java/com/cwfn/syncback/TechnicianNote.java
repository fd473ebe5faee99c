package com.cwfn.syncback;

import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.json.Json;
import com.cwfn.mapping.WorkOrderDocument;
import com.cwfn.store.SyncLog;
import com.cwfn.store.SyncedItemStore;
import com.cwfn.sync.Items;
import com.cwfn.sync.NoteWriter;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;

/**
 * The technician on the ticket: on assignment (and when the provider confirms or is on the way) one internal note
 * names the assigned provider with phone, and the ETA when one is set, once per provider; an ETA set or changed
 * later gets one note of its own. Written through {@link NoteWriter}: once, found by its text after a crash, never
 * echoed to Field Nation.
 */
public class TechnicianNote {
    private static final Set<String> EVENTS = Set.of("workorder.status.assigned", "workorder.status.confirmed",
            "workorder.status.on_my_way");
    private final NoteWriter notes;
    private final FieldNationClient fn;
    private final SyncedItemStore items;
    private final SyncLog log;

    public TechnicianNote(NoteWriter notes, FieldNationClient fn, SyncedItemStore items, SyncLog log) {
        this.notes = notes;
        this.fn = fn;
        this.items = items;
        this.log = log;
    }

    public SyncBack apply(SyncBack s, Exchange exchange) {
        if (!EVENTS.contains(s.name())) {
            return s;
        }
        JsonNode wo = s.workOrder(fn);
        JsonNode provider = WorkOrderDocument.provider(wo);
        if (provider.isNull()) {
            return s;
        }
        String who = Json.text(provider, "name");
        String phone = Json.text(provider, "phone");
        String eta = readable(Json.text(wo, "eta/start/utc"));
        String key = s.workOrderId() + ":" + Json.text(provider, "id");
        String etaKey = key + ":" + eta;
        long ticketId = s.link.ticketId();
        NoteWriter.Result written;
        if (!items.exists(Items.TECHNICIAN_NOTE, key)) {
            written = notes.addOnce(Items.TECHNICIAN_NOTE, key, s.kind(), ticketId, s.workOrderId(),
                    "Field Nation technician for work order " + s.workOrderId() + ": " + who
                            + (phone == null ? "" : ", phone " + phone) + (eta == null ? "" : ", ETA " + eta) + ".",
                    NoteWriter.Tab.INTERNAL, null);
            if (eta != null) { // the note named this ETA: no note of its own for it
                items.remember(Items.TECHNICIAN_ETA_NOTE, etaKey, items.find(Items.TECHNICIAN_NOTE, key)
                        .map(SyncedItemStore.Item::targetId).orElse(null), ticketId, s.workOrderId());
            }
        } else if (eta != null && !items.exists(Items.TECHNICIAN_ETA_NOTE, etaKey)) {
            written = notes.addOnce(Items.TECHNICIAN_ETA_NOTE, etaKey, s.kind(), ticketId, s.workOrderId(),
                    "Field Nation: " + who + "'s ETA for work order " + s.workOrderId() + " is " + eta + ".",
                    NoteWriter.Tab.INTERNAL, null);
        } else {
            return s;
        }
        if (written.copy() == SyncedItemStore.Copy.COPIED) {
            String line = "technician note " + written.noteId() + " (" + who + ")";
            log.append(s.transaction.id(), s.transaction.direction(), ticketId, s.workOrderId(), "write-technician-note", "ok",
                    line);
            Writes.add(exchange, List.of(line));
        }
        return s;
    }

    /** 2026-07-01 14:00:00 as "2026-07-01 14:00 UTC"; null stays null. */
    static String readable(String fieldNationUtc) {
        String iso = WorkOrderDocument.iso(fieldNationUtc);
        return iso == null ? null : iso.substring(0, 10) + " " + iso.substring(11, 16) + " UTC";
    }
}
