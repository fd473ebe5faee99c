package com.cwfn.sandbox.fieldnation;

import static com.cwfn.sandbox.fieldnation.FnPaging.metadata;
import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxException;
import com.cwfn.sandbox.fieldnation.FnModel.WorkOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A work order's contacts: parsing and validating them (roles), rendering, and the /contacts sub-resource. Every
 * entry point takes the store lock ({@code synchronized (store)}), as all Field Nation resources do.
 */
final class FnContacts {
    static final List<String> CONTACT_ROLES = List.of("Project manager", "Location Contact", "Resource coordinator",
            "Emergency contact", "Technical help", "Check-in / Check-out");

    private final FnStore store;

    FnContacts(FnStore store) {
        this.store = store;
    }

    List<ObjectNode> parseContacts(JsonNode v) {
        List<JsonNode> items = FnHttp.listItems(v);
        if (items == null && !v.isObject() && !v.isNull()) {
            throw new SandboxException(400, "contacts must be {\"results\": [...]}");
        }
        if (items == null) {
            items = v.isObject() ? List.of(v) : List.of();
        }
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode c : items) {
            out.add(parseContact(c, null));
        }
        return out;
    }

    private ObjectNode parseContact(JsonNode c, ObjectNode existing) {
        if (!c.isObject()) {
            throw new SandboxException(400, "a contact must be an object");
        }
        ObjectNode o = existing == null ? Json.object() : existing.deepCopy();
        if (existing == null) {
            o.put("id", store.nextContact++);
        }
        if (c.has("role") && !c.get("role").isNull()) {
            String role = c.get("role").asText();
            if (!CONTACT_ROLES.contains(role)) {
                throw new SandboxException(400, "Invalid contact role '" + role + "': use one of " + CONTACT_ROLES);
            }
            o.put("role", role);
        }
        for (String f : List.of("name", "phone", "ext", "email", "notes")) {
            if (c.has(f)) {
                o.put(f, c.get(f).isNull() ? "" : c.get(f).asText());
            }
        }
        for (String f : List.of("name", "role", "phone", "ext", "email", "notes")) {
            if (!o.has(f)) {
                o.put(f, "");
            }
        }
        return o;
    }

    ObjectNode renderContacts(WorkOrder wo) {
        ObjectNode o = Json.object();
        o.set("metadata", metadata(wo.contacts.size(), 1, Math.max(25, wo.contacts.size())));
        ArrayNode r = o.putArray("results");
        wo.contacts.forEach(c -> r.add(c.deepCopy()));
        o.putArray("actions").add("add");
        return o;
    }

    ObjectNode contacts(long id) {
        synchronized (store) {
            return renderContacts(store.wo(id));
        }
    }

    ObjectNode addContact(long id, JsonNode body) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            wo.contacts.add(parseContact(body, null));
            return store.view.render(wo);
        }
    }

    ObjectNode updateContact(long id, long contactId, JsonNode body) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            for (int i = 0; i < wo.contacts.size(); i++) {
                if (wo.contacts.get(i).path("id").asLong() == contactId) {
                    wo.contacts.set(i, parseContact(body, wo.contacts.get(i)));
                    return store.view.render(wo);
                }
            }
            throw new SandboxException(404, "Contact not found: " + contactId);
        }
    }

    ObjectNode deleteContact(long id, long contactId) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            if (!wo.contacts.removeIf(c -> c.path("id").asLong() == contactId)) {
                throw new SandboxException(404, "Contact not found: " + contactId);
            }
            return store.view.render(wo);
        }
    }
}
