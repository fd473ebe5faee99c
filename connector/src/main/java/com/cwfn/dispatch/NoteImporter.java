package com.cwfn.dispatch;

import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.json.Json;
import com.cwfn.settings.Settings;
import com.cwfn.store.SyncLog;
import com.cwfn.store.SyncedItemStore;
import com.cwfn.sync.Items;
import com.cwfn.sync.Once;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ConnectWise ticket notes -> Field Nation messages ({@code sync.messages.enabled}): each note once, also notes
 * added after the first dispatch; never the description note (it became the work order's description, see
 * {@link WorkOrderWriter}) and never a note the connector wrote itself.
 */
public class NoteImporter {
    private static final Logger LOG = LoggerFactory.getLogger(NoteImporter.class);
    private final FieldNationClient fn;
    private final SyncedItemStore items;
    private final SyncLog log;
    private final Settings settings;

    public NoteImporter(FieldNationClient fn, SyncedItemStore items, SyncLog log, Settings settings) {
        this.fn = fn;
        this.items = items;
        this.log = log;
        this.settings = settings;
    }

    /** The message text for a note: the note and who wrote it. */
    static String messageText(JsonNode note) {
        String who = Json.text(note, "member/name");
        if (who == null) {
            who = Json.text(note, "contact/name");
        }
        if (who == null) {
            who = Json.text(note, "createdBy");
        }
        String text = Json.text(note, "text");
        return (text == null ? "" : text) + (who == null ? "" : "\n\n(ConnectWise note by " + who + ")");
    }

    public Dispatch export(Dispatch d) {
        if (!settings.messagesEnabled() || d.workOrderId == null) {
            return d;
        }
        int copied = 0;
        // the work order's messages as they were before this export: read once, and only if a note needs a look
        Once<List<JsonNode>> messages = new Once<>(() -> fn.messages(d.workOrderId));
        for (JsonNode note : d.notes) {
            String id = Json.text(note, "id");
            if (id == null || Json.isBlank(note.get("text")) || items.exists(Items.OWN_CW_NOTE, id)) {
                continue;
            }
            String text = messageText(note);
            var copy = items.copyOnce(Items.CW_NOTE_TO_MESSAGE, id, d.ticketId, d.workOrderId,
                    () -> messages.get().stream().filter(m -> text.equals(Json.text(m, "message")))
                            .map(m -> Json.text(m, "msg_id")).toList(),
                    () -> {
                        JsonNode msg = fn.postMessage(d.workOrderId, text);
                        String msgId = Json.text(msg, "msg_id") != null ? Json.text(msg, "msg_id")
                                : Json.text(msg, "id");
                        if (msgId != null) {
                            items.remember(Items.OWN_FN_MESSAGE, Items.messageKey(d.workOrderId, msgId), id,
                                    d.ticketId, d.workOrderId);
                        }
                        return msgId;
                    });
            if (copy == SyncedItemStore.Copy.COPIED) {
                copied++;
            }
        }
        if (d.logCopies(log, "copy-notes", copied, "note(s) -> messages")) {
            LOG.info("{} note(s) of ticket {} posted as messages on work order {}", copied, d.ticketId, d.workOrderId);
        }
        return d;
    }

    /** The description is the first note with detailDescriptionFlag. */
    static String descriptionNoteId(List<JsonNode> notes) {
        return notes.stream().filter(n -> n.path("detailDescriptionFlag").asBoolean(false))
                .map(n -> Json.text(n, "id")).findFirst().orElse(null);
    }
}
