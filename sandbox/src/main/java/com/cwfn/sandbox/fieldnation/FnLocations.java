package com.cwfn.sandbox.fieldnation;

import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxException;
import com.cwfn.sandbox.fieldnation.FnModel.WorkOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * A work order's location: parsing (modes custom, location, remote), rendering, the site time zone everything else
 * is shown in, and the /location sub-resource. Every entry point takes the store lock ({@code synchronized
 * (store)}), as all Field Nation resources do.
 */
final class FnLocations {
    private final FnStore store;

    FnLocations(FnStore store) {
        this.store = store;
    }

    ObjectNode parseLocation(JsonNode v, ObjectNode existing) {
        if (!v.isObject()) {
            throw new SandboxException(400, "location must be an object");
        }
        ObjectNode loc = existing == null ? Json.object() : existing.deepCopy();
        for (String f : List.of("display_name", "address1", "address2", "city", "state", "zip", "country", "notes",
                "group")) {
            if (v.has(f)) {
                if (v.get(f).isNull()) {
                    loc.remove(f);
                } else {
                    loc.put(f, v.get(f).asText());
                }
            }
        }
        if (v.has("name") && !v.has("display_name")) {
            loc.put("display_name", v.get("name").asText());
        }
        if (v.has("type")) {
            JsonNode t = v.get("type");
            ObjectNode type = Json.object();
            type.put("id", t.isObject() ? t.path("id").asLong() : t.asLong());
            loc.set("type", type);
        }
        if (v.has("saved_location") && v.get("saved_location").isNull()) {
            loc.remove("saved_location");
        } else if (v.has("saved_location")) {
            JsonNode sl = v.get("saved_location");
            ObjectNode saved = Json.object();
            saved.put("id", sl.isObject() ? sl.path("id").asLong() : sl.asLong());
            loc.set("saved_location", saved);
        }
        if (v.has("coordinates") && v.get("coordinates").isObject()) {
            loc.set("coordinates", v.get("coordinates").deepCopy());
        }
        String mode = v.hasNonNull("mode") ? v.get("mode").asText().trim().toLowerCase(Locale.ROOT)
                : loc.path("mode").asText("");
        if ("saved".equals(mode)) {
            mode = "location";
        }
        if ("location".equals(mode) && !loc.has("saved_location") && v.has("id")) {
            ObjectNode saved = Json.object();
            saved.put("id", v.get("id").asLong());
            loc.set("saved_location", saved);
        }
        if (mode.isEmpty()) {
            mode = loc.has("saved_location") ? "location" : "custom";
        }
        if (!List.of("custom", "location", "remote").contains(mode)) {
            throw new SandboxException(400, "Invalid location mode '" + mode + "': use custom, location or remote");
        }
        loc.put("mode", mode);
        if ("remote".equals(mode)) {
            for (String f : List.of("address1", "address2", "city", "state", "zip", "country", "saved_location",
                    "coordinates")) {
                loc.remove(f);
            }
        }
        if ("location".equals(mode) && loc.path("saved_location").path("id").asLong(0) <= 0) {
            throw new SandboxException(400, "location.saved_location.id is required for mode location");
        }
        if (loc.hasNonNull("country") && !loc.get("country").asText().isEmpty()) {
            String c = loc.get("country").asText().trim();
            if (!c.matches("[A-Za-z]{2}")) {
                throw new SandboxException(400, "Invalid country '" + c
                        + "': use an ISO 3166-1 alpha-2 code such as US");
            }
            loc.put("country", c.toUpperCase(Locale.ROOT));
        }
        return loc;
    }

    /** The zone of a work order by id (404 when there is none), under the store lock. */
    ZoneId zoneOf(long id) {
        synchronized (store) {
            return zoneOf(store.wo(id));
        }
    }

    ZoneId zoneOf(WorkOrder wo) {
        if (wo.schedule != null && wo.schedule.timeZoneId != null && FnTime.ZONES.containsKey(wo.schedule.timeZoneId)) {
            return FnTime.ZONES.get(wo.schedule.timeZoneId);
        }
        if (wo.location != null) {
            ZoneId z = FnTime.zoneForState(wo.location.path("country").asText(null),
                    wo.location.path("state").asText(null));
            if (z != null) {
                return z;
            }
        }
        return store.defaultSiteZone;
    }

    ObjectNode renderLocation(WorkOrder wo) {
        if (wo.location == null) {
            return null;
        }
        ObjectNode l = wo.location.deepCopy();
        l.put("work_order_id", wo.id);
        l.put("status_id", wo.status);
        if (l.has("type")) {
            long t = l.path("type").path("id").asLong();
            String name = t == 1 ? "Commercial" : t == 2 ? "Government" : t == 3 ? "Residential" : "";
            ((ObjectNode) l.get("type")).put("name", name);
        }
        if ("location".equals(l.path("mode").asText())) {
            ObjectNode sl = (ObjectNode) l.get("saved_location");
            sl.put("name", l.path("display_name").asText("Saved location " + sl.path("id").asLong()));
        }
        if (!"remote".equals(l.path("mode").asText()) && !l.has("coordinates")) {
            int h = (l.path("zip").asText("") + l.path("city").asText("")).hashCode();
            ObjectNode c = l.putObject("coordinates");
            c.put("latitude", 30 + Math.floorMod(h, 1800) / 100.0);
            c.put("longitude", -120 + Math.floorMod(h / 7, 4500) / 100.0);
            c.put("exact", false);
        }
        l.set("time_zone", FnTime.timeZone(zoneOf(wo), Instant.now()));
        return l;
    }

    static boolean locationComplete(ObjectNode l) {
        if (l == null) {
            return false;
        }
        switch (l.path("mode").asText()) {
            case "remote":
                return true;
            case "location":
                return l.path("saved_location").path("id").asLong(0) > 0;
            default:
                return !l.path("address1").asText("").isBlank() && !l.path("city").asText("").isBlank()
                        && !l.path("country").asText("").isBlank();
        }
    }

    ObjectNode location(long id) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            ObjectNode l = renderLocation(wo);
            if (l == null) {
                l = Json.object();
                l.putNull("mode");
                l.put("work_order_id", wo.id);
            }
            return l;
        }
    }

    ObjectNode putLocation(long id, JsonNode body) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            if (body == null || !body.isObject()) {
                throw new SandboxException(400, "Request body must be a JSON location object");
            }
            wo.location = parseLocation(body, wo.location);
            wo.updated = Instant.now();
            return location(id);
        }
    }
}
