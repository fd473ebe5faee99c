package com.cwfn.sandbox.connectwise;

import static com.cwfn.sandbox.connectwise.CwRequests.id;
import com.cwfn.sandbox.SandboxResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The HTTP routes of the setup tables in {@link ReferenceData}: schedule types and statuses, companies and their
 * sites, contacts, boards with their statuses, types, subtypes and items, priorities. Works under the store lock
 * ({@code synchronized (store.lock)}), as every ConnectWise resource does.
 */
final class CwSetupTables {
    private final CwStore store;

    CwSetupTables(CwStore store) {
        this.store = store;
    }

    /** Schedule types and statuses, companies and their sites, contacts, boards and their tables, priorities. */
    void referenceRoutes(CwRouteTable t) {
        table(t, "/schedule/types", () -> store.ref.scheduleTypes, "ScheduleType");
        table(t, "/schedule/statuses", () -> store.ref.scheduleStatuses, "ScheduleStatus");
        table(t, "/company/companies", () -> store.ref.companies, "Company");
        t.on("GET", store.api + "/company/companies/{id}/sites", r -> store.locked(() -> {
            rowOf(store.ref.companies, "Company", id(r, "id"));
            long company = id(r, "id");
            return ListQuery.respond(r, store.apiBase() + "/company/companies/" + company + "/sites",
                    store.ref.sites.values().stream().filter(s -> s.path("company").path("id").asLong() == company)
                            .toList(), store::render);
        }));
        t.on("GET", store.api + "/company/companies/{id}/sites/{siteId}", r -> SandboxResponse.ok(store.locked(() -> {
            rowOf(store.ref.companies, "Company", id(r, "id"));
            ObjectNode s = store.ref.sites.get(id(r, "siteId"));
            if (s == null || s.path("company").path("id").asLong() != id(r, "id")) {
                throw CwErrors.notFound("Site", r.pathVar("siteId"));
            }
            return store.render(s);
        })));
        table(t, "/company/contacts", () -> store.ref.contacts, "Contact");

        table(t, "/service/boards", () -> store.ref.boards, "Board");
        boardTable(t, "statuses", () -> store.ref.statuses, "Status");
        boardTable(t, "types", () -> store.ref.types, "Type");
        boardTable(t, "subtypes", () -> store.ref.subTypes, "SubType");
        boardTable(t, "items", () -> store.ref.items, "Item");
        table(t, "/service/priorities", () -> store.ref.priorities, "Priority");
    }

    /** GET list, /count and /{id} over a setup table. */
    void table(CwRouteTable t, String path, Supplier<Map<Long, ObjectNode>> table, String entity) {
        t.on("GET", store.api + path, r -> store.locked(() -> ListQuery.respond(r, store.apiBase() + path,
                new ArrayList<>(table.get().values()), store::render)));
        t.on("GET", store.api + path + "/count", r -> store.locked(() -> ListQuery.count(r, new ArrayList<>(table.get()
                .values()))));
        t.on("GET", store.api + path + "/{id}",
                r -> SandboxResponse.ok(store.locked(() -> store.render(rowOf(table.get(), entity, id(r, "id"))))));
    }

    /** GET list, /count and /{id} over a board's statuses, types, subtypes or items. */
    private void boardTable(CwRouteTable t, String kind, Supplier<Map<Long, ObjectNode>> table, String entity) {
        String path = store.api + "/service/boards/{board}/" + kind;
        t.on("GET", path, r -> store.locked(() -> {
            long board = id(r, "board");
            rowOf(store.ref.boards, "Board", board);
            return ListQuery.respond(r, store.apiBase() + "/service/boards/" + board + "/" + kind,
                    ReferenceData.onBoard(table.get(), board), store::render);
        }));
        t.on("GET", path + "/count", r -> store.locked(() -> {
            rowOf(store.ref.boards, "Board", id(r, "board"));
            return ListQuery.count(r, ReferenceData.onBoard(table.get(), id(r, "board")));
        }));
        t.on("GET", path + "/{id}", r -> SandboxResponse.ok(store.locked(() -> {
            rowOf(store.ref.boards, "Board", id(r, "board"));
            ObjectNode row = table.get().get(id(r, "id"));
            if (row == null || row.path("board").path("id").asLong() != id(r, "board")) {
                throw CwErrors.notFound(entity, r.pathVar("id"));
            }
            return store.render(row);
        })));
    }

    private static ObjectNode rowOf(Map<Long, ObjectNode> table, String entity, long id) {
        ObjectNode row = table.get(id);
        if (row == null) {
            throw CwErrors.notFound(entity, id);
        }
        return row;
    }
}
