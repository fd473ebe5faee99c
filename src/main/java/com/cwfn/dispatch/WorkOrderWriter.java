package com.cwfn.dispatch;

import com.cwfn.failure.PermanentFailure;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.json.Json;
import com.cwfn.mapping.Mappings;
import com.cwfn.store.InboxStore;
import com.cwfn.store.Link;
import com.cwfn.store.LinkStore;
import com.cwfn.store.SyncLog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Creates the ticket's work order exactly once, or updates it when the ticket is linked already.
 *
 * <p>Exactly once: the ticket is claimed in the link table before the create call and linked after it. When a
 * claim is found without a work order (the process died in between, or the create call's answer was lost), the
 * work order is first looked up in Field Nation by the ticket id custom field, and created only if it is not
 * there. The ticket id goes into that custom field in the create call itself, so a created work order is
 * always findable.
 *
 * <p>Update: only what changed since the last sync is sent (title, description and other top-level fields,
 * location, schedule, contacts, custom fields), each through its own endpoint.
 */
public class WorkOrderWriter {
    private static final Logger LOG = LoggerFactory.getLogger(WorkOrderWriter.class);
    static final List<String> OWN_ENDPOINT_FIELDS = List.of("location", "schedule", "contacts", "custom_fields");

    private final FieldNationClient fn;
    private final LinkStore links;
    private final InboxStore inbox;
    private final SyncLog log;
    private final Mappings mappings;
    private final Clock clock;
    private final Timer latency;
    private final com.cwfn.store.SyncedItemStore items;

    public WorkOrderWriter(FieldNationClient fn, LinkStore links, InboxStore inbox, SyncLog log, Mappings mappings,
            Clock clock, MeterRegistry meters, com.cwfn.store.SyncedItemStore items) {
        this.items = items;
        this.fn = fn;
        this.links = links;
        this.inbox = inbox;
        this.log = log;
        this.mappings = mappings;
        this.clock = clock;
        this.latency = meters == null ? null : Timer.builder("connector_dispatch_latency")
                .description("time from the callback being received to the work order being created")
                .publishPercentileHistogram().register(meters);
    }

    public Dispatch write(Dispatch d) {
        Link link = links.find(d.ticketId).orElse(null);
        if (link != null && link.isLinked()) {
            d.workOrderId = link.workOrderId();
            update(d, link);
            return d;
        }
        boolean claimedNow = link == null && links.beginCreate(d.ticketId, d.kind.recordType(), d.board);
        if (!claimedNow) {
            Optional<Long> existing = findByTicketId(d.ticketId);
            if (existing.isPresent()) {
                LOG.warn("work order {} of ticket {} was created before its link was stored; linking it now",
                        existing.get(), d.ticketId);
                linked(d, existing.get(), Json.object());
                update(d, links.find(d.ticketId).orElseThrow());
                return d;
            }
        }
        create(d);
        return d;
    }

    /**
     * The body of the create call for a mapped work order: the mapping's body with the ticket id custom field added
     * and {@code custom_fields} names resolved to Field Nation ids. Reads the custom field definitions (cached), and
     * writes nothing: the admin preview shows exactly this.
     */
    public ObjectNode createBody(long ticketId, ObjectNode workOrderBody) {
        ObjectNode body = workOrderBody.deepCopy();
        ArrayNode fields = Json.array();
        fields.addObject().put("id", ticketIdFieldId()).put("value", String.valueOf(ticketId));
        JsonNode mapped = body.remove("custom_fields");
        if (mapped != null) {
            mapped.fields().forEachRemaining(f -> fields.addObject().put("id", fieldId(f.getKey()))
                    .set("value", Json.MAPPER.getNodeFactory().textNode(f.getValue().asText())));
        }
        body.putObject("custom_fields").set("results", fields);
        return body;
    }

    private void create(Dispatch d) {
        ObjectNode wo;
        try {
            wo = fn.createWorkOrder(createBody(d.ticketId, d.workOrderBody));
        } catch (com.cwfn.http.RemoteCallException e) {
            // the ticket id field is unique in Field Nation: a refusal for that reason means the work order exists
            Optional<Long> existing = e.status() == 400 && String.valueOf(e.responseBody()).toLowerCase(
                    java.util.Locale.ROOT).contains("unique") ? findByTicketId(d.ticketId) : Optional.empty();
            if (existing.isEmpty()) {
                throw e;
            }
            LOG.warn("Field Nation has work order {} for ticket {} already; linking it", existing.get(), d.ticketId);
            linked(d, existing.get(), Json.object());
            update(d, links.find(d.ticketId).orElseThrow());
            return;
        }
        Long woId = Json.number(wo, "id");
        if (woId == null) {
            woId = Json.number(wo, "work_order_id");
        }
        if (woId == null) {
            throw new PermanentFailure("Field Nation created a work order but its answer has no id: " + abbreviate(wo));
        }
        linked(d, woId, d.workOrderBody);
        d.created = true;
        if (latency != null) {
            latency.record(Duration.ofMillis(clock.millis() - d.event.receivedAt()));
        }
        log.append(d.event.id(), d.event.direction(), d.ticketId, woId, "create-work-order", "ok",
                "work order " + woId + " created for ticket " + d.ticketId);
        LOG.info("ticket {} became work order {}", d.ticketId, woId);
        if (!hasTicketId(wo, d.ticketId)) {
            fn.setCustomField(woId, ticketIdFieldId(), String.valueOf(d.ticketId));
        }
    }

    private void linked(Dispatch d, long woId, ObjectNode lastSent) {
        markDescriptionNote(d, woId);
        links.linked(d.ticketId, woId, Json.write(lastSent));
        inbox.setWorkOrder(d.event.id(), woId);
        d.workOrderId = woId;
        MDC.put("workOrder", String.valueOf(woId));
    }

    private void update(Dispatch d, Link link) {
        long woId = link.workOrderId();
        MDC.put("workOrder", String.valueOf(woId));
        inbox.setWorkOrder(d.event.id(), woId);
        ObjectNode before = link.lastSent() == null ? Json.object() : (ObjectNode) Json.parse(link.lastSent());
        ObjectNode now = d.workOrderBody;
        List<String> changed = new ArrayList<>();
        ObjectNode top = Json.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = now.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!OWN_ENDPOINT_FIELDS.contains(f.getKey()) && !Objects.equals(f.getValue(), before.get(f.getKey()))) {
                top.set(f.getKey(), f.getValue());
            }
        }
        if (!top.isEmpty()) {
            fn.updateWorkOrder(woId, top);
            top.fieldNames().forEachRemaining(changed::add);
        }
        if (changed(now, before, "location")) {
            fn.updateLocation(woId, now.get("location"));
            changed.add("location");
        }
        if (changed(now, before, "schedule")) {
            fn.updateSchedule(woId, now.get("schedule"));
            changed.add("schedule");
        }
        if (changed(now, before, "contacts")) {
            updateContacts(woId, now.path("contacts").path("results"));
            changed.add("contacts");
        }
        if (changed(now, before, "custom_fields")) {
            JsonNode prev = before.path("custom_fields");
            now.get("custom_fields").fields().forEachRemaining(f -> {
                if (!Objects.equals(f.getValue(), prev.get(f.getKey()))) {
                    fn.setCustomField(woId, fieldId(f.getKey()), f.getValue().asText());
                }
            });
            changed.add("custom_fields");
        }
        if (!changed.isEmpty() || link.lastSent() == null) {
            links.updateLastSent(d.ticketId, Json.write(now));
        }
        if (!changed.isEmpty()) {
            log.append(d.event.id(), d.event.direction(), d.ticketId, woId, "update-work-order", "ok",
                    "updated " + String.join(", ", changed));
            LOG.info("work order {} updated: {}", woId, changed);
        }
    }

    private static boolean changed(ObjectNode now, ObjectNode before, String field) {
        JsonNode n = now.get(field);
        return n != null && !n.isNull() && !n.equals(before.get(field));
    }

    /**
     * The description note (the first Discussion note) travels as the work order's description, so it is
     * recorded as copied: a note added later is a message, even when it is the first Discussion note.
     */
    private void markDescriptionNote(Dispatch d, long woId) {
        String id = NoteExporter.descriptionNoteId(d.notes);
        if (id != null) {
            items.remember(com.cwfn.sync.Items.CW_NOTE_TO_MESSAGE, id, "description", d.ticketId, woId);
        }
    }

    /** Contacts: the ticket's contacts replace those with the same role; others are added. */
    private void updateContacts(long woId, JsonNode wanted) {
        List<JsonNode> existing = fn.contacts(woId);
        for (JsonNode c : wanted) {
            String role = Json.text(c, "role");
            Long id = existing.stream().filter(e -> role != null && role.equalsIgnoreCase(Json.text(e, "role")))
                    .map(e -> Json.number(e, "id")).filter(Objects::nonNull).findFirst().orElse(null);
            if (id != null) {
                fn.updateContact(woId, id, c);
            } else {
                fn.addContact(woId, c);
            }
        }
    }

    /** The work order whose ticket id custom field holds this ticket's id, if Field Nation has one. */
    public Optional<Long> findByTicketId(long ticketId) {
        long fieldId = ticketIdFieldId();
        for (JsonNode wo : fn.searchWorkOrders(String.valueOf(ticketId))) {
            Long id = Json.number(wo, "id");
            if (id == null) {
                continue;
            }
            boolean inline = wo.has("custom_fields");
            List<JsonNode> fields = inline ? FieldNationClient.flattenFields(wo.get("custom_fields"))
                    : fn.customFields(id);
            for (JsonNode f : fields) {
                if (Objects.equals(Json.number(f, "id"), fieldId)
                        && String.valueOf(ticketId).equals(Json.text(f, "value"))) {
                    return Optional.of(id);
                }
            }
        }
        return Optional.empty();
    }

    private boolean hasTicketId(JsonNode wo, long ticketId) {
        long fieldId = ticketIdFieldId();
        if (!wo.has("custom_fields")) {
            return false;
        }
        return FieldNationClient.flattenFields(wo.get("custom_fields")).stream()
                .anyMatch(f -> Objects.equals(Json.number(f, "id"), fieldId)
                        && String.valueOf(ticketId).equals(Json.text(f, "value")));
    }

    long ticketIdFieldId() {
        return fieldId(mappings.current().ticketIdCustomField());
    }

    private long fieldId(String name) {
        return fn.customFieldId(name).orElseThrow(() -> new PermanentFailure("Field Nation has no custom field named '"
                + name + "' (named in mappings.yaml); create it in Field Nation or change the mapping"));
    }

    private static String abbreviate(JsonNode n) {
        String s = n.toString();
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
