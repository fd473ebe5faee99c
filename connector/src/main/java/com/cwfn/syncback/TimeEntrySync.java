package com.cwfn.syncback;

import com.cwfn.connectwise.ConnectWiseClient.Charge;
import com.cwfn.failure.PermanentFailure;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.camel.Exchange;

/**
 * Field Nation time logs → ConnectWise time entries on the ticket ({@code sync.time.enabled}): each finished log
 * (checked in and out) one entry, charged to the ticket, from check-in to check-out in UTC, for
 * {@code sync.time.member}, billable (not billable with {@code sync.labor.enabled}), with {@code timeEntries} of
 * mappings.yaml applied; the log's id is in the entry's internalNotes. An edited log updates its entry, a deleted
 * one deletes it. Read on the events of {@link ChargeEvents}.
 */
public class TimeEntrySync extends ChargeStep {
    static final ChargeCopier.Target TARGET = new ChargeCopier.Target(Items.FN_TIME_LOG_TO_ENTRY, Charge.TIME,
            "internalNotes");
    public TimeEntrySync(ChargeCopier copier, FieldNationClient fn, Mappings mappings, Settings settings) {
        super(copier, fn, mappings, settings);
    }

    public SyncBack apply(SyncBack s, Exchange exchange) {
        if (!settings.flag(Catalog.SYNC_TIME_ENABLED) || !ChargeEvents.reads(s.name())) {
            return s;
        }
        List<JsonNode> logs = finished(fn.timeLogs(s.workOrderId()));
        List<ChargeCopier.Wanted> wanted = new ArrayList<>();
        for (JsonNode log : logs) {
            wanted.add(new ChargeCopier.Wanted(key(s.workOrderId(), log), hash(log), entry(s, log), marker(log),
                    "Field Nation time log " + Json.text(log, "id") + " of work order " + s.workOrderId()));
        }
        Writes.add(exchange, copier.sync(s, TARGET, wanted, true, StepTracker.current(exchange)));
        return s;
    }

    /** The time entry for a log. */
    ObjectNode entry(SyncBack s, JsonNode log) {
        long woId = s.workOrderId();
        ObjectNode b = chargedToTicket(s);
        b.put("timeStart", WorkOrderDocument.iso(Json.text(log, "in/created/utc")));
        b.put("timeEnd", WorkOrderDocument.iso(Json.text(log, "out/created/utc")));
        b.put("billableOption", settings.flag(Catalog.SYNC_LABOR_ENABLED) ? "DoNotBill" : "Billable");
        String who = String.join(" ", Stream.of(Json.field(log.path("logged_by"), "first_name"),
                Json.field(log.path("logged_by"), "last_name")).filter(Objects::nonNull).toList());
        b.put("notes", "On site for Field Nation work order " + woId + (who.isEmpty() ? "" : ": " + who) + " ("
                + log.path("hours").asDouble() + " h)");
        b.put("internalNotes", "Field Nation time log " + Json.text(log, "id") + " of work order " + woId + " "
                + marker(log));
        b.put("addToDetailDescriptionFlag", false).put("addToInternalAnalysisFlag", false)
                .put("addToResolutionFlag", false);
        mapper.mapInto(mappings.current().syncBack().timeEntry(), WorkOrderDocument.of(s.workOrder(fn), "timeLog",
                log), b);
        if (Json.isBlank(b.path("member").get("identifier")) && Json.isAbsent(b.path("member").get("id"))) {
            throw new PermanentFailure("sync.time.enabled is true but no ConnectWise member is given for the time "
                    + "entries: set sync.time.member to a member identifier (or map member.identifier under "
                    + "timeEntries in mappings.yaml)");
        }
        return b;
    }

    /** The finished logs (checked in and out), by key, with their hashes: what should be on the ticket. */
    public static Map<String, String> sources(long woId, List<JsonNode> logs) {
        Map<String, String> out = new LinkedHashMap<>();
        finished(logs).forEach(l -> out.put(key(woId, l), hash(l)));
        return out;
    }

    static List<JsonNode> finished(List<JsonNode> logs) {
        return logs.stream().filter(l -> Json.text(l, "id") != null
                && WorkOrderDocument.iso(Json.text(l, "in/created/utc")) != null
                && WorkOrderDocument.iso(Json.text(l, "out/created/utc")) != null).toList();
    }

    static String key(long woId, JsonNode log) {
        return woId + ":" + Json.text(log, "id");
    }

    static String hash(JsonNode log) {
        return ChargeCopier.hash(Json.text(log, "in/created/utc"), Json.text(log, "out/created/utc"),
                Json.text(log, "logged_by/id"));
    }

    static String marker(JsonNode log) {
        return "(fn-time-log:" + Json.text(log, "id") + ")";
    }
}
