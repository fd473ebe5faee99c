package com.cwfn.syncback;

import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.fieldnation.FnDates;
import com.cwfn.inbox.Outcome;
import com.cwfn.json.Json;
import com.cwfn.store.LinkStore;
import com.cwfn.store.SyncLog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * {@code workorder.schedule_updated} -> the ticket's ConnectWise schedule entry: its dates are changed, or an
 * entry is created when the ticket has none. An exact arrival time becomes a one-hour entry. The link's last
 * sent schedule is updated too, so the change does not travel back to Field Nation as an update. A new entry
 * names its {@code type} (Service, the model's one required field) and, when {@code connectwise.schedule-member} is
 * set, that member (ConnectWise otherwise takes the API member).
 */
public class ScheduleSync {
    static final DateTimeFormatter FN_UTC = FnDates.UTC;
    private final ConnectWiseClient cw;
    private final com.cwfn.fieldnation.FieldNationClient fn;
    private final LinkStore links;
    private final SyncLog log;
    private final String member;

    /** @param member the member identifier new entries name, or empty for none */
    public ScheduleSync(ConnectWiseClient cw, com.cwfn.fieldnation.FieldNationClient fn, LinkStore links, SyncLog log,
            String member) {
        this.cw = cw;
        this.fn = fn;
        this.links = links;
        this.log = log;
        this.member = member == null ? "" : member.trim();
    }

    public SyncBack apply(SyncBack s, Exchange exchange) {
        JsonNode window = s.webhook.params().path("service_window");
        if (window.isMissingNode() || window.isNull()) {
            window = s.webhook.workOrder().path("schedule").path("service_window");
        }
        Instant start = instant(Json.text(window, "start/utc"));
        if (start == null) {
            Outcome.ignored(exchange, "the event carries no schedule start");
            return s;
        }
        Instant end = instant(Json.text(window, "end/utc"));
        if (end == null || !end.isAfter(start)) {
            end = start.plus(Duration.ofHours(1));
        }
        String what = write(s, entry(s.link.ticketId()), start, end);
        log.append(s.transaction.id(), s.transaction.direction(), s.link.ticketId(), s.workOrderId(), "update-schedule", "ok", what);
        Outcome.done(exchange, what);
        return s;
    }

    /**
     * {@code workorder.status.delayed} with an ETA: the ticket's schedule entry moves to start at the ETA, keeping its
     * length (one hour when it had none). The work order's own schedule is left as agreed: the move is remembered as
     * sent, so it does not travel back to Field Nation.
     */
    public SyncBack moveToEta(SyncBack s, Exchange exchange) {
        if (!"workorder.status.delayed".equals(s.name())) {
            return s;
        }
        Instant eta = ProviderNotes.etaStart(s.workOrder(fn));
        if (eta == null) {
            return s;
        }
        JsonNode entry = entry(s.link.ticketId());
        Instant oldStart = entry == null ? null : instant(Json.text(entry, "dateStart"));
        Instant oldEnd = entry == null ? null : instant(Json.text(entry, "dateEnd"));
        Duration length = oldStart != null && oldEnd != null && oldEnd.isAfter(oldStart)
                ? Duration.between(oldStart, oldEnd) : Duration.ofHours(1);
        if (eta.equals(oldStart)) {
            return s;
        }
        String what = write(s, entry, eta, eta.plus(length)) + " (the provider's new ETA)";
        log.append(s.transaction.id(), s.transaction.direction(), s.link.ticketId(), s.workOrderId(), "move-schedule-to-eta", "ok",
                what);
        Writes.add(exchange, List.of(what));
        return s;
    }

    /** The ticket's earliest schedule entry, or null. */
    private JsonNode entry(long ticketId) {
        List<JsonNode> entries = cw.scheduleEntries(ticketId);
        return entries.stream().min(Comparator.comparing(e -> String.valueOf(Json.text(e, "dateStart"))))
                .orElse(null);
    }

    /** Moves the entry to start - end, or creates one when there is none; answers what was done. */
    private String write(SyncBack s, JsonNode entry, Instant start, Instant end) {
        long ticketId = s.link.ticketId();
        String what;
        if (entry != null) {
            ArrayNode patch = Json.array();
            patch.addObject().put("op", "replace").put("path", "dateStart").put("value", iso(start));
            patch.addObject().put("op", "replace").put("path", "dateEnd").put("value", iso(end));
            cw.patchScheduleEntry(Json.number(entry, "id"), patch);
            what = "schedule entry " + Json.text(entry, "id") + " moved to " + iso(start) + " - " + iso(end);
        } else {
            ObjectNode body = Json.object().put("objectId", ticketId).put("dateStart", iso(start))
                    .put("dateEnd", iso(end)).put("name", "Field Nation work order " + s.workOrderId());
            body.putObject("type").put("id", 4).put("identifier", "S");
            if (!member.isEmpty()) {
                body.putObject("member").put("identifier", member);
            }
            JsonNode created = cw.createScheduleEntry(body);
            what = "schedule entry " + Json.text(created, "id") + " created for " + iso(start) + " - " + iso(end);
        }
        rememberAsSent(ticketId, start, end);
        return what;
    }

    /** The schedule the default mapping makes of the entry now, so the next dispatch sees no change to send. */
    private void rememberAsSent(long ticketId, Instant start, Instant end) {
        links.find(ticketId).ifPresent(l -> {
            ObjectNode sent = l.lastSent() == null ? Json.object() : (ObjectNode) Json.parse(l.lastSent());
            ObjectNode w = sent.putObject("schedule").putObject("service_window");
            w.put("mode", "between");
            w.putObject("start").put("utc", FN_UTC.format(start.atOffset(ZoneOffset.UTC)));
            w.putObject("end").put("utc", FN_UTC.format(end.atOffset(ZoneOffset.UTC)));
            links.updateLastSent(ticketId, Json.write(sent));
        });
    }

    static String iso(Instant i) {
        return DateTimeFormatter.ISO_INSTANT.format(i.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    /** Field Nation's "YYYY-MM-DD HH:MM:SS" (UTC) or ISO-8601. */
    static Instant instant(String s) {
        return FnDates.instant(s);
    }
}
