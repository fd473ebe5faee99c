package com.cwfn.sandbox.connectwise;

import static com.cwfn.sandbox.connectwise.CwRequests.bodyObject;
import static com.cwfn.sandbox.connectwise.CwRequests.id;
import static com.cwfn.sandbox.connectwise.CwRequests.patchOps;
import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxResponse;
import com.cwfn.sandbox.connectwise.CwStore.Actor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What is charged to a ticket: time entries ({@code /time/entries}), expense entries ({@code /expense/entries}) and
 * ticket products ({@code /procurement/products}): list, count, read, create, patch, delete. Bodies may name only
 * the fields of the published models (TimeEntry, ExpenseEntry, ProductItem); what those models require is
 * required (TimeEntry: timeStart; ExpenseEntry: type, amount, date; ProductItem: catalogItem, billableOption), and
 * what ConnectWise refuses is refused: a member, work type, work role, expense type, catalog item or ticket that does
 * not exist, an end before the start, and any entry on a closed ticket. Works under the store lock
 * ({@code synchronized (store.lock)}), as every ConnectWise resource does.
 */
final class CwCharges {
    /** The three resources, each with the field names of its published model. */
    enum Kind {
        TIME("/time/entries", "TimeEntry", "timeEntry", List.of("id", "company", "companyType", "chargeToId",
                "chargeToType", "member", "locationId", "businessUnitId", "businessGroupDesc", "location",
                "department", "workType", "workRole", "agreement", "agreementType", "activity", "opportunityRecid",
                "projectActivity", "territory", "timeStart", "timeEnd", "hoursDeduct", "actualHours",
                "billableOption", "notes", "internalNotes", "addToDetailDescriptionFlag", "addToInternalAnalysisFlag",
                "addToResolutionFlag", "emailResourceFlag", "emailContactFlag", "emailCcFlag", "emailCc",
                "hoursBilled", "invoiceHours", "hourlyCost", "enteredBy", "dateEntered", "invoice", "mobileGuid",
                "hourlyRate", "overageRate", "agreementHours", "agreementAmount", "agreementAdjustment", "adjustment",
                "invoiceReady", "timeSheet", "status", "ticket", "project", "phase", "ticketBoard", "ticketStatus",
                "ticketType", "ticketSubType", "invoiceFlag", "extendedInvoiceAmount", "locationName", "taxCode",
                "_info", "customFields")),
        EXPENSE("/expense/entries", "ExpenseEntry", "expenseEntry", List.of("id", "expenseReport", "company",
                "chargeToId", "chargeToType", "type", "member", "paymentMethod", "classification", "amount",
                "billableOption", "date", "locationId", "businessUnitId", "notes", "agreement", "invoiceAmount",
                "mobileGuid", "taxes", "invoice", "currency", "status", "billAmount", "agreementAmount",
                "odometerStart", "odometerEnd", "ticket", "project", "phase", "_info", "customFields")),
        PRODUCT("/procurement/products", "ProductItem", "productItem", List.of("id", "catalogItem", "description",
                "sequenceNumber", "quantity", "unitOfMeasure", "price", "cost", "extPrice", "extCost", "discount",
                "margin", "agreementAmount", "priceMethod", "billableOption", "agreement", "locationId", "location",
                "businessUnitId", "businessUnit", "vendor", "vendorSku", "taxableFlag", "dropshipFlag",
                "specialOrderFlag", "phaseProductFlag", "cancelledFlag", "quantityCancelled", "cancelledReason",
                "customerDescription", "internalNotes", "productSuppliedFlag", "subContractorShipToId",
                "subContractorAmountLimit", "recurring", "sla", "entityType", "ticket", "project", "phase",
                "salesOrder", "opportunity", "invoice", "warehouseId", "warehouseIdObject", "warehouseBinId",
                "warehouseBinIdObject", "calculatedPriceFlag", "calculatedCostFlag", "forecastDetailId", "cancelledBy",
                "cancelledDate", "warehouse", "warehouseBin", "purchaseDate", "taxCode", "integrationXRef",
                "listPrice", "serialNumberIds", "serialNumbers", "company", "forecastStatus", "productClass",
                "needToPurchaseFlag", "needToOrderQuantity", "minimumStockFlag", "shipSet", "calculatedPrice",
                "calculatedCost", "invoiceGrouping", "poApprovedFlag", "uom", "addComponentsFlag",
                "ignorePricingSchedulesFlag", "asioSubscriptionsID", "_info", "bypassForecastUpdate",
                "customFields"));

        final String path;
        final String model;
        final String resource;
        final List<String> fields;

        Kind(String path, String model, String resource, List<String> fields) {
            this.path = path;
            this.model = model;
            this.resource = resource;
            this.fields = fields;
        }
    }

    private static final Set<String> READ_ONLY = Set.of("id", "_info", "enteredBy", "dateEntered", "actualHours",
            "extPrice", "extCost", "invoiceAmount", "billAmount", "status");
    private static final Set<String> CHARGE_TO = Set.of("ServiceTicket", "ProjectTicket", "ChargeCode", "Activity");
    private static final Map<Kind, Set<String>> BILLABLE = Map.of(
            Kind.TIME, Set.of("Billable", "DoNotBill", "NoCharge", "NoDefault"),
            Kind.EXPENSE, Set.of("Billable", "DoNotBill", "NoCharge", "NoDefault"),
            Kind.PRODUCT, Set.of("Billable", "DoNotBill", "NoCharge"));
    private static final Map<String, Integer> MAX_LENGTH = Map.of("description", 2000, "internalNotes", 1000,
            "customerDescription", 6000, "vendorSku", 50, "cancelledReason", 100);

    private final CwStore store;
    final CwChargeTables tables;
    private final Map<Kind, TreeMap<Long, ObjectNode>> entries = new EnumMap<>(Kind.class);
    private long nextId;
    private int answersToLose;

    CwCharges(CwStore store) {
        this.store = store;
        this.tables = new CwChargeTables(store);
        clear();
    }

    void clear() {
        synchronized (store.lock) {
            for (Kind k : Kind.values()) {
                entries.put(k, new TreeMap<>());
            }
            nextId = 3000;
            answersToLose = 0;
        }
    }

    /** The next {@code n} creates are stored and then answered 502, as if the answer was lost on the way. */
    void loseCreateAnswers(int n) {
        synchronized (store.lock) {
            answersToLose = Math.max(0, n);
        }
    }

    void routes(CwRouteTable t) {
        tables.routes(t);
        for (Kind k : Kind.values()) {
            String base = store.api + k.path;
            t.on("GET", base, r -> store.locked(() -> ListQuery.respond(r, store.apiBase() + k.path,
                    new ArrayList<>(entries.get(k).values()), store::render)));
            t.on("GET", base + "/count", r -> store.locked(() -> ListQuery.count(r,
                    new ArrayList<>(entries.get(k).values()))));
            t.on("GET", base + "/{id}", r -> SandboxResponse.ok(store.locked(() -> store.render(entryOf(k,
                    id(r, "id"))))));
            t.on("POST", base, r -> SandboxResponse.created(store.locked(() -> {
                ObjectNode created = store.render(create(k, store.apiActor, bodyObject(r, k.resource)));
                if (answersToLose > 0) {
                    answersToLose--;
                    throw CwErrors.error(502, "UnexpectedError", "The answer was lost on the way (sandbox).");
                }
                return created;
            })));
            t.on("PATCH", base + "/{id}", r -> SandboxResponse.ok(store.locked(() -> store.render(patch(k,
                    store.apiActor, id(r, "id"), patchOps(r.json()))))));
            t.on("DELETE", base + "/{id}", r -> {
                store.locked(() -> {
                    entryOf(k, id(r, "id"));
                    return entries.get(k).remove(id(r, "id"));
                });
                return SandboxResponse.noContent();
            });
        }
    }

    /** The entries charged to a ticket, oldest first (control API). */
    List<ObjectNode> ofTicket(Kind k, long ticketId) {
        synchronized (store.lock) {
            return entries.get(k).values().stream().filter(e -> ticketId(k, e) == ticketId).map(store::render)
                    .toList();
        }
    }

    private static long ticketId(Kind k, ObjectNode e) {
        if (k == Kind.PRODUCT) {
            return e.path("ticket").path("id").asLong(-1);
        }
        String type = e.path("chargeToType").asText();
        return "ServiceTicket".equals(type) || "ProjectTicket".equals(type) ? e.path("chargeToId").asLong(-1) : -1;
    }

    private ObjectNode entryOf(Kind k, long id) {
        ObjectNode e = entries.get(k).get(id);
        if (e == null) {
            throw CwErrors.notFound(k.model, id);
        }
        return e;
    }

    // ------------------------------------------------------------------ create and patch

    private ObjectNode create(Kind k, Actor a, ObjectNode body) {
        ObjectNode e = Json.object();
        k.fields.forEach(e::putNull);
        e.put("id", nextId);
        CwErrors.Validation v = CwErrors.invalid(k.resource);
        Iterator<Map.Entry<String, JsonNode>> it = body.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!k.fields.contains(f.getKey())) {
                throw CwErrors.badRequest("Could not find member '" + f.getKey() + "' on object of type '" + k.model
                        + "'.");
            }
            if (!READ_ONLY.contains(f.getKey())) {
                apply(k, e, f.getKey(), f.getValue(), v);
            }
        }
        finish(k, e, v, a);
        nextId++;
        String now = store.now();
        ObjectNode info = e.putObject("_info");
        info.put("lastUpdated", now).put("updatedBy", a.identifier()).put("dateEntered", now)
                .put("enteredBy", a.identifier());
        if (k == Kind.TIME) {
            e.put("enteredBy", a.identifier()).put("dateEntered", now);
            e.put("mobileGuid", UUID.randomUUID().toString());
        }
        entries.get(k).put(e.path("id").asLong(), e);
        return e;
    }

    private ObjectNode patch(Kind k, Actor a, long id, List<TicketRules.PatchOp> ops) {
        ObjectNode e = entryOf(k, id).deepCopy();
        CwErrors.Validation v = CwErrors.invalid(k.resource);
        CwRequests.applyPatch(ops, k.resource, f -> k.fields.contains(f) && !READ_ONLY.contains(f),
                (f, value) -> apply(k, e, f, value, v));
        finish(k, e, v, a);
        ((ObjectNode) e.get("_info")).put("lastUpdated", store.now()).put("updatedBy", a.identifier());
        entries.get(k).put(id, e);
        return e;
    }

    private void apply(Kind k, ObjectNode e, String key, JsonNode value, CwErrors.Validation v) {
        JsonNode val = value == null ? NullNode.getInstance() : value;
        if (val.isNull()) {
            e.putNull(key);
            return;
        }
        switch (key) {
            case "member" -> reference(e, key, tables.member(val), "Member", val, v);
            case "workType" -> reference(e, key, tables.workType(val), "Work Type", val, v);
            case "workRole" -> reference(e, key, tables.workRole(val), "Work Role", val, v);
            case "type" -> reference(e, key, tables.expenseType(val), "Expense Type", val, v);
            case "catalogItem" -> reference(e, key, tables.catalogItem(val), "Catalog Item", val, v);
            case "company" -> reference(e, key, RefLookup.lookup(new ArrayList<>(store.ref.companies.values()), val,
                    "identifier").map(c -> store.ref.companyRef(c.path("id").asLong())), "Company", val, v);
            case "ticket" -> reference(e, key, Optional.ofNullable(store.ticketById.get(val.path("id").asLong(-1)))
                    .map(CwCharges::ticketRef), "Ticket", val, v);
            case "chargeToType" -> {
                if (!CHARGE_TO.contains(val.asText())) {
                    v.invalid("chargeToType must be one of " + String.join(", ", CHARGE_TO) + ".", key);
                } else {
                    e.put(key, val.asText());
                }
            }
            case "billableOption" -> {
                if (!BILLABLE.get(k).contains(val.asText())) {
                    v.invalid("billableOption must be one of " + String.join(", ", BILLABLE.get(k)) + ".", key);
                } else {
                    e.put(key, val.asText());
                }
            }
            case "timeStart", "timeEnd", "date" -> CwRequests.putDate(e, key, val, v);
            case "chargeToId", "amount", "price", "cost", "quantity", "hoursDeduct" -> {
                BigDecimal n = TicketRules.number(val);
                if (n == null) {
                    v.invalid("The field " + key + " must be a number.", key);
                } else {
                    e.set(key, Json.F.numberNode(n));
                }
            }
            default -> {
                Integer max = MAX_LENGTH.get(key);
                if (max != null && val.asText().length() > max) {
                    v.maxLength(key, max);
                } else if (key.endsWith("Flag")) {
                    Boolean flag = CwRequests.flag(val);
                    if (flag == null) {
                        v.invalid("The field " + key + " must be true or false.", key);
                    } else {
                        e.put(key, flag);
                    }
                } else {
                    e.set(key, val.isTextual() ? TextNode.valueOf(val.asText()) : val.deepCopy());
                }
            }
        }
    }

    private static void reference(ObjectNode e, String key, Optional<ObjectNode> found, String entity, JsonNode spec,
            CwErrors.Validation v) {
        if (found.isEmpty()) {
            v.notFound(entity + " " + RefLookup.describe(spec) + " not found", key);
        } else {
            e.set(key, found.get());
        }
    }

    private static ObjectNode ticketRef(ObjectNode t) {
        ObjectNode r = Json.object();
        r.set("id", t.get("id"));
        r.set("summary", t.get("summary"));
        return r;
    }

    // ------------------------------------------------------------------ the rules of a whole entry

    private void finish(Kind k, ObjectNode e, CwErrors.Validation v, Actor a) {
        switch (k) {
            case TIME -> {
                required(e, v, "timeStart");
                chargeTo(k, e, v);
                Instant start = instant(e, "timeStart");
                Instant end = instant(e, "timeEnd");
                if (start != null && end != null && end.isBefore(start)) {
                    v.invalid("timeEnd must not be before timeStart.", "timeEnd");
                }
                if (start != null && end != null && !end.isBefore(start)) {
                    double deduct = e.path("hoursDeduct").asDouble(0);
                    e.set("actualHours", Json.F.numberNode(BigDecimal.valueOf(Duration.between(start, end)
                            .toSeconds()).divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP)
                            .subtract(BigDecimal.valueOf(deduct)).stripTrailingZeros()));
                }
                e.put("status", "Open");
            }
            case EXPENSE -> {
                required(e, v, "type");
                required(e, v, "amount");
                required(e, v, "date");
                chargeTo(k, e, v);
                boolean billable = "Billable".equals(e.path("billableOption").asText("Billable"));
                e.set("invoiceAmount", billable && e.hasNonNull("amount") ? e.get("amount") : Json.F.numberNode(0));
                e.set("billAmount", e.get("invoiceAmount"));
                e.put("status", "Open");
            }
            case PRODUCT -> {
                required(e, v, "catalogItem");
                required(e, v, "billableOption");
                JsonNode t = e.get("ticket");
                if (t.isObject()) {
                    openTicket(store.ticketById.get(t.path("id").asLong()), "ticket", v);
                }
                tables.catalogRow(e.get("catalogItem")).ifPresent(c -> {
                    defaultTo(e, "description", c.get("description"));
                    defaultTo(e, "price", c.get("price"));
                    defaultTo(e, "cost", c.get("cost"));
                    defaultTo(e, "productClass", c.get("productClass"));
                });
                defaultTo(e, "quantity", Json.F.numberNode(1));
                BigDecimal q = e.get("quantity").decimalValue();
                e.set("extPrice", Json.F.numberNode(q.multiply(e.path("price").decimalValue())));
                e.set("extCost", Json.F.numberNode(q.multiply(e.path("cost").decimalValue())));
            }
            default -> throw new IllegalStateException(k.name());
        }
        if (k != Kind.PRODUCT) {
            if (e.get("member").isNull()) {
                e.set("member", store.ref.memberRef(a.memberId()));
            }
            defaultTo(e, "billableOption", TextNode.valueOf("Billable"));
        }
        v.check();
    }

    /** chargeToType/chargeToId: a ticket of that kind that exists and is open; else a company is needed. */
    private void chargeTo(Kind k, ObjectNode e, CwErrors.Validation v) {
        String type = e.path("chargeToType").asText(null);
        if ("ServiceTicket".equals(type) || "ProjectTicket".equals(type)) {
            if (e.get("chargeToId").isNull()) {
                v.missing("chargeToId");
                return;
            }
            long id = e.get("chargeToId").asLong();
            ObjectNode t = store.ticketById.get(id);
            if (t == null || !type.equals(t.path("recordType").asText())) {
                v.notFound(("ServiceTicket".equals(type) ? "Ticket " : "Project ticket ") + id + " not found",
                        "chargeToId");
                return;
            }
            if (openTicket(t, "chargeToId", v)) {
                e.set("ticket", ticketRef(t));
                e.set("company", t.get("company"));
            }
        } else if (type == null && e.get("company").isNull()) {
            v.add("MissingRequiredField", k == Kind.EXPENSE ? "Company or chargeToType is required."
                    : "The chargeToId field is required when no company is given.", "chargeToType");
        }
    }

    /** True when the ticket exists and takes new entries; a closed ticket refuses them. */
    private boolean openTicket(ObjectNode t, String field, CwErrors.Validation v) {
        if (t == null) {
            v.notFound("Ticket not found", field);
            return false;
        }
        ObjectNode status = store.ref.statuses.get(t.path("status").path("id").asLong());
        if (t.path("closedFlag").asBoolean() || (status != null && status.path("timeEntryNotAllowed").asBoolean())) {
            v.add("InvalidObject", "Ticket " + t.path("id").asLong() + " is closed (status "
                    + t.path("status").path("name").asText() + "); it takes no new time, expenses or products.",
                    field);
            return false;
        }
        return true;
    }

    private static void required(ObjectNode e, CwErrors.Validation v, String field) {
        if (e.get(field).isNull() && !v.hasField(field)) {
            v.missing(field);
        }
    }

    private static void defaultTo(ObjectNode e, String field, JsonNode value) {
        if (e.get(field) == null || e.get(field).isNull()) {
            e.set(field, value == null ? NullNode.getInstance() : value.deepCopy());
        }
    }

    private static Instant instant(ObjectNode e, String field) {
        return e.hasNonNull(field) ? Instant.parse(e.get(field).asText()) : null;
    }
}
