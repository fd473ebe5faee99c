package com.cwfn.mapping;

import com.cwfn.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Assembles the document that field mappings read for one ConnectWise ticket: the raw records as fetched, plus a
 * few derived values that spare every mapping the same logic.
 *
 * <pre>
 * { "ticket": {...}, "company": {...}|null, "contact": {...}|null, "site": {...}|null,
 *   "notes": [...], "documents": [...], "scheduleEntries": [...],
 *   "description": text of the description note | null,
 *   "customFields": { "&lt;caption&gt;": value, ... },
 *   "address": { "name", "line1", "line2", "city", "state", "zip", "country" } | null,
 *   "contactInfo": { "name", "phone", "ext", "email" } | null,
 *   "schedule": { "mode": "between"|"exact", "start": ISO instant, "end": ISO instant|null } | null }
 * </pre>
 */
public final class TicketDocument {
    /** The top-level names of the document, in the order above. */
    public static final List<String> ROOTS = List.of("ticket", "company", "contact", "site", "notes", "documents",
            "scheduleEntries", "description", "customFields", "address", "contactInfo", "schedule");

    private TicketDocument() {
    }

    /**
     * True when the ticket itself carries its contact's name, phone and email ({@code contactName},
     * {@code contactPhoneNumber}, {@code contactEmailAddress}, which ConnectWise fills from the contact), so that
     * {@code contactInfo} needs no contact record.
     */
    public static boolean carriesContact(ObjectNode ticket) {
        return Json.field(ticket, "contactName") != null && Json.field(ticket, "contactPhoneNumber") != null
                && Json.field(ticket, "contactEmailAddress") != null;
    }

    /**
     * Builds the document. The inputs are copied, not changed. Any of company, contact and site may be null; the
     * lists may be null or empty.
     */
    public static ObjectNode build(ObjectNode ticket, ObjectNode company, ObjectNode contact, ObjectNode site,
                                   List<ObjectNode> notes, List<ObjectNode> documents, List<ObjectNode> scheduleEntries) {
        if (ticket == null) {
            throw new IllegalArgumentException("ticket is required");
        }
        ObjectNode doc = Json.object();
        doc.set("ticket", ticket.deepCopy());
        doc.set("company", copy(company));
        doc.set("contact", copy(contact));
        doc.set("site", copy(site));
        doc.set("notes", array(notes));
        doc.set("documents", array(documents));
        doc.set("scheduleEntries", array(scheduleEntries));
        doc.set("description", Json.textOrNull(description(notes)));
        doc.set("customFields", customFields(ticket));
        doc.set("address", address(ticket, company, site));
        doc.set("contactInfo", contactInfo(ticket, contact));
        doc.set("schedule", schedule(ticket, scheduleEntries));
        return doc;
    }

    private static JsonNode copy(ObjectNode n) {
        return n == null ? NullNode.getInstance() : n.deepCopy();
    }

    private static ArrayNode array(List<ObjectNode> items) {
        ArrayNode a = Json.F.arrayNode();
        if (items != null) {
            items.forEach(i -> a.add(i.deepCopy()));
        }
        return a;
    }

    /**
     * The text of the first note (earliest {@code dateCreated}, then lowest id) with {@code detailDescriptionFlag};
     * notes from {@code /allNotes} of another {@code noteType} than TicketNote (time entry notes) do not count.
     */
    static String description(List<ObjectNode> notes) {
        if (notes == null) {
            return null;
        }
        return notes.stream()
                .filter(n -> n.path("detailDescriptionFlag").asBoolean(false))
                .filter(n -> !n.hasNonNull("noteType") || "TicketNote".equals(n.get("noteType").asText()))
                .min(Comparator.comparing((ObjectNode n) -> instantOrMax(Json.field(n, "dateCreated")))
                        .thenComparingLong(n -> n.path("id").canConvertToLong() && n.hasNonNull("id") ? n.get("id").asLong() : Long.MAX_VALUE))
                .map(n -> Json.text(n.get("text")))
                .orElse(null);
    }

    /** {@code ticket.customFields} as caption → value; null values kept; the first of a repeated caption wins. */
    static ObjectNode customFields(ObjectNode ticket) {
        ObjectNode out = Json.object();
        JsonNode list = ticket.get("customFields");
        if (list != null && list.isArray()) {
            for (JsonNode cf : list) {
                String caption = Json.field(cf, "caption");
                if (caption != null && !out.has(caption)) {
                    JsonNode v = cf.get("value");
                    out.set(caption, v == null ? NullNode.getInstance() : v.deepCopy());
                }
            }
        }
        return out;
    }

    /**
     * The site's address when there is a site record, else the ticket's own address fields. Null when neither has
     * any address line, city, state, zip or country. Blank values are null; {@code country} is ISO-2 when known.
     */
    static JsonNode address(ObjectNode ticket, ObjectNode company, ObjectNode site) {
        String line1;
        String line2;
        String city;
        String state;
        String zip;
        String country;
        String name;
        if (site != null) {
            line1 = Json.field(site, "addressLine1");
            line2 = Json.field(site, "addressLine2");
            city = Json.field(site, "city");
            state = firstNonNull(Json.field(site.path("stateReference"), "identifier"),
                    Json.field(site, "stateIdentifier"), Json.field(site, "state"),
                    Json.field(site.path("stateReference"), "name"));
            zip = Json.field(site, "zip");
            country = country(site.get("country"));
            name = firstNonNull(Json.field(site, "name"), Json.field(ticket, "siteName"));
        } else {
            line1 = Json.field(ticket, "addressLine1");
            line2 = Json.field(ticket, "addressLine2");
            city = Json.field(ticket, "city");
            state = Json.field(ticket, "stateIdentifier");
            zip = Json.field(ticket, "zip");
            country = country(ticket.get("country"));
            name = Json.field(ticket, "siteName");
        }
        if (line1 == null && line2 == null && city == null && state == null && zip == null && country == null) {
            return NullNode.getInstance();
        }
        if (name == null) {
            name = firstNonNull(Json.field(company, "name"), Json.field(ticket.path("company"), "name"));
        }
        ObjectNode a = Json.object();
        a.set("name", Json.textOrNull(name));
        a.set("line1", Json.textOrNull(line1));
        a.set("line2", Json.textOrNull(line2));
        a.set("city", Json.textOrNull(city));
        a.set("state", Json.textOrNull(state));
        a.set("zip", Json.textOrNull(zip));
        a.set("country", Json.textOrNull(country));
        return a;
    }

    /**
     * ISO-2 from a country reference ({@code identifier} when it is two letters or known, else {@code name}) or a
     * plain text; unknown values are kept as given.
     */
    static String country(JsonNode ref) {
        if (Json.isAbsent(ref)) {
            return null;
        }
        if (!ref.isObject()) {
            return CountryCodes.toIso2(Json.text(ref));
        }
        String identifier = Json.field(ref, "identifier");
        String name = Json.field(ref, "name");
        return CountryCodes.lookup(identifier)
                .or(() -> CountryCodes.lookup(name))
                .orElse(identifier != null ? identifier : name);
    }

    /**
     * Name, phone, extension and email: each from the contact record (name from first and last name; phone and
     * email from the default {@code communicationItems} of that type, else the first of that type, else
     * {@code defaultPhoneNbr}), else from the ticket's {@code contactName}, {@code contactPhoneNumber},
     * {@code contactPhoneExtension}, {@code contactEmailAddress}. Null when nothing is known.
     */
    static JsonNode contactInfo(ObjectNode ticket, ObjectNode contact) {
        String name = null;
        String phone = null;
        String ext = null;
        String email = null;
        if (contact != null) {
            String first = Json.field(contact, "firstName");
            String last = Json.field(contact, "lastName");
            String full = ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
            name = full.isEmpty() ? Json.field(contact, "name") : full;
            JsonNode phoneItem = communicationItem(contact, "Phone");
            if (phoneItem != null) {
                phone = Json.field(phoneItem, "value");
                ext = Json.field(phoneItem, "extension");
            } else {
                phone = Json.field(contact, "defaultPhoneNbr");
                ext = Json.field(contact, "defaultPhoneExtension");
            }
            JsonNode emailItem = communicationItem(contact, "Email");
            email = emailItem == null ? null : Json.field(emailItem, "value");
        }
        name = firstNonNull(name, Json.field(ticket, "contactName"), Json.field(ticket.path("contact"), "name"));
        if (phone == null) {
            phone = Json.field(ticket, "contactPhoneNumber");
            ext = firstNonNull(ext, Json.field(ticket, "contactPhoneExtension"));
        }
        email = firstNonNull(email, Json.field(ticket, "contactEmailAddress"));
        if (name == null && phone == null && ext == null && email == null) {
            return NullNode.getInstance();
        }
        ObjectNode c = Json.object();
        c.set("name", Json.textOrNull(name));
        c.set("phone", Json.textOrNull(phone));
        c.set("ext", Json.textOrNull(ext));
        c.set("email", Json.textOrNull(email));
        return c;
    }

    private static JsonNode communicationItem(ObjectNode contact, String type) {
        JsonNode items = contact.get("communicationItems");
        if (items == null || !items.isArray()) {
            return null;
        }
        JsonNode first = null;
        for (JsonNode item : items) {
            if (!type.equalsIgnoreCase(Json.field(item, "communicationType")) || Json.field(item, "value") == null) {
                continue;
            }
            if (item.path("defaultFlag").asBoolean(false)) {
                return item;
            }
            if (first == null) {
                first = item;
            }
        }
        return first;
    }

    /**
     * The earliest schedule entry by {@code dateStart}: {@code between} when it also has a later {@code dateEnd},
     * else {@code exact}; without entries, {@code requiredDate} as {@code exact}; else null. Times are ISO instants
     * in UTC (a value that does not parse is passed on as it is, for dateConvert to report).
     */
    static JsonNode schedule(ObjectNode ticket, List<ObjectNode> entries) {
        List<ObjectNode> withStart = new ArrayList<>();
        if (entries != null) {
            for (ObjectNode e : entries) {
                if (Json.field(e, "dateStart") != null) {
                    withStart.add(e);
                }
            }
        }
        ObjectNode s = Json.object();
        if (!withStart.isEmpty()) {
            ObjectNode first = withStart.stream()
                    .min(Comparator.comparing((ObjectNode e) -> instantOrMax(Json.field(e, "dateStart"))))
                    .orElseThrow();
            String start = Json.field(first, "dateStart");
            String end = Json.field(first, "dateEnd");
            Instant startAt = instantOrNull(start);
            Instant endAt = instantOrNull(end);
            boolean between = end != null && (startAt == null || endAt == null || endAt.isAfter(startAt));
            s.put("mode", between ? "between" : "exact");
            s.put("start", startAt == null ? start : startAt.toString());
            s.set("end", between ? Json.textOrNull(endAt == null ? end : endAt.toString()) : NullNode.getInstance());
            return s;
        }
        String required = Json.field(ticket, "requiredDate");
        if (required != null) {
            Instant at = instantOrNull(required);
            s.put("mode", "exact");
            s.put("start", at == null ? required : at.toString());
            s.set("end", NullNode.getInstance());
            return s;
        }
        return NullNode.getInstance();
    }

    private static Instant instantOrNull(String text) {
        if (text == null) {
            return null;
        }
        try {
            return DateConvertAction.parse(text, null, null);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static Instant instantOrMax(String text) {
        Instant i = instantOrNull(text);
        return i == null ? Instant.MAX : i;
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
