package com.cwfn.dispatch;

import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the work order a ticket already has in Field Nation when the link table does not know it: after a crash
 * between create and link, or a create whose answer was lost. It does not rely on the keyword search looking into
 * custom fields (the spec's {@code f_search} does not name them): it lists the work orders created since the
 * ticket was claimed ({@code f_created}, whole days in each work order's local time, which can be a day either
 * side of UTC, so the days around the claim are taken) and confirms each by {@code incident_id}, which the
 * connector sets to the ticket id, or by the ticket id custom field. Work orders created before the connector set
 * {@code incident_id}, outside those days, are looked for by keyword search as a last resort.
 */
public class WorkOrderFinder {
    private static final Logger LOG = LoggerFactory.getLogger(WorkOrderFinder.class);
    private final FieldNationClient fn;
    private final Clock clock;
    private final LongSupplier ticketIdFieldId;

    public WorkOrderFinder(FieldNationClient fn, Clock clock, LongSupplier ticketIdFieldId) {
        this.fn = fn;
        this.clock = clock;
        this.ticketIdFieldId = ticketIdFieldId;
    }

    /** The work order of {@code ticketId}, claimed at {@code claimedAt} (epoch ms), if Field Nation has one. */
    public Optional<Long> find(long ticketId, long claimedAt) {
        LocalDate from = Instant.ofEpochMilli(Math.min(claimedAt, clock.millis())).atOffset(ZoneOffset.UTC)
                .toLocalDate().minusDays(1);
        LocalDate to = LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(1);
        Set<Long> seen = new HashSet<>();
        Optional<Long> found = first(fn.workOrdersCreated(from, to), ticketId, seen);
        if (found.isEmpty()) {
            found = first(fn.searchWorkOrders(String.valueOf(ticketId)), ticketId, seen);
        }
        found.ifPresent(id -> LOG.info("ticket {} has work order {} in Field Nation already", ticketId, id));
        return found;
    }

    private Optional<Long> first(List<JsonNode> candidates, long ticketId, Set<Long> seen) {
        for (JsonNode wo : candidates) {
            Long id = Json.number(wo, "id");
            if (id != null && seen.add(id) && isOf(wo, id, ticketId)) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    /** By incident_id when the work order has one, else by the ticket id custom field (read when not inline). */
    private boolean isOf(JsonNode wo, long id, long ticketId) {
        String incident = Json.text(wo, "incident_id");
        if (incident != null && !incident.isBlank()) {
            return incident.trim().equals(String.valueOf(ticketId));
        }
        List<JsonNode> fields = wo.has("custom_fields") ? FieldNationClient.flattenFields(wo.get("custom_fields"))
                : fn.customFields(id);
        long fieldId = ticketIdFieldId.getAsLong();
        return fields.stream().anyMatch(f -> Objects.equals(Json.number(f, "id"), fieldId)
                && String.valueOf(ticketId).equals(Json.text(f, "value")));
    }
}
