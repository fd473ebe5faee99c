package com.cwfn.sandbox.connectwise;

import com.cwfn.json.Json;
import com.cwfn.sandbox.connectwise.CwStore.Actor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * Turns ticket changes into callback messages: one signed delivery per active ticket callback whose level matches,
 * with the ticket as GET shows it in {@code Entity}. Called under the store lock, so the queue order is the change
 * order.
 */
final class CwCallbackEvents {
    private final CwStore store;

    CwCallbackEvents(CwStore store) {
        this.store = store;
    }

    private static JsonNode withoutNulls(JsonNode n) {
        if (n.isObject()) {
            ObjectNode o = Json.object();
            n.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    o.set(e.getKey(), withoutNulls(e.getValue()));
                }
            });
            return o;
        }
        if (n.isArray()) {
            ArrayNode a = Json.array();
            n.forEach(c -> a.add(withoutNulls(c)));
            return a;
        }
        return n;
    }

    private static boolean levelMatches(ObjectNode cb, ObjectNode t) {
        long objectId = cb.path("objectId").asLong();
        return switch (cb.path("level").asText().toLowerCase(Locale.ROOT)) {
            case "owner" -> true;
            case "board" -> t.path("board").path("id").asLong(-1) == objectId;
            case "status" -> t.path("status").path("id").asLong(-1) == objectId;
            case "ticket" -> t.path("id").asLong(-1) == objectId;
            case "project" -> t.path("project").path("id").asLong(-1) == objectId;
            case "phase" -> t.path("phase").path("id").asLong(-1) == objectId;
            default -> false; // integratortag: the sandbox has no integrator tags
        };
    }

    /** Queues one delivery per matching active ticket callback. Called under the lock, so queue order = change order. */
    void fire(String action, ObjectNode t, Actor a) {
        String entity = null;
        boolean entityMade = false;
        for (ObjectNode cb : store.callbackById.values()) {
            if (cb.path("inactiveFlag").asBoolean() || !"ticket".equalsIgnoreCase(cb.path("type").asText())
                    || (a.api() && cb.path("isSelfSuppressedFlag").asBoolean()) || !levelMatches(cb, t)) {
                continue;
            }
            if (!entityMade) {
                entity = action.equals("deleted") ? null : json(withoutNulls(store.render(t)));
                entityMade = true;
            }
            long ticketId = t.path("id").asLong();
            String messageId = UUID.randomUUID().toString();
            ObjectNode p = Json.object();
            p.put("MessageId", messageId);
            p.put("FromUrl", URI.create(store.sandbox.baseUrl()).getAuthority());
            p.put("CompanyId", store.sandbox.companyId());
            p.put("MemberId", a.identifier());
            p.put("Action", action);
            p.put("Type", "ticket");
            p.put("ID", ticketId);
            if (entity == null) {
                p.putNull("Entity");
            } else {
                p.put("Entity", entity);
            }
            p.putObject("Metadata").put("key_url", store.sandbox.signingKeyUrl());
            p.put("CallbackObjectRecId", cb.path("id").asLong());
            byte[] body = json(p).getBytes(StandardCharsets.UTF_8);
            String signature = CallbackSender.sign(store.sandbox.signingKey(), body);
            try {
                store.sender.send(new CallbackSender.Outgoing(cb.path("id").asLong(), ticketId, action, messageId,
                        cb.path("url").asText() + ticketId, body, signature));
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // the sandbox is closing
            }
        }
    }

    private static String json(JsonNode n) {
        try {
            return Json.MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
