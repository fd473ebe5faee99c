package com.cwfn.dispatch;

import com.cwfn.failure.PermanentFailure;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.fieldnation.FnDates;
import com.cwfn.json.Json;
import com.cwfn.mapping.Mappings;
import com.cwfn.store.InboxStore;
import com.cwfn.store.Link;
import com.cwfn.store.LinkStore;
import com.cwfn.store.SyncLog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
 * work order is first looked for in Field Nation ({@link WorkOrderFinder}: by {@code incident_id}, which the create
 * call sets to the ticket id, among the work orders created since the claim), and created only if it is not there.
 *
 * <p>Custom fields: the create call carries the ticket id field in the spec's shape ({@code custom_fields} as one
 * {@code {"id","value"}} object); the answer is read back and every value that did not take (and every mapped
 * field, which that shape has no room for) is set through {@code PUT /workorders/{id}/custom_fields/{field_id}}.
 *
 * <p>Update: only what changed since the last sync is sent (title, description and other top-level fields,
 * location, schedule, contacts, custom fields), each through its own endpoint in the spec's shape
 * ({@link WorkOrderBodies}).
 */
public class WorkOrderWriter {
    private static final Logger LOG = LoggerFactory.getLogger(WorkOrderWriter.class);
    static final List<String> OWN_ENDPOINT_FIELDS = List.of("location", "schedule", "contacts", "custom_fields");
    /** Set by the connector itself (the ticket id), never from the mapping. */
    static final String INCIDENT_ID = "incident_id";

    private final FieldNationClient fn;
    private final LinkStore links;
    private final InboxStore inbox;
    private final SyncLog log;
    private final Mappings mappings;
    private final Clock clock;
    private final Timer latency;
    private final com.cwfn.store.SyncedItemStore items;
    private final WorkOrderFinder finder;

    public WorkOrderWriter(FieldNationClient fn, LinkStore links, InboxStore inbox, SyncLog log, Mappings mappings,
            Clock clock, MeterRegistry meters, com.cwfn.store.SyncedItemStore items) {
        this.items = items;
        this.fn = fn;
        this.links = links;
        this.inbox = inbox;
        this.log = log;
        this.mappings = mappings;
        this.clock = clock;
        this.finder = new WorkOrderFinder(fn, clock, this::ticketIdFieldId);
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
            long claimedAt = link == null ? clock.millis() : link.createdAt();
            Optional<Long> existing = finder.find(d.ticketId, claimedAt);
            if (existing.isPresent()) {
                LOG.warn("work order {} of ticket {} was created before its link was stored; linking it now",
                        existing.get(), d.ticketId);
                adopt(d, existing.get());
                return d;
            }
        }
        create(d);
        return d;
    }

    /** Links a work order Field Nation has already and sends it everything (nothing is known to have been sent). */
    private void adopt(Dispatch d, long woId) {
        ensureCustomFields(woId, null, Map.of(ticketIdFieldId(), String.valueOf(d.ticketId)));
        linked(d, woId, Json.object());
        update(d, links.find(d.ticketId).orElseThrow());
    }

    /**
     * The body of the create call for a mapped work order: the mapping's body with {@code incident_id} set to the
     * ticket id and the ticket id custom field as {@code custom_fields} in the spec's shape (one {@code {"id",
     * "value"}} object; the mapped custom fields follow per field, see {@link #customFieldValues}). Reads the custom
     * field definitions (cached), and writes nothing: the admin preview shows exactly this.
     */
    public ObjectNode createBody(long ticketId, ObjectNode workOrderBody) {
        ObjectNode body = workOrderBody.deepCopy();
        body.remove("custom_fields");
        body.put(INCIDENT_ID, String.valueOf(ticketId));
        body.putObject("custom_fields").put("id", ticketIdFieldId()).put("value", String.valueOf(ticketId));
        return body;
    }

    /** The custom field values a new work order of this ticket gets, by Field Nation id: the ticket id, the mapped. */
    public Map<Long, String> customFieldValues(long ticketId, ObjectNode workOrderBody) {
        Map<Long, String> out = new LinkedHashMap<>();
        out.put(ticketIdFieldId(), String.valueOf(ticketId));
        JsonNode mapped = workOrderBody.get("custom_fields");
        if (mapped != null) {
            mapped.fields().forEachRemaining(f -> out.put(fieldId(f.getKey()), f.getValue().asText()));
        }
        return out;
    }

    private void create(Dispatch d) {
        ObjectNode wo;
        try {
            wo = fn.createWorkOrder(createBody(d.ticketId, d.workOrderBody));
        } catch (com.cwfn.http.RemoteCallException e) {
            // the ticket id field is unique in Field Nation: a refusal for that reason means the work order exists
            Optional<Long> existing = e.status() == 400 && String.valueOf(e.responseBody()).toLowerCase(
                    java.util.Locale.ROOT).contains("unique") ? finder.find(d.ticketId, claimedAt(d)) : Optional.empty();
            if (existing.isEmpty()) {
                throw e;
            }
            LOG.warn("Field Nation has work order {} for ticket {} already; linking it", existing.get(), d.ticketId);
            adopt(d, existing.get());
            return;
        }
        Long woId = Json.number(wo, "id");
        if (woId == null) {
            woId = Json.number(wo, "work_order_id");
        }
        if (woId == null) {
            throw new PermanentFailure("Field Nation created a work order but its answer has no id: " + abbreviate(wo));
        }
        // before the link: should this fail, the retry finds the work order by incident_id and sends it all again
        ensureCustomFields(woId, wo, customFieldValues(d.ticketId, d.workOrderBody));
        linked(d, woId, d.workOrderBody);
        d.created = true;
        if (latency != null) {
            latency.record(Duration.ofMillis(clock.millis() - d.transaction.receivedAt()));
        }
        log.append(d.transaction.id(), d.transaction.direction(), d.ticketId, woId, "create-or-update-work-order", "ok",
                "work order " + woId + " created for ticket " + d.ticketId);
        LOG.info("ticket {} became work order {}", d.ticketId, woId);
    }

    private long claimedAt(Dispatch d) {
        return links.find(d.ticketId).map(Link::createdAt).orElse(clock.millis());
    }

    /**
     * Reads back the values the work order holds ({@code answer}'s custom fields, or Field Nation's when the answer
     * has none) and sets each wanted value that did not take through the per-field endpoint.
     */
    private void ensureCustomFields(long woId, JsonNode answer, Map<Long, String> wanted) {
        List<JsonNode> have = answer != null && answer.has("custom_fields")
                ? FieldNationClient.flattenFields(answer.get("custom_fields")) : fn.customFields(woId);
        wanted.forEach((id, value) -> {
            boolean took = have.stream().anyMatch(f -> Objects.equals(Json.number(f, "id"), id)
                    && value.equals(Json.text(f, "value")));
            if (!took) {
                fn.setCustomField(woId, id, value);
            }
        });
    }

    private void linked(Dispatch d, long woId, ObjectNode lastSent) {
        markDescriptionNote(d, woId);
        links.linked(d.ticketId, woId, Json.write(lastSent));
        links.seeStatus(d.ticketId, Json.text(d.ticket, "status/name")); // a later move of it may act (statusActions)
        inbox.setWorkOrder(d.transaction.id(), woId);
        d.workOrderId = woId;
        MDC.put("workOrder", String.valueOf(woId));
    }

    private void update(Dispatch d, Link link) {
        long woId = link.workOrderId();
        MDC.put("workOrder", String.valueOf(woId));
        inbox.setWorkOrder(d.transaction.id(), woId);
        ObjectNode before = link.lastSent() == null ? Json.object() : (ObjectNode) Json.parse(link.lastSent());
        ObjectNode now = d.workOrderBody;
        List<String> changed = new ArrayList<>();
        ObjectNode top = Json.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = now.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!OWN_ENDPOINT_FIELDS.contains(f.getKey()) && !INCIDENT_ID.equals(f.getKey())
                    && !Objects.equals(f.getValue(), before.get(f.getKey()))) {
                top.set(f.getKey(), f.getValue());
            }
        }
        if (!top.isEmpty()) {
            fn.updateWorkOrder(woId, top);
            top.fieldNames().forEachRemaining(changed::add);
        }
        if (changed(now, before, "location")) {
            fn.updateLocation(woId, WorkOrderBodies.location(now.get("location")));
            changed.add("location");
        }
        if (changed(now, before, "schedule")) {
            ObjectNode schedule = WorkOrderBodies.schedule(now.get("schedule"), zoneOf(woId));
            if (schedule != null) {
                fn.updateSchedule(woId, schedule);
                changed.add("schedule");
            }
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
            log.append(d.transaction.id(), d.transaction.direction(), d.ticketId, woId, "create-or-update-work-order", "ok",
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
        String id = NoteImporter.descriptionNoteId(d.notes);
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
                fn.updateContact(woId, id, WorkOrderBodies.contact(c));
            } else {
                fn.addContact(woId, WorkOrderBodies.contact(c));
            }
        }
    }

    /** The work order's time zone as Field Nation answers its schedule; UTC when it names none. */
    private ZoneId zoneOf(long woId) {
        ZoneId zone = FnDates.zone(fn.schedule(woId).path("time_zone"));
        if (zone == null) {
            LOG.warn("Field Nation names no time zone for work order {}; schedule local times are sent in UTC", woId);
            return ZoneOffset.UTC;
        }
        return zone;
    }

    /** The work order Field Nation has for this ticket, claimed at {@code claimedAt} (epoch ms), if any. */
    public Optional<Long> findByTicketId(long ticketId, long claimedAt) {
        return finder.find(ticketId, claimedAt);
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
