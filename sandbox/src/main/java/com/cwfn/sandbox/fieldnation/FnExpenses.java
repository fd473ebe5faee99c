package com.cwfn.sandbox.fieldnation;

import static com.cwfn.sandbox.fieldnation.FieldNationSandbox.REST_PREFIX;
import static com.cwfn.sandbox.fieldnation.FnHttp.num;
import static com.cwfn.sandbox.fieldnation.FnHttp.ok;
import static com.cwfn.sandbox.fieldnation.FnHttp.woId;
import static com.cwfn.sandbox.fieldnation.FnModel.ASSIGNED;
import static com.cwfn.sandbox.fieldnation.FnModel.WORK_DONE;
import static com.cwfn.sandbox.fieldnation.FnPaging.metadata;
import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxException;
import com.cwfn.sandbox.SandboxRequest;
import com.cwfn.sandbox.fieldnation.FnModel.WorkOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * Expenses of a work order ({@code /workorders/{id}/expenses}) and the company's expense categories
 * ({@code /company/expenses}): a provider adds them (status {@code new}), the buyer approves or disapproves them
 * with a PUT. Bodies follow the published WorkOrderCreateExpenseDto / WorkOrderUpdateExpenseDto (category,
 * description and amount required; amount a string, a number is taken too); lists render as PayExpensesDto.
 * Expenses change while the work order is Assigned or Work Done; Field Nation sends no webhook for them. Every entry
 * point takes the store lock ({@code synchronized (store)}), as all Field Nation resources do.
 *
 * <p>Categories: 1 Uncategorized, 2 Materials, 3 Travel, 4 Parking and Tolls (uid 100 + id, company expense id
 * 500 + id). Expense ids from 60001.
 */
final class FnExpenses {
    private static final String[] CATEGORIES = {"Uncategorized", "Materials", "Travel", "Parking and Tolls"};
    private static final List<String> STATUSES = List.of("new", "approved", "disapproved");
    private final FnStore store;
    private final AtomicLong nextId = new AtomicLong(60001);

    FnExpenses(FnStore store) {
        this.store = store;
    }

    void register(FnRouteTable t, ToLongFunction<SandboxRequest> actor) {
        String list = REST_PREFIX + "/workorders/{id}/expenses";
        t.route("GET", list, r -> ok(expenses(woId(r))));
        t.route("POST", list, r -> ok(add(woId(r), r.json(), actor.applyAsLong(r))));
        t.route("PUT", list + "/{expenseId}", r -> ok(update(woId(r), num(r, "expenseId", "Expense"), r.json(),
                actor.applyAsLong(r))));
        t.route("GET", REST_PREFIX + "/company/expenses", r -> ok(categories()));
    }

    // ------------------------------------------------------------------ REST

    ObjectNode expenses(long woId) {
        synchronized (store) {
            return renderList(store.wo(woId));
        }
    }

    /** POST: a new expense (status new) by the acting user. */
    ObjectNode add(long woId, JsonNode body, long actor) {
        synchronized (store) {
            WorkOrder wo = changeable(woId);
            ObjectNode e = Json.object();
            e.put("id", nextId.getAndIncrement());
            e.put("company_id", FnStore.COMPANY_ID);
            e.put("status", "new");
            e.put("status_description", "");
            e.put("is_predefined", false);
            ObjectNode author = e.putObject("author");
            author.put("id", actor);
            author.put("first_name", store.user(actor).firstName());
            author.put("last_name", store.user(actor).lastName());
            author.put("is_provider", "provider".equals(store.user(actor).role()) ? 1 : 0);
            e.put("added", Instant.now().toString());
            e.putNull("approved");
            e.putNull("receipt");
            setFields(e, body);
            wo.expenses.add(e);
            wo.updated = Instant.now();
            return store.view.render(wo);
        }
    }

    /** PUT: category, description and amount (required), and optionally status (the buyer's approval). */
    ObjectNode update(long woId, long expenseId, JsonNode body, long actor) {
        synchronized (store) {
            WorkOrder wo = changeable(woId);
            ObjectNode e = wo.expenses.stream().filter(x -> x.path("id").asLong() == expenseId).findFirst()
                    .orElseThrow(() -> new SandboxException(404, "Expense not found: " + expenseId));
            ObjectNode changed = e.deepCopy();
            setFields(changed, body);
            if (body.hasNonNull("status")) {
                String status = body.get("status").asText().trim().toLowerCase(Locale.ROOT);
                if (!STATUSES.contains(status)) {
                    throw new SandboxException(400, "Invalid status '" + status + "': use new, approved or disapproved");
                }
                if (!"new".equals(status) && "provider".equals(store.user(actor).role())) {
                    throw new SandboxException(403, "Only the buyer can approve or disapprove an expense");
                }
                changed.put("status", status);
                changed.put("status_description", body.path("status_description").asText(""));
                changed.put("approved", "approved".equals(status) ? Instant.now().toString() : null);
            }
            e.removeAll();
            e.setAll(changed);
            wo.updated = Instant.now();
            return store.view.render(wo);
        }
    }

    ObjectNode categories() {
        ObjectNode o = Json.object();
        o.set("metadata", metadata(CATEGORIES.length, 1, 25));
        ArrayNode results = o.putArray("results");
        for (int i = 0; i < CATEGORIES.length; i++) {
            results.add(category(i + 1));
        }
        o.putArray("actions");
        return o;
    }

    // ------------------------------------------------------------------ rules and rendering

    private WorkOrder changeable(long woId) {
        WorkOrder wo = store.wo(woId);
        if (wo.status != ASSIGNED && wo.status != WORK_DONE) {
            throw FnStore.invalidStatus(wo, "change the expenses of");
        }
        return wo;
    }

    private void setFields(ObjectNode e, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new SandboxException(400, "Request body must be a JSON expense object");
        }
        JsonNode c = body.path("category");
        if (!c.isObject()) {
            throw new SandboxException(400, "Missing Parameter: category");
        }
        int id = categoryIndex(c);
        if (id < 1 || id > CATEGORIES.length) {
            throw new SandboxException(400, "Unknown expense category " + c);
        }
        if (!body.hasNonNull("description") || body.get("description").asText().isBlank()) {
            throw new SandboxException(400, "Missing Parameter: description");
        }
        JsonNode a = body.get("amount");
        BigDecimal amount;
        try {
            amount = a == null || a.isNull() ? null : new BigDecimal(a.asText().trim());
        } catch (NumberFormatException ex) {
            throw new SandboxException(400, "amount must be a number, not '" + a.asText() + "'");
        }
        if (amount == null) {
            throw new SandboxException(400, "Missing Parameter: amount");
        }
        if (amount.signum() <= 0) {
            throw new SandboxException(400, "amount must be more than 0");
        }
        e.set("category", category(id));
        e.put("description", body.get("description").asText());
        e.put("amount", amount.doubleValue());
        e.put("quantity", body.path("quantity").asDouble(1));
    }

    private static int categoryIndex(JsonNode c) {
        if (c.hasNonNull("id")) {
            return c.get("id").asInt();
        }
        if (c.hasNonNull("uid")) {
            return c.get("uid").asInt() - 100;
        }
        return c.path("company_expense_id").asInt(1 + 500) - 500;
    }

    private static ObjectNode category(int id) {
        ObjectNode c = Json.object();
        c.put("id", id);
        c.put("uid", 100 + id);
        c.put("company_expense_id", 500 + id);
        c.put("label", CATEGORIES[id - 1]);
        c.put("description", CATEGORIES[id - 1]);
        c.put("type", id == 1 ? "system" : "custom");
        c.put("amount", 0);
        c.put("is_travel", id == 3);
        return c;
    }

    /** The expenses of a work order as PayExpensesDto (also the {@code pay.expenses} of the work order). */
    ObjectNode renderList(WorkOrder wo) {
        ZoneId zone = store.locations.zoneOf(wo);
        ObjectNode o = Json.object();
        o.set("metadata", metadata(wo.expenses.size(), 1, Math.max(25, wo.expenses.size())));
        double all = 0;
        double approvedAmount = 0;
        int pending = 0;
        int approved = 0;
        int denied = 0;
        ArrayNode results = Json.array();
        for (ObjectNode stored : wo.expenses) {
            ObjectNode e = stored.deepCopy();
            e.set("added", FnTime.dateObject(Instant.parse(stored.get("added").asText()), zone));
            e.set("approved", stored.hasNonNull("approved")
                    ? FnTime.dateObject(Instant.parse(stored.get("approved").asText()), zone) : Json.F.nullNode());
            String status = e.path("status").asText();
            e.set("actions", "new".equals(status) ? Json.array().add("edit").add("approve").add("deny")
                    : Json.array().add("reopen"));
            double amount = e.path("amount").asDouble();
            all += amount;
            if ("approved".equals(status)) {
                approved++;
                approvedAmount += amount;
            } else if ("disapproved".equals(status)) {
                denied++;
            } else {
                pending++;
            }
            results.add(e);
        }
        ObjectNode sum = o.putObject("sum");
        sum.put("all", all).put("charged", approvedAmount).put("uncharged", all - approvedAmount)
                .put("pending", pending).put("approved", approved).put("approved_amount", approvedAmount)
                .put("denied", denied);
        o.set("results", results);
        o.putArray("actions").add("add");
        return o;
    }
}
