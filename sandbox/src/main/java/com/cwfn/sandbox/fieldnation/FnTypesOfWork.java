package com.cwfn.sandbox.fieldnation;

import static com.cwfn.sandbox.fieldnation.FnPaging.metadata;
import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxException;
import com.cwfn.sandbox.fieldnation.FnModel.TypeOfWork;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Types of work and their service types: the lookups, rendering, and parsing a work order's {@code types_of_work}
 * (which one is primary). Every entry point takes the store lock ({@code synchronized (store)}), as all Field
 * Nation resources do.
 */
final class FnTypesOfWork {
    private final FnStore store;

    FnTypesOfWork(FnStore store) {
        this.store = store;
    }

    Long parseTypesOfWork(JsonNode v, List<Long> ids) {
        Long primary = null;
        List<JsonNode> items = FnHttp.listItems(v);
        if (items == null) {
            items = List.of(v);
        }
        for (JsonNode item : items) {
            long id = item.isObject() ? item.path("id").asLong(-1) : item.asLong(-1);
            if (id <= 0 || !store.workTypes.containsKey(id)) {
                throw new SandboxException(400, "Invalid type of work id: " + (item.isObject() ? item.path("id") : item));
            }
            if (!ids.contains(id)) {
                ids.add(id);
            }
            if (item.isObject() && (item.path("isPrimary").asBoolean(false) || item.path("is_primary").asBoolean(false))
                    && primary == null) {
                primary = id;
            }
        }
        if (primary == null && !ids.isEmpty()) {
            primary = ids.get(0);
        }
        return primary;
    }

    ObjectNode typesOfWork() {
        synchronized (store) {
            ObjectNode o = Json.object();
            o.set("metadata", metadata(store.workTypes.size(), 1, Math.max(25, store.workTypes.size())));
            ArrayNode r = o.putArray("results");
            store.workTypes.values().forEach(t -> r.add(renderType(t, null)));
            return o;
        }
    }

    ObjectNode serviceTypes(long typeId) {
        synchronized (store) {
            TypeOfWork t = store.workTypes.get(typeId);
            if (t == null) {
                throw new SandboxException(404, "Type of work not found: " + typeId);
            }
            ObjectNode o = Json.object();
            o.set("metadata", metadata(t.serviceTypes().size(), 1, 25));
            ArrayNode r = o.putArray("results");
            for (String[] st : t.serviceTypes()) {
                ObjectNode s = r.addObject();
                s.put("id", Long.parseLong(st[0]));
                s.put("name", st[1]);
                s.put("type_of_work_id", t.id());
            }
            return o;
        }
    }

    ObjectNode renderType(TypeOfWork t, Boolean primary) {
        ObjectNode o = Json.object();
        o.put("id", t.id());
        o.put("name", t.name());
        if (primary != null) {
            o.put("isPrimary", primary);
        }
        ObjectNode ind = o.putObject("industry");
        ind.put("id", t.industryId());
        ind.put("name", t.industryName());
        return o;
    }
}
