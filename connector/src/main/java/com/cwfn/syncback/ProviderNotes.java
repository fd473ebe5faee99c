package com.cwfn.syncback;

import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.inbox.StepTracker;
import com.cwfn.json.Json;
import com.cwfn.mapping.WorkOrderDocument;
import com.cwfn.settings.Settings;
import com.cwfn.store.SyncLog;
import com.cwfn.store.SyncedItemStore;
import com.cwfn.sync.Items;
import com.cwfn.sync.NoteWriter;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * What the provider does, on the ticket: each of these Field Nation events becomes one internal note (those
 * {@code sync.provider-notes} names): the provider cancelled (the work order is back on offer), on the way, checked in,
 * checked out, running late (with the new ETA), at risk, postponed, a problem reported or resolved, and a decline when
 * the work order was routed to that one provider. Once per event (the work order, the event and its time), written
 * through {@link NoteWriter}: found by its text after a crash, never echoed to Field Nation.
 */
public class ProviderNotes {
    /** Event name -> its name in sync.provider-notes. */
    static final Map<String, String> EVENTS = Map.ofEntries(
            Map.entry("workorder.status.assigned_cancelled", "assigned_cancelled"),
            Map.entry("workorder.status.on_my_way", "on_my_way"),
            Map.entry("workorder.status.checked_in", "checked_in"),
            Map.entry("workorder.status.checked_out", "checked_out"),
            Map.entry("workorder.status.delayed", "delayed"),
            Map.entry("workorder.status.at_risk", "at_risk"),
            Map.entry("workorder.status.postponed", "postponed"),
            Map.entry("workorder.problem_reported", "problem_reported"),
            Map.entry("workorder.problem_resolved", "problem_resolved"),
            Map.entry("workorder.declined", "declined"));
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final NoteWriter notes;
    private final FieldNationClient fn;
    private final SyncLog log;
    private final Settings settings;

    public ProviderNotes(NoteWriter notes, FieldNationClient fn, SyncLog log, Settings settings) {
        this.notes = notes;
        this.fn = fn;
        this.log = log;
        this.settings = settings;
    }

    public SyncBack apply(SyncBack s, Exchange exchange) {
        String setting = EVENTS.get(s.name());
        if (setting == null || !settings.providerNotes().contains(setting)) {
            return s;
        }
        String text = text(s, s.workOrder(fn));
        if (text == null) {
            return s;
        }
        long ticketId = s.link.ticketId();
        String key = s.workOrderId() + ":" + setting + ":" + (s.webhook.timestamp() != null
                ? s.webhook.timestamp().toEpochMilli() : "event-" + s.transaction.id());
        NoteWriter.Result written = notes.addOnce(Items.PROVIDER_NOTE, key, s.kind(), ticketId, s.workOrderId(), text,
                NoteWriter.Tab.INTERNAL, null);
        if (written.copy() == SyncedItemStore.Copy.COPIED) {
            String line = "provider note " + written.noteId() + " (" + setting + ")";
            log.append(s.transaction.id(), s.transaction.direction(), ticketId, s.workOrderId(),
                    StepTracker.current(exchange), "ok", line);
            Writes.add(exchange, List.of(line));
        }
        return s;
    }

    /** The note of an event; null when there is none to write (a decline of a work order others could take). */
    String text(SyncBack s, JsonNode wo) {
        String n = "Field Nation: ";
        String w = "work order #" + s.workOrderId();
        String who = provider(wo);
        String at = s.webhook.timestamp() == null ? "" : " at " + TIME.format(s.webhook.timestamp());
        return switch (s.name()) {
            case "workorder.status.assigned_cancelled" -> n + "the assigned provider" + provider(s.webhook.params(),
                    "previous_provider_id") + " cancelled " + w + "; it is back on offer, nobody is assigned.";
            case "workorder.status.on_my_way" -> n + who + " is on the way to " + w + at + eta(wo, ", ETA ") + ".";
            case "workorder.status.checked_in" -> n + who + " checked in on site for " + w + at + ".";
            case "workorder.status.checked_out" -> n + who + " checked out of " + w + at + ".";
            case "workorder.status.delayed" -> n + who + " is running late for " + w + delay(s.webhook.params())
                    + eta(wo, "; new ETA ") + ".";
            case "workorder.status.at_risk" -> n + w + " is at risk: " + who + " has not confirmed it.";
            case "workorder.status.postponed" -> n + w + " is postponed (on hold until further notice).";
            case "workorder.problem_reported" -> n + who + " reported a problem on " + w + ": " + problem(s, wo) + ".";
            case "workorder.problem_resolved" -> n + "the problem on " + w + " is resolved: " + problem(s, wo) + ".";
            case "workorder.declined" -> declined(s, wo);
            default -> null;
        };
    }

    /** A decline is news only when the work order was routed to that one provider: nobody else has it now. */
    private static String declined(SyncBack s, JsonNode wo) {
        JsonNode params = s.webhook.params();
        Long decliner = Json.number(params, "provider_id");
        if (decliner == null) {
            decliner = Json.number(params, "user/id");
        }
        if (decliner == null) {
            decliner = s.webhook.triggeredBy();
        }
        JsonNode routes = wo.path("routes").path("results");
        if (decliner == null || routes.size() != 1 || !decliner.equals(Json.number(routes.get(0), "user/id"))) {
            return null;
        }
        String name = name(routes.get(0).path("user"));
        return "Field Nation: " + (name == null ? "provider " + decliner : name) + " declined work order #"
                + s.workOrderId() + ", which was routed to them alone: nobody has it now.";
    }

    /** The problem the event is about: its type and comments. */
    static String problem(SyncBack s, JsonNode wo) {
        Long id = Json.number(s.webhook.params(), "problem_id");
        JsonNode found = null;
        for (JsonNode p : wo.path("problems").path("results")) {
            if (id == null || id.equals(Json.number(p, "id"))) {
                found = p;
            }
        }
        if (found == null) {
            found = wo.path("problems").path("active");
        }
        String type = Json.text(found, "type/name");
        String comments = Json.text(found, "comments");
        String what = (type == null ? "a problem" : type) + (comments == null || comments.isBlank() ? ""
                : " (\"" + comments.strip() + "\")");
        return what.replaceAll("[\\r\\n]+", " ");
    }

    private static String provider(JsonNode wo) {
        String name = Json.text(WorkOrderDocument.provider(wo), "name");
        return name == null || name.isBlank() ? "the provider" : name;
    }

    private static String provider(JsonNode params, String idField) {
        Long id = Json.number(params, idField);
        return id == null ? "" : " (provider " + id + ")";
    }

    private static String name(JsonNode user) {
        String first = Json.text(user, "first_name");
        String last = Json.text(user, "last_name");
        String n = ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
        return n.isEmpty() ? Json.text(user, "name") : n;
    }

    private static String eta(JsonNode wo, String prefix) {
        String eta = TechnicianNote.readable(Json.text(wo, "eta/start/utc"));
        return eta == null ? "" : prefix + eta;
    }

    private static String delay(JsonNode params) {
        Long seconds = Json.number(params, "estimated_delay");
        return seconds == null || seconds <= 0 ? "" : " by about " + Math.max(1, Math.round(seconds / 60.0)) + " min";
    }

    /** The ETA of a work order as an instant, when it has one. */
    static Instant etaStart(JsonNode wo) {
        String iso = WorkOrderDocument.iso(Json.text(wo, "eta/start/utc"));
        return iso == null ? null : Instant.parse(iso);
    }
}
