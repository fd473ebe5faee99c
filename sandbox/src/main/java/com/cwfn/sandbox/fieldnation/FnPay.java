package com.cwfn.sandbox.fieldnation;

import static com.cwfn.sandbox.fieldnation.FnModel.APPROVED;
import static com.cwfn.sandbox.fieldnation.FnModel.CANCELLED;
import static com.cwfn.sandbox.fieldnation.FnModel.PAID;
import static com.cwfn.sandbox.fieldnation.FnModel.WORK_DONE;
import static com.cwfn.sandbox.fieldnation.FnPaging.metadata;
import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxException;
import com.cwfn.sandbox.fieldnation.FnModel.WorkOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A work order's pay: parsing (fixed, hourly, device, blended), rendering with the totals, and the /pay
 * sub-resource. Every entry point takes the store lock ({@code synchronized (store)}), as all Field Nation
 * resources do.
 */
final class FnPay {
    private static final List<String> PAY_TYPES = List.of("fixed", "hourly", "device", "blended");

    private final FnStore store;

    FnPay(FnStore store) {
        this.store = store;
    }

    private static double number(JsonNode n, String field) {
        if (n == null || n.isNull()) {
            throw new SandboxException(400, "Missing Parameter: " + field);
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual()) {
            try {
                return Double.parseDouble(n.asText().trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new SandboxException(400, field + " must be a number");
    }

    private static ObjectNode amountUnits(JsonNode v, String field, ObjectNode existing) {
        ObjectNode o = existing == null ? Json.object() : existing.deepCopy();
        if (!v.isObject()) {
            throw new SandboxException(400, field + " must be an object {\"amount\", \"units\"}");
        }
        if (v.has("amount")) {
            double a = number(v.get("amount"), field + ".amount");
            if (a < 0) {
                throw new SandboxException(400, field + ".amount can not be negative");
            }
            o.put("amount", a);
        }
        if (v.has("units")) {
            double u = number(v.get("units"), field + ".units");
            if (u <= 0) {
                throw new SandboxException(400, field + ".units must be positive");
            }
            o.put("units", u);
        }
        if (!o.has("amount")) {
            throw new SandboxException(400, "Missing Parameter: " + field + ".amount");
        }
        if (!o.has("units")) {
            o.put("units", 1.0);
        }
        return o;
    }

    ObjectNode parsePay(JsonNode v, ObjectNode existing) {
        if (!v.isObject()) {
            throw new SandboxException(400, "pay must be an object");
        }
        ObjectNode pay = existing == null ? Json.object() : existing.deepCopy();
        if (v.hasNonNull("type")) {
            String type = v.get("type").asText().trim().toLowerCase(Locale.ROOT);
            if (!PAY_TYPES.contains(type)) {
                throw new SandboxException(400, "Invalid pay type '" + type + "': use fixed, hourly, device or blended");
            }
            pay.put("type", type);
        }
        if (!pay.has("type")) {
            throw new SandboxException(400, "Missing Parameter: pay.type");
        }
        if (v.has("base")) {
            pay.set("base", amountUnits(v.get("base"), "pay.base", (ObjectNode) pay.get("base")));
        }
        if (v.has("additional")) {
            pay.set("additional", amountUnits(v.get("additional"), "pay.additional", (ObjectNode) pay.get("additional")));
        }
        if (!pay.has("base")) {
            throw new SandboxException(400, "Missing Parameter: pay.base");
        }
        for (String f : List.of("hours", "number_of_devices")) {
            if (v.has(f)) {
                pay.put(f, number(v.get(f), "pay." + f));
            }
        }
        if (v.has("finance")) {
            pay.set("finance", v.get("finance").deepCopy());
        }
        return pay;
    }

    ObjectNode renderPay(WorkOrder wo) {
        if (wo.pay == null) {
            return null;
        }
        ObjectNode p = wo.pay.deepCopy();
        if (!p.has("additional")) {
            ObjectNode add = p.putObject("additional");
            add.put("amount", 0.0);
            add.put("units", 0.0);
        }
        double base = p.path("base").path("amount").asDouble() * ("fixed".equals(p.path("type").asText()) ? 1
                : p.path("base").path("units").asDouble(1));
        double additional = p.path("additional").path("amount").asDouble() * p.path("additional").path("units").asDouble();
        double total = "blended".equals(p.path("type").asText()) ? base + additional : base;
        p.put("total", total);
        p.put("labor_sum", total);
        p.put("max_pay", total);
        p.put("work_order_id", wo.id);
        p.put("status_id", wo.status);
        p.set("expenses", store.expenses.renderList(wo));
        for (String list : List.of("bonuses", "penalties", "discounts", "increases")) {
            ObjectNode l = p.putObject(list);
            l.set("metadata", metadata(0, 1, 25));
            l.putArray("results");
        }
        p.putArray("fees");
        p.putArray("actions").add("edit");
        return p;
    }

    ObjectNode pay(long id) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            ObjectNode p = renderPay(wo);
            if (p == null) {
                p = Json.object();
                p.putNull("type");
                p.put("work_order_id", wo.id);
            }
            return p;
        }
    }

    ObjectNode putPay(long id, JsonNode body) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            if (body == null || !body.isObject()) {
                throw new SandboxException(400, "Request body must be a JSON pay object");
            }
            if (wo.status == WORK_DONE || wo.status == APPROVED || wo.status == PAID || wo.status == CANCELLED) {
                throw new SandboxException(400, "Pay can not be changed after work is done");
            }
            wo.pay = parsePay(body, wo.pay);
            wo.updated = Instant.now();
            return pay(id);
        }
    }
}
