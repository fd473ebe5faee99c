package com.cwfn.syncback;

import com.cwfn.settings.Catalog;
import com.cwfn.connectwise.ConnectWiseClient.TicketKind;
import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.failure.PermanentFailure;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.inbox.Outcome;
import com.cwfn.json.Json;
import com.cwfn.mapping.Mappings;
import com.cwfn.mapping.WorkOrderMapper;
import com.cwfn.settings.Settings;
import com.cwfn.store.LinkStore;
import com.cwfn.store.SyncLog;
import com.cwfn.sync.Items;
import com.cwfn.sync.NoteWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound create ({@code sync.outbound-create.enabled}): a work order created in Field Nation, not by the
 * connector, becomes a new ConnectWise service ticket (board, company and fields from mappings.yaml), linked
 * both ways: the link table, and the ticket id in the work order's ticket id custom field. The ticket carries
 * {@code externalXRef = FN-WO-<id>}, so a ticket created just before a crash is found instead of made twice.
 */
public class OutboundCreator {
    static final String XREF_PREFIX = "FN-WO-";
    private static final Logger LOG = LoggerFactory.getLogger(OutboundCreator.class);
    private final ConnectWiseClient cw;
    private final FieldNationClient fn;
    private final Mappings mappings;
    private final LinkStore links;
    private final NoteWriter notes;
    private final SyncLog log;
    private final Settings settings;
    private final WorkOrderMapper mapper = new WorkOrderMapper();

    public OutboundCreator(ConnectWiseClient cw, FieldNationClient fn, Mappings mappings, LinkStore links,
            NoteWriter notes, SyncLog log, Settings settings) {
        this.cw = cw;
        this.fn = fn;
        this.mappings = mappings;
        this.links = links;
        this.notes = notes;
        this.log = log;
        this.settings = settings;
    }

    public SyncBack apply(SyncBack s, Exchange exchange) {
        long woId = s.workOrderId();
        JsonNode wo = s.webhook.workOrder();
        ObjectNode workOrder = wo.isObject() && wo.has("title") ? (ObjectNode) wo : fn.workOrder(woId);
        String xref = XREF_PREFIX + woId;
        Optional<Long> existing = cw.tickets(TicketKind.SERVICE, "externalXRef=\"" + xref + "\"").stream()
                .map(t -> Json.number(t, "id")).filter(java.util.Objects::nonNull).findFirst();
        long ticketId;
        if (existing.isPresent()) {
            ticketId = existing.get();
            LOG.warn("ticket {} for work order {} exists already (created before a restart); linking it", ticketId,
                    woId);
        } else {
            ObjectNode body = mapper.mapOutbound(mappings.current(), workOrder);
            body.put("externalXRef", xref);
            convertCustomFields(body);
            ObjectNode ticket = cw.createTicket(body);
            ticketId = Json.number(ticket, "id");
            log.append(s.transaction.id(), s.transaction.direction(), ticketId, woId, "create-ticket", "ok",
                    "ticket " + ticketId + " created for work order " + woId);
        }
        String board = mappings.current().outboundCreate().map(o -> o.board()).orElse(null);
        if (!links.insertLinked(ticketId, woId, TicketKind.SERVICE.recordType(), board, "outbound")) {
            Outcome.skipped(exchange, "work order " + woId + " or ticket " + ticketId + " is linked already");
            return s;
        }
        long fieldId = fn.customFieldId(mappings.current().ticketIdCustomField()).orElseThrow(() ->
                new PermanentFailure("Field Nation has no custom field named '"
                        + mappings.current().ticketIdCustomField() + "' (named in mappings.yaml)"));
        fn.setCustomField(woId, fieldId, String.valueOf(ticketId));
        notes.addOnce(Items.DISPATCHED_NOTE, String.valueOf(ticketId), TicketKind.SERVICE, ticketId, woId,
                "Created from Field Nation work order #" + woId + ".", NoteWriter.Tab.INTERNAL, null);
        LOG.info("work order {} created in Field Nation became ticket {}", woId, ticketId);
        Outcome.done(exchange, "work order " + woId + " -> new ticket " + ticketId);
        return s;
    }

    /** {"customFields": {"caption": value}} -> ConnectWise's [{id, value}] using the template ticket's fields. */
    private void convertCustomFields(ObjectNode body) {
        JsonNode byCaption = body.remove("customFields");
        if (byCaption == null || byCaption.isEmpty()) {
            return;
        }
        String template = settings.text(Catalog.SYNC_TEMPLATE_TICKET_ID);
        if (template.isEmpty()) {
            throw new PermanentFailure("outboundCreate maps ConnectWise custom fields, which needs "
                    + "sync.template-ticket-id to find their ids");
        }
        List<JsonNode> defs = new java.util.ArrayList<>();
        cw.ticket(Long.parseLong(template), null).ifPresent(t -> t.path("customFields").forEach(defs::add));
        ArrayNode out = Json.array();
        byCaption.fields().forEachRemaining(f -> {
            JsonNode def = defs.stream().filter(d -> f.getKey().equalsIgnoreCase(Json.text(d, "caption"))).findFirst()
                    .orElseThrow(() -> new PermanentFailure("ConnectWise custom field '" + f.getKey()
                            + "' (outboundCreate in mappings.yaml) is not on the template ticket " + template));
            out.addObject().put("id", Json.number(def, "id")).set("value", f.getValue());
        });
        body.set("customFields", out);
    }
}
