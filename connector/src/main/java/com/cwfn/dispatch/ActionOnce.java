package com.cwfn.dispatch;

import com.cwfn.connectwise.ConnectWiseClient.TicketKind;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.http.RemoteCallException;
import com.cwfn.inbox.Outcome;
import com.cwfn.json.Json;
import com.cwfn.notify.NeedsAttention;
import com.cwfn.store.LinkStore;
import com.cwfn.store.SyncLog;
import com.cwfn.store.SyncedItemStore;
import com.cwfn.sync.Items;
import com.cwfn.sync.NoteWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does one status action exactly once, whatever repeats it: decides it from the work order as Field Nation has it,
 * makes the one Field Nation call the decision needs, keeps the decision (a short code, in {@code synced_item}),
 * writes one internal note saying what was done, and ends the move's pending action. A retry after a failure, a
 * replay, or another instance after a crash finds the kept decision and only writes what is still missing; a call
 * begun but not known to be done is recognised by the state it leaves the work order in.
 */
public final class ActionOnce {
    /** The status of a work order Field Nation has no more. */
    public static final String GONE = "gone";
    /** A decision is kept as a code of at most this length (synced_item.target_id). */
    static final int CODE_MAX = 128;
    private static final Logger LOG = LoggerFactory.getLogger(ActionOnce.class);

    /** What an action decided: its code (kept), and the Field Nation call it needs (null: none). */
    public record Decision(String code, Runnable call) {
        public static Decision only(String code) {
            return new Decision(code, null);
        }
    }

    /** How an action decides, from the work order as Field Nation has it. */
    @FunctionalInterface
    public interface Decider {
        /**
         * @param status    the work order's status name ({@code status.name}), "gone" when Field Nation has none
         * @param workOrder the work order, empty when Field Nation has none (a deleted draft)
         * @param callBegun this action's call was begun before and may have been made
         */
        Decision decide(String status, Optional<ObjectNode> workOrder, boolean callBegun);
    }

    private final FieldNationClient fn;
    private final SyncedItemStore items;
    private final NoteWriter notes;
    private final LinkStore links;
    private final SyncLog log;

    public ActionOnce(FieldNationClient fn, SyncedItemStore items, NoteWriter notes, LinkStore links, SyncLog log) {
        this.fn = fn;
        this.items = items;
        this.notes = notes;
        this.links = links;
        this.log = log;
    }

    /** The key of the action of the dispatch's move, or of the held item a person confirmed. */
    static String key(Dispatch d) {
        return d.heldItemId != null ? "attention:" + d.heldItemId : d.ticketId + ":" + d.moveSeq;
    }

    /** Does the action; answers the decision's code. {@code note} is the ticket's note for a code. */
    public String run(Dispatch d, String step, Decider decider, Function<String, String> note, Exchange exchange) {
        String key = key(d);
        Optional<SyncedItemStore.Item> kept = items.find(Items.STATUS_ACTION, key);
        String code;
        if (kept.isPresent() && kept.get().isDone()) {
            code = kept.get().targetId();
        } else {
            Optional<ObjectNode> wo = fn.findWorkOrder(d.workOrderId);
            Decision decision = decider.decide(wo.map(ActionOnce::status).orElse(GONE), wo, kept.isPresent());
            if (decision.call() != null) {
                if (kept.isEmpty()) {
                    items.begin(Items.STATUS_ACTION, key, d.ticketId, d.workOrderId);
                }
                decision.call().run();
            }
            code = decision.code().length() <= CODE_MAX ? decision.code() : decision.code().substring(0, CODE_MAX);
            items.remember(Items.STATUS_ACTION, key, code, d.ticketId, d.workOrderId);
        }
        String text = note.apply(code);
        if (!d.deleted) {
            noteOnce(d, key, text);
        }
        if (d.heldItemId == null) {
            links.finishStatusAction(d.ticketId, d.moveSeq);
        }
        log.append(d.transaction.id(), d.transaction.direction(), d.ticketId, d.workOrderId, step, "ok", text);
        Outcome.done(exchange, text);
        LOG.info("ticket {}: {}", d.ticketId, text);
        return code;
    }

    /** One internal note per action; a ticket gone meanwhile (404) takes none. */
    private void noteOnce(Dispatch d, String key, String text) {
        TicketKind kind = d.kind != null ? d.kind : TicketKind.of(d.link == null ? null : d.link.recordType());
        try {
            notes.addOnce(Items.STATUS_ACTION_NOTE, key, kind, d.ticketId, d.workOrderId, text,
                    NoteWriter.Tab.INTERNAL, d.ticket == null ? null : d.notes);
        } catch (RemoteCallException e) {
            if (e.status() != 404) {
                throw e;
            }
            LOG.info("ticket {} is gone from ConnectWise; the note \"{}\" was not written", d.ticketId, text);
        }
    }

    /** Why the action runs, for its note: the move of the ticket's status, its deletion, or a person's choice. */
    public static String cause(Dispatch d) {
        if (NeedsAttention.WAITING_APPROVAL.equals(d.heldKind)) {
            return "it was turned down in the connector's console while it waited for approval; it was never published";
        }
        if (d.heldItemId != null) {
            return "confirmed in the connector's console";
        }
        return d.deleted ? "the ticket was deleted in ConnectWise" : "the ticket moved to '" + d.movedTo + "'";
    }

    /** The status name of a work order as Field Nation answers it ({@code status.name}). */
    static String status(ObjectNode wo) {
        return Json.text(wo, "status/name");
    }

    /** The assigned provider's name, or null when none is assigned. */
    static String provider(ObjectNode wo) {
        String name = Json.text(com.cwfn.mapping.WorkOrderDocument.provider(wo), "name");
        return name == null || name.isBlank() ? null : name;
    }
}
