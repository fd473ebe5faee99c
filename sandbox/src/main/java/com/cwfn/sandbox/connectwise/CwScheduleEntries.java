package com.cwfn.sandbox.connectwise;

import static com.cwfn.sandbox.connectwise.CwRequests.bodyObject;
import static com.cwfn.sandbox.connectwise.CwRequests.id;
import static com.cwfn.sandbox.connectwise.CwRequests.patchOps;
import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxResponse;
import com.cwfn.sandbox.connectwise.CwStore.Actor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Schedule entries ({@code /schedule/entries}): create, patch, replace, delete and list, each field checked against
 * the setup tables; changes do not touch the ticket. Works under the store lock ({@code synchronized
 * (store.lock)}), as every ConnectWise resource does.
 */
final class CwScheduleEntries {
    private static final Set<String> SCHEDULE_READ_ONLY = Set.of("id", "_info", "hours", "startTimeSet",
            "endTimeSet", "mobileGuid");

    private final CwStore store;

    CwScheduleEntries(CwStore store) {
        this.store = store;
    }

    /** Schedule entries: list, count, read, create, patch, replace, delete. */
    void scheduleRoutes(CwRouteTable t) {
        t.on("GET", store.api + "/schedule/entries", r -> store.locked(() -> ListQuery.respond(r, store.apiBase()
                + "/schedule/entries", new ArrayList<>(store.entryById.values()), store::render)));
        t.on("GET", store.api + "/schedule/entries/count", r -> store.locked(() -> ListQuery.count(r,
                new ArrayList<>(store.entryById.values()))));
        t.on("GET", store.api + "/schedule/entries/{id}",
                r -> SandboxResponse.ok(store.locked(() -> store.render(entryOf(id(r, "id"))))));
        t.on("POST", store.api + "/schedule/entries",
                r -> SandboxResponse.created(store.locked(() -> store.render(doAddSchedule(store.apiActor,
                        withType(bodyObject(r, "scheduleEntry")))))));
        t.on("PATCH", store.api + "/schedule/entries/{id}",
                r -> SandboxResponse.ok(store.locked(() -> store.render(doPatchSchedule(
                        store.apiActor, id(r, "id"), patchOps(r.json()))))));
        t.on("PUT", store.api + "/schedule/entries/{id}",
                r -> SandboxResponse.ok(store.locked(() -> store.render(doPutSchedule(
                        store.apiActor, id(r, "id"), withType(bodyObject(r, "scheduleEntry")))))));
        t.on("DELETE", store.api + "/schedule/entries/{id}", r -> {
            store.locked(() -> doDeleteSchedule(store.apiActor, id(r, "id")));
            return SandboxResponse.noContent();
        });
    }

    /**
     * The model's one required field: a REST call must name the schedule {@code type} (the UI, the control API,
     * defaults to Service).
     */
    private static ObjectNode withType(ObjectNode body) {
        if (!body.hasNonNull("type")) {
            CwErrors.Validation v = CwErrors.invalid("scheduleEntry");
            v.missing("type");
            v.check();
        }
        return body;
    }

    private ObjectNode entryOf(long id) {
        ObjectNode e = store.entryById.get(id);
        if (e == null) {
            throw CwErrors.notFound("ScheduleEntry", id);
        }
        return e;
    }

    ObjectNode doAddSchedule(Actor a, ObjectNode body) {
        synchronized (store.lock) {
            ObjectNode e = storeSchedule(a, body, store.now());
            store.callbackEvents.fireSchedule("added", e, a);
            return e;
        }
    }

    /** Deletes an entry; schedule callbacks get {@code deleted} with no {@code Entity}. */
    ObjectNode doDeleteSchedule(Actor a, long id) {
        synchronized (store.lock) {
            ObjectNode e = entryOf(id);
            store.entryById.remove(id);
            store.callbackEvents.fireSchedule("deleted", e, a);
            return e;
        }
    }

    private ObjectNode scheduleTemplate(long id) {
        ObjectNode e = Json.object();
        e.put("id", id);
        e.putNull("objectId");
        e.putNull("name");
        e.putNull("member");
        e.set("where", RefLookup.nameRef(store.ref.locations, 1));
        e.putNull("dateStart");
        e.putNull("dateEnd");
        e.putNull("reminder");
        e.set("status", store.ref.scheduleStatusRef(2));
        e.set("type", store.ref.scheduleTypeRef(4));
        e.putNull("span");
        e.put("doneFlag", false);
        e.put("acknowledgedFlag", false);
        e.put("ownerFlag", false);
        e.put("meetingFlag", false);
        e.putNull("allowScheduleConflictsFlag");
        e.putNull("addMemberToProjectFlag");
        e.putNull("projectRoleId");
        e.put("mobileGuid", UUID.randomUUID().toString());
        e.putNull("acknowledgedDate");
        e.putNull("closeDate");
        e.putNull("notifyResource");
        e.putNull("notificationSent");
        e.putNull("notificationResponse");
        e.put("hours", 0);
        e.put("startTimeSet", false);
        e.put("endTimeSet", false);
        e.putObject("_info");
        return e;
    }

    ObjectNode storeSchedule(Actor a, ObjectNode body, String now) {
        ObjectNode e = scheduleTemplate(store.nextScheduleId);
        CwErrors.Validation v = CwErrors.invalid("scheduleEntry");
        Iterator<Map.Entry<String, JsonNode>> it = body.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            if (SCHEDULE_READ_ONLY.contains(f.getKey())) {
                continue;
            }
            if (!e.has(f.getKey())) {
                throw CwErrors.badRequest("Could not find member '" + f.getKey()
                        + "' on object of type 'ScheduleEntry'.");
            }
            applySchedule(e, f.getKey(), f.getValue(), v);
        }
        if (e.get("member").isNull()) {
            e.set("member", store.ref.memberRef(a.memberId()));
        }
        finishSchedule(e, v, true);
        store.nextScheduleId++;
        ObjectNode info = (ObjectNode) e.get("_info");
        info.put("lastUpdated", now);
        info.put("updatedBy", a.identifier());
        info.put("dateEntered", now);
        info.put("enteredBy", a.identifier());
        store.entryById.put(e.path("id").asLong(), e);
        return e;
    }

    ObjectNode doPatchSchedule(Actor a, long id, List<TicketRules.PatchOp> ops) {
        synchronized (store.lock) {
            ObjectNode e = entryOf(id).deepCopy();
            CwErrors.Validation v = CwErrors.invalid("scheduleEntry");
            CwRequests.applyPatch(ops, "scheduleEntry", f -> e.has(f) && !SCHEDULE_READ_ONLY.contains(f),
                    (f, value) -> applySchedule(e, f, value, v));
            finishSchedule(e, v, false);
            ObjectNode info = (ObjectNode) e.get("_info");
            info.put("lastUpdated", store.now());
            info.put("updatedBy", a.identifier());
            store.entryById.put(id, e);
            store.callbackEvents.fireSchedule("updated", e, a);
            return e;
        }
    }

    private ObjectNode doPutSchedule(Actor a, long id, ObjectNode body) {
        synchronized (store.lock) {
            ObjectNode old = entryOf(id);
            long saved = store.nextScheduleId;
            store.nextScheduleId = id;
            ObjectNode e;
            try {
                e = storeSchedule(a, body, store.now());
            } finally {
                store.nextScheduleId = saved;
            }
            ObjectNode info = (ObjectNode) e.get("_info");
            info.set("dateEntered", old.path("_info").get("dateEntered"));
            info.set("enteredBy", old.path("_info").get("enteredBy"));
            e.set("mobileGuid", old.get("mobileGuid"));
            store.callbackEvents.fireSchedule("updated", e, a);
            return e;
        }
    }

    private void applySchedule(ObjectNode e, String key, JsonNode value, CwErrors.Validation v) {
        JsonNode val = value == null ? NullNode.getInstance() : value;
        switch (key) {
            case "member" -> {
                if (val.isNull()) {
                    v.missing("member");
                    return;
                }
                Optional<ObjectNode> m = RefLookup.lookup(new ArrayList<>(store.ref.members.values()), val,
                        "identifier");
                if (m.isEmpty()) {
                    v.notFound("Member " + RefLookup.describe(val) + " not found", "member/"
                            + (val.has("id") ? "id" : "identifier"));
                } else {
                    e.set("member", store.ref.memberRef(m.get().path("id").asLong()));
                }
            }
            case "status" -> {
                Optional<ObjectNode> s = RefLookup.lookup(new ArrayList<>(store.ref.scheduleStatuses.values()), val,
                        "name");
                if (val.isNull()) {
                    e.set("status", store.ref.scheduleStatusRef(2));
                } else if (s.isEmpty()) {
                    v.notFound("Schedule Status " + RefLookup.describe(val) + " not found", "status");
                } else {
                    e.set("status", store.ref.scheduleStatusRef(s.get().path("id").asLong()));
                }
            }
            case "type" -> {
                Optional<ObjectNode> s = RefLookup.lookup(new ArrayList<>(store.ref.scheduleTypes.values()), val,
                        "identifier");
                if (val.isNull()) {
                    e.set("type", store.ref.scheduleTypeRef(4));
                } else if (s.isEmpty()) {
                    v.notFound("Schedule Type " + RefLookup.describe(val) + " not found", "type");
                } else {
                    e.set("type", store.ref.scheduleTypeRef(s.get().path("id").asLong()));
                }
            }
            case "where" -> {
                Optional<ObjectNode> s = RefLookup.lookup(new ArrayList<>(store.ref.locations.values()), val, "name");
                if (val.isNull()) {
                    e.putNull("where");
                } else if (s.isEmpty()) {
                    v.notFound("Service Location " + RefLookup.describe(val) + " not found", "where");
                } else {
                    e.set("where", RefLookup.nameRef(store.ref.locations, s.get().path("id").asLong()));
                }
            }
            case "dateStart", "dateEnd", "acknowledgedDate", "closeDate" -> {
                if (val.isNull()) {
                    e.putNull(key);
                    return;
                }
                CwRequests.putDate(e, key, val, v);
            }
            case "objectId", "projectRoleId" -> {
                if (val.isNull()) {
                    e.putNull(key);
                    return;
                }
                BigDecimal n = TicketRules.number(val);
                if (n == null) {
                    v.invalid("The field " + key + " must be a number.", key);
                } else {
                    e.put(key, n.longValue());
                }
            }
            case "name" -> {
                if (!val.isNull() && val.asText().length() > 250) {
                    v.maxLength("name", 250);
                } else {
                    e.set("name", val.isNull() ? val : TextNode.valueOf(val.asText()));
                }
            }
            case "reminder", "span" -> e.set(key, val);
            default -> {
                JsonNode current = e.get(key);
                if (key.endsWith("Flag") || (current != null && current.isBoolean())) {
                    Boolean flag = val.isNull() ? null : CwRequests.flag(val);
                    if (val.isNull()) {
                        e.putNull(key);
                    } else if (flag != null) {
                        e.put(key, flag);
                    } else {
                        v.invalid("The field " + key + " must be true or false.", key);
                    }
                } else {
                    e.set(key, val);
                }
            }
        }
    }

    private void finishSchedule(ObjectNode e, CwErrors.Validation v, boolean creating) {
        boolean service = "S".equals(e.path("type").path("identifier").asText());
        JsonNode objectId = e.get("objectId");
        ObjectNode ticket = null;
        if (objectId == null || objectId.isNull()) {
            if (service) {
                v.missing("objectId");
            }
        } else if (service) {
            ticket = store.ticketById.get(objectId.asLong());
            if (ticket == null) {
                v.notFound("Ticket " + objectId.asLong() + " not found", "objectId");
            }
        }
        Instant start = e.hasNonNull("dateStart") ? Instant.parse(e.get("dateStart").asText()) : null;
        Instant end = e.hasNonNull("dateEnd") ? Instant.parse(e.get("dateEnd").asText()) : null;
        if (start != null && end != null && end.isBefore(start)) {
            v.invalid("dateEnd must not be before dateStart.", "dateEnd");
        }
        v.check();
        if (creating && e.get("name").isNull() && ticket != null) {
            e.set("name", ticket.get("summary"));
        }
        e.put("startTimeSet", start != null);
        e.put("endTimeSet", end != null);
        if (start != null && end != null) {
            long minutes = Duration.between(start, end).toMinutes();
            e.set("hours", JsonNodeFactory.instance.numberNode(BigDecimal.valueOf(minutes)
                    .divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP).stripTrailingZeros()));
        } else {
            e.put("hours", 0);
        }
    }

}
