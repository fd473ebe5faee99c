package com.cwfn.sandbox.connectwise;

import static com.cwfn.sandbox.connectwise.CwRequests.bodyObject;
import static com.cwfn.sandbox.connectwise.CwRequests.id;
import static com.cwfn.sandbox.connectwise.CwRequests.patchOps;
import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Callback registrations ({@code /system/callbacks}): create, patch, replace, delete and list, with ConnectWise's
 * type/level rules and duplicate check. Works under the store lock ({@code synchronized (store.lock)}), as every
 * ConnectWise resource does.
 */
final class CwCallbacks {
    private static final Map<String, List<String>> LEVELS = Map.of(
            "ticket", List.of("owner", "board", "status", "ticket", "project", "phase", "integratortag"),
            "company", List.of("owner", "status", "type", "territory", "company", "integratortag"),
            "contact", List.of("owner", "type", "territory", "company", "contact"),
            "schedule", List.of("owner", "status", "type", "location", "member", "schedule"),
            "time", List.of("owner", "company", "time"),
            "expense", List.of("owner", "chargetotype", "type", "class", "company", "expense"));

    private static final Set<String> OTHER_TYPES = Set.of("activity", "agreement", "configuration", "invoice",
            "member", "opportunity", "productcatalog", "project", "purchaseorder");

    private static final Set<String> CALLBACK_FIELDS = Set.of("id", "description", "url", "objectId", "type",
            "level", "memberId", "payloadVersion", "inactiveFlag", "isSoapCallbackFlag", "isSelfSuppressedFlag",
            "connectWiseID", "_info");

    private final CwStore store;

    CwCallbacks(CwStore store) {
        this.store = store;
    }

    /** Callback registrations: list, count, read, create, patch, replace, delete. */
    void callbackRoutes(CwRouteTable t) {
        t.on("GET", store.api + "/system/callbacks", r -> store.locked(() -> ListQuery.respond(r, store.apiBase()
                + "/system/callbacks", new ArrayList<>(store.callbackById.values()), store::render)));
        t.on("GET", store.api + "/system/callbacks/count", r -> store.locked(() -> ListQuery.count(r,
                new ArrayList<>(store.callbackById.values()))));
        t.on("GET", store.api + "/system/callbacks/{id}",
                r -> SandboxResponse.ok(store.locked(() -> store.render(callbackOf(id(r, "id"))))));
        t.on("POST", store.api + "/system/callbacks",
                r -> SandboxResponse.created(store.locked(() -> store.render(doAddCallback(
                        bodyObject(r, "callbackEntry"))))));
        t.on("PATCH", store.api + "/system/callbacks/{id}",
                r -> SandboxResponse.ok(store.locked(() -> store.render(doPatchCallback(
                        id(r, "id"), patchOps(r.json()))))));
        t.on("PUT", store.api + "/system/callbacks/{id}",
                r -> SandboxResponse.ok(store.locked(() -> store.render(doPutCallback(
                        id(r, "id"), bodyObject(r, "callbackEntry"))))));
        t.on("DELETE", store.api + "/system/callbacks/{id}", r -> {
            store.locked(() -> {
                callbackOf(id(r, "id"));
                return store.callbackById.remove(id(r, "id"));
            });
            return SandboxResponse.noContent();
        });
    }

    private ObjectNode callbackOf(long id) {
        ObjectNode c = store.callbackById.get(id);
        if (c == null) {
            throw CwErrors.notFound("Callback", id);
        }
        return c;
    }

    private ObjectNode callbackTemplate() {
        ObjectNode c = Json.object();
        c.putNull("id");
        c.putNull("description");
        c.putNull("url");
        c.putNull("objectId");
        c.putNull("type");
        c.putNull("level");
        c.put("memberId", ReferenceData.API_MEMBER_ID);
        c.put("payloadVersion", "3.0.0");
        c.put("inactiveFlag", false);
        c.put("isSoapCallbackFlag", false);
        c.put("isSelfSuppressedFlag", false);
        c.put("connectWiseID", UUID.randomUUID().toString());
        c.putObject("_info");
        return c;
    }

    private void applyCallback(ObjectNode c, String key, JsonNode value, CwErrors.Validation v) {
        JsonNode val = value == null ? NullNode.getInstance() : value;
        switch (key) {
            case "id", "memberId", "connectWiseID", "_info" -> {
                // server-owned
            }
            case "url", "type", "level", "description", "payloadVersion" -> {
                if (val.isNull()) {
                    c.putNull(key);
                } else if (!val.isValueNode()) {
                    v.invalid("The field " + key + " must be text.", key);
                } else {
                    c.put(key, val.asText().trim());
                }
            }
            case "objectId" -> {
                if (val.isNull()) {
                    c.putNull(key);
                    return;
                }
                BigDecimal n = TicketRules.number(val);
                if (n == null) {
                    v.invalid("The field objectId must be a number.", "objectId");
                } else {
                    c.put(key, n.longValue());
                }
            }
            case "inactiveFlag", "isSoapCallbackFlag", "isSelfSuppressedFlag" -> {
                Boolean flag = val.isNull() ? Boolean.FALSE : CwRequests.flag(val);
                if (flag != null) {
                    c.put(key, flag);
                } else {
                    v.invalid("The field " + key + " must be true or false.", key);
                }
            }
            default -> throw CwErrors.badRequest("Could not find member '" + key
                    + "' on object of type 'CallbackEntry'.");
        }
    }

    private void validateCallback(ObjectNode c, CwErrors.Validation v, long selfId) {
        for (String f : List.of("url", "objectId", "type", "level")) {
            JsonNode n = c.get(f);
            if (n == null || n.isNull() || n.asText().isBlank()) {
                v.missing(f);
            }
        }
        v.check();
        String url = c.get("url").asText();
        try {
            URI u = new URI(url);
            if (u.getScheme() == null || !(u.getScheme().equalsIgnoreCase("http")
                    || u.getScheme().equalsIgnoreCase("https")) || u.getHost() == null) {
                v.invalid("Invalid URL", "url");
            }
        } catch (Exception e) {
            v.invalid("Invalid URL", "url");
        }
        String type = c.get("type").asText().toLowerCase(Locale.ROOT);
        String level = c.get("level").asText().toLowerCase(Locale.ROOT);
        if (!LEVELS.containsKey(type) && !OTHER_TYPES.contains(type)) {
            v.add("InvalidObject", "Unrecognized type, see documentation for supported types", "type");
        } else if (LEVELS.containsKey(type) ? !LEVELS.get(type).contains(level)
                : !(level.equals("owner") || level.equals(type))) {
            v.add("InvalidObject", "Unrecognized level for type, see documentation for supported levels for each"
                    + " type", "level");
        }
        JsonNode d = c.get("description");
        if (d != null && !d.isNull() && d.asText().length() > 100) {
            v.maxLength("description", 100);
        }
        v.check();
        if (level.equals("owner") && c.path("objectId").asLong() == 0) {
            c.put("objectId", 1);
        }
        for (ObjectNode other : store.callbackById.values()) {
            if (other.path("id").asLong() != selfId
                    && other.path("url").asText().equals(url)
                    && other.path("type").asText().equalsIgnoreCase(type)
                    && other.path("level").asText().equalsIgnoreCase(level)
                    && other.path("objectId").asLong() == c.path("objectId").asLong()) {
                v.add("ObjectExists", "A matching callback entry already exists", "objectId");
                break;
            }
        }
        v.check();
    }

    private ObjectNode doAddCallback(ObjectNode body) {
        ObjectNode c = callbackTemplate();
        applyBody(c, body, -1);
        long id = store.nextCallbackId++;
        c.put("id", id);
        return save(id, c);
    }

    private ObjectNode doPatchCallback(long id, List<TicketRules.PatchOp> ops) {
        ObjectNode c = callbackOf(id).deepCopy();
        CwErrors.Validation v = CwErrors.invalid("callbackEntry");
        for (TicketRules.PatchOp op : ops) {
            String path = op.path().startsWith("/") ? op.path().substring(1) : op.path();
            if (!CALLBACK_FIELDS.contains(path)) {
                throw CwErrors.invalidObject("callbackEntry", "InvalidField", "The path '" + op.path()
                        + "' is not valid.", op.path());
            }
            applyCallback(c, path, op.op().equals("remove") ? NullNode.getInstance() : op.value(), v);
        }
        v.check();
        validateCallback(c, v, id);
        return save(id, c);
    }

    private ObjectNode doPutCallback(long id, ObjectNode body) {
        ObjectNode old = callbackOf(id);
        ObjectNode c = callbackTemplate();
        c.set("connectWiseID", old.get("connectWiseID"));
        applyBody(c, body, id);
        c.put("id", id);
        return save(id, c);
    }

    /** Applies every member of a POST or PUT body, then validates the whole entry ({@code selfId} -1: a new one). */
    private void applyBody(ObjectNode c, ObjectNode body, long selfId) {
        CwErrors.Validation v = CwErrors.invalid("callbackEntry");
        body.fields().forEachRemaining(f -> applyCallback(c, f.getKey(), f.getValue(), v));
        v.check();
        validateCallback(c, v, selfId);
    }

    /** Stamps {@code _info} (now, by the API member) and stores the entry under {@code id}. */
    private ObjectNode save(long id, ObjectNode c) {
        ObjectNode info = (ObjectNode) c.get("_info");
        info.put("lastUpdated", store.now());
        info.put("updatedBy", ConnectWiseSandbox.API_MEMBER);
        store.callbackById.put(id, c);
        return c;
    }
}
