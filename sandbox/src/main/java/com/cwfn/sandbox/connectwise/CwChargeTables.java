package com.cwfn.sandbox.connectwise;

import com.cwfn.sandbox.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The setup tables time, expense and product entries name: members ({@code /system/members}, the rows of
 * {@link ReferenceData}), work types and work roles ({@code /time/workTypes}, {@code /time/workRoles}), expense
 * types ({@code /expense/types}) and the product catalog ({@code /procurement/catalog}). Read-only; the seed is
 * fixed. Works under the store lock ({@code synchronized (store.lock)}), as every ConnectWise resource does.
 *
 * <p>Seed: work types 1 Remote Support, 2 Onsite (default), 3 After Hours; work roles 1 Technician, 2 Field
 * Technician, 3 Engineer; expense types 1 Mileage, 2 Materials, 3 Parking, 4 Meals, 5 Other; catalog items 1
 * FN-EXPENSE, 2 FN-LABOR, 3 CABLE-CAT6.
 */
final class CwChargeTables {
    final Map<Long, ObjectNode> workTypes = new LinkedHashMap<>();
    final Map<Long, ObjectNode> workRoles = new LinkedHashMap<>();
    final Map<Long, ObjectNode> expenseTypes = new LinkedHashMap<>();
    final Map<Long, ObjectNode> catalog = new LinkedHashMap<>();

    private final CwStore store;

    CwChargeTables(CwStore store) {
        this.store = store;
        workType(1, "Remote Support", false);
        workType(2, "Onsite", true);
        workType(3, "After Hours", false);
        workRole(1, "Technician", 95);
        workRole(2, "Field Technician", 110);
        workRole(3, "Engineer", 150);
        expenseType(1, "Mileage");
        expenseType(2, "Materials");
        expenseType(3, "Parking");
        expenseType(4, "Meals");
        expenseType(5, "Other");
        catalogItem(1, "FN-EXPENSE", "Field Nation expense", 0);
        catalogItem(2, "FN-LABOR", "Field Nation labor", 0);
        catalogItem(3, "CABLE-CAT6", "Cat6 patch cable", 12.5);
    }

    /** Lists, counts and reads of members, work types, work roles, expense types and catalog items. */
    void routes(CwRouteTable t) {
        store.setupTables.table(t, "/system/members", () -> store.ref.members, "Member");
        store.setupTables.table(t, "/time/workTypes", () -> workTypes, "WorkType");
        store.setupTables.table(t, "/time/workRoles", () -> workRoles, "WorkRole");
        store.setupTables.table(t, "/expense/types", () -> expenseTypes, "ExpenseType");
        store.setupTables.table(t, "/procurement/catalog", () -> catalog, "CatalogItem");
    }

    // ------------------------------------------------------------------ references to the rows

    /** A member by id or identifier, as {id, identifier, name, _info}. */
    Optional<ObjectNode> member(JsonNode spec) {
        return RefLookup.lookup(new ArrayList<>(store.ref.members.values()), spec, "identifier")
                .map(m -> store.ref.memberRef(m.path("id").asLong()));
    }

    Optional<ObjectNode> workType(JsonNode spec) {
        return named(workTypes, spec, "/time/workTypes/");
    }

    Optional<ObjectNode> workRole(JsonNode spec) {
        return named(workRoles, spec, "/time/workRoles/");
    }

    Optional<ObjectNode> expenseType(JsonNode spec) {
        return named(expenseTypes, spec, "/expense/types/");
    }

    /** A catalog item by id or identifier, as {id, identifier, _info}; the whole row is {@link #catalogRow}. */
    Optional<ObjectNode> catalogItem(JsonNode spec) {
        return catalogRow(spec).map(row -> {
            ObjectNode r = Json.object();
            r.set("id", row.get("id"));
            r.set("identifier", row.get("identifier"));
            r.putObject("_info").put("catalog_href", ReferenceData.API + "/procurement/catalog/"
                    + row.path("id").asLong());
            return r;
        });
    }

    Optional<ObjectNode> catalogRow(JsonNode spec) {
        return RefLookup.lookup(new ArrayList<>(catalog.values()), spec, "identifier");
    }

    private static Optional<ObjectNode> named(Map<Long, ObjectNode> table, JsonNode spec, String href) {
        return RefLookup.lookup(new ArrayList<>(table.values()), spec, "name")
                .map(row -> ReferenceData.ref(row, "href", href + row.path("id").asLong()));
    }

    /** The rows of a table, for the control API. */
    static List<ObjectNode> rows(Map<Long, ObjectNode> table) {
        return new ArrayList<>(table.values());
    }

    // ------------------------------------------------------------------ seed

    private void workType(long id, String name, boolean dflt) {
        ObjectNode w = row(workTypes, id, name);
        w.put("billTime", "Billable").put("rateType", "AdjAmount").put("rate", 0).put("defaultFlag", dflt)
                .put("activityFlag", false).put("timeFlag", true).put("expenseFlag", false);
    }

    private void workRole(long id, String name, double rate) {
        row(workRoles, id, name).put("hourlyRate", rate);
    }

    private void expenseType(long id, String name) {
        row(expenseTypes, id, name).put("amountCaption", "Amount").put("reimbursementRate", 1)
                .put("billExpenses", "Billable").put("mileageFlag", id == 1);
    }

    private void catalogItem(long id, String identifier, String description, double price) {
        ObjectNode c = row(catalog, id, description);
        c.remove("name");
        c.put("identifier", identifier).put("description", description).put("price", price).put("cost", price)
                .put("productClass", "NonInventory").put("taxableFlag", false);
    }

    private static ObjectNode row(Map<Long, ObjectNode> table, long id, String name) {
        ObjectNode r = Json.object();
        r.put("id", id).put("name", name).put("inactiveFlag", false);
        r.set("_info", ReferenceData.info());
        table.put(id, r);
        return r;
    }
}
