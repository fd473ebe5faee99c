package com.cwfn.admin;

import com.cwfn.dispatch.Dispatch;
import com.cwfn.dispatch.DispatchRules;
import com.cwfn.dispatch.RuleChooser;
import com.cwfn.dispatch.TicketReader;
import com.cwfn.dispatch.WorkOrderMapping;
import com.cwfn.dispatch.WorkOrderWriter;
import com.cwfn.json.Json;
import com.cwfn.store.Link;
import com.cwfn.mapping.DispatchRule;
import com.cwfn.mapping.Mappings;
import com.cwfn.mapping.RoutingStage;
import com.cwfn.mapping.RuleChoice;
import com.cwfn.mapping.WorkOrderMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /admin/preview/{ticketId}}: the work order body the connector would send for a ticket, built by the same
 * code the dispatch flow runs (read the ticket and its parts, map it, complete the create body), without sending
 * it. Only reads: nothing is written to ConnectWise, Field Nation or the database. {@code rule} says which dispatch
 * rule applies and why (the rules whose {@code if} did not hold before it, what it changes: dispatch, publish,
 * routing, status actions); {@code fields} says, value by value, which entry of mappings.yaml (line, action, source
 * path) produced it; for a linked ticket {@code changes} lists what an update would change against what was sent last.
 */
public class Preview {
    private final TicketReader reader;
    private final DispatchRules rules;
    private final WorkOrderMapping mapping;
    private final WorkOrderWriter writer;
    private final Mappings mappings;
    private final RuleChooser chooser;

    public Preview(TicketReader reader, DispatchRules rules, RuleChooser chooser, WorkOrderMapping mapping,
            WorkOrderWriter writer, Mappings mappings) {
        this.chooser = chooser;
        this.mappings = mappings;
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
        Dispatch d = chooser.choose(read.get());
        WorkOrderMapper.Traced traced = mapping.mapWithSources(d);
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
        } else if (d.excluded()) {
            out.put("dispatches", false).put("reason", d.rule().label() + " says dispatch: false; the ticket gets one "
                    + "note naming it and no work order");
        } else if (status == null || !status.equalsIgnoreCase(trigger)) {
            out.put("dispatches", false).put("reason", "status '" + status + "' is not the trigger status '" + trigger
                    + "' of board '" + d.board() + "'; the body below is what moving it there would send");
        } else {
            out.put("dispatches", true).put("reason", "the ticket is in the trigger status '" + trigger + "'");
        }
        out.set("rule", rule(d.choice()));
        if (link != null && link.isLinked()) {
            out.put("action", "update").put("workOrderId", link.workOrderId());
        } else {
            out.put("action", "create").putNull("workOrderId");
        }
        out.set("workOrder", writer.createBody(ticketId, d.workOrderBody()));
        ArrayNode fields = out.putArray("fields");
        for (WorkOrderMapper.FieldSource f : traced.fields()) {
            ObjectNode o = fields.addObject().put("target", f.target()).put("line", f.line()).put("action", f.action())
                    .put("source", f.source()).put("defaulted", f.defaulted());
            o.set("value", f.value());
        }
        fields.addObject().put("target", "custom_fields." + mappings.current().ticketIdCustomField())
                .putNull("line").put("action", "connector").put("source", "ticket.id").put("defaulted", false)
                .put("value", String.valueOf(ticketId));
        if (link != null && link.isLinked()) {
            out.set("changes", changes(link.lastSent(), d.workOrderBody()));
        }
        // the spec's create shape holds one custom field: the others are set per field right after the create
        ObjectNode customFields = out.putObject("customFields");
        writer.customFieldValues(ticketId, d.workOrderBody()).forEach((id, v) -> customFields.put(String.valueOf(id), v));
        return Optional.of(out);
    }

    /** Which rule applies, why, and what it changes. */
    static ObjectNode rule(RuleChoice choice) {
        ObjectNode o = Json.object().put("applies", choice.applies()).put("why", choice.why());
        ArrayNode checked = o.putArray("checked");
        choice.checked().forEach(checked::add);
        DispatchRule r = choice.rule();
        if (r == null) {
            return o;
        }
        o.put("name", r.name()).put("label", r.label()).put("line", r.line()).put("if", r.condition())
                .put("dispatch", r.dispatch()).put("publish", r.publish().yamlName())
                .put("routing", r.routing().isEmpty() ? "published at once" : String.join("; ", r.routing().stream()
                        .map(RoutingStage::describe).toList()));
        ObjectNode actions = o.putObject("statusActions");
        r.statusActions().entries().forEach(e -> actions.put(e.status(), e.action().yamlName()));
        ArrayNode fields = o.putArray("fields");
        r.fields().forEach(f -> fields.add(f.target().text()));
        return o;
    }

    /**
     * What an update would send: each top-level part of the mapped body that differs from what was sent last (the
     * update compares the same way), with both values; an empty list when nothing would change.
     */
    static ArrayNode changes(String lastSent, ObjectNode now) {
        JsonNode before = lastSent == null ? Json.object() : Json.parse(lastSent);
        ArrayNode out = Json.array();
        Set<String> names = new LinkedHashSet<>();
        now.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            JsonNode b = before.get(name);
            JsonNode n = now.get(name);
            if (name.equals("custom_fields") && n.isObject()) {
                n.fields().forEachRemaining(f -> {
                    JsonNode prev = before.path(name).get(f.getKey());
                    if (!f.getValue().equals(prev)) {
                        add(out, name + "." + f.getKey(), prev, f.getValue());
                    }
                });
            } else if (!n.isNull() && !n.equals(b)) {
                add(out, name, b, n);
            }
        }
        return out;
    }

    private static void add(ArrayNode out, String field, JsonNode before, JsonNode after) {
        ObjectNode c = out.addObject().put("field", field);
        c.set("before", before == null ? NullNode.getInstance() : before);
        c.set("after", after);
    }
}
