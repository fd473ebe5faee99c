package com.cwfn.syncback;

import com.cwfn.connectwise.ConnectWiseClient.Charge;
import com.cwfn.failure.PermanentFailure;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.inbox.StepTracker;
import com.cwfn.json.Json;
import com.cwfn.mapping.FieldMapping;
import com.cwfn.mapping.Mappings;
import com.cwfn.mapping.SyncBackMapping;
import com.cwfn.mapping.WorkOrderDocument;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Settings;
import com.cwfn.sync.Items;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * Field Nation expenses → the ticket ({@code sync.expenses.enabled}): each expense in one of the statuses of
 * {@code expenses.statuses} (approved by default) becomes one ConnectWise expense entry
 * ({@code sync.expenses.target=expense}, type from mappings.yaml, by {@code sync.time.member}) or one ticket product
 * ({@code product}, catalog item {@code sync.expenses.catalog-item}); amount, date and description from Field
 * Nation. A changed expense updates its entry; one that leaves those statuses has its entry deleted. Read on the
 * events of {@link ChargeEvents}.
 */
public class ExpenseSync extends ChargeStep {
    static final ChargeCopier.Target ENTRY = new ChargeCopier.Target(Items.FN_EXPENSE_TO_ENTRY, Charge.EXPENSE, "notes");
    static final ChargeCopier.Target PRODUCT = new ChargeCopier.Target(Items.FN_EXPENSE_TO_PRODUCT, Charge.PRODUCT,
            "internalNotes");
    public ExpenseSync(ChargeCopier copier, FieldNationClient fn, Mappings mappings, Settings settings) {
        super(copier, fn, mappings, settings);
    }

    public SyncBack apply(SyncBack s, Exchange exchange) {
        if (!settings.flag(Catalog.SYNC_EXPENSES_ENABLED) || !ChargeEvents.reads(s.name())) {
            return s;
        }
        SyncBackMapping m = mappings.current().syncBack();
        boolean products = asProducts(settings);
        List<ChargeCopier.Wanted> wanted = new ArrayList<>();
        for (JsonNode e : wanted(fn.expenses(s.workOrderId()), m.expenseStatuses())) {
            String what = "Field Nation expense " + Json.text(e, "id") + " of work order " + s.workOrderId();
            ObjectNode doc = WorkOrderDocument.of(s.workOrder(fn), "expense", withCategoryName(e));
            ObjectNode body = products ? product(s, e, doc, m.expenseProduct()) : entry(s, e, doc, m.expenseEntry());
            wanted.add(new ChargeCopier.Wanted(key(s.workOrderId(), e), hash(e), body, marker(e), what));
        }
        Writes.add(exchange, copier.sync(s, products ? PRODUCT : ENTRY, wanted, true,
                StepTracker.current(exchange)));
        return s;
    }

    private ObjectNode entry(SyncBack s, JsonNode e, ObjectNode doc, List<FieldMapping> fields) {
        ObjectNode b = chargedToTicket(s);
        b.set("amount", Json.F.numberNode(amount(e)));
        String added = WorkOrderDocument.iso(Json.text(e, "added/utc"));
        b.put("date", added != null ? added : java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString());
        b.put("billableOption", "Billable");
        b.put("notes", description(e) + " - Field Nation work order " + s.workOrderId() + ", expense "
                + Json.text(e, "id") + " " + marker(e));
        mapper.mapInto(fields, doc, b);
        if (Json.isAbsent(b.get("type")) || b.get("type").isEmpty()) {
            throw new PermanentFailure("ConnectWise needs an expense type for Field Nation expense " + Json.text(e, "id")
                    + " (category '" + Json.text(e, "category/label") + "'): map one under expenses.fields, target "
                    + "type.name, in mappings.yaml");
        }
        return b;
    }

    private ObjectNode product(SyncBack s, JsonNode e, ObjectNode doc, List<FieldMapping> fields) {
        ObjectNode b = ticketProduct(s, settings, description(e), amount(e), "Field Nation work order "
                + s.workOrderId() + ", expense " + Json.text(e, "id") + " " + marker(e));
        mapper.mapInto(fields, doc, b);
        requireCatalogItem(b, "the products made for expenses");
        return b;
    }

    /** A ticket product: the catalog item of {@code sync.expenses.catalog-item}, quantity 1 at {@code amount}. */
    static ObjectNode ticketProduct(SyncBack s, Settings settings, String description, BigDecimal amount,
            String internalNotes) {
        ObjectNode b = Json.object();
        String item = settings.text(Catalog.SYNC_EXPENSES_CATALOG_ITEM);
        if (!item.isEmpty()) {
            b.putObject("catalogItem").put("identifier", item);
        }
        b.put("billableOption", "Billable");
        b.putObject("ticket").put("id", s.link.ticketId());
        b.put("description", description.length() > 2000 ? description.substring(0, 2000) : description);
        b.put("quantity", 1);
        b.set("price", Json.F.numberNode(amount));
        b.set("cost", Json.F.numberNode(amount));
        b.put("internalNotes", internalNotes);
        return b;
    }

    static void requireCatalogItem(ObjectNode b, String what) {
        if (Json.isAbsent(b.get("catalogItem")) || b.get("catalogItem").isEmpty()) {
            throw new PermanentFailure("sync.expenses.catalog-item is empty: ConnectWise needs a catalog item for "
                    + what + "; set it to a catalog item identifier (Refresh Fields lists them)");
        }
    }

    static boolean asProducts(Settings settings) {
        return "product".equals(settings.text(Catalog.SYNC_EXPENSES_TARGET).toLowerCase(Locale.ROOT));
    }

    /** The expenses in one of {@code statuses}, by key, with their hashes: what should be on the ticket. */
    public static Map<String, String> sources(long woId, List<JsonNode> expenses, List<String> statuses) {
        Map<String, String> out = new LinkedHashMap<>();
        wanted(expenses, statuses).forEach(e -> out.put(key(woId, e), hash(e)));
        return out;
    }

    /** Where the expenses go: expense entries or ticket products. */
    public static String kind(Settings settings) {
        return (asProducts(settings) ? PRODUCT : ENTRY).kind();
    }

    static List<JsonNode> wanted(List<JsonNode> expenses, List<String> statuses) {
        return expenses.stream().filter(e -> Json.text(e, "id") != null && statuses.contains(
                String.valueOf(Json.text(e, "status")).toLowerCase(Locale.ROOT))).toList();
    }

    /** The category under {@code label} (the published name) and {@code name}, whichever Field Nation sent. */
    private static JsonNode withCategoryName(JsonNode e) {
        ObjectNode copy = (ObjectNode) e.deepCopy();
        JsonNode c = copy.path("category");
        if (c.isObject()) {
            ObjectNode cat = (ObjectNode) c;
            if (!cat.hasNonNull("label") && cat.hasNonNull("name")) {
                cat.set("label", cat.get("name"));
            } else if (!cat.hasNonNull("name") && cat.hasNonNull("label")) {
                cat.set("name", cat.get("label"));
            }
        }
        return copy;
    }

    private static String description(JsonNode e) {
        String d = Json.field(e, "description");
        return d == null ? "Field Nation expense " + Json.text(e, "id") : d;
    }

    private static BigDecimal amount(JsonNode e) {
        try {
            return plain(new BigDecimal(String.valueOf(Json.text(e, "amount")).trim()));
        } catch (NumberFormatException bad) {
            throw new PermanentFailure("Field Nation expense " + Json.text(e, "id") + " has no amount we can read: '"
                    + Json.text(e, "amount") + "'");
        }
    }

    /** 12.50 as 12.5 and 100.00 as 100 (not 1E+2). */
    static BigDecimal plain(BigDecimal n) {
        BigDecimal p = n.stripTrailingZeros();
        return p.scale() < 0 ? p.setScale(0) : p;
    }

    static String key(long woId, JsonNode e) {
        return woId + ":" + Json.text(e, "id");
    }

    static String hash(JsonNode e) {
        return ChargeCopier.hash(Json.text(e, "status"), Json.text(e, "amount"), Json.text(e, "quantity"),
                Json.text(e, "description"), Json.text(e, "category/id"), Json.text(e, "added/utc"));
    }

    static String marker(JsonNode e) {
        return "(fn-expense:" + Json.text(e, "id") + ")";
    }
}
