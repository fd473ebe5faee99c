package com.cwfn.sandbox.fieldnation;

import com.cwfn.sandbox.SandboxException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the published REST v2 request schemas require of the bodies the sandbox checks before serving them (the
 * sandbox's own control API, which plays the UI, is not held to them): {@code WoScheduleUpdateDto} with its
 * {@code ServiceWindowDto} and {@code UtcDto}, {@code WoLocationUpdateDto}, {@code WoMessagesCreatedDto}.
 */
final class FnRequestRules {
    private static final List<String> LOCATION_REQUIRED = List.of("mode", "address1", "city", "state", "zip",
            "country", "saved_location");
    private static final List<String> MESSAGE_TYPES = List.of("INTERNAL", "ASSIGNEDTECH", "REQUESTEDTECHS",
            "SPECIFICTECH", "FROMTECH", "REPLY", "TECHTOMANAGER", "ROUTEDTECHS", "REPLYTOTHREAD", "STAFF_NOTE");

    private FnRequestRules() {
    }

    /**
     * {@code PUT /workorders/{id}/schedule}: {@code service_window} with {@code mode}, {@code start} and {@code end}
     * (all three required, whatever the mode), each date with {@code local.date} and {@code local.time}; where
     * {@code utc} is given too, both must name the same instant in the work order's zone.
     */
    static void schedulePut(JsonNode body, ZoneId zone) {
        JsonNode sw = object(body, "service_window", "");
        List<String> missing = new ArrayList<>();
        for (String f : List.of("mode", "start", "end")) {
            if (!sw.hasNonNull(f)) {
                missing.add("service_window." + f);
            }
        }
        if (!missing.isEmpty()) {
            throw new SandboxException(400, "Missing Parameter: " + String.join(", ", missing));
        }
        if (!List.of("exact", "hours", "between").contains(sw.get("mode").asText())) {
            throw new SandboxException(400, "service_window.mode must be one of the following values: exact, hours, "
                    + "between");
        }
        for (String f : List.of("start", "end")) {
            utcDto(sw.get(f), zone, "service_window." + f);
        }
        if (body.has("time_zone") && !body.path("time_zone").hasNonNull("id")) {
            throw new SandboxException(400, "Missing Parameter: time_zone.id");
        }
    }

    private static void utcDto(JsonNode d, ZoneId zone, String name) {
        JsonNode local = object(d, "local", name + ".");
        for (String f : List.of("date", "time")) {
            if (!local.hasNonNull(f)) {
                throw new SandboxException(400, "Missing Parameter: " + name + ".local." + f);
            }
        }
        Instant at;
        try {
            at = LocalDateTime.parse(local.get("date").asText() + "T" + local.get("time").asText()).atZone(zone)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw new SandboxException(400, name + ".local must be a date YYYY-MM-DD and a time HH:MM:SS");
        }
        if (d.hasNonNull("utc") && !FnTime.parse(d.get("utc").asText(), name + ".utc").equals(at)) {
            throw new SandboxException(400, name + ": utc " + d.get("utc").asText() + " and local " + local.get("date")
                    .asText() + " " + local.get("time").asText() + " are not the same time in the work order's time"
                    + " zone (" + zone.getId() + ")");
        }
    }

    /** {@code PUT /workorders/{id}/location}: every required key present ({@code saved_location} may be null). */
    static void locationPut(JsonNode body) {
        List<String> missing = new ArrayList<>();
        for (String f : LOCATION_REQUIRED) {
            if (!body.has(f) || (body.get(f).isNull() && !"saved_location".equals(f))) {
                missing.add(f);
            }
        }
        if (!missing.isEmpty()) {
            throw new SandboxException(400, "Missing Parameter: " + String.join(", ", missing));
        }
        if (!List.of("custom", "remote", "location").contains(body.get("mode").asText())) {
            throw new SandboxException(400, "mode must be one of the following values: custom, remote, location");
        }
        if (body.has("type") && !body.path("type").hasNonNull("id")) {
            throw new SandboxException(400, "Missing Parameter: type.id");
        }
    }

    /** {@code POST /workorders/{id}/messages}: {@code message} required, {@code type} one of the spec's values. */
    static void messagePost(JsonNode body) {
        if (!body.isObject() || !body.hasNonNull("message")) {
            throw new SandboxException(400, "Missing Parameter: message");
        }
        if (body.has("type") && !MESSAGE_TYPES.contains(body.get("type").asText())) {
            throw new SandboxException(400, "type must be one of the following values: " + String.join(", ",
                    MESSAGE_TYPES));
        }
    }

    private static JsonNode object(JsonNode parent, String field, String prefix) {
        if (parent == null || !parent.isObject()) {
            throw new SandboxException(400, "Request body must be a JSON object");
        }
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            throw new SandboxException(400, "Missing Parameter: " + prefix + field);
        }
        if (!n.isObject()) {
            throw new SandboxException(400, prefix + field + " must be an object");
        }
        return n;
    }
}
