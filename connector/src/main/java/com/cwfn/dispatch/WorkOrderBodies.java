package com.cwfn.dispatch;

import com.cwfn.fieldnation.FnDates;
import com.cwfn.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The bodies of the work order writes in the shapes Field Nation's REST v2 spec defines, made from the mapped work
 * order: {@code WoScheduleUpdateDto}, {@code WoLocationUpdateDto} and {@code ContactCreateUpdateDto}. Only the
 * spec's fields go out; a required one the mapping left empty is sent empty (or null where the spec allows it).
 */
final class WorkOrderBodies {
    private static final List<String> LOCATION_FIELDS = List.of("mode", "address1", "address2", "city", "state",
            "zip", "country", "type", "saved_location", "display_name", "save_location", "save_location_group");
    private static final List<String> LOCATION_REQUIRED_TEXT = List.of("address1", "city", "state", "zip",
            "country");
    private static final List<String> CONTACT_FIELDS = List.of("name", "role", "phone", "ext", "email", "notes");
    private static final List<String> SCHEDULE_EXTRAS = List.of("schedule_note", "schedule_option", "time_zone",
            "require_ontime");

    private WorkOrderBodies() {
    }

    /**
     * {@code PUT /workorders/{id}/schedule}: the spec's ServiceWindowDto requires mode, start and end, and each
     * date its local date and time. An {@code exact} arrival has no end of its own, so it goes out as start = end
     * (Field Nation ignores the end of an exact window); local times are in the work order's zone, as Field Nation
     * answered it. Empty when the mapped schedule has no start (nothing the spec would take).
     */
    static ObjectNode schedule(JsonNode mapped, ZoneId zone) {
        JsonNode window = mapped.path("service_window");
        String mode = Json.text(window, "mode");
        Instant start = FnDates.instant(Json.text(window, "start/utc"));
        if (mode == null || start == null) {
            return null;
        }
        Instant end = FnDates.instant(Json.text(window, "end/utc"));
        if ("exact".equals(mode) || end == null) {
            end = start;
        }
        ObjectNode body = Json.object();
        ObjectNode sw = body.putObject("service_window").put("mode", mode);
        sw.set("start", FnDates.utcDto(start, zone));
        sw.set("end", FnDates.utcDto(end, zone));
        for (String f : SCHEDULE_EXTRAS) {
            if (mapped.has(f)) {
                body.set(f, mapped.get(f).deepCopy());
            }
        }
        return body;
    }

    /**
     * {@code PUT /workorders/{id}/location}: the spec's WoLocationUpdateDto requires mode, address1, city, state,
     * zip, country and saved_location (which may be null); what the mapping left out goes as "" (null for
     * saved_location), mode as {@code custom}.
     */
    static ObjectNode location(JsonNode mapped) {
        ObjectNode body = Json.object();
        for (String f : LOCATION_FIELDS) {
            if (mapped.has(f) && !mapped.get(f).isNull()) {
                body.set(f, mapped.get(f).deepCopy());
            }
        }
        if (!body.has("mode")) {
            body.put("mode", "custom");
        }
        for (String f : LOCATION_REQUIRED_TEXT) {
            if (!body.has(f)) {
                body.put(f, "");
            }
        }
        if (!body.has("saved_location")) {
            body.putNull("saved_location");
        }
        return body;
    }

    /** {@code POST /workorders/{id}/contacts} and {@code PUT .../contacts/{contact_id}}: the spec's contact fields. */
    static ObjectNode contact(JsonNode mapped) {
        ObjectNode body = Json.object();
        for (String f : CONTACT_FIELDS) {
            if (mapped.has(f) && !mapped.get(f).isNull()) {
                body.set(f, mapped.get(f).deepCopy());
            }
        }
        return body;
    }
}
