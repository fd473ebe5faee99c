package com.cwfn.dispatch;

import com.cwfn.connectwise.ConnectWiseClient.TicketKind;
import com.cwfn.json.Json;
import com.cwfn.mapping.DispatchRule;
import com.cwfn.mapping.RuleChoice;
import com.cwfn.mapping.StatusAction;
import com.cwfn.notify.Labelled;
import com.cwfn.store.Transaction;
import com.cwfn.store.Link;
import com.cwfn.store.SyncLog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One dispatch in progress: the ticket and what was read and decided about it. The dispatch route passes it
 * from step to step as the message body.
 */
public final class Dispatch implements Labelled {
    final Transaction transaction;
    final long ticketId;
    ObjectNode ticket;
    TicketKind kind;
    String board;
    Link link;
    ObjectNode company;
    ObjectNode contact;
    ObjectNode site;
    List<JsonNode> notes = List.of();
    List<JsonNode> documents = List.of();
    List<JsonNode> scheduleEntries = List.of();
    ObjectNode document;
    RuleChoice choice;
    ObjectNode workOrderBody;
    Long workOrderId;
    boolean created;
    /** The ticket is gone from ConnectWise (its callback said so, or reading it found nothing) while it is linked. */
    boolean deleted;
    /** Claimed for a create whose work order is unknown, while off its trigger status or deleted: settle it first. */
    boolean claimToSettle;
    /** The status action this move of the ticket's status asks for (statusActions), or null. */
    StatusAction action;
    /** The move of the ticket's status the action belongs to, and the status it moved to. */
    int moveSeq;
    String movedTo;
    /** The held cancellation (attention item) a person confirmed in the console, or null. */
    Long heldItemId;
    /** The kind of that item: a held cancellation, or a draft waiting for approval ({@code NeedsAttention}). */
    String heldKind;

    Dispatch(Transaction transaction, long ticketId) {
        this.transaction = transaction;
        this.ticketId = ticketId;
    }

    public long ticketId() {
        return ticketId;
    }

    public ObjectNode ticket() {
        return ticket;
    }

    public String board() {
        return board;
    }

    /** The ticket's link as read at the start (null when the ticket was never dispatched). */
    public Link link() {
        return link;
    }

    /** The dispatch rule that applies to the ticket, null when none does (or none was chosen yet). */
    public DispatchRule rule() {
        return choice == null ? null : choice.rule();
    }

    /** Which rule applies and why; null before the rule is chosen. */
    public RuleChoice choice() {
        return choice;
    }

    /** The transaction this dispatch works on (null for the admin preview). */
    public Transaction transaction() {
        return transaction;
    }

    public TicketKind kind() {
        return kind;
    }

    /**
     * True when a rule applies that says {@code dispatch: false} and the ticket has no work order yet (a linked
     * ticket keeps syncing whatever its rule says now).
     */
    public boolean excluded() {
        return rule() != null && !rule().dispatch() && (link == null || !link.isLinked());
    }

    public ObjectNode document() {
        return document;
    }

    public ObjectNode workOrderBody() {
        return workOrderBody;
    }

    public Long workOrderId() {
        return workOrderId;
    }

    public boolean created() {
        return created;
    }

    public List<JsonNode> notes() {
        return notes;
    }

    public List<JsonNode> documents() {
        return documents;
    }

    /** The status action to do now (cancel, approve, incomplete), or null: what the route's choice branches on. */
    public String action() {
        return action == null ? null : action.yamlName();
    }

    public boolean deleted() {
        return deleted;
    }

    /** The status the ticket moved to, for the status action of that move (null without one). */
    public String movedTo() {
        return movedTo;
    }

    /** The kind of the item a person chose in the console, when this dispatch does its action; else null. */
    public String heldKind() {
        return heldKind;
    }

    @Override
    public String ticketLabel() {
        return ticket == null ? null : Labelled.of(Json.text(ticket, "summary"), Json.text(ticket, "company/name"));
    }

    /**
     * Writes one internal note on the ticket once for ({@code itemKind}, the ticket id), logged at {@code step} when
     * it is written now.
     */
    void noteOnce(com.cwfn.sync.NoteWriter writer, SyncLog log, String itemKind, String step, String text) {
        var written = writer.addOnce(itemKind, String.valueOf(ticketId), kind, ticketId, workOrderId, text,
                com.cwfn.sync.NoteWriter.Tab.INTERNAL, notes);
        if (written.copy() == com.cwfn.store.SyncedItemStore.Copy.COPIED) {
            log.append(transaction.id(), transaction.direction(), ticketId, workOrderId, step, "ok", "note " + written.noteId());
        }
    }

    /** Writes {@code n} items copied at {@code step} to the sync log; false (and nothing written) when none. */
    boolean logCopies(SyncLog log, String step, int n, String what) {
        if (n == 0) {
            return false;
        }
        log.append(transaction.id(), transaction.direction(), ticketId, workOrderId, step, "ok", n + " " + what);
        return true;
    }
}
