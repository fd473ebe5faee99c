package com.cwfn.sandbox.connectwise;

import com.cwfn.sandbox.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The setup tables of the sandbox's ConnectWise company: boards with their statuses, types, subtypes and items,
 * priorities, companies, sites, contacts, members, projects, schedule types and statuses, custom field definitions.
 * Ids are stable (see {@link ConnectWiseSandbox#seedDemo()}). Stored objects carry hrefs as {@code @api/...}; the
 * sandbox turns them into absolute URLs when it answers.
 *
 * <p>Not thread-safe on its own: the sandbox guards it with its lock.
 */
final class ReferenceData {
    /** Prefix of stored hrefs, replaced by the API base URL on output. */
    static final String API = "@api";
    static final String SEED_TIME = "2024-01-02T15:00:00Z";

    final Map<Long, ObjectNode> boards = new LinkedHashMap<>();
    final Map<Long, ObjectNode> statuses = new LinkedHashMap<>();
    final Map<Long, ObjectNode> types = new LinkedHashMap<>();
    final Map<Long, ObjectNode> subTypes = new LinkedHashMap<>();
    final Map<Long, ObjectNode> items = new LinkedHashMap<>();
    final Map<Long, ObjectNode> priorities = new LinkedHashMap<>();
    final Map<Long, ObjectNode> companies = new LinkedHashMap<>();
    final Map<Long, ObjectNode> sites = new LinkedHashMap<>();
    final Map<Long, ObjectNode> contacts = new LinkedHashMap<>();
    final Map<Long, ObjectNode> members = new LinkedHashMap<>();
    final Map<Long, ObjectNode> projects = new LinkedHashMap<>();
    final Map<Long, ObjectNode> phases = new LinkedHashMap<>();
    final Map<Long, ObjectNode> teams = new LinkedHashMap<>();
    final Map<Long, ObjectNode> sources = new LinkedHashMap<>();
    final Map<Long, ObjectNode> locations = new LinkedHashMap<>();
    final Map<Long, ObjectNode> scheduleTypes = new LinkedHashMap<>();
    final Map<Long, ObjectNode> scheduleStatuses = new LinkedHashMap<>();
    final Map<Long, ObjectNode> customFields = new LinkedHashMap<>();

    static final long API_MEMBER_ID = 243;
    static final long UI_MEMBER_ID = 176;

    ReferenceData() {
        seed();
    }

    // ------------------------------------------------------------------ seed

    private void seed() {
        member(UI_MEMBER_ID, "jsmith", "John Smith");
        member(API_MEMBER_ID, "apimember", "API Member");
        member(180, "dtech", "Dana Tech");

        board(1, "Field Services", false);
        status(1, 1, "New", 0, true, false, "NotResponded");
        status(2, 1, "Dispatch to FN", 1, false, false, "Responded");
        status(3, 1, "Assigned", 2, false, false, "Responded");
        status(4, 1, "In Progress", 3, false, false, "Responded");
        status(5, 1, "Completed", 4, false, false, "Resolved");
        status(6, 1, "Closed", 5, false, true, "Resolved");
        status(7, 1, "Cancelled", 6, false, true, "NoEscalation");
        board(2, "Help Desk", false);
        status(11, 2, "New", 0, true, false, "NotResponded");
        status(12, 2, "Dispatch to FN", 1, false, false, "Responded");
        status(13, 2, "In Progress", 2, false, false, "Responded");
        status(14, 2, "Closed", 3, false, true, "Resolved");
        board(3, "Projects", true);
        status(21, 3, "New", 0, true, false, "NotResponded");
        status(22, 3, "Dispatch to FN", 1, false, false, "Responded");
        status(23, 3, "Assigned", 2, false, false, "Responded");
        status(24, 3, "Completed", 3, false, false, "Resolved");
        status(25, 3, "Closed", 4, false, true, "Resolved");

        type(8, 1, "Hardware", true);
        type(9, 1, "Network", false);
        type(10, 1, "Point of Sale", false);
        type(11, 2, "Hardware", true);
        type(12, 2, "Software", false);
        type(13, 3, "Installation", true);
        subType(1, 1, "Printer", 8);
        subType(2, 1, "POS Terminal", 8, 10);
        subType(3, 1, "Router", 9);
        subType(4, 2, "Laptop", 11);
        subType(5, 2, "Email", 12);
        subType(6, 3, "Rollout", 13);
        item(2, 1, "Offline");
        item(3, 1, "Replace");
        item(4, 2, "Offline");
        item(5, 2, "Slow");
        item(6, 3, "Deploy");

        priority(1, "Priority 1 - Emergency Response", 1, "Red", false);
        priority(2, "Priority 2 - Quick Response", 3, "Orange", false);
        priority(4, "Priority 3 - Normal Response", 6, "Green", true);
        priority(5, "Priority 4 - Schedule Maintenance", 8, "Blue", false);

        simple(teams, 3, "Helpdesk", "team_href", "/service/boards/1/teams/3");
        simple(teams, 4, "Field Ops", "team_href", "/service/boards/1/teams/4");
        simple(sources, 1, "Email", "source_href", "/service/sources/1");
        simple(sources, 2, "Phone", "source_href", "/service/sources/2");
        simple(sources, 3, "Portal", "source_href", "/service/sources/3");
        simple(locations, 1, "On-Site", "location_href", "/service/locations/1");
        simple(locations, 2, "In-house", "location_href", "/service/locations/2");
        simple(locations, 3, "Remote", "location_href", "/service/locations/3");

        ObjectNode st = Json.object();
        st.put("id", 4).put("name", "Service").put("identifier", "S").put("chargeCode", (String) null)
                .put("systemFlag", true);
        st.set("_info", info());
        scheduleTypes.put(4L, st);
        ObjectNode ct = Json.object();
        ct.put("id", 2).put("name", "Activity").put("identifier", "C").put("chargeCode", (String) null)
                .put("systemFlag", true);
        ct.set("_info", info());
        scheduleTypes.put(2L, ct);
        scheduleStatus(1, "Tentative", false, true);
        scheduleStatus(2, "Firm", true, false);

        company();
        site();
        contact();

        ObjectNode project = Json.object();
        project.put("id", 12).put("name", "Store 114 POS Rollout");
        project.set("company", companyRef(2));
        project.set("board", ref(boards.get(3L), "board_href", "/service/boards/3"));
        project.set("_info", info());
        projects.put(12L, project);
        ObjectNode phase = Json.object();
        phase.put("id", 31).put("name", "Deployment").put("description", "Deployment");
        phase.set("project", projectRef(12));
        phase.set("_info", info());
        phases.put(31L, phase);

        customField(1, "Story Points", "Number", 0);
        customField(7, "Ext Ref", "Text", 0);
        customField(9, "Site Access", "Text", 0);
    }

    static ObjectNode info() {
        ObjectNode i = Json.object();
        i.put("lastUpdated", SEED_TIME);
        i.put("updatedBy", "jsmith");
        return i;
    }

    private void member(long id, String identifier, String name) {
        ObjectNode m = Json.object();
        m.put("id", id).put("identifier", identifier).put("name", name);
        String[] parts = name.split(" ", 2);
        m.put("firstName", parts[0]).put("lastName", parts.length > 1 ? parts[1] : "");
        m.put("inactiveFlag", false);
        m.set("_info", info());
        members.put(id, m);
    }

    private void board(long id, String name, boolean project) {
        ObjectNode b = Json.object();
        b.put("id", id).put("name", name);
        ObjectNode loc = b.putObject("location");
        loc.put("id", 2).put("name", "Tampa Office");
        ObjectNode div = b.putObject("department");
        div.put("id", 10).put("identifier", "Services").put("name", "Professional Services");
        b.put("inactiveFlag", false);
        b.put("signOffOnCloseFlag", false);
        b.put("contactTemplate", (String) null);
        b.put("projectFlag", project);
        b.put("billTime", "NoDefault");
        b.put("billExpenses", "Billable");
        b.put("billProducts", "Billable");
        b.put("showDependenciesFlag", false);
        b.put("showEstimatesFlag", false);
        b.put("autoCloseStatus", (String) null);
        ObjectNode i = info();
        i.put("statuses_href", API + "/service/boards/" + id + "/statuses");
        i.put("types_href", API + "/service/boards/" + id + "/types");
        i.put("subtypes_href", API + "/service/boards/" + id + "/subtypes");
        i.put("items_href", API + "/service/boards/" + id + "/items");
        b.set("_info", i);
        boards.put(id, b);
    }

    private void status(long id, long board, String name, int sort, boolean dflt, boolean closed, String escalation) {
        ObjectNode s = Json.object();
        s.put("id", id).put("name", name);
        s.set("board", ref(boards.get(board), "board_href", "/service/boards/" + board));
        s.put("sortOrder", sort);
        s.put("displayOnBoard", true);
        s.put("inactive", false);
        s.put("closedStatus", closed);
        s.put("timeEntryNotAllowed", false);
        s.put("defaultFlag", dflt);
        s.put("escalationStatus", escalation);
        s.putNull("customerPortalDescription");
        s.put("customerPortalFlag", false);
        s.putNull("emailTemplate");
        s.putNull("statusIndicator");
        s.putNull("customStatusIndicatorName");
        s.put("saveTimeAsNote", false);
        s.set("_info", info());
        statuses.put(id, s);
    }

    private void type(long id, long board, String name, boolean dflt) {
        ObjectNode t = Json.object();
        t.put("id", id).put("name", name);
        t.put("category", "Reactive");
        t.put("defaultFlag", dflt);
        t.put("inactiveFlag", false);
        t.put("requestForChangeFlag", false);
        t.putNull("integrationXref");
        t.set("board", ref(boards.get(board), "board_href", "/service/boards/" + board));
        t.set("_info", info());
        types.put(id, t);
    }

    private void subType(long id, long board, String name, long... typeIds) {
        ObjectNode t = Json.object();
        t.put("id", id).put("name", name);
        t.put("inactiveFlag", false);
        ArrayNode assoc = t.putArray("typeAssociationIds");
        for (long tid : typeIds) {
            assoc.add(tid);
        }
        t.set("board", ref(boards.get(board), "board_href", "/service/boards/" + board));
        t.set("_info", info());
        subTypes.put(id, t);
    }

    private void item(long id, long board, String name) {
        ObjectNode t = Json.object();
        t.put("id", id).put("name", name);
        t.put("inactiveFlag", false);
        t.set("board", ref(boards.get(board), "board_href", "/service/boards/" + board));
        t.set("_info", info());
        items.put(id, t);
    }

    private void priority(long id, String name, int sort, String color, boolean dflt) {
        ObjectNode p = Json.object();
        p.put("id", id).put("name", name).put("color", color).put("sortOrder", sort).put("defaultFlag", dflt);
        p.putNull("imageLink");
        p.putNull("urgentSortOrder");
        p.set("_info", info());
        priorities.put(id, p);
    }

    private static void simple(Map<Long, ObjectNode> table, long id, String name, String hrefKey, String href) {
        ObjectNode o = Json.object();
        o.put("id", id).put("name", name);
        ObjectNode i = info();
        i.put(hrefKey, API + href);
        o.set("_info", i);
        table.put(id, o);
    }

    private void scheduleStatus(long id, String name, boolean dflt, boolean tentative) {
        ObjectNode s = Json.object();
        s.put("id", id).put("name", name).put("defaultFlag", dflt).put("showAsTentativeFlag", tentative);
        s.set("_info", info());
        scheduleStatuses.put(id, s);
    }

    private void customField(long id, String caption, String type, int decimals) {
        ObjectNode f = Json.object();
        f.put("id", id).put("caption", caption).put("type", type).put("entryMethod", "EntryField")
                .put("numberOfDecimals", decimals);
        customFields.put(id, f);
    }

    /** Adds or replaces a custom field definition for tickets. */
    void defineCustomField(long id, String caption, String type, String entryMethod, int decimals) {
        ObjectNode f = Json.object();
        f.put("id", id).put("caption", caption).put("type", type).put("entryMethod", entryMethod)
                .put("numberOfDecimals", decimals);
        customFields.put(id, f);
    }

    static ObjectNode country() {
        ObjectNode c = Json.object();
        c.put("id", 1).put("identifier", "US").put("name", "United States");
        return c;
    }

    /** The seeded company's address (its primary site's and the default contact's too). */
    private void mainStreetAddress(ObjectNode o) {
        o.put("addressLine1", "1 Main St").put("addressLine2", "Floor 8").put("city", "Tampa").put("state", "FL")
                .put("zip", "33602");
        o.set("country", country());
    }

    private void company() {
        ObjectNode c = Json.object();
        c.put("id", 2).put("identifier", "ACME").put("name", "Acme Corp");
        ObjectNode status = c.putObject("status");
        status.put("id", 1).put("name", "Active");
        ArrayNode typesArr = c.putArray("types");
        typesArr.addObject().put("id", 1).put("name", "Client");
        mainStreetAddress(c);
        c.put("phoneNumber", "8135550000").put("faxNumber", "").put("website", "www.acme.example");
        ObjectNode territory = c.putObject("territory");
        territory.put("id", 2).put("name", "Tampa Office");
        c.putNull("market");
        c.put("accountNumber", "ACME-001");
        c.set("defaultContact", contactRefRaw(2, "Jane Doe"));
        c.put("dateAcquired", "2020-03-01T00:00:00Z");
        c.set("site", siteRefRaw(2, 28, "Main"));
        c.putNull("billingSite");
        c.putNull("billingContact");
        c.putNull("timeZoneSetup");
        c.put("deletedFlag", false);
        c.putNull("dateDeleted");
        c.putNull("deletedBy");
        c.put("leadFlag", false);
        c.put("isVendorFlag", false);
        c.putArray("customFields");
        c.putArray("integratorTags");
        c.put("mobileGuid", "0f6a4c2e-1b7d-4f3a-9c55-7d2e8a1b0c21");
        ObjectNode i = info();
        i.put("dateEntered", "2020-03-01T00:00:00Z");
        i.put("enteredBy", "jsmith");
        i.put("contacts_href", API + "/company/contacts?conditions=company/id=2");
        i.put("sites_href", API + "/company/companies/2/sites");
        c.set("_info", i);
        companies.put(2L, c);
    }

    /** Adds or replaces a company with no sites and no contacts (a second client, say). */
    void defineCompany(long id, String identifier, String name) {
        ObjectNode c = companies.get(2L).deepCopy();
        c.put("id", id).put("identifier", identifier).put("name", name).put("accountNumber", identifier + "-001");
        c.putNull("defaultContact");
        c.putNull("site");
        ObjectNode i = (ObjectNode) c.get("_info");
        i.put("contacts_href", API + "/company/contacts?conditions=company/id=" + id);
        i.put("sites_href", API + "/company/companies/" + id + "/sites");
        companies.put(id, c);
    }

    private void site() {
        ObjectNode s = Json.object();
        s.put("id", 28).put("name", "Main").put("addressLine1", "1 Main St").put("addressLine2", "Floor 8")
                .put("city", "Tampa");
        ObjectNode state = s.putObject("stateReference");
        state.put("id", 9).put("identifier", "FL").put("name", "Florida");
        s.put("zip", "33602");
        s.set("country", country());
        s.put("addressFormat", "[ADDRESS1]\n[ADDRESS2]\n[CITY], [STATE] [ZIP]");
        s.put("phoneNumber", "8135550000").put("phoneNumberExt", "").put("faxNumber", "");
        s.putNull("taxCode");
        s.putNull("entityType");
        s.put("expenseReimbursement", 0);
        s.put("primaryAddressFlag", true).put("defaultShippingFlag", true).put("defaultBillingFlag", true)
                .put("defaultMailingFlag", true).put("billSeparateFlag", false).put("inactiveFlag", false);
        s.putNull("timeZone");
        s.putNull("calendar");
        s.set("company", companyRefRaw());
        s.put("mobileGuid", "5d1e9a3c-7b2f-4e8a-a1c4-3f6b9d2e7a10");
        s.set("_info", info());
        sites.put(28L, s);
    }

    private void contact() {
        ObjectNode c = Json.object();
        c.put("id", 2).put("firstName", "Jane").put("lastName", "Doe");
        c.set("company", companyRefRaw());
        c.set("site", siteRefRaw(2, 28, "Main"));
        mainStreetAddress(c);
        c.put("title", "Store Manager");
        c.put("inactiveFlag", false);
        c.put("defaultPhoneType", "Direct").put("defaultPhoneNbr", "8135550100").put("defaultPhoneExtension", "401");
        c.put("defaultFlag", true).put("defaultBillingFlag", false).put("marriedFlag", false)
                .put("childrenFlag", false).put("disablePortalLoginFlag", false).put("unsubscribeFlag", false);
        ArrayNode typesArr = c.putArray("types");
        typesArr.addObject().put("id", 1).put("name", "Store Contact");
        c.putArray("customFields");
        ArrayNode items = c.putArray("communicationItems");
        ObjectNode phone = items.addObject();
        phone.put("id", 2);
        phone.putObject("type").put("id", 2).put("name", "Direct");
        phone.put("value", "8135550100").put("extension", "401").put("defaultFlag", true)
                .put("communicationType", "Phone");
        ObjectNode email = items.addObject();
        email.put("id", 3);
        email.putObject("type").put("id", 1).put("name", "Email");
        email.put("value", "jane@acme.example").put("domain", "@acme.example").put("defaultFlag", true)
                .put("communicationType", "Email");
        c.put("mobileGuid", "9b2c4e6a-8d1f-4a3b-b5c7-2e4f6a8b0d13");
        ObjectNode i = info();
        i.put("communications_href", API + "/company/contacts/2/communications");
        c.set("_info", i);
        contacts.put(2L, c);
    }

    // ------------------------------------------------------------------ reference objects

    /** {id, name, _info{key: href}} from a table row. */
    static ObjectNode ref(ObjectNode row, String hrefKey, String href) {
        ObjectNode r = Json.object();
        r.set("id", row.get("id"));
        r.set("name", row.get("name"));
        ObjectNode i = r.putObject("_info");
        i.put(hrefKey, API + href);
        return r;
    }

    private static ObjectNode companyRefRaw() {
        ObjectNode r = Json.object();
        r.put("id", 2).put("identifier", "ACME").put("name", "Acme Corp");
        r.putObject("_info").put("company_href", API + "/company/companies/2");
        return r;
    }

    private static ObjectNode siteRefRaw(long company, long id, String name) {
        ObjectNode r = Json.object();
        r.put("id", id).put("name", name);
        r.putObject("_info").put("site_href", API + "/company/companies/" + company + "/sites/" + id);
        return r;
    }

    private static ObjectNode contactRefRaw(long id, String name) {
        ObjectNode r = Json.object();
        r.put("id", id).put("name", name);
        r.putObject("_info").put("contact_href", API + "/company/contacts/" + id);
        return r;
    }

    ObjectNode boardRef(long id) {
        return ref(boards.get(id), "board_href", "/service/boards/" + id);
    }

    ObjectNode statusRef(long id) {
        ObjectNode s = statuses.get(id);
        long board = s.path("board").path("id").asLong();
        return ref(s, "status_href", "/service/boards/" + board + "/statuses/" + id);
    }

    ObjectNode typeRef(long id) {
        long board = types.get(id).path("board").path("id").asLong();
        return ref(types.get(id), "type_href", "/service/boards/" + board + "/types/" + id);
    }

    ObjectNode subTypeRef(long id) {
        long board = subTypes.get(id).path("board").path("id").asLong();
        return ref(subTypes.get(id), "subType_href", "/service/boards/" + board + "/subtypes/" + id);
    }

    ObjectNode itemRef(long id) {
        long board = items.get(id).path("board").path("id").asLong();
        return ref(items.get(id), "item_href", "/service/boards/" + board + "/items/" + id);
    }

    ObjectNode priorityRef(long id) {
        ObjectNode p = priorities.get(id);
        ObjectNode r = Json.object();
        r.set("id", p.get("id"));
        r.set("name", p.get("name"));
        r.set("sort", p.get("sortOrder"));
        r.putObject("_info").put("priority_href", API + "/service/priorities/" + id)
                .put("image_href", API + "/service/priorities/" + id + "/image?lm=" + SEED_TIME);
        return r;
    }

    ObjectNode companyRef(long id) {
        ObjectNode c = companies.get(id);
        ObjectNode r = Json.object();
        r.set("id", c.get("id"));
        r.set("identifier", c.get("identifier"));
        r.set("name", c.get("name"));
        r.putObject("_info").put("company_href", API + "/company/companies/" + id);
        return r;
    }

    ObjectNode siteRef(long id) {
        ObjectNode s = sites.get(id);
        return siteRefRaw(s.path("company").path("id").asLong(), id, s.path("name").asText());
    }

    ObjectNode contactRef(long id) {
        ObjectNode c = contacts.get(id);
        return contactRefRaw(id, contactName(c));
    }

    static String contactName(ObjectNode c) {
        return (c.path("firstName").asText("") + " " + c.path("lastName").asText("")).trim();
    }

    ObjectNode memberRef(long id) {
        ObjectNode m = members.get(id);
        ObjectNode r = Json.object();
        r.set("id", m.get("id"));
        r.set("identifier", m.get("identifier"));
        r.set("name", m.get("name"));
        r.putObject("_info").put("member_href", API + "/system/members/" + id)
                .put("image_href", API + "/system/members/" + m.path("identifier").asText() + "/image?lm="
                        + SEED_TIME);
        return r;
    }

    ObjectNode projectRef(long id) {
        return ref(projects.get(id), "project_href", "/project/projects/" + id);
    }

    ObjectNode phaseRef(long id) {
        ObjectNode p = phases.get(id);
        long project = p.path("project").path("id").asLong();
        return ref(p, "phase_href", "/project/projects/" + project + "/phases/" + id);
    }

    ObjectNode scheduleTypeRef(long id) {
        ObjectNode t = scheduleTypes.get(id);
        ObjectNode r = Json.object();
        r.set("id", t.get("id"));
        r.set("identifier", t.get("identifier"));
        r.putObject("_info").put("type_href", API + "/schedule/types/" + id);
        return r;
    }

    ObjectNode scheduleStatusRef(long id) {
        return ref(scheduleStatuses.get(id), "status_href", "/schedule/statuses/" + id);
    }

    // ------------------------------------------------------------------ lookups

    ObjectNode memberByIdentifier(String identifier) {
        return find(members, m -> m.path("identifier").asText().equalsIgnoreCase(identifier)).orElse(null);
    }

    List<ObjectNode> boardsOfKind(boolean project) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode b : boards.values()) {
            if (b.path("projectFlag").asBoolean() == project) {
                out.add(b);
            }
        }
        return out;
    }

    List<ObjectNode> statusesOf(long board) {
        return onBoard(statuses, board);
    }

    Optional<ObjectNode> defaultStatus(long board) {
        List<ObjectNode> s = statusesOf(board);
        return s.stream().filter(x -> x.path("defaultFlag").asBoolean()).findFirst()
                .or(() -> s.stream().findFirst());
    }

    static List<ObjectNode> onBoard(Map<Long, ObjectNode> table, long board) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode o : table.values()) {
            if (o.path("board").path("id").asLong() == board) {
                out.add(o);
            }
        }
        return out;
    }

    static Optional<ObjectNode> find(Map<Long, ObjectNode> table, Predicate<ObjectNode> p) {
        return table.values().stream().filter(p).findFirst();
    }

    static Optional<ObjectNode> byName(List<ObjectNode> rows, String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return rows.stream().filter(r -> r.path(key).asText().trim().toLowerCase(Locale.ROOT).equals(v))
                .findFirst();
    }

    Optional<ObjectNode> defaultPriority() {
        return find(priorities, p -> p.path("defaultFlag").asBoolean());
    }

    Optional<ObjectNode> primarySite(long company) {
        return find(sites, s -> s.path("company").path("id").asLong() == company
                && s.path("primaryAddressFlag").asBoolean());
    }

    Optional<ObjectNode> defaultContact(long company) {
        ObjectNode c = companies.get(company);
        if (c == null || !c.path("defaultContact").has("id")) {
            return Optional.empty();
        }
        return Optional.ofNullable(contacts.get(c.path("defaultContact").path("id").asLong()));
    }

    /** The contact's default phone item and email item (value, extension). */
    static Optional<JsonNode> communication(ObjectNode contact, String type) {
        JsonNode items = contact.path("communicationItems");
        JsonNode first = null;
        for (JsonNode i : items) {
            if (i.path("communicationType").asText().equalsIgnoreCase(type)) {
                if (i.path("defaultFlag").asBoolean()) {
                    return Optional.of(i);
                }
                if (first == null) {
                    first = i;
                }
            }
        }
        return Optional.ofNullable(first);
    }
}
