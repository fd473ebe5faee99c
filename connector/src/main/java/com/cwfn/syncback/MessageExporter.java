package com.cwfn.syncback;

import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.inbox.Outcome;
import com.cwfn.json.Json;
import com.cwfn.settings.Settings;
import com.cwfn.store.SyncLog;
import com.cwfn.store.SyncedItemStore;
import com.cwfn.sync.Items;
import com.cwfn.sync.NoteWriter;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * {@code workorder.message_posted} -> a ConnectWise note with the configured flag ({@code sync.notes.flag}),
 * author and time in its text; each message once, never one the connector posted itself.
 */
public class MessageExporter {
    private final NoteWriter notes;
    private final FieldNationClient fn;
    private final SyncedItemStore items;
    private final SyncLog log;
    private final Settings settings;

    public MessageExporter(NoteWriter notes, FieldNationClient fn, SyncedItemStore items, SyncLog log,
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
        JsonNode inEvent = message(s);
        // the v3 envelope carries the message; other shapes only name the work order: read its messages then
        List<JsonNode> candidates = inEvent != null ? List.of(inEvent) : withReplies(fn.messages(s.workOrderId()));
        List<String> copied = new ArrayList<>();
        for (JsonNode msg : candidates) {
            String id = messageId(msg);
            if (id != null && !Json.isBlank(msg.get("message")) && !isOwn(s, msg, id)
                    && copy(s, msg, id) == SyncedItemStore.Copy.COPIED) {
                copied.add(id);
            }
        }
        if (copied.isEmpty()) {
            Outcome.skipped(exchange, "no message to copy (copied before, or posted by the connector)");
        } else {
            Outcome.done(exchange, "message(s) " + copied + " -> notes");
        }
        return s;
    }

    private boolean isOwn(SyncBack s, JsonNode msg, String id) {
        Long apiUser = fn.tokens().userId();
        return items.exists(Items.OWN_FN_MESSAGE, Items.messageKey(s.workOrderId(), id))
                || (apiUser != null && apiUser.equals(Json.number(msg, "from/id")));
    }

    private SyncedItemStore.Copy copy(SyncBack s, JsonNode msg, String msgId) {
        long ticketId = s.link.ticketId();
        var written = notes.addOnce(Items.FN_MESSAGE_TO_NOTE, Items.messageKey(s.workOrderId(), msgId), s.kind(),
                ticketId, s.workOrderId(), noteText(msg),
                settings.notesInternal() ? NoteWriter.Tab.INTERNAL : NoteWriter.Tab.DISCUSSION, null);
        if (written.copy() == SyncedItemStore.Copy.COPIED) {
            log.append(s.transaction.id(), s.transaction.direction(), ticketId, s.workOrderId(), "copy-message", "ok",
                    "message " + msgId + " -> note " + written.noteId());
        }
        return written.copy();
    }

    static String messageId(JsonNode msg) {
        String id = Json.text(msg, "msg_id");
        return id != null ? id : Json.text(msg, "id");
    }

    /** Messages and their replies, oldest first. */
    static List<JsonNode> withReplies(List<JsonNode> messages) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode m : messages) {
            all.add(m);
            m.path("replies").forEach(all::add);
        }
        all.sort(java.util.Comparator.comparing(m -> String.valueOf(Json.text(m, "created/utc"))));
        return all;
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
