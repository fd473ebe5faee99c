package com.cwfn.syncback;

import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.json.Json;
import com.cwfn.store.SyncLog;
import com.cwfn.store.SyncedItemStore;
import com.cwfn.sync.Items;
import com.cwfn.sync.NoteWriter;

/** On work done: the provider's closing notes become one resolution note on the ticket, when there are any. */
public class ClosingNotes {
    private final NoteWriter noteWriter;
    private final FieldNationClient fn;
    private final SyncLog log;

    public ClosingNotes(NoteWriter noteWriter, FieldNationClient fn, SyncLog log) {
        this.noteWriter = noteWriter;
        this.fn = fn;
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
        long ticketId = s.link.ticketId();
        var written = noteWriter.addOnce(Items.CLOSING_NOTES, String.valueOf(s.workOrderId()), s.kind(), ticketId,
                s.workOrderId(), "Closing notes from Field Nation work order #" + s.workOrderId() + ":\n" + notes,
                NoteWriter.Tab.RESOLUTION, null);
        if (written.copy() == SyncedItemStore.Copy.COPIED) {
            log.append(s.transaction.id(), s.transaction.direction(), ticketId, s.workOrderId(), "copy-closing-notes", "ok",
                    "resolution note " + written.noteId());
        }
        return s;
    }
}
