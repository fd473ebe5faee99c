package com.cwfn.syncback;

import com.cwfn.connectwise.ConnectWiseClient.Charge;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.inbox.StepTracker;
import com.cwfn.json.Json;
import com.cwfn.mapping.Mappings;
import com.cwfn.mapping.WorkOrderDocument;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Settings;
import com.cwfn.sync.Items;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * The labor charge ({@code sync.labor.enabled}): at approval, the work order's pay becomes one product on the ticket
 * (catalog item {@code sync.expenses.catalog-item}, {@code labor} of mappings.yaml applied), once, updated when the
 * pay differs. Time entries are then not billable by default, so the work is not billed twice.
 */
public class LaborCharge extends ChargeStep {
    static final ChargeCopier.Target TARGET = new ChargeCopier.Target(Items.FN_LABOR_TO_PRODUCT, Charge.PRODUCT,
            "internalNotes");
    public LaborCharge(ChargeCopier copier, FieldNationClient fn, Mappings mappings, Settings settings) {
        super(copier, fn, mappings, settings);
    }

    public SyncBack apply(SyncBack s, Exchange exchange) {
        boolean approval = "workorder.status.approved".equals(s.name()) || "workorder.status.paid".equals(s.name());
        if (!settings.flag(Catalog.SYNC_LABOR_ENABLED) || !approval) {
            return s;
        }
        ObjectNode wo = s.workOrder(fn);
        JsonNode pay = wo.path("pay");
        BigDecimal amount = amount(pay);
        if (amount.signum() <= 0) {
            Writes.add(exchange, List.of("no labor charge: work order " + s.workOrderId() + " shows no pay"));
            return s;
        }
        String marker = "(fn-labor:" + s.workOrderId() + ")";
        ObjectNode body = ExpenseSync.ticketProduct(s, settings, "Field Nation labor, work order " + s.workOrderId()
                + " (" + Json.text(pay, "type") + " pay)", amount, "Field Nation work order " + s.workOrderId()
                + ", labor " + marker);
        mapper.mapInto(mappings.current().syncBack().labor(), WorkOrderDocument.of(wo, "pay", pay), body);
        ExpenseSync.requireCatalogItem(body, "the labor charge");
        ChargeCopier.Wanted w = new ChargeCopier.Wanted(String.valueOf(s.workOrderId()), ChargeCopier.hash(amount,
                Json.text(pay, "type")), body, marker, "the labor of Field Nation work order " + s.workOrderId());
        Writes.add(exchange, copier.sync(s, TARGET, List.of(w), false, StepTracker.current(exchange)));
        return s;
    }

    /**
     * The work order's labor pay: {@code labor_sum}, else {@code total}, else the base pay (fixed: its amount;
     * hourly and others: rate × units).
     */
    static BigDecimal amount(JsonNode pay) {
        for (String field : List.of("labor_sum", "total")) {
            if (pay.path(field).isNumber() && pay.path(field).decimalValue().signum() > 0) {
                return ExpenseSync.plain(pay.path(field).decimalValue());
            }
        }
        BigDecimal base = pay.path("base").path("amount").isNumber() ? pay.path("base").path("amount").decimalValue()
                : BigDecimal.ZERO;
        if (!"fixed".equals(Json.text(pay, "type")) && pay.path("base").path("units").isNumber()) {
            base = base.multiply(pay.path("base").path("units").decimalValue());
        }
        return ExpenseSync.plain(base);
    }
}
