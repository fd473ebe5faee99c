package com.cwfn.sandbox.connectwise;

import com.cwfn.sandbox.Json;
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
 * Turns ticket and schedule entry changes into callback messages: one signed delivery per active callback of the
 * record's type whose level matches, with the record as GET shows it in {@code Entity} (null when it was deleted);
 * changes made with the API keys are not sent to callbacks with {@code isSelfSuppressedFlag}. Called under the store
 * lock, so the queue order is the change order.
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

    /** The levels of a schedule callback: owner, or the entry's status, type, location, member or the entry itself. */
    private static boolean scheduleLevelMatches(ObjectNode cb, ObjectNode e) {
        long objectId = cb.path("objectId").asLong();
        return switch (cb.path("level").asText().toLowerCase(Locale.ROOT)) {
            case "owner" -> true;
            case "status" -> e.path("status").path("id").asLong(-1) == objectId;
            case "type" -> e.path("type").path("id").asLong(-1) == objectId;
            case "location" -> e.path("where").path("id").asLong(-1) == objectId;
            case "member" -> e.path("member").path("id").asLong(-1) == objectId;
            case "schedule" -> e.path("id").asLong(-1) == objectId;
            default -> false;
        };
    }

    /** Queues one delivery per matching active ticket callback. Called under the lock, so queue order = change order. */
    void fire(String action, ObjectNode t, Actor a) {
        fire("ticket", action, t, a, CwCallbackEvents::levelMatches);
    }

    /**
     * Queues one delivery per matching active schedule callback for a change of a schedule entry ({@code ID} the
     * entry's id, {@code Entity} the entry, null when it was deleted). Called under the lock.
     */
    void fireSchedule(String action, ObjectNode entry, Actor a) {
        fire("schedule", action, entry, a, CwCallbackEvents::scheduleLevelMatches);
    }

    private void fire(String type, String action, ObjectNode record, Actor a,
            java.util.function.BiPredicate<ObjectNode, ObjectNode> level) {
        String entity = null;
        boolean entityMade = false;
        for (ObjectNode cb : store.callbackById.values()) {
            if (cb.path("inactiveFlag").asBoolean() || !type.equalsIgnoreCase(cb.path("type").asText())
                    || (a.api() && cb.path("isSelfSuppressedFlag").asBoolean()) || !level.test(cb, record)) {
                continue;
            }
            if (!entityMade) {
                entity = action.equals("deleted") ? null : json(withoutNulls(store.render(record)));
                entityMade = true;
            }
            long recordId = record.path("id").asLong();
            String messageId = UUID.randomUUID().toString();
            ObjectNode p = Json.object();
            p.put("MessageId", messageId);
            p.put("FromUrl", URI.create(store.sandbox.baseUrl()).getAuthority());
            p.put("CompanyId", store.sandbox.companyId());
            p.put("MemberId", a.identifier());
            p.put("Action", action);
            p.put("Type", type);
            p.put("ID", recordId);
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
                store.sender.send(new CallbackSender.Outgoing(cb.path("id").asLong(), type, recordId, action, messageId,
                        cb.path("url").asText() + recordId, body, signature));
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
