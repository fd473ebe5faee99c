package com.cwfn.sandbox.fieldnation;

import static com.cwfn.sandbox.fieldnation.FnPaging.metadata;
import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxException;
import com.cwfn.sandbox.fieldnation.FnModel.Message;
import com.cwfn.sandbox.fieldnation.FnModel.User;
import com.cwfn.sandbox.fieldnation.FnModel.WorkOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A work order's messages: posting (with the recipient each type implies), replies in threads, rendering and paged
 * listing; every post fires {@code workorder.message_posted}. Every entry point takes the store lock ({@code
 * synchronized (store)}), as all Field Nation resources do.
 */
final class FnMessages {
    static final List<String> MESSAGE_TYPES = List.of("INTERNAL", "ASSIGNEDTECH", "REQUESTEDTECHS", "SPECIFICTECH",
            "FROMTECH", "REPLY", "TECHTOMANAGER", "ROUTEDTECHS", "REPLYTOTHREAD", "STAFF_NOTE");

    private final FnStore store;

    FnMessages(FnStore store) {
        this.store = store;
    }

    private Message findMessage(WorkOrder wo, long msgId) {
        for (Message m : wo.messages) {
            if (m.id == msgId) {
                return m;
            }
            for (Message r : m.replies) {
                if (r.id == msgId) {
                    return m; // replying to a reply goes to its thread
                }
            }
        }
        throw new SandboxException(404, "Message not found: " + msgId);
    }

    ObjectNode postMessage(long id, JsonNode body, long actor, String role) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            if (body == null || !body.isObject()) {
                throw new SandboxException(400, "Request body must be a JSON message object");
            }
            JsonNode text = body.get("message");
            if (text == null || !text.isTextual() || text.asText().isBlank()) {
                throw new SandboxException(400, "Missing Parameter: message (plain text) is required");
            }
            String type = body.hasNonNull("type") ? body.get("type").asText().trim().toUpperCase(Locale.ROOT)
                    : "provider".equals(role) ? "FROMTECH" : "INTERNAL";
            if (!MESSAGE_TYPES.contains(type)) {
                throw new SandboxException(400, "Invalid message type '" + body.get("type").asText() + "': use one of "
                        + MESSAGE_TYPES);
            }
            Long to = null;
            String toRole = null;
            if ("SPECIFICTECH".equals(type)) {
                long t = body.path("to").path("id").asLong(0);
                if (t <= 0) {
                    throw new SandboxException(400, "Missing Parameter: to.id is required for type SPECIFICTECH");
                }
                to = t;
                toRole = "provider";
            } else if ("ASSIGNEDTECH".equals(type)) {
                to = wo.assigneeId;
                toRole = "provider";
            } else if ("provider".equals(role) || "FROMTECH".equals(type) || "TECHTOMANAGER".equals(type)) {
                to = wo.refs.containsKey("manager") ? wo.refs.get("manager").path("id").asLong() : store.apiUserId;
                toRole = "buyer";
            } else {
                toRole = "buyer";
            }
            Message m = newMessage(wo, 0, actor, role, type, to, toRole, text.asText());
            wo.messages.add(m);
            return messagePosted(wo, m, actor);
        }
    }

    ObjectNode reply(long id, long messageId, JsonNode body, long actor, String role) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            Message parent = findMessage(wo, messageId);
            JsonNode text = body == null ? null : body.get("message");
            if (text == null || !text.isTextual() || text.asText().isBlank()) {
                throw new SandboxException(400, "Missing Parameter: message (plain text) is required");
            }
            Message m = newMessage(wo, parent.id, actor, role, "REPLY", parent.fromId, parent.fromRole, text.asText());
            parent.replies.add(m);
            return messagePosted(wo, m, actor);
        }
    }

    private Message newMessage(WorkOrder wo, long parent, long from, String role, String type, Long to, String toRole,
                               String text) {
        Message m = new Message();
        m.id = store.nextMessage++;
        m.parentId = parent;
        m.fromId = from;
        m.fromRole = role;
        m.type = type;
        m.toId = to;
        m.toRole = toRole;
        m.text = text;
        m.created = Instant.now();
        m.statusAtPost = wo.status;
        wo.updated = m.created;
        return m;
    }

    private ObjectNode messagePosted(WorkOrder wo, Message m, long actor) {
        ObjectNode rendered = renderMessage(wo, m);
        store.emitter.emit(wo, FnEvents.MESSAGE_POSTED, actor, null, p -> {
            p.put("message_id", String.valueOf(m.id));
            p.set("message", rendered.deepCopy());
        });
        return rendered;
    }

    private ObjectNode renderMessage(WorkOrder wo, Message m) {
        ObjectNode o = Json.object();
        o.put("msg_id", String.valueOf(m.id));
        o.put("parent_id", String.valueOf(m.parentId));
        User from = store.user(m.fromId);
        ObjectNode f = o.putObject("from");
        f.put("id", from.id());
        f.put("name", from.name());
        f.put("thumbnail", "");
        f.put("role", m.fromRole);
        ObjectNode t = o.putObject("to");
        if (m.toId != null) {
            User to = store.user(m.toId);
            t.put("id", to.id());
            t.put("name", to.name());
        } else {
            t.put("id", 0);
            t.put("name", "INTERNAL".equals(m.type) ? FnStore.COMPANY_NAME : "");
        }
        t.put("role", m.toRole);
        o.put("role", m.fromRole);
        o.put("type", m.type);
        o.put("read", false);
        o.set("created", FnTime.dateObject(m.created, store.locations.zoneOf(wo)));
        o.put("message", m.text);
        ObjectNode st = o.putObject("work_order_status");
        st.put("id", m.statusAtPost);
        st.put("name", FnModel.statusName(m.statusAtPost));
        ArrayNode replies = o.putArray("replies");
        m.replies.forEach(r -> replies.add(renderMessage(wo, r)));
        o.putArray("actions").add("reply");
        return o;
    }

    /** Newest first, replies nested (oldest first) in their thread. */
    List<ObjectNode> messageList(long id) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            List<ObjectNode> out = new ArrayList<>();
            for (int i = wo.messages.size() - 1; i >= 0; i--) {
                out.add(renderMessage(wo, wo.messages.get(i)));
            }
            return out;
        }
    }

    ObjectNode messages(long id, int page, int perPage) {
        synchronized (store) {
            List<ObjectNode> all = messageList(id);
            ObjectNode o = Json.object();
            o.set("metadata", metadata(all.size(), page, perPage));
            ArrayNode r = o.putArray("results");
            for (int i = (page - 1) * perPage; i < Math.min(all.size(), page * perPage); i++) {
                r.add(all.get(i));
            }
            o.put("unread", 0);
            o.put("problem_reported", false);
            return o;
        }
    }
}
