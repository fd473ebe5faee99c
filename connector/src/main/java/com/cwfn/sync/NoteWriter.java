package com.cwfn.sync;

import com.cwfn.connectwise.ConnectWiseClient.TicketKind;
import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.json.Json;
import com.cwfn.store.SyncedItemStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Writes the connector's own ConnectWise notes (the dispatched note, notes made from messages and closing
 * notes): each once per item, found by its text when a crash came between writing it and recording it, and
 * remembered as the connector's own so it never travels back to Field Nation.
 */
public class NoteWriter {
    /** The ConnectWise tab a note goes to. */
    public enum Tab {
        DISCUSSION, INTERNAL, RESOLUTION
    }

    /** What happened, and the note's id when it is known. */
    public record Result(SyncedItemStore.Copy copy, String noteId) {
    }

    private final ConnectWiseClient cw;
    private final SyncedItemStore items;

    public NoteWriter(ConnectWiseClient cw, SyncedItemStore items) {
        this.cw = cw;
        this.items = items;
    }

    /**
     * Adds {@code text} to the ticket once for ({@code itemKind}, {@code key}).
     *
     * @param notesRead the ticket's notes when the caller has read them already, else null (read only if needed)
     */
    public Result addOnce(String itemKind, String key, TicketKind kind, long ticketId, Long workOrderId, String text,
            Tab tab, List<JsonNode> notesRead) {
        String[] written = new String[1];
        SyncedItemStore.Copy copy = items.copyOnce(itemKind, key, ticketId, workOrderId,
                () -> find(notesRead != null ? notesRead : cw.notes(kind, ticketId), text),
                () -> {
                    JsonNode note = cw.addNote(kind, ticketId, text, tab == Tab.DISCUSSION, tab == Tab.INTERNAL,
                            tab == Tab.RESOLUTION);
                    written[0] = Json.text(note, "id");
                    items.remember(Items.OWN_CW_NOTE, written[0], key, ticketId, workOrderId);
                    return written[0];
                });
        return new Result(copy, written[0]);
    }

    private static List<String> find(List<JsonNode> notes, String text) {
        return notes.stream().filter(n -> text.equals(Json.text(n, "text"))).map(n -> Json.text(n, "id")).toList();
    }
}
