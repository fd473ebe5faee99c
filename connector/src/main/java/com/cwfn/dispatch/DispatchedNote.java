package com.cwfn.dispatch;

import com.cwfn.store.SyncLog;
import com.cwfn.sync.Items;
import com.cwfn.sync.NoteWriter;

/** Writes one internal note on the ticket saying which work order it became, once per ticket. */
public class DispatchedNote {
    private final NoteWriter notes;
    private final SyncLog log;

    public DispatchedNote(NoteWriter notes, SyncLog log) {
        this.notes = notes;
        this.log = log;
    }

    public static String text(long workOrderId) {
        return "Dispatched to Field Nation as work order #" + workOrderId + ".";
    }

    public Dispatch noteOnce(Dispatch d) {
        if (d.workOrderId == null) {
            return d;
        }
        d.noteOnce(notes, log, Items.DISPATCHED_NOTE, "write-dispatched-note", text(d.workOrderId));
        return d;
    }
}
