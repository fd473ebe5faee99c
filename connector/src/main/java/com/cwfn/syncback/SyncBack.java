package com.cwfn.syncback;

import com.cwfn.connectwise.ConnectWiseClient.TicketKind;
import com.cwfn.fieldnation.WebhookEvent;
import com.cwfn.store.Transaction;
import com.cwfn.store.Link;

/** One Field Nation transaction being written to its ConnectWise ticket; the sync-back route's message body. */
public final class SyncBack {
    final Transaction transaction;
    final WebhookEvent webhook;
    Link link;
    private com.fasterxml.jackson.databind.node.ObjectNode fullWorkOrder;

    SyncBack(Transaction transaction, WebhookEvent webhook, Link link) {
        this.transaction = transaction;
        this.webhook = webhook;
        this.link = link;
    }

    /** The event name, e.g. workorder.status.work_done. */
    public String name() {
        return webhook.name();
    }

    public long workOrderId() {
        return webhook.workOrderId();
    }

    public Long ticketId() {
        return link == null ? null : link.ticketId();
    }

    /** The transaction's id, for the sync log. */
    public long transactionId() {
        return transaction.id();
    }

    /** The transaction's direction, for the sync log. */
    public String direction() {
        return transaction.direction();
    }

    TicketKind kind() {
        return TicketKind.of(link.recordType());
    }

    /**
     * The work order: the event's copy when it carries the whole work order (the v3 envelope does), else read from
     * Field Nation once for all steps of this event.
     */
    com.fasterxml.jackson.databind.node.ObjectNode workOrder(com.cwfn.fieldnation.FieldNationClient fn) {
        if (fullWorkOrder == null) {
            com.fasterxml.jackson.databind.JsonNode wo = webhook.workOrder();
            fullWorkOrder = wo.isObject() && wo.has("title") && wo.has("assignee")
                    ? (com.fasterxml.jackson.databind.node.ObjectNode) wo : fn.workOrder(workOrderId());
        }
        return fullWorkOrder;
    }

    /** What the route branches on: status, message, upload, schedule, created, charges, provider, or other. */
    public String category() {
        String n = webhook.name();
        if (n.startsWith("workorder.status.")) {
            return "status";
        }
        return switch (n) {
            case "workorder.problem_reported", "workorder.problem_resolved", "workorder.declined" -> "provider";
            case "workorder.message_posted" -> "message";
            case "workorder.provider_upload" -> "upload";
            case "workorder.schedule_updated" -> "schedule";
            case "workorder.created" -> "created";
            case ChargeEvents.CHANGED -> "charges";
            default -> "other";
        };
    }
}
