package com.cwfn.syncback;

import com.cwfn.Json;
import com.cwfn.config.Settings;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.store.SyncLog;
import com.cwfn.store.SyncedItemStore;
import com.cwfn.sync.Items;
import com.cwfn.sync.NoteWriter;
import com.cwfn.sync.Outcome;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;

/**
 * {@code workorder.message_posted} -> a ConnectWise note with the configured flag ({@code sync.notes.flag}),
 * author and time in its text; each message once, never one the connector posted itself.
 */
public class MessageImporter {
    private final NoteWriter notes;
    private final FieldNationClient fn;
    private final SyncedItemStore items;
    private final SyncLog log;
    private final Settings settings;

    public MessageImporter(NoteWriter notes, FieldNationClient fn, SyncedItemStore items, SyncLog log,
            Settings settings) {
        this.notes = notes;
        this.fn = fn;
        this.items = items;
        this.log = log;
        this.settings = settings;
    }

    static String noteText(JsonNode msg) {
        String who = Json.text(msg, "from/name");
        String when = Json.text(msg, "created/utc");
        return "Field Nation message" + (who == null ? "" : " from " + who) + (when == null ? "" : " at " + when
                + " UTC") + ":\n" + Json.text(msg, "message");
    }

    public SyncBack apply(SyncBack s, Exchange exchange) {
        if (!settings.messagesEnabled()) {
            Outcome.skipped(exchange, "sync.messages.enabled is false");
            return s;
        }
        JsonNode msg = message(s);
        String msgId = msg == null ? null : Json.text(msg, "msg_id");
        if (msgId == null && msg != null) {
            msgId = Json.text(msg, "id");
        }
        if (msg == null || msgId == null || Json.isBlank(msg.get("message"))) {
            Outcome.ignored(exchange, "the event carries no message");
            return s;
        }
        String key = Items.messageKey(s.workOrderId(), msgId);
        Long apiUser = fn.tokens().userId();
        if (items.exists(Items.OWN_FN_MESSAGE, key) || (apiUser != null && apiUser.equals(Json.number(msg, "from/id")))) {
            Outcome.skipped(exchange, "message " + msgId + " was posted by the connector (from a ConnectWise note)");
            return s;
        }
        long ticketId = s.link.ticketId();
        String text = noteText(msg);
        var written = notes.addOnce(Items.FN_MESSAGE_TO_NOTE, key, s.kind(), ticketId, s.workOrderId(), text,
                settings.notesInternal() ? NoteWriter.Tab.INTERNAL : NoteWriter.Tab.DISCUSSION, null);
        switch (written.copy()) {
            case ALREADY -> Outcome.skipped(exchange, "message " + msgId + " was copied before");
            case FOUND -> Outcome.done(exchange, "message " + msgId + " was copied before a restart");
            case COPIED -> {
                log.append(s.event.id(), s.event.direction(), ticketId, s.workOrderId(), "copy-message", "ok",
                        "message " + msgId + " -> note " + written.noteId());
                Outcome.done(exchange, "message " + msgId + " -> note " + written.noteId());
            }
        }
        return s;
    }

    /** The message in the event (params.message, or params itself when it is the message). */
    static JsonNode message(SyncBack s) {
        JsonNode p = s.webhook.params();
        if (p.has("message") && p.get("message").isObject()) {
            return p.get("message");
        }
        if (p.has("message") && p.get("message").isTextual()) {
            return p;
        }
        return null;
    }
}
