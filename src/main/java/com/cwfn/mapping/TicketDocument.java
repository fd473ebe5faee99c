package com.cwfn.mapping;

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

    private TicketDocument() {
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
        ObjectNode doc = Jsons.object();
        doc.set("ticket", ticket.deepCopy());
        doc.set("company", copy(company));
        doc.set("contact", copy(contact));
        doc.set("site", copy(site));
        doc.set("notes", array(notes));
        doc.set("documents", array(documents));
        doc.set("scheduleEntries", array(scheduleEntries));
        doc.set("description", Jsons.textOrNull(description(notes)));
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
        ArrayNode a = Jsons.F.arrayNode();
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
                .min(Comparator.comparing((ObjectNode n) -> instantOrMax(Jsons.field(n, "dateCreated")))
                        .thenComparingLong(n -> n.path("id").canConvertToLong() && n.hasNonNull("id") ? n.get("id").asLong() : Long.MAX_VALUE))
                .map(n -> Jsons.text(n.get("text")))
                .orElse(null);
    }

    /** {@code ticket.customFields} as caption → value; null values kept; the first of a repeated caption wins. */
    static ObjectNode customFields(ObjectNode ticket) {
        ObjectNode out = Jsons.object();
        JsonNode list = ticket.get("customFields");
        if (list != null && list.isArray()) {
            for (JsonNode cf : list) {
                String caption = Jsons.field(cf, "caption");
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
            line1 = Jsons.field(site, "addressLine1");
            line2 = Jsons.field(site, "addressLine2");
            city = Jsons.field(site, "city");
            state = firstNonNull(Jsons.field(site.path("stateReference"), "identifier"),
                    Jsons.field(site, "stateIdentifier"), Jsons.field(site, "state"),
                    Jsons.field(site.path("stateReference"), "name"));
            zip = Jsons.field(site, "zip");
            country = country(site.get("country"));
            name = firstNonNull(Jsons.field(site, "name"), Jsons.field(ticket, "siteName"));
        } else {
            line1 = Jsons.field(ticket, "addressLine1");
            line2 = Jsons.field(ticket, "addressLine2");
            city = Jsons.field(ticket, "city");
            state = Jsons.field(ticket, "stateIdentifier");
            zip = Jsons.field(ticket, "zip");
            country = country(ticket.get("country"));
            name = Jsons.field(ticket, "siteName");
        }
        if (line1 == null && line2 == null && city == null && state == null && zip == null && country == null) {
            return NullNode.getInstance();
        }
        if (name == null) {
            name = firstNonNull(Jsons.field(company, "name"), Jsons.field(ticket.path("company"), "name"));
        }
        ObjectNode a = Jsons.object();
        a.set("name", Jsons.textOrNull(name));
        a.set("line1", Jsons.textOrNull(line1));
        a.set("line2", Jsons.textOrNull(line2));
        a.set("city", Jsons.textOrNull(city));
        a.set("state", Jsons.textOrNull(state));
        a.set("zip", Jsons.textOrNull(zip));
        a.set("country", Jsons.textOrNull(country));
        return a;
    }

    /**
     * ISO-2 from a country reference ({@code identifier} when it is two letters or known, else {@code name}) or a
     * plain text; unknown values are kept as given.
     */
    static String country(JsonNode ref) {
        if (Jsons.isAbsent(ref)) {
            return null;
        }
        if (!ref.isObject()) {
            return CountryCodes.toIso2(Jsons.text(ref));
        }
        String identifier = Jsons.field(ref, "identifier");
        String name = Jsons.field(ref, "name");
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
            String first = Jsons.field(contact, "firstName");
            String last = Jsons.field(contact, "lastName");
            String full = ((first == null ? "" : first) + " " + (last == null ? "" : last)).trim();
            name = full.isEmpty() ? Jsons.field(contact, "name") : full;
            JsonNode phoneItem = communicationItem(contact, "Phone");
            if (phoneItem != null) {
                phone = Jsons.field(phoneItem, "value");
                ext = Jsons.field(phoneItem, "extension");
            } else {
                phone = Jsons.field(contact, "defaultPhoneNbr");
                ext = Jsons.field(contact, "defaultPhoneExtension");
            }
            JsonNode emailItem = communicationItem(contact, "Email");
            email = emailItem == null ? null : Jsons.field(emailItem, "value");
        }
        name = firstNonNull(name, Jsons.field(ticket, "contactName"), Jsons.field(ticket.path("contact"), "name"));
        if (phone == null) {
            phone = Jsons.field(ticket, "contactPhoneNumber");
            ext = firstNonNull(ext, Jsons.field(ticket, "contactPhoneExtension"));
        }
        email = firstNonNull(email, Jsons.field(ticket, "contactEmailAddress"));
        if (name == null && phone == null && ext == null && email == null) {
            return NullNode.getInstance();
        }
        ObjectNode c = Jsons.object();
        c.set("name", Jsons.textOrNull(name));
        c.set("phone", Jsons.textOrNull(phone));
        c.set("ext", Jsons.textOrNull(ext));
        c.set("email", Jsons.textOrNull(email));
        return c;
    }

    private static JsonNode communicationItem(ObjectNode contact, String type) {
        JsonNode items = contact.get("communicationItems");
        if (items == null || !items.isArray()) {
            return null;
        }
        JsonNode first = null;
        for (JsonNode item : items) {
            if (!type.equalsIgnoreCase(Jsons.field(item, "communicationType")) || Jsons.field(item, "value") == null) {
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
                if (Jsons.field(e, "dateStart") != null) {
                    withStart.add(e);
                }
            }
        }
        ObjectNode s = Jsons.object();
        if (!withStart.isEmpty()) {
            ObjectNode first = withStart.stream()
                    .min(Comparator.comparing((ObjectNode e) -> instantOrMax(Jsons.field(e, "dateStart"))))
                    .orElseThrow();
            String start = Jsons.field(first, "dateStart");
            String end = Jsons.field(first, "dateEnd");
            Instant startAt = instantOrNull(start);
            Instant endAt = instantOrNull(end);
            boolean between = end != null && (startAt == null || endAt == null || endAt.isAfter(startAt));
            s.put("mode", between ? "between" : "exact");
            s.put("start", startAt == null ? start : startAt.toString());
            s.set("end", between ? Jsons.textOrNull(endAt == null ? end : endAt.toString()) : NullNode.getInstance());
            return s;
        }
        String required = Jsons.field(ticket, "requiredDate");
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
