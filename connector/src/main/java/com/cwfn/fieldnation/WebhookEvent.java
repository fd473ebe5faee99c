package com.cwfn.fieldnation;

import com.cwfn.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A Field Nation webhook event, from the v3 envelope ({@code event.name}, {@code event.params}, {@code timestamp},
 * {@code workorder}) or the flat shape ({@code eventName}, {@code workOrderId}, {@code data}).
 */
public record WebhookEvent(String name, long workOrderId, JsonNode params, JsonNode workOrder, Instant timestamp,
        Long triggeredBy) {

    public static Optional<WebhookEvent> parse(JsonNode n) {
        if (n == null || !n.isObject()) {
            return Optional.empty();
        }
        String name = Json.text(n, "event/name");
        JsonNode params;
        JsonNode wo;
        Long woId;
        if (name != null) {
            params = n.path("event").path("params");
            wo = n.path("workorder");
            woId = Json.number(params, "work_order_id");
            if (woId == null) {
                woId = Json.number(wo, "id");
            }
        } else {
            name = Json.text(n, "eventName");
            params = n.path("data");
            wo = n.path("data").has("workorder") ? n.path("data").path("workorder") : n.path("data");
            woId = Json.number(n, "workOrderId");
            if (woId == null) {
                woId = Json.number(params, "work_order_id");
            }
        }
        if (name == null || name.isBlank() || woId == null) {
            return Optional.empty();
        }
        return Optional.of(new WebhookEvent(name.trim(), woId, params == null ? MissingNode.getInstance() : params,
                wo == null ? MissingNode.getInstance() : wo, time(Json.text(n, "timestamp")),
                Json.number(n, "triggered_by_user/id")));
    }

    private static Instant time(String s) {
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
