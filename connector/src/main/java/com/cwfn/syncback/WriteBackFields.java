package com.cwfn.syncback;

import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.failure.PermanentFailure;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.json.Json;
import com.cwfn.mapping.FieldMapping;
import com.cwfn.mapping.Mappings;
import com.cwfn.mapping.WorkOrderDocument;
import com.cwfn.mapping.WorkOrderMapper;
import com.cwfn.store.SyncLog;
import com.cwfn.store.SyncedItemStore;
import com.cwfn.sync.Items;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.Exchange;

/**
 * {@code writeBack} of mappings.yaml: on every status event, work order facts (the technician, the ETA, anything in
 * the work order) are written to ticket fields and custom fields, by caption. Only what differs from the ticket is
 * written, in one JSON Patch; ConnectWise replaces {@code customFields} as a whole array, so the ticket's array is
 * read, changed and written back whole. When the mapped values are the ones written last time, nothing is read.
 */
public class WriteBackFields {
    private final ConnectWiseClient cw;
    private final FieldNationClient fn;
    private final Mappings mappings;
    private final SyncedItemStore items;
    private final SyncLog log;
    private final WorkOrderMapper mapper = new WorkOrderMapper();

    public WriteBackFields(ConnectWiseClient cw, FieldNationClient fn, Mappings mappings, SyncedItemStore items,
            SyncLog log) {
        this.cw = cw;
        this.fn = fn;
        this.mappings = mappings;
        this.items = items;
        this.log = log;
    }

    public SyncBack apply(SyncBack s, Exchange exchange) {
        List<FieldMapping> fields = mappings.current().syncBack().writeBack();
        if (fields.isEmpty() || ChargeEvents.closes(s.name())) {
            return s;
        }
        ObjectNode wanted = mapper.mapInto(fields, WorkOrderDocument.of(s.workOrder(fn), null, null), Json.object());
        if (wanted.isEmpty()) {
            return s;
        }
        String key = String.valueOf(s.workOrderId());
        String hash = ChargeCopier.hash(Json.write(wanted));
        if (items.copiedForWorkOrder(Items.WRITE_BACK_FIELDS, s.workOrderId()).stream()
                .anyMatch(c -> c.key().equals(key) && hash.equals(c.sourceHash()))) {
            return s; // written already, and nothing the mapping reads has changed
        }
        long ticketId = s.link.ticketId();
        ObjectNode ticket = cw.ticket(ticketId, s.kind()).orElseThrow(() -> new PermanentFailure("ticket " + ticketId
                + " no longer exists in ConnectWise"));
        JsonNode byCaption = wanted.remove("customFields");
        ArrayNode ops = EntryPatch.ops(wanted, ticket);
        List<String> captions = new ArrayList<>();
        ArrayNode customFields = customFields(ticket, byCaption, captions);
        if (customFields != null) {
            ops.addObject().put("op", "replace").put("path", "customFields").set("value", customFields);
        }
        if (!ops.isEmpty()) {
            cw.patchTicket(s.kind(), ticketId, ops);
            List<String> paths = new ArrayList<>();
            ops.forEach(o -> paths.add(o.path("path").asText()));
            paths.remove("customFields");
            paths.addAll(captions);
            String line = "ticket fields written back: " + String.join(", ", paths);
            log.append(s.transaction.id(), s.transaction.direction(), ticketId, s.workOrderId(), "write-back-fields", "ok", line);
            Writes.add(exchange, List.of(line));
        }
        items.remember(Items.WRITE_BACK_FIELDS, key, String.valueOf(ticketId), ticketId, s.workOrderId());
        items.recordSourceHash(Items.WRITE_BACK_FIELDS, key, hash);
        return s;
    }

    /**
     * The ticket's whole custom field array with the wanted values by caption, or null when every one has its value
     * already; a caption the ticket does not show is a permanent failure.
     */
    static ArrayNode customFields(ObjectNode ticket, JsonNode byCaption, List<String> changed) {
        if (byCaption == null || !byCaption.isObject() || byCaption.isEmpty()) {
            return null;
        }
        ArrayNode all = ticket.path("customFields").isArray() ? ((ArrayNode) ticket.get("customFields")).deepCopy()
                : Json.array();
        for (Iterator<Map.Entry<String, JsonNode>> it = byCaption.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            ObjectNode field = null;
            for (JsonNode cf : all) {
                if (f.getKey().equalsIgnoreCase(String.valueOf(Json.text(cf, "caption")))) {
                    field = (ObjectNode) cf;
                    break;
                }
            }
            if (field == null) {
                throw new PermanentFailure("ticket " + Json.text(ticket, "id") + " has no custom field '" + f.getKey()
                        + "' (writeBack in mappings.yaml); add it to the ticket's screen in ConnectWise or remove the "
                        + "mapping");
            }
            if (!Objects.equals(Json.text(field.get("value")), Json.text(f.getValue()))) {
                field.set("value", f.getValue().deepCopy());
                changed.add("customFields." + Json.text(field, "caption"));
            }
        }
        return changed.isEmpty() ? null : all;
    }
}
