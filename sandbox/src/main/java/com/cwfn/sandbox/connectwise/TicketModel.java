package com.cwfn.sandbox.connectwise;

import com.cwfn.sandbox.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The shape of a stored ticket: every field of the model (empty), its {@code _info} links, its customFields (one per
 * definition) and the address and contact fields copied from a site or a contact. {@link TicketRules} fills it in.
 */
final class TicketModel {
    private final ReferenceData ref;

    TicketModel(ReferenceData ref) {
        this.ref = ref;
    }

    /** A ticket with every field of the model, empty. */
    ObjectNode template(long id, boolean project) {
        ObjectNode t = Json.object();
        t.put("id", id);
        t.putNull("summary");
        t.put("recordType", project ? "ProjectTicket" : "ServiceTicket");
        for (String f : List.of("board", "status")) {
            t.putNull(f);
        }
        if (project) {
            t.putNull("project");
            t.putNull("phase");
        }
        for (String f : List.of("workRole", "workType", "company", "site", "siteName", "addressLine1",
                "addressLine2", "city", "stateIdentifier", "zip", "country", "contact", "contactName",
                "contactPhoneNumber", "contactPhoneExtension", "contactEmailAddress", "type", "subType", "item",
                "team", "owner", "priority", "serviceLocation", "source")) {
            t.putNull(f);
        }
        t.put("severity", "Medium");
        t.put("impact", "Medium");
        for (String f : List.of("requiredDate", "budgetHours", "agreement", "opportunity", "externalXRef",
                "poNumber")) {
            t.putNull(f);
        }
        t.put("allowAllClientsPortalView", false);
        t.put("customerUpdatedFlag", false);
        t.put("automaticEmailContactFlag", false);
        t.put("automaticEmailResourceFlag", false);
        t.put("automaticEmailCcFlag", false);
        t.putNull("automaticEmailCc");
        t.putNull("closedDate");
        t.putNull("closedBy");
        t.put("closedFlag", false);
        t.putNull("actualHours");
        t.put("approved", true);
        t.putNull("dateResolved");
        t.putNull("dateResplan");
        t.putNull("dateResponded");
        t.put("resolveMinutes", 0);
        t.put("resPlanMinutes", 0);
        t.put("respondMinutes", 0);
        t.put("isInSla", false);
        t.putNull("resources");
        t.putNull("parentTicketId");
        t.put("hasChildTicket", false);
        t.put("hasMergedChildTicketFlag", false);
        t.put("billTime", "NoDefault");
        t.put("billExpenses", "Billable");
        t.put("billProducts", "Billable");
        t.putNull("location");
        t.putNull("department");
        t.put("mobileGuid", UUID.randomUUID().toString());
        t.putNull("sla");
        ObjectNode cur = t.putObject("currency");
        cur.put("id", 7).put("symbol", "$").put("currencyCode", "USD").put("currencyIdentifier", "USD")
                .put("name", "US Dollars");
        t.putArray("integratorTags");
        t.set("customFields", customFields(null));
        t.putObject("_info");
        return t;
    }

    void info(ObjectNode t, String dateEntered, String enteredBy, String now, String by) {
        long id = t.path("id").asLong();
        boolean project = "ProjectTicket".equals(t.path("recordType").asText());
        String base = ReferenceData.API + (project ? "/project/tickets/" : "/service/tickets/") + id;
        ObjectNode i = Json.object();
        i.put("lastUpdated", now);
        i.put("updatedBy", by);
        i.put("dateEntered", dateEntered);
        i.put("enteredBy", enteredBy);
        i.put("activities_href", ReferenceData.API + "/sales/activities?conditions=ticket/id=" + id);
        i.put("scheduleentries_href", ReferenceData.API + "/schedule/entries?conditions=type/id=4 AND objectId="
                + id);
        i.put("documents_href", ReferenceData.API + "/system/documents?recordType=Ticket&recordId=" + id);
        i.put("timeentries_href", ReferenceData.API + "/time/entries?conditions=(chargeToType=\"ServiceTicket\""
                + " OR chargeToType=\"ProjectTicket\") AND chargeToId=" + id);
        i.put("notes_href", base + "/notes");
        i.put("tasks_href", base + "/tasks");
        i.put("configurations_href", base + "/configurations");
        t.set("_info", i);
    }

    /** The ticket's customFields: every definition, with the values of {@code current} (or null). */
    ArrayNode customFields(JsonNode current) {
        Map<Long, JsonNode> values = new LinkedHashMap<>();
        if (current != null && current.isArray()) {
            for (JsonNode f : current) {
                values.put(f.path("id").asLong(), f.get("value"));
            }
        }
        ArrayNode out = Json.array();
        for (ObjectNode def : ref.customFields.values()) {
            ObjectNode f = def.deepCopy();
            JsonNode v = values.get(def.path("id").asLong());
            f.set("value", v == null ? NullNode.getInstance() : v);
            out.add(f);
        }
        return out;
    }

    /** Fills the ticket's address fields from a site (skipping fields named in {@code explicit}). */
    static void copySite(ObjectNode t, ObjectNode site, Iterator<String> explicit) {
        Set<String> skip = new HashSet<>();
        if (explicit != null) {
            explicit.forEachRemaining(skip::add);
        }
        put(t, skip, "siteName", site.get("name"));
        put(t, skip, "addressLine1", site.get("addressLine1"));
        put(t, skip, "addressLine2", site.get("addressLine2"));
        put(t, skip, "city", site.get("city"));
        put(t, skip, "stateIdentifier", site.path("stateReference").get("identifier"));
        put(t, skip, "zip", site.get("zip"));
        put(t, skip, "country", site.get("country") == null ? null : site.get("country").deepCopy());
    }

    /** Fills the ticket's contact fields from a contact (skipping fields named in {@code explicit}). */
    static void copyContact(ObjectNode t, ObjectNode contact, Iterator<String> explicit) {
        Set<String> skip = new HashSet<>();
        if (explicit != null) {
            explicit.forEachRemaining(skip::add);
        }
        put(t, skip, "contactName", JsonNodeFactory.instance.textNode(ReferenceData.contactName(contact)));
        Optional<JsonNode> phone = ReferenceData.communication(contact, "Phone");
        put(t, skip, "contactPhoneNumber", phone.map(p -> p.get("value")).orElse(null));
        put(t, skip, "contactPhoneExtension", phone.map(p -> p.get("extension")).orElse(null));
        put(t, skip, "contactEmailAddress", ReferenceData.communication(contact, "Email").map(p -> p.get("value"))
                .orElse(null));
    }

    private static void put(ObjectNode t, Set<String> skip, String key, JsonNode value) {
        if (!skip.contains(key)) {
            t.set(key, value == null ? NullNode.getInstance() : value);
        }
    }
}
