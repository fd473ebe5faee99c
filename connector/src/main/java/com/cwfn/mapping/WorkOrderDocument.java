package com.cwfn.mapping;

import com.cwfn.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The document the sync-back sections of {@code mappings.yaml} read for one Field Nation work order, with a few
 * derived values that spare every mapping the same logic:
 *
 * <pre>
 * { "workorder": {...},                                  the work order as Field Nation shows it
 *   "provider": { "id", "name", "firstName", "lastName", "phone", "email" } | null,   the assigned provider
 *   "eta": { "start", "end" } | null,                   the provider's ETA as ISO instants (2026-07-01T14:00:00Z)
 *   ... plus "timeLog", "expense" or "pay" for time entries, expenses and the labor charge }
 * </pre>
 */
public final class WorkOrderDocument {
    private static final DateTimeFormatter FN_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private WorkOrderDocument() {
    }

    /** The document for a work order; {@code item} (e.g. "timeLog") and {@code value} are added when not null. */
    public static ObjectNode of(JsonNode workOrder, String item, JsonNode value) {
        ObjectNode doc = Json.object();
        doc.set("workorder", workOrder == null ? NullNode.getInstance() : workOrder.deepCopy());
        doc.set("provider", provider(workOrder));
        doc.set("eta", eta(workOrder));
        if (item != null) {
            doc.set(item, value == null ? NullNode.getInstance() : value.deepCopy());
        }
        return doc;
    }

    /** The assigned provider: name, phone (phone, else cell; with the extension) and email; null when none. */
    public static JsonNode provider(JsonNode workOrder) {
        JsonNode u = workOrder == null ? null : workOrder.path("assignee").path("user");
        if (u == null || !u.isObject() || Json.number(u, "id") == null || Json.number(u, "id") == 0) {
            return NullNode.getInstance();
        }
        String first = Json.field(u, "first_name");
        String last = Json.field(u, "last_name");
        String name = first != null || last != null ? ((first == null ? "" : first) + " " + (last == null ? ""
                : last)).trim() : Json.field(u, "name");
        String phone = Json.field(u, "phone") != null ? Json.field(u, "phone") : Json.field(u, "cell");
        if (phone != null && Json.field(u, "phone_ext") != null) {
            phone += " x" + Json.field(u, "phone_ext");
        }
        ObjectNode p = Json.object();
        p.put("id", Json.number(u, "id"));
        p.set("name", Json.textOrNull(name));
        p.set("firstName", Json.textOrNull(first));
        p.set("lastName", Json.textOrNull(last));
        p.set("phone", Json.textOrNull(phone));
        p.set("email", Json.textOrNull(Json.field(u, "email")));
        return p;
    }

    /** The ETA's start and end as ISO instants; null when the work order has no ETA. */
    public static JsonNode eta(JsonNode workOrder) {
        String start = workOrder == null ? null : iso(Json.text(workOrder, "eta/start/utc"));
        if (start == null) {
            return NullNode.getInstance();
        }
        ObjectNode e = Json.object();
        e.put("start", start);
        e.set("end", Json.textOrNull(iso(Json.text(workOrder, "eta/end/utc"))));
        return e;
    }

    /** Field Nation's UTC {@code YYYY-MM-DD HH:MM:SS} as {@code YYYY-MM-DDTHH:MM:SSZ}; null when it is not one. */
    public static String iso(String fieldNationUtc) {
        if (fieldNationUtc == null || fieldNationUtc.isBlank()) {
            return null;
        }
        try {
            return DateTimeFormatter.ISO_INSTANT.format(LocalDateTime.parse(fieldNationUtc.trim(), FN_UTC)
                    .toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            try {
                return DateTimeFormatter.ISO_INSTANT.format(java.time.OffsetDateTime.parse(fieldNationUtc.trim())
                        .toInstant());
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
