package com.cwfn.sandbox.connectwise;

import static com.cwfn.sandbox.connectwise.CwRequests.bodyObject;
import static com.cwfn.sandbox.connectwise.CwRequests.id;
import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxRequest;
import com.cwfn.sandbox.SandboxResponse;
import com.cwfn.sandbox.connectwise.CwStore.Actor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Ticket notes: adding them (with the member and contact they name), the notes and allNotes lists; a new note
 * updates the ticket. Works under the store lock ({@code synchronized (store.lock)}), as every ConnectWise resource
 * does.
 */
final class CwNotes {
    private static final Set<String> NOTE_FIELDS = Set.of("id", "ticketId", "text", "detailDescriptionFlag",
            "internalAnalysisFlag", "resolutionFlag", "issueFlag", "member", "contact", "customerUpdatedFlag",
            "processNotifications", "dateCreated", "createdBy", "internalFlag", "externalFlag", "sentimentScore",
            "_info");

    private final CwStore store;

    CwNotes(CwStore store) {
        this.store = store;
    }

    /** A ticket's notes (service and project tickets) and a service ticket's allNotes. */
    void noteRoutes(CwRouteTable t) {
        store.bothTicketKinds((project, base) -> {
            t.on("GET", base + "/{id}/notes", r -> listNotes(r, project));
            t.on("GET", base + "/{id}/notes/count", r -> store.locked(() -> {
                store.tickets.ticketOf(project, id(r, "id"));
                return ListQuery.count(r, notesOf(id(r, "id")));
            }));
            t.on("GET", base + "/{id}/notes/{noteId}", r -> SandboxResponse.ok(store.locked(() -> {
                store.tickets.ticketOf(project, id(r, "id"));
                ObjectNode n = store.noteById.get(id(r, "noteId"));
                if (n == null || n.path("ticketId").asLong() != id(r, "id")) {
                    throw CwErrors.notFound("ServiceNote", r.pathVar("noteId"));
                }
                return store.render(n);
            })));
            t.on("POST", base + "/{id}/notes",
                    r -> SandboxResponse.created(store.locked(() -> store.render(doAddNote(store.apiActor,
                    project, id(r, "id"), bodyObject(r, "serviceNote"))))));
        });
        t.on("GET", store.api + "/service/tickets/{id}/allNotes", this::allNotes);
    }

    List<ObjectNode> notesOf(long ticketId) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode n : store.noteById.values()) {
            if (n.path("ticketId").asLong() == ticketId) {
                out.add(n);
            }
        }
        out.sort((x, y) -> {
            int c = x.path("dateCreated").asText().compareTo(y.path("dateCreated").asText());
            return c != 0 ? c : Long.compare(x.path("id").asLong(), y.path("id").asLong());
        });
        return out;
    }

    private SandboxResponse listNotes(SandboxRequest r, boolean project) {
        synchronized (store.lock) {
            long id = id(r, "id");
            store.tickets.ticketOf(project, id);
            List<ObjectNode> rows = notesOf(id);
            String self = store.apiBase() + (project ? "/project/tickets/" : "/service/tickets/") + id + "/notes";
            // default order is by id, which is oldest first
            return ListQuery.respond(r, self, rows, store::render);
        }
    }

    private SandboxResponse allNotes(SandboxRequest r) {
        synchronized (store.lock) {
            long id = id(r, "id");
            ObjectNode t = store.tickets.ticketOf(false, id);
            List<ObjectNode> rows = new ArrayList<>();
            for (ObjectNode n : notesOf(id)) {
                ObjectNode o = Json.object();
                o.set("id", n.get("id"));
                o.put("noteType", "TicketNote");
                ObjectNode tr = o.putObject("ticket");
                tr.put("id", id);
                tr.set("summary", t.get("summary"));
                tr.putObject("_info").put("ticket_href", ReferenceData.API + "/service/tickets/" + id);
                o.set("text", n.get("text"));
                o.put("isMarkdownFlag", false);
                o.set("detailDescriptionFlag", n.get("detailDescriptionFlag"));
                o.set("internalAnalysisFlag", n.get("internalAnalysisFlag"));
                o.set("resolutionFlag", n.get("resolutionFlag"));
                o.putNull("timeStart");
                o.putNull("timeEnd");
                o.put("bundledFlag", false);
                o.put("mergedFlag", false);
                o.set("issueFlag", n.get("issueFlag"));
                o.put("originalAuthor", n.path("member").path("name").asText(n.path("createdBy").asText()));
                o.put("createdByParentFlag", false);
                o.set("member", n.get("member"));
                o.set("contact", n.get("contact"));
                o.set("dateCreated", n.get("dateCreated"));
                o.set("_info", n.get("_info"));
                rows.add(o);
            }
            return ListQuery.respond(r, store.apiBase() + "/service/tickets/" + id + "/allNotes", rows, store::render);
        }
    }

    ObjectNode doAddNote(Actor a, Boolean project, long ticketId, ObjectNode body) {
        synchronized (store.lock) {
            ObjectNode t = store.tickets.ticketOf(project, ticketId);
            ObjectNode n = storeNote(a, t, body, store.now());
            store.tickets.touch(a, t);
            return n;
        }
    }

    ObjectNode storeNote(Actor a, ObjectNode t, ObjectNode body, String now) {
        CwErrors.Validation v = CwErrors.invalid("serviceNote");
        Iterator<String> names = body.fieldNames();
        while (names.hasNext()) {
            String k = names.next();
            if (!NOTE_FIELDS.contains(k)) {
                throw CwErrors.badRequest("Could not find member '" + k + "' on object of type 'ServiceNote'.");
            }
        }
        JsonNode text = body.get("text");
        if (text == null || text.isNull() || text.asText().isBlank()) {
            v.missing("text");
        }
        boolean detail = flag(body, "detailDescriptionFlag", v);
        boolean internal = flag(body, "internalAnalysisFlag", v);
        boolean resolution = flag(body, "resolutionFlag", v);
        if (!detail && !internal && !resolution && v.isEmpty()) {
            v.invalid("At least one of detailDescriptionFlag, internalAnalysisFlag or resolutionFlag must be true.",
                    "detailDescriptionFlag");
        }
        ObjectNode member = store.ref.memberRef(a.memberId());
        JsonNode m = body.get("member");
        if (m != null && !m.isNull()) {
            Optional<ObjectNode> row = RefLookup.lookup(new ArrayList<>(store.ref.members.values()), m, "identifier");
            if (row.isEmpty()) {
                v.notFound("Member " + RefLookup.describe(m) + " not found", "member");
            } else {
                member = store.ref.memberRef(row.get().path("id").asLong());
            }
        }
        JsonNode contact = NullNode.getInstance();
        JsonNode c = body.get("contact");
        if (c != null && !c.isNull()) {
            Optional<ObjectNode> row = RefLookup.lookup(new ArrayList<>(store.ref.contacts.values()), c, "name");
            if (row.isEmpty()) {
                v.notFound("Contact " + RefLookup.describe(c) + " not found", "contact");
            } else {
                contact = store.ref.contactRef(row.get().path("id").asLong());
            }
        }
        v.check();
        ObjectNode n = Json.object();
        long id = store.nextNoteId++;
        n.put("id", id);
        n.put("ticketId", t.path("id").asLong());
        n.put("text", text.asText());
        n.put("detailDescriptionFlag", detail);
        n.put("internalAnalysisFlag", internal);
        n.put("resolutionFlag", resolution);
        n.put("issueFlag", body.path("issueFlag").asBoolean(false));
        n.set("member", member);
        n.set("contact", contact);
        n.put("customerUpdatedFlag", body.path("customerUpdatedFlag").asBoolean(false));
        JsonNode pn = body.get("processNotifications");
        n.set("processNotifications", pn == null ? NullNode.getInstance() : pn);
        n.put("dateCreated", now);
        n.put("createdBy", a.identifier());
        n.put("internalFlag", body.has("internalFlag") ? body.path("internalFlag").asBoolean() : internal);
        n.put("externalFlag", body.path("externalFlag").asBoolean(false));
        n.putNull("sentimentScore");
        ObjectNode info = n.putObject("_info");
        info.put("lastUpdated", now);
        info.put("updatedBy", a.identifier());
        boolean project = "ProjectTicket".equals(t.path("recordType").asText());
        info.put("ticket_href", ReferenceData.API + (project ? "/project/tickets/" : "/service/tickets/")
                + t.path("id").asLong());
        store.noteById.put(id, n);
        return n;
    }

    private static boolean flag(ObjectNode body, String name, CwErrors.Validation v) {
        JsonNode f = body.get(name);
        if (f == null || f.isNull()) {
            return false;
        }
        if (f.isBoolean()) {
            return f.booleanValue();
        }
        if (f.isTextual() && (f.asText().equalsIgnoreCase("true") || f.asText().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(f.asText().toLowerCase(Locale.ROOT));
        }
        v.invalid("The field " + name + " must be true or false.", name);
        return false;
    }
}
