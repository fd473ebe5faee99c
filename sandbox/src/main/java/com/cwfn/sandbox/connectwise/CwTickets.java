package com.cwfn.sandbox.connectwise;

import static com.cwfn.sandbox.connectwise.CwRequests.bodyObject;
import static com.cwfn.sandbox.connectwise.CwRequests.id;
import static com.cwfn.sandbox.connectwise.CwRequests.patchOps;
import static com.cwfn.sandbox.connectwise.CwRequests.searchConditions;
import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxRequest;
import com.cwfn.sandbox.SandboxResponse;
import com.cwfn.sandbox.connectwise.CwStore.Actor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Service and project tickets: create (with the initial notes), patch, replace, delete, list and count, each change
 * firing its callbacks. Works under the store lock ({@code synchronized (store.lock)}), as every ConnectWise
 * resource does.
 */
final class CwTickets {
    private final CwStore store;

    CwTickets(CwStore store) {
        this.store = store;
    }

    /** Service and project tickets: list, count, search, create, read, patch, replace, delete. */
    void ticketRoutes(CwRouteTable t) {
        store.bothTicketKinds((project, base) -> {
            t.on("GET", base, r -> listTickets(r, project, null));
            t.on("GET", base + "/count", r -> countTickets(r, project));
            t.on("POST", base + "/search", r -> listTickets(r, project, searchConditions(r)));
            t.on("POST", base, r -> SandboxResponse.created(store.locked(() -> store.render(doCreate(store.apiActor,
                    project, bodyObject(r, "ticket"))))));
            t.on("GET", base + "/{id}", r -> SandboxResponse.ok(ListQuery.project(store.locked(() -> store.render(
                    ticketOf(project, id(r, "id")))), r.queryIgnoreCase("fields"))));
            t.on("PATCH", base + "/{id}",
                    r -> SandboxResponse.ok(store.locked(() -> store.render(doPatch(store.apiActor, project,
                    id(r, "id"), patchOps(r.json()))))));
            t.on("PUT", base + "/{id}", r -> SandboxResponse.ok(store.locked(() -> store.render(doPut(store.apiActor,
                    project, id(r, "id"), bodyObject(r, "ticket"))))));
            t.on("DELETE", base + "/{id}", r -> {
                doDelete(store.apiActor, project, id(r, "id"));
                return SandboxResponse.noContent();
            });
        });
    }

    ObjectNode ticketOf(Boolean project, long id) {
        ObjectNode t = store.ticketById.get(id);
        boolean isProject = t != null && "ProjectTicket".equals(t.path("recordType").asText());
        if (t == null || (project != null && project != isProject)) {
            throw CwErrors.notFound(Boolean.TRUE.equals(project) ? "ProjectTicket" : "Ticket", id);
        }
        return t;
    }

    private SandboxResponse listTickets(SandboxRequest r, boolean project, String conditions) {
        synchronized (store.lock) {
            String type = project ? "ProjectTicket" : "ServiceTicket";
            List<ObjectNode> rows = store.ticketById.values().stream()
                    .filter(t -> type.equals(t.path("recordType").asText())).toList();
            return ListQuery.respond(r, store.apiBase() + (project ? "/project/tickets" : "/service/tickets"), rows,
                    store::render, conditions);
        }
    }

    private SandboxResponse countTickets(SandboxRequest r, boolean project) {
        synchronized (store.lock) {
            String type = project ? "ProjectTicket" : "ServiceTicket";
            return ListQuery.count(r, store.ticketById.values().stream()
                    .filter(t -> type.equals(t.path("recordType").asText())).toList());
        }
    }

    ObjectNode doCreate(Actor a, boolean project, ObjectNode body) {
        synchronized (store.lock) {
            String now = store.now();
            for (String k : List.of("initialDescription", "initialInternalAnalysis", "initialResolution")) {
                JsonNode v = body.get(k);
                if (v != null && !v.isNull() && !v.isTextual()) {
                    throw CwErrors.invalidObject("ticket", "InvalidField", "The field " + k + " must be text.", k);
                }
            }
            ObjectNode t = store.rules.create(store.nextTicketId, project, body, now, a.identifier(), null);
            store.nextTicketId++;
            store.ticketById.put(t.path("id").asLong(), t);
            initialNote(a, t, body, "initialDescription", "detailDescriptionFlag", now);
            initialNote(a, t, body, "initialInternalAnalysis", "internalAnalysisFlag", now);
            initialNote(a, t, body, "initialResolution", "resolutionFlag", now);
            store.callbackEvents.fire("added", t, a);
            return t;
        }
    }

    private void initialNote(Actor a, ObjectNode t, ObjectNode body, String key, String flag, String now) {
        JsonNode v = body.get(key);
        if (v != null && v.isTextual() && !v.asText().isBlank()) {
            ObjectNode n = Json.object();
            n.put("text", v.asText());
            n.put(flag, true);
            store.notes.storeNote(a, t, n, now);
        }
    }

    ObjectNode doPatch(Actor a, Boolean project, long id, List<TicketRules.PatchOp> ops) {
        synchronized (store.lock) {
            ObjectNode current = ticketOf(project, id);
            ObjectNode t = store.rules.patch(current, ops, store.now(), a.identifier());
            store.ticketById.put(id, t);
            store.callbackEvents.fire("updated", t, a);
            return t;
        }
    }

    private ObjectNode doPut(Actor a, boolean project, long id, ObjectNode body) {
        synchronized (store.lock) {
            ObjectNode current = ticketOf(project, id);
            ObjectNode t = store.rules.create(id, project, body, store.now(), a.identifier(), current);
            store.ticketById.put(id, t);
            store.callbackEvents.fire("updated", t, a);
            return t;
        }
    }

    void doDelete(Actor a, Boolean project, long id) {
        synchronized (store.lock) {
            ObjectNode t = ticketOf(project, id);
            store.ticketById.remove(id);
            store.noteById.values().removeIf(n -> n.path("ticketId").asLong() == id);
            store.documentById.values().removeIf(d -> d.recordType().equals("Ticket") && d.recordId() == id);
            store.entryById.values().removeIf(e -> e.path("objectId").asLong() == id
                    && e.path("type").path("id").asLong() == 4);
            store.callbackEvents.fire("deleted", t, a);
        }
    }

    /** A note, a document or the like changed the ticket: lastUpdated moves and an "updated" callback fires. */
    void touch(Actor a, ObjectNode t) {
        ObjectNode info = (ObjectNode) t.get("_info");
        info.put("lastUpdated", store.now());
        info.put("updatedBy", a.identifier());
        store.callbackEvents.fire("updated", t, a);
    }
}
