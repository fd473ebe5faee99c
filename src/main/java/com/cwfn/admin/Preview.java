package com.cwfn.admin;

import com.cwfn.dispatch.Dispatch;
import com.cwfn.dispatch.DispatchRules;
import com.cwfn.dispatch.TicketReader;
import com.cwfn.dispatch.WorkOrderMapping;
import com.cwfn.dispatch.WorkOrderWriter;
import com.cwfn.json.Json;
import com.cwfn.store.Link;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * {@code GET /admin/preview/{ticketId}}: the work order body the connector would send for a ticket, built by the same
 * code the dispatch flow runs (read the ticket and its parts, map it, complete the create body), without sending
 * it. Only reads: nothing is written to ConnectWise, Field Nation or the database.
 */
public class Preview {
    private final TicketReader reader;
    private final DispatchRules rules;
    private final WorkOrderMapping mapping;
    private final WorkOrderWriter writer;

    public Preview(TicketReader reader, DispatchRules rules, WorkOrderMapping mapping, WorkOrderWriter writer) {
        this.reader = reader;
        this.rules = rules;
        this.mapping = mapping;
        this.writer = writer;
    }

    /** The preview, or empty when ConnectWise has no such ticket. */
    public Optional<ObjectNode> of(long ticketId) {
        Optional<Dispatch> read = reader.readForPreview(ticketId);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        Dispatch d = mapping.map(read.get());
        ObjectNode out = Json.object().put("ticket", ticketId).put("board", d.board())
                .put("status", Json.text(d.ticket(), "status/name"));
        Link link = d.link();
        String trigger = rules.triggerStatus(d.board());
        String status = Json.text(d.ticket(), "status/name");
        if (!rules.isSyncedBoard(d.board())) {
            out.put("dispatches", false).put("reason", "board '" + d.board() + "' is not in sync.boards");
        } else if (link != null && link.isLinked()) {
            out.put("dispatches", true).put("reason", "linked to work order " + link.workOrderId()
                    + "; a change updates the parts that differ from what was sent last");
        } else if (status == null || !status.equalsIgnoreCase(trigger)) {
            out.put("dispatches", false).put("reason", "status '" + status + "' is not the trigger status '" + trigger
                    + "' of board '" + d.board() + "'; the body below is what moving it there would send");
        } else {
            out.put("dispatches", true).put("reason", "the ticket is in the trigger status '" + trigger + "'");
        }
        if (link != null && link.isLinked()) {
            out.put("action", "update").put("workOrderId", link.workOrderId());
        } else {
            out.put("action", "create").putNull("workOrderId");
        }
        out.set("workOrder", writer.createBody(ticketId, d.workOrderBody()));
        // the spec's create shape holds one custom field: the others are set per field right after the create
        com.fasterxml.jackson.databind.node.ObjectNode fields = out.putObject("customFields");
        writer.customFieldValues(ticketId, d.workOrderBody()).forEach((id, v) -> fields.put(String.valueOf(id), v));
        return Optional.of(out);
    }
}
