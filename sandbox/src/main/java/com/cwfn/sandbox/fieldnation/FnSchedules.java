package com.cwfn.sandbox.fieldnation;

import static com.cwfn.sandbox.fieldnation.FnModel.APPROVED;
import static com.cwfn.sandbox.fieldnation.FnModel.CANCELLED;
import static com.cwfn.sandbox.fieldnation.FnModel.PAID;
import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxException;
import com.cwfn.sandbox.fieldnation.FnModel.Schedule;
import com.cwfn.sandbox.fieldnation.FnModel.WorkOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * A work order's schedule: parsing the service window (exact, between, hours) in the site zone, rendering, the
 * /schedule sub-resource and {@code workorder.schedule_updated}. Every entry point takes the store lock ({@code
 * synchronized (store)}), as all Field Nation resources do.
 */
final class FnSchedules {
    private final FnStore store;

    FnSchedules(FnStore store) {
        this.store = store;
    }

    static Schedule copy(Schedule s) {
        if (s == null) {
            return null;
        }
        Schedule c = new Schedule();
        c.mode = s.mode;
        c.start = s.start;
        c.end = s.end;
        c.note = s.note;
        c.timeZoneId = s.timeZoneId;
        return c;
    }

    static boolean sameSchedule(Schedule a, Schedule b) {
        if (a == null || b == null) {
            return a == b;
        }
        return java.util.Objects.equals(a.mode, b.mode) && java.util.Objects.equals(a.start, b.start)
                && java.util.Objects.equals(a.end, b.end) && java.util.Objects.equals(a.note, b.note)
                && java.util.Objects.equals(a.timeZoneId, b.timeZoneId);
    }

    Schedule parseSchedule(JsonNode v, Schedule existing, ZoneId zone, String field) {
        if (!v.isObject()) {
            throw new SandboxException(400, field + " must be an object");
        }
        Schedule s = existing == null ? new Schedule() : copy(existing);
        if (v.has("time_zone")) {
            JsonNode tz = v.get("time_zone");
            int id = tz.isObject() ? tz.path("id").asInt(0) : tz.asInt(0);
            if (!FnTime.ZONES.containsKey(id)) {
                throw new SandboxException(400, "Invalid time_zone id: " + tz);
            }
            s.timeZoneId = id;
            zone = FnTime.ZONES.get(id);
        }
        if (v.has("schedule_note")) {
            s.note = v.get("schedule_note").isNull() ? "" : v.get("schedule_note").asText();
        }
        JsonNode sw = v.get("service_window");
        if (sw == null && (v.has("mode") || v.has("start"))) {
            sw = v; // tolerated: a bare service window
        }
        if (sw != null && !sw.isNull()) {
            if (!sw.isObject()) {
                throw new SandboxException(400, field + ".service_window must be an object");
            }
            if (sw.hasNonNull("mode")) {
                s.mode = sw.get("mode").asText().trim().toLowerCase(Locale.ROOT);
            }
            if (s.mode == null) {
                throw new SandboxException(400, "Missing Parameter: " + field + ".service_window.mode");
            }
            if (!List.of("exact", "between", "hours").contains(s.mode)) {
                throw new SandboxException(400, "Invalid service_window mode '" + s.mode
                        + "': use exact, between or hours");
            }
            if (sw.has("start")) {
                s.start = FnTime.parseNode(sw.get("start"), zone, field + ".service_window.start");
            }
            if (sw.has("end")) {
                s.end = FnTime.parseNode(sw.get("end"), zone, field + ".service_window.end");
            }
        }
        if (s.mode == null && s.start == null) {
            if (existing == null && sw == null && !v.has("schedule_note") && !v.has("time_zone")) {
                throw new SandboxException(400, "Missing Parameter: " + field + ".service_window");
            }
            return s.note.isEmpty() && s.timeZoneId == null ? null : s;
        }
        if (s.start == null) {
            throw new SandboxException(400, "Missing Parameter: " + field + ".service_window.start");
        }
        if ("exact".equals(s.mode)) {
            s.end = null;
        } else if (s.end == null) {
            throw new SandboxException(400, "Missing Parameter: " + field + ".service_window.end is required for mode "
                    + s.mode);
        } else if (s.end.isBefore(s.start)) {
            throw new SandboxException(400, field + ".service_window.end is before start");
        }
        return s;
    }

    private ObjectNode renderServiceWindow(WorkOrder wo) {
        Schedule s = wo.schedule;
        ZoneId zone = store.locations.zoneOf(wo);
        ObjectNode sw = Json.object();
        sw.put("mode", s.mode);
        if (s.start != null) {
            sw.set("start", FnTime.dateObject(s.start, zone));
        }
        if (s.end != null) {
            sw.set("end", FnTime.dateObject(s.end, zone));
        }
        return sw;
    }

    ObjectNode renderSchedule(WorkOrder wo) {
        if (wo.schedule == null) {
            return null;
        }
        ObjectNode o = Json.object();
        if (wo.schedule.mode != null) {
            o.set("service_window", renderServiceWindow(wo));
        }
        ZoneId zone = store.locations.zoneOf(wo);
        o.set("time_zone", FnTime.timeZone(zone, wo.schedule.start == null ? Instant.now() : wo.schedule.start));
        o.put("schedule_note", wo.schedule.note);
        o.put("require_ontime", wo.requireOntime);
        o.put("work_order_id", wo.id);
        o.put("status_id", wo.status);
        o.put("company_id", FnStore.COMPANY_ID);
        o.put("correlation_id", wo.correlationId);
        o.putArray("actions").add("edit");
        return o;
    }

    ObjectNode schedule(long id) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            ObjectNode s = renderSchedule(wo);
            if (s == null) {
                s = Json.object();
                s.putNull("service_window");
                s.put("work_order_id", wo.id);
                s.put("status_id", wo.status);
                s.put("require_ontime", wo.requireOntime);
            }
            return s;
        }
    }

    ObjectNode putSchedule(long id, JsonNode body, long actor) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            if (body == null || !body.isObject()) {
                throw new SandboxException(400, "Request body must be a JSON schedule object");
            }
            if (wo.status == CANCELLED || wo.status == APPROVED || wo.status == PAID) {
                throw FnStore.invalidStatus(wo, "reschedule");
            }
            Schedule before = copy(wo.schedule);
            Schedule s = parseSchedule(body, wo.schedule, store.locations.zoneOf(wo), "schedule");
            wo.schedule = s;
            if (body.has("require_ontime")) {
                wo.requireOntime = body.get("require_ontime").asBoolean();
            }
            wo.updated = Instant.now();
            if (!sameSchedule(before, s)) {
                emitScheduleUpdated(wo, actor);
            }
            return schedule(id);
        }
    }

    void emitScheduleUpdated(WorkOrder wo, long actor) {
        store.emitter.emit(wo, FnEvents.SCHEDULE_UPDATED, actor, null, p -> {
            if (wo.schedule != null && wo.schedule.mode != null) {
                p.set("service_window", renderServiceWindow(wo));
            } else {
                p.putNull("service_window");
            }
            p.set("schedule", renderSchedule(wo));
        });
    }
}
