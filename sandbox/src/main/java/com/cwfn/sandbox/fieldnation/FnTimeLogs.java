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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.ToLongFunction;

/**
 * The provider's time on a work order: its time logs (made by check-in and check-out, see {@code FnStatusMachine},
 * and added, edited or deleted through {@code /workorders/{id}/time_logs}) and its ETA. Field Nation sends no
 * webhook for any of these. Logs render as the published {@code TimeLogsDto} / {@code TimeLogsResultDto}; changes
 * are taken while the work order is Assigned or Work Done. Every entry point takes the store lock
 * ({@code synchronized (store)}), as all Field Nation resources do.
 */
final class FnTimeLogs {
    private final FnStore store;
    /** Logs ever made per work order: a deleted log's id is never given again (gone with the work order). */
    private final Map<WorkOrder, Integer> made = new WeakHashMap<>();

    FnTimeLogs(FnStore store) {
        this.store = store;
    }

    void register(FnRouteTable t, ToLongFunction<SandboxRequest> actor) {
        String logs = REST_PREFIX + "/workorders/{id}/time_logs";
        t.route("GET", logs, r -> ok(timeLogs(woId(r))));
        t.route("POST", logs, r -> ok(add(woId(r), r.json(), actor.applyAsLong(r))));
        t.route("PUT", logs + "/{logId}", r -> ok(edit(woId(r), num(r, "logId", "Time log"), r.json())));
        t.route("DELETE", logs + "/{logId}", r -> ok(delete(woId(r), num(r, "logId", "Time log"))));
    }

    /** A new log id for the work order: 90000 + work order id × 10 + the number of logs made before. */
    long newId(WorkOrder wo) {
        synchronized (store) {
            int n = made.merge(wo, 1, Integer::sum) - 1;
            return 90000 + wo.id * 10 + n;
        }
    }

    // ------------------------------------------------------------------ REST

    ObjectNode timeLogs(long woId) {
        synchronized (store) {
            WorkOrder wo = store.wo(woId);
            ZoneId zone = store.locations.zoneOf(wo);
            ObjectNode o = Json.object();
            o.set("metadata", metadata(wo.timeLogs.size(), 1, Math.max(25, wo.timeLogs.size())));
            ArrayNode results = o.putArray("results");
            double hours = 0;
            for (int i = 0; i < wo.timeLogs.size(); i++) {
                ObjectNode log = renderLog(wo.timeLogs.get(i), i == 0, zone);
                hours += log.path("hours").asDouble();
                results.add(log);
            }
            o.put("correlation_id", wo.correlationId == null ? "" : wo.correlationId);
            o.putArray("actions").add("add");
            o.put("hours", Math.round(hours * 100) / 100.0);
            return o;
        }
    }

    /** POST: {@code {"in":{"created":...}, "out":{"created":...}}} (WoTimeLogsCreateDto; {@code in} required). */
    ObjectNode add(long woId, JsonNode body, long actor) {
        synchronized (store) {
            WorkOrder wo = changeable(woId);
            if (body == null || !body.isObject() || !body.path("in").isObject()) {
                throw new SandboxException(400, "Missing Parameter: in");
            }
            ObjectNode log = Json.object();
            log.put("id", newId(wo));
            log.set("logged_by", store.view.userRef(wo.assigneeId == null ? actor : wo.assigneeId));
            log.putNull("out");
            setTimes(wo, log, body);
            wo.timeLogs.add(log);
            wo.updated = Instant.now();
            return store.view.render(wo);
        }
    }

    /** PUT /time_logs/{id}: WoTimeLogsUpdateDto ({@code in} and {@code id} required); the log is marked edited. */
    ObjectNode edit(long woId, long logId, JsonNode body) {
        synchronized (store) {
            WorkOrder wo = changeable(woId);
            ObjectNode log = log(wo, logId);
            if (body == null || !body.isObject() || !body.path("in").isObject()) {
                throw new SandboxException(400, "Missing Parameter: in");
            }
            if (!body.hasNonNull("id") || body.path("id").asLong() != logId) {
                throw new SandboxException(400, "Missing Parameter: id (the time log id " + logId + ")");
            }
            setTimes(wo, log, body);
            log.put("edited", true);
            wo.updated = Instant.now();
            return store.view.render(wo);
        }
    }

    ObjectNode delete(long woId, long logId) {
        synchronized (store) {
            WorkOrder wo = changeable(woId);
            wo.timeLogs.remove(log(wo, logId));
            wo.updated = Instant.now();
            return store.view.render(wo);
        }
    }

    /** Sets the provider's ETA (the work order's {@code eta}, EtaDto); no event, as in Field Nation. */
    void setEta(long woId, Instant start, Instant end) {
        synchronized (store) {
            WorkOrder wo = store.wo(woId);
            ZoneId zone = store.locations.zoneOf(wo);
            ObjectNode eta = Json.object();
            eta.putObject("user").put("id", wo.assigneeId == null ? 0 : wo.assigneeId);
            eta.putObject("task").put("id", 0);
            eta.set("start", FnTime.dateObject(start, zone));
            eta.set("end", FnTime.dateObject(end == null ? start.plus(Duration.ofHours(1)) : end, zone));
            eta.put("hour_estimate", Duration.between(start, end == null ? start.plus(Duration.ofHours(1)) : end)
                    .toMinutes() / 60.0);
            eta.put("notes", "");
            ObjectNode status = eta.putObject("status");
            status.put("name", "confirmed");
            status.set("updated", FnTime.dateObject(Instant.now(), zone));
            eta.put("mode", "exact");
            wo.extras.put("eta", eta);
            wo.updated = Instant.now();
        }
    }

    // ------------------------------------------------------------------ rules and rendering

    private WorkOrder changeable(long woId) {
        WorkOrder wo = store.wo(woId);
        if (wo.status != ASSIGNED && wo.status != WORK_DONE) {
            throw FnStore.invalidStatus(wo, "change the time logs of");
        }
        return wo;
    }

    private static ObjectNode log(WorkOrder wo, long logId) {
        return wo.timeLogs.stream().filter(l -> l.path("id").asLong() == logId).findFirst()
                .orElseThrow(() -> new SandboxException(404, "Time log not found: " + logId));
    }

    private void setTimes(WorkOrder wo, ObjectNode log, JsonNode body) {
        ZoneId zone = store.locations.zoneOf(wo);
        Instant in = FnTime.parseNode(body.path("in").path("created"), zone, "in.created");
        if (in == null) {
            throw new SandboxException(400, "Missing Parameter: in.created");
        }
        Instant out = FnTime.parseNode(body.path("out").path("created"), zone, "out.created");
        if (out != null && out.isBefore(in)) {
            throw new SandboxException(400, "The check-out time can not be before the check-in time");
        }
        log.putObject("in").set("created", FnTime.dateObject(in, zone));
        if (out == null) {
            log.putNull("out");
            log.put("hours", 0);
            log.put("status", "open");
        } else {
            log.putObject("out").set("created", FnTime.dateObject(out, zone));
            log.put("hours", Math.round(Duration.between(in, out).toSeconds() / 36.0) / 100.0);
            log.put("status", "closed");
        }
    }

    /** A stored log as TimeLogsResultDto: every required member, whatever made the log. */
    private static ObjectNode renderLog(ObjectNode stored, boolean first, ZoneId zone) {
        ObjectNode l = Json.object();
        l.put("id", stored.path("id").asLong());
        l.put("devices", stored.path("devices").asInt(0));
        l.set("in", inOut(stored.path("in"), false));
        l.set("out", stored.path("out").isObject() ? inOut(stored.path("out"), true) : Json.F.nullNode());
        Instant at = Instant.now();
        l.set("time_zone", FnTime.timeZone(zone, at));
        l.put("verified", false);
        l.put("edited", stored.path("edited").asBoolean(false));
        l.put("was_late", false);
        l.put("status", stored.path("status").asText("open"));
        l.put("hours", stored.path("hours").asDouble(0));
        ObjectNode by = Json.object();
        JsonNode who = stored.path("logged_by");
        by.put("id", who.path("id").asLong());
        by.put("first_name", who.path("first_name").asText(""));
        by.put("last_name", who.path("last_name").asText(""));
        by.set("created", stored.path("in").path("created").deepCopy());
        by.set("out", stored.path("out").path("created").isObject() ? stored.path("out").path("created").deepCopy()
                : Json.F.nullNode());
        l.set("logged_by", by);
        l.set("actions", Json.array().add("edit").add("delete"));
        l.put("first_check_in", first);
        return l;
    }

    private static ObjectNode inOut(JsonNode stored, boolean out) {
        ObjectNode o = Json.object();
        o.set("created", stored.path("created").deepCopy());
        ObjectNode coords = o.putObject("coords");
        coords.put("latitude", 0.0).put("longitude", 0.0);
        o.put("verified", false);
        o.put("distance", 0);
        o.set("actions", Json.array());
        o.put("requires_verification", false);
        if (out) {
            o.put("distance_from_in", 0);
        }
        return o;
    }

    /** The stored logs, for the control API. */
    List<ObjectNode> logs(long woId) {
        synchronized (store) {
            return store.wo(woId).timeLogs.stream().map(ObjectNode::deepCopy).toList();
        }
    }
}
