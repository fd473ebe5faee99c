package com.cwfn.routing;

import com.cwfn.dispatch.Dispatch;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.fieldnation.FnDates;
import com.cwfn.inbox.Outcome;
import com.cwfn.json.Json;
import com.cwfn.notify.NeedsAttention;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Durations;
import com.cwfn.settings.Settings;
import com.cwfn.store.AttentionStore;
import com.cwfn.store.Transaction;
import com.cwfn.store.SyncLog;
import com.cwfn.store.SyncedItemStore;
import com.cwfn.sync.Items;
import com.cwfn.sync.NoteWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * {@code sync.unassigned-alert-before} (e.g. 24h): one internal note on the ticket when its work order is still
 * unassigned that long before its scheduled start, and one item that needs attention (told once in the next failure
 * mail; settled when a provider takes it).
 *
 * <p>Armed by the dispatch (step {@code arm-unassigned-alert}): a timer due at the start minus the setting (now when
 * that is past), once per work order. When it falls due (routing step {@code alert-unassigned-before-visit}) the work
 * order is read: assigned or later, or cancelled, nothing happens; a start moved later arms a timer for the new time;
 * else the note, once per work order ({@link Items#UNASSIGNED_ALERT}), however often the timer is worked.
 */
public class UnassignedAlerts {
    private final Settings settings;
    private final RoutingTimers timers;
    private final FieldNationClient fn;
    private final NoteWriter notes;
    private final NeedsAttention attention;
    private final SyncLog log;
    private final Clock clock;

    public UnassignedAlerts(Settings settings, RoutingTimers timers, FieldNationClient fn, NoteWriter notes,
            NeedsAttention attention, SyncLog log, Clock clock) {
        this.settings = settings;
        this.timers = timers;
        this.fn = fn;
        this.notes = notes;
        this.attention = attention;
        this.log = log;
        this.clock = clock;
    }

    /** The setting, empty when off. */
    private Optional<Duration> before() {
        String v = settings.text(Catalog.SYNC_UNASSIGNED_ALERT_BEFORE);
        return v.isEmpty() ? Optional.empty() : Optional.of(Durations.parse(v));
    }

    /** Dispatch step: arms the alert of a work order with a scheduled start, once. */
    public Dispatch arm(Dispatch d) {
        Optional<Duration> before = before();
        Instant start = d.workOrderBody() == null ? null : FnDates.instant(Json.text(d.workOrderBody(),
                "schedule/service_window/start/utc"));
        if (before.isEmpty() || start == null || d.workOrderId() == null
                || Transaction.SOURCE_ROUND_TRIP.equals(d.transaction().source())) {
            return d;
        }
        timers.unassignedAlert(d.ticketId(), d.workOrderId(), start.minus(before.get()).toEpochMilli(), "dispatch");
        return d;
    }

    /** Routing step: the alert fell due. */
    public RoutingWork alert(RoutingWork w, Exchange exchange) {
        Optional<Duration> before = before();
        if (before.isEmpty()) {
            Outcome.skipped(exchange, "sync.unassigned-alert-before is off now");
            return w;
        }
        Offer offer = Offer.of(fn, w.workOrderId);
        if (!offer.open()) {
            Outcome.skipped(exchange, "work order " + w.workOrderId + " is " + offer.state() + ": no alert");
            return w;
        }
        ObjectNode wo = offer.workOrder();
        Instant start = FnDates.instant(Json.text(wo, "schedule/service_window/start/utc"));
        if (start == null) {
            Outcome.skipped(exchange, "work order " + w.workOrderId + " has no scheduled start any more");
            return w;
        }
        Instant due = start.minus(before.get());
        if (due.isAfter(Instant.now(clock).plusSeconds(1))) {
            timers.unassignedAlert(w.ticketId, w.workOrderId, due.toEpochMilli(), String.valueOf(due.toEpochMilli()));
            Outcome.skipped(exchange, "the start moved to " + FnDates.utc(start) + " UTC: the alert waits until "
                    + FnDates.utc(due) + " UTC");
            return w;
        }
        String text = "Field Nation work order #" + w.workOrderId + " is still unassigned (" + Json.text(wo,
                "status/name") + ") " + Durations.words(before.get()) + " before its scheduled start, "
                + FnDates.utc(start) + " UTC.";
        var written = notes.addOnce(Items.UNASSIGNED_ALERT, String.valueOf(w.workOrderId), w.kind, w.ticketId,
                w.workOrderId, text, NoteWriter.Tab.INTERNAL, null);
        if (written.copy() == SyncedItemStore.Copy.COPIED) {
            w.log(log, "alert-unassigned-before-visit", "note " + written.noteId() + ": " + text);
        }
        attention.raise(new AttentionStore.NewItem(NeedsAttention.UNASSIGNED_BEFORE_VISIT + ":" + w.workOrderId,
                NeedsAttention.UNASSIGNED_BEFORE_VISIT, w.ticketId, w.workOrderId, "Work order #" + w.workOrderId
                + " (ticket #" + w.ticketId + ") is still unassigned " + Durations.words(before.get())
                + " before its visit", text, null, w.transaction.id()), null);
        Outcome.done(exchange, "still unassigned before the visit: one note");
        return w;
    }
}
