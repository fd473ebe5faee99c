package com.cwfn.syncback;

import com.cwfn.connectwise.ConnectWiseClient.TicketKind;
import com.cwfn.fieldnation.WebhookEvent;
import com.cwfn.store.InboxEvent;
import com.cwfn.store.Link;

/** One Field Nation event being written to its ConnectWise ticket; the sync-back route's message body. */
public final class SyncBack {
    final InboxEvent event;
    final WebhookEvent webhook;
    Link link;

    SyncBack(InboxEvent event, WebhookEvent webhook, Link link) {
        this.event = event;
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

    TicketKind kind() {
        return TicketKind.of(link.recordType());
    }

    /** What the route branches on: status, message, upload, schedule, created, or other. */
    public String category() {
        String n = webhook.name();
        if (n.startsWith("workorder.status.")) {
            return "status";
        }
        return switch (n) {
            case "workorder.message_posted" -> "message";
            case "workorder.provider_upload" -> "upload";
            case "workorder.schedule_updated" -> "schedule";
            case "workorder.created" -> "created";
            default -> "other";
        };
    }
}
