package com.cwfn.routing;

import com.cwfn.sync.Items;
import com.cwfn.sync.NoteWriter;

/**
 * Routing step {@code note-stage}: the internal note saying what the stage did ("routed to 4 providers of
 * "Tampa Preferred""; "published to the marketplace after 2 h unassigned"), once per stage of each generation; the
 * stages started again after a provider cancelled say so.
 */
public class StageNotes {
    private final NoteWriter notes;

    public StageNotes(NoteWriter notes) {
        this.notes = notes;
    }

    public RoutingWork note(RoutingWork w) {
        if (w.note != null) {
            notes.addOnce(Items.ROUTING_NOTE, w.workOrderId + ":" + w.generation + ":" + w.stageIndex, w.kind,
                    w.ticketId, w.workOrderId, (w.generation > 0 ? "Started again after the assigned provider "
                    + "cancelled: " : "") + w.note, NoteWriter.Tab.INTERNAL, null);
        }
        return w;
    }
}
