package com.cwfn.sandbox.fieldnation;

import static org.assertj.core.api.Assertions.assertThat;
import com.cwfn.sandbox.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FnWorkOrderTest {
    static FieldNationSandbox fn;
    FnClient c;

    @BeforeAll
    static void start() {
        fn = FieldNationSandbox.withDefaults().start(0);
    }

    @AfterAll
    static void stop() {
        fn.close();
    }

    @BeforeEach
    void reset() {
        fn.reset();
        c = new FnClient(fn).login();
    }

    private long create(ObjectNode body) {
        FnClient.Resp r = c.post("/workorders", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("id").asLong();
    }

    private static String cfValue(JsonNode wo, long fieldId) {
        for (JsonNode group : wo.path("custom_fields").path("results")) {
            for (JsonNode f : group.path("results")) {
                if (f.path("id").asLong() == fieldId) {
                    return f.path("value").asText();
                }
            }
        }
        throw new AssertionError("custom field " + fieldId + " not in " + wo.path("custom_fields"));
    }

    @Test
    void createWithOnlyATitleGivesADraftWithSequentialIds() {
        ObjectNode b = Json.object().put("title", "Printer jam - Store 7");
        FnClient.Resp r = c.post("/workorders", b);
        assertThat(r.status()).isEqualTo(200);
        JsonNode wo = r.json();
        assertThat(wo.path("id").asLong()).isEqualTo(20001);
        assertThat(wo.path("work_order_id").asLong()).isEqualTo(20001);
        assertThat(wo.path("status").path("id").asInt()).isEqualTo(1);
        assertThat(wo.path("status").path("name").asText()).isEqualTo("Draft");
        assertThat(wo.path("status").has("display")).isTrue();
        assertThat(wo.path("status").has("code")).isTrue();
        assertThat(wo.path("status").has("sub_status")).isTrue();
        assertThat(wo.path("manager").path("id").asLong()).isEqualTo(500);
        assertThat(c.post("/workorders", Json.object().put("title", "second")).json().path("id").asLong())
                .isEqualTo(20002);

        FnClient.Resp missing = c.post("/workorders", Json.object().put("description", "no title"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("status").asInt()).isEqualTo(400);
        assertThat(missing.json().path("message").asText()).contains("title");
    }

    @Test
    void createAcceptsEveryDocumentedSectionAndGetReturnsTheFullWorkOrder() {
        ObjectNode b = FnClient.completeWorkOrder("Replace POS terminal - Store 114");
        ((ObjectNode) b.path("schedule").path("service_window").path("start")).put("utc", "2026-07-01T14:00:00Z");
        b.putObject("template").put("id", 1201);
        b.putObject("project").put("id", 55);
        b.put("require_ontime", true);
        b.put("incident_id", "INC-9");
        ArrayNode contacts = b.putObject("contacts").putArray("results");
        contacts.addObject().put("name", "Jo Site").put("role", "Location Contact").put("phone", "6125550100")
                .put("email", "jo@acme.example");
        long id = create(b);

        FnClient.Resp r = c.get("/workorders/" + id);
        assertThat(r.status()).isEqualTo(200);
        JsonNode wo = r.json();
        assertThat(wo.path("title").asText()).isEqualTo("Replace POS terminal - Store 114");
        assertThat(wo.path("types_of_work").get(0).path("id").asLong()).isEqualTo(62);
        assertThat(wo.path("types_of_work").get(0).path("name").asText()).isEqualTo("Point of Sale (POS)");
        assertThat(wo.path("types_of_work").get(0).path("isPrimary").asBoolean()).isTrue();
        assertThat(wo.path("description").path("html").asText()).isEqualTo("<p>Swap terminal</p>");
        assertThat(wo.path("location").path("mode").asText()).isEqualTo("custom");
        assertThat(wo.path("location").path("country").asText()).isEqualTo("US");
        assertThat(wo.path("location").path("type").path("name").asText()).isEqualTo("Commercial");
        JsonNode sw = wo.path("schedule").path("service_window");
        assertThat(sw.path("mode").asText()).isEqualTo("between");
        assertThat(sw.path("start").path("utc").asText()).isEqualTo("2026-07-01 14:00:00");
        assertThat(sw.path("start").path("local").path("date").asText()).isEqualTo("2026-07-01");
        assertThat(sw.path("start").path("local").path("time").asText()).isEqualTo("09:00:00");
        assertThat(sw.path("end").path("utc").asText()).isEqualTo("2026-07-01 18:00:00");
        assertThat(wo.path("schedule").path("require_ontime").asBoolean()).isTrue();
        assertThat(wo.path("pay").path("type").asText()).isEqualTo("fixed");
        assertThat(wo.path("pay").path("base").path("amount").asDouble()).isEqualTo(150.0);
        assertThat(wo.path("contacts").path("results").get(0).path("role").asText()).isEqualTo("Location Contact");
        assertThat(wo.path("contacts").path("results").get(0).path("id").asLong()).isPositive();
        assertThat(wo.path("template").path("id").asLong()).isEqualTo(1201);
        assertThat(wo.path("project").path("id").asLong()).isEqualTo(55);
        assertThat(wo.path("incident_id").asText()).isEqualTo("INC-9");
        JsonNode folders = wo.path("attachments").path("results");
        assertThat(folders).hasSize(2);
        assertThat(folders.get(0).path("name").asText()).isEqualTo("Documents");
        assertThat(folders.get(0).path("type").asText()).isEqualTo("document");
        assertThat(folders.get(1).path("name").asText()).isEqualTo("Misc");
        assertThat(folders.get(1).path("type").asText()).isEqualTo("slot");
        for (String key : List.of("assignee", "milestones", "closing_notes", "company", "manager", "custom_fields",
                "messages", "actions")) {
            assertThat(wo.has(key)).as(key).isTrue();
        }
        assertThat(wo.path("milestones").path("created").path("utc").asText()).isNotEmpty();
    }

    @Test
    void customFieldsAreAcceptedOnCreateInEveryShape() {
        ObjectNode results = Json.object().put("title", "results shape");
        results.putObject("custom_fields").putArray("results").addObject().put("id", 129).put("value", "CW-1001");
        ObjectNode array = Json.object().put("title", "array shape");
        array.putArray("custom_fields").addObject().put("id", 129).put("value", "CW-1002");
        ObjectNode single = Json.object().put("title", "single shape");
        single.putObject("custom_fields").put("id", 129).put("value", "CW-1003");
        ObjectNode grouped = Json.object().put("title", "grouped shape (as GET returns it)");
        grouped.putObject("custom_fields").putArray("results").addObject().put("id", 7)
                .putArray("results").addObject().put("id", 131).put("value", 4711);

        assertThat(cfValue(c.get("/workorders/" + create(results)).json(), 129)).isEqualTo("CW-1001");
        assertThat(cfValue(c.get("/workorders/" + create(array)).json(), 129)).isEqualTo("CW-1002");
        assertThat(cfValue(c.get("/workorders/" + create(single)).json(), 129)).isEqualTo("CW-1003");
        long g = create(grouped);
        JsonNode wo = c.get("/workorders/" + g).json();
        assertThat(cfValue(wo, 131)).isEqualTo("4711");
        JsonNode group = wo.path("custom_fields").path("results").get(0);
        assertThat(group.path("id").asLong()).isEqualTo(7);
        assertThat(group.path("name").asText()).isEqualTo("Buyer fields");
        assertThat(group.path("role").asText()).isEqualTo("buyer");
        JsonNode field = group.path("results").get(0);
        assertThat(field.path("name").asText()).isEqualTo("ConnectWise Ticket ID");
        assertThat(field.path("type").asText()).isEqualTo("text");
        assertThat(field.path("flags").toString()).contains("internal_id").contains("unique");

        ObjectNode unknown = Json.object().put("title", "unknown field");
        unknown.putObject("custom_fields").put("id", 999).put("value", "x");
        assertThat(c.post("/workorders", unknown).status()).isEqualTo(400);
    }

    @Test
    void customFieldEndpointsReadWriteAnd404OnUnknownField() {
        long id = create(Json.object().put("title", "cf endpoints"));
        FnClient.Resp put = c.put("/workorders/" + id + "/custom_fields/129", Json.object().put("value", "CW-77"));
        assertThat(put.status()).isEqualTo(200);
        assertThat(cfValue(put.json(), 129)).isEqualTo("CW-77");
        FnClient.Resp one = c.get("/workorders/" + id + "/custom_fields/129");
        assertThat(one.json().path("value").asText()).isEqualTo("CW-77");
        assertThat(c.get("/workorders/" + id + "/custom_fields").json().path("results").get(0).path("results"))
                .hasSize(3);
        assertThat(c.get("/workorders/" + id + "/custom_fields/999").status()).isEqualTo(404);
        assertThat(c.put("/workorders/" + id + "/custom_fields/999", Json.object().put("value", "x")).status())
                .isEqualTo(404);
        assertThat(fn.events()).extracting(FnEvent::name).contains(FnEvents.CUSTOM_FIELD_VALUE_UPDATED);

        JsonNode defs = c.get("/custom-fields").json();
        assertThat(defs.path("results").get(0).path("results")).extracting(n -> n.path("id").asLong())
                .containsExactly(129L, 130L, 131L);

        long other = create(Json.object().put("title", "duplicate ticket"));
        FnClient.Resp dup = c.put("/workorders/" + other + "/custom_fields/129", Json.object().put("value", "CW-77"));
        assertThat(dup.status()).isEqualTo(400);
        assertThat(dup.json().path("message").asText()).contains("unique");
    }

    @Test
    void validationOfContactRolesCountriesAndSchedules() {
        ObjectNode badRole = Json.object().put("title", "bad role");
        badRole.putObject("contacts").putArray("results").addObject().put("name", "X").put("role", "Site Manager");
        FnClient.Resp r = c.post("/workorders", badRole);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("message").asText()).contains("role");

        ObjectNode badCountry = FnClient.completeWorkOrder("bad country");
        ((ObjectNode) badCountry.get("location")).put("country", "USA");
        assertThat(c.post("/workorders", badCountry).status()).isEqualTo(400);

        ObjectNode noEnd = FnClient.completeWorkOrder("between without end");
        ((ObjectNode) noEnd.path("schedule").path("service_window")).remove("end");
        assertThat(c.post("/workorders", noEnd).status()).isEqualTo(400);

        ObjectNode badDate = FnClient.completeWorkOrder("bad date");
        ((ObjectNode) badDate.path("schedule").path("service_window").path("start")).put("utc", "07/01/2026 2pm");
        assertThat(c.post("/workorders", badDate).status()).isEqualTo(400);
        assertThat(fn.workOrders()).isEmpty();
    }

    @Test
    void putIsAPartialUpdateIncludingNestedSections() {
        long id = create(FnClient.completeWorkOrder("Original"));
        FnClient.Resp r = c.put("/workorders/" + id, Json.object().put("title", "Renamed"));
        assertThat(r.status()).isEqualTo(200);
        JsonNode wo = r.json();
        assertThat(wo.path("title").asText()).isEqualTo("Renamed");
        assertThat(wo.path("location").path("city").asText()).isEqualTo("Minneapolis");
        assertThat(wo.path("pay").path("base").path("amount").asDouble()).isEqualTo(150.0);

        ObjectNode nested = Json.object();
        nested.putObject("location").put("address2", "Suite 2");
        nested.putObject("schedule").putObject("service_window").put("mode", "exact").putObject("start")
                .put("utc", "2026-07-02 15:30:00");
        nested.putObject("custom_fields").putArray("results").addObject().put("id", 130).put("value", "Badge at desk");
        int eventsBefore = fn.events().size();
        JsonNode after = c.put("/workorders/" + id, nested).json();
        assertThat(after.path("location").path("address1").asText()).isEqualTo("100 Main St");
        assertThat(after.path("location").path("address2").asText()).isEqualTo("Suite 2");
        assertThat(after.path("schedule").path("service_window").path("mode").asText()).isEqualTo("exact");
        assertThat(after.path("schedule").path("service_window").path("start").path("utc").asText())
                .isEqualTo("2026-07-02 15:30:00");
        assertThat(after.path("schedule").path("service_window").has("end")).isFalse();
        assertThat(cfValue(after, 130)).isEqualTo("Badge at desk");
        assertThat(fn.events().subList(eventsBefore, fn.events().size())).extracting(FnEvent::name)
                .containsExactly(FnEvents.SCHEDULE_UPDATED, FnEvents.CUSTOM_FIELD_VALUE_UPDATED);
        assertThat(c.get("/workorders/" + id).json().path("title").asText()).isEqualTo("Renamed");
    }

    @Test
    void scheduleLocationAndPaySubResources() {
        long id = create(FnClient.completeWorkOrder("sub resources"));
        ObjectNode sched = Json.object().put("schedule_note", "Store closed 12-1").put("require_ontime", false);
        ObjectNode sw = sched.putObject("service_window").put("mode", "hours");
        // ServiceWindowDto: mode, start and end required; UtcDto: local (date, time) required, here in Minneapolis
        ObjectNode start = sw.putObject("start").put("utc", "2026-07-02 13:00:00");
        start.putObject("local").put("date", "2026-07-02").put("time", "08:00:00");
        ObjectNode end = sw.putObject("end").put("utc", "2026-07-03 22:00:00");
        end.putObject("local").put("date", "2026-07-03").put("time", "17:00:00");
        ObjectNode noEnd = sched.deepCopy();
        ((ObjectNode) noEnd.get("service_window")).remove("end");
        assertThat(c.put("/workorders/" + id + "/schedule", noEnd).json().path("message").asText())
                .contains("service_window.end");
        ObjectNode noLocal = sched.deepCopy();
        ((ObjectNode) noLocal.path("service_window").path("start")).remove("local");
        assertThat(c.put("/workorders/" + id + "/schedule", noLocal).json().path("message").asText())
                .contains("service_window.start.local");
        ObjectNode utcOnly = sched.deepCopy();
        ((ObjectNode) utcOnly.path("service_window").path("start").path("local")).put("time", "13:00:00");
        FnClient.Resp disagree = c.put("/workorders/" + id + "/schedule", utcOnly);
        assertThat(disagree.status()).isEqualTo(400);
        assertThat(disagree.json().path("message").asText()).contains("America/Chicago");
        FnClient.Resp s = c.put("/workorders/" + id + "/schedule", sched);
        assertThat(s.status()).isEqualTo(200);
        assertThat(s.json().path("service_window").path("mode").asText()).isEqualTo("hours");
        assertThat(s.json().path("schedule_note").asText()).isEqualTo("Store closed 12-1");
        FnEvent ev = fn.events().get(fn.events().size() - 1);
        assertThat(ev.name()).isEqualTo(FnEvents.SCHEDULE_UPDATED);
        assertThat(ev.params().path("service_window").path("end").path("utc").asText()).isEqualTo("2026-07-03 22:00:00");

        // WoLocationUpdateDto requires mode, address1, city, state, zip, country and saved_location (nullable)
        ObjectNode loc = Json.object().put("mode", "remote").put("address1", "").put("city", "").put("state", "")
                .put("zip", "").put("country", "");
        FnClient.Resp noSaved = c.put("/workorders/" + id + "/location", loc);
        assertThat(noSaved.status()).isEqualTo(400);
        assertThat(noSaved.json().path("message").asText()).contains("saved_location");
        loc.putNull("saved_location");
        assertThat(c.put("/workorders/" + id + "/location", loc).json().path("mode").asText()).isEqualTo("remote");
        assertThat(c.get("/workorders/" + id + "/location").json().has("address1")).isFalse();

        ObjectNode pay = Json.object().put("type", "hourly");
        pay.putObject("base").put("amount", 65).put("units", 3);
        JsonNode p = c.put("/workorders/" + id + "/pay", pay).json();
        assertThat(p.path("type").asText()).isEqualTo("hourly");
        assertThat(p.path("total").asDouble()).isEqualTo(195.0);
        assertThat(c.put("/workorders/" + id + "/pay", Json.object().put("type", "barter")).status()).isEqualTo(400);
    }

    @Test
    void listPaginatesAndFiltersByIdAndSearch() {
        for (int i = 1; i <= 5; i++) {
            ObjectNode b = Json.object().put("title", "Job " + i);
            b.putObject("custom_fields").put("id", 129).put("value", "PSA-TICKET-47" + i);
            create(b);
        }
        JsonNode page = c.get("/workorders?per_page=2&page=2").json();
        assertThat(page.path("metadata").path("total").asInt()).isEqualTo(5);
        assertThat(page.path("metadata").path("pages").asInt()).isEqualTo(3);
        assertThat(page.path("metadata").path("page").asInt()).isEqualTo(2);
        assertThat(page.path("metadata").path("per_page").asInt()).isEqualTo(2);
        assertThat(page.path("results")).hasSize(2);
        assertThat(c.get("/workorders").json().path("metadata").path("per_page").asInt()).isEqualTo(25);
        assertThat(c.get("/workorders?per_page=500").json().path("metadata").path("per_page").asInt()).isEqualTo(100);

        JsonNode byId = c.get("/workorders?f_work_order_id=20002,20004&list=workorders_all&sticky=false").json();
        assertThat(byId.path("results")).extracting(n -> n.path("id").asLong()).containsExactlyInAnyOrder(20002L, 20004L);

        // the spec's keyword search names title, description, location, type of work, buyer, provider: not the
        // values of custom fields
        assertThat(c.get("/workorders?f_search=psa-ticket-473&sticky=false").json().path("results")).isEmpty();
        assertThat(c.get("/workorders?f_search=Job%204").json().path("results")).hasSize(1);
        assertThat(c.get("/workorders?f_search=MSP%20Dispatch").json().path("results")).as("the buyer").hasSize(5);
        assertThat(c.get("/workorders?f_search=nothing-like-this").json().path("results")).isEmpty();
    }

    @Test
    void fCreatedTakesWholeDaysInTheWorkOrdersLocalTime() {
        // created now; a site in Hawaii (UTC-10) has a local date that can be the day before the UTC date
        ObjectNode b = Json.object().put("title", "Honolulu job").put("incident_id", "4711");
        b.putObject("location").put("mode", "custom").put("address1", "1 Beach Rd").put("city", "Honolulu")
                .put("state", "HI").put("zip", "96815").put("country", "US");
        long id = create(b);
        java.time.LocalDate local = java.time.LocalDate.now(java.time.ZoneId.of("Pacific/Honolulu"));
        assertThat(ids("/workorders?f_created=" + local)).contains(id);
        assertThat(ids("/workorders?f_created=" + local.minusDays(3) + "," + local)).contains(id);
        assertThat(ids("/workorders?f_created=" + local.plusDays(1) + "," + local.plusDays(2))).doesNotContain(id);
        assertThat(ids("/workorders?f_created=" + local.minusDays(2))).doesNotContain(id);
        assertThat(c.get("/workorders/" + id).json().path("incident_id").asText()).isEqualTo("4711");
        assertThat(c.get("/workorders?f_created=yesterday").status()).isEqualTo(400);
        assertThat(c.post("/workorders", Json.object().put("title", "x").put("incident_id", 4711)).status())
                .as("incident_id is a string").isEqualTo(400);
    }

    private List<Long> ids(String path) {
        List<Long> out = new java.util.ArrayList<>();
        c.get(path).json().path("results").forEach(w -> out.add(w.path("id").asLong()));
        return out;
    }

    @Test
    void publishIsRefusedUntilTheWorkOrderIsComplete() {
        long id = create(Json.object().put("title", "incomplete"));
        FnClient.Resp refused = c.post("/workorders/" + id + "/publish", null);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("message").asText()).contains("type of work").contains("schedule")
                .contains("pay").contains("location");
        assertThat(c.get("/workorders/" + id).json().path("status").path("id").asInt()).isEqualTo(1);

        ObjectNode fill = FnClient.completeWorkOrder("now complete");
        assertThat(c.put("/workorders/" + id, fill).status()).isEqualTo(200);
        FnClient.Resp ok = c.post("/workorders/" + id + "/publish", null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("status").path("id").asInt()).isEqualTo(2);
        assertThat(ok.json().path("status").path("name").asText()).isEqualTo("Published");
        assertThat(fn.events()).extracting(FnEvent::name).contains(FnEvents.STATUS_PUBLISHED);

        assertThat(c.delete("/workorders/" + id + "/publish").json().path("status").path("id").asInt()).isEqualTo(1);

        fn.requireCompleteForPublish(false);
        long bare = create(Json.object().put("title", "bare"));
        assertThat(c.post("/workorders/" + bare + "/publish", null).status()).isEqualTo(200);
    }

    @Test
    void lifecyclePublishRouteAssignWorkDoneApproveWithStatusEvents() {
        long id = create(FnClient.completeWorkOrder("lifecycle"));
        assertThat(c.post("/workorders/" + id + "/approve", null).json().path("message").asText())
                .contains("Invalid Status");
        assertThat(c.post("/workorders/" + id + "/publish", null).status()).isEqualTo(200);
        FnClient.Resp routed = c.post("/workorders/" + id + "/route",
                Json.object().set("technician", Json.object().put("id", 1068)));
        assertThat(routed.json().path("status").path("id").asInt()).isEqualTo(9);
        FnClient.Resp assigned = c.post("/workorders/" + id + "/assignee",
                Json.object().set("user", Json.object().put("id", 1068)));
        assertThat(assigned.status()).isEqualTo(200);
        assertThat(assigned.json().path("status").path("id").asInt()).isEqualTo(3);
        assertThat(assigned.json().path("assignee").path("user").path("id").asLong()).isEqualTo(1068);
        assertThat(c.post("/workorders/" + id + "/assignee",
                Json.object().set("user", Json.object().put("id", 1069))).status()).isEqualTo(400);

        assertThat(c.post("/workorders/" + id + "/complete", null).json().path("status").path("id").asInt())
                .isEqualTo(4);
        assertThat(c.delete("/workorders/" + id + "/complete").status()).isEqualTo(400); // reason + reason_id required
        assertThat(c.delete("/workorders/" + id + "/complete?reason=Missing%20photos&reason_id=2").json()
                .path("status").path("id").asInt()).isEqualTo(3);
        fn.completeWork(id, "Replaced terminal, tested card reader");
        FnClient.Resp approved = c.post("/workorders/" + id + "/approve", null);
        assertThat(approved.json().path("status").path("id").asInt()).isEqualTo(5);
        assertThat(approved.json().path("closing_notes").asText()).isEqualTo("Replaced terminal, tested card reader");
        assertThat(approved.json().path("milestones").path("approved").path("utc").asText()).isNotEmpty();

        List<String> names = new ArrayList<>();
        fn.events().forEach(e -> names.add(e.name()));
        assertThat(names).containsExactly(FnEvents.CREATED, FnEvents.STATUS_PUBLISHED, FnEvents.ROUTED,
                FnEvents.STATUS_ROUTED, FnEvents.STATUS_ASSIGNED, FnEvents.STATUS_WORK_DONE, FnEvents.STATUS_ASSIGNED,
                FnEvents.STATUS_WORK_DONE, FnEvents.STATUS_APPROVED);
        FnEvent done = fn.events().get(5);
        assertThat(done.params().path("status_id").asInt()).isEqualTo(4);
        assertThat(done.params().path("previous_status_id").asInt()).isEqualTo(3);
        assertThat(fn.events().get(7).actorId()).isEqualTo(1068);
        assertThat(fn.events().get(8).actorId()).isEqualTo(500);
    }

    @Test
    void cancelDeletesADraftAndCancelsAPublishedWorkOrder() {
        long draft = create(Json.object().put("title", "draft to delete"));
        assertThat(c.delete("/workorders/" + draft + "?cancel_reason=Duplicate").status()).isEqualTo(200);
        FnClient.Resp gone = c.get("/workorders/" + draft);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().path("status_code").asInt()).isEqualTo(404);
        assertThat(gone.json().path("message").asText()).isEqualTo("Work order not found");
        assertThat(fn.events().get(fn.events().size() - 1).name()).isEqualTo(FnEvents.STATUS_DELETED);

        long live = create(FnClient.completeWorkOrder("to cancel"));
        c.post("/workorders/" + live + "/publish", null);
        FnClient.Resp noReason = c.delete("/workorders/" + live);
        assertThat(noReason.status()).as("cancel_reason is required").isEqualTo(400);
        assertThat(noReason.json().path("message").asText()).contains("cancel_reason");
        assertThat(c.get("/workorders/" + live).json().path("status").path("id").asInt()).as("still published")
                .isEqualTo(2);
        FnClient.Resp cancelled = c.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                fn.restBaseUrl() + "/workorders/" + live + "?access_token=" + c.token))
                .header("Content-Type", "application/json")
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"cancel_reason\":58,\"notes\":\"customer cancelled\"}")).build());
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().path("status").path("id").asInt()).isEqualTo(7);
        FnEvent ev = fn.events().get(fn.events().size() - 1);
        assertThat(ev.name()).isEqualTo(FnEvents.STATUS_CANCELLED);
        assertThat(ev.params().path("cancel_reason").asInt()).isEqualTo(58);
        assertThat(c.delete("/workorders/" + live).status()).isEqualTo(400);
        assertThat(c.get("/workorders/99999").status()).isEqualTo(404);
        assertThat(c.get("/workorders/abc").json().path("message").asText()).isEqualTo("Work order not found");
    }

    @Test
    void lookupsAndContacts() {
        JsonNode tow = c.get("/types-of-work").json();
        assertThat(tow.path("results")).extracting(n -> n.path("id").asLong()).contains(62L, 1L, 14L, 33L);
        assertThat(c.get("/types-of-work/33/service-types").json().path("results")).isEmpty();

        long id = create(Json.object().put("title", "contacts"));
        ObjectNode contact = Json.object().put("name", "Jo Site").put("role", "Location Contact").put("phone", "1");
        JsonNode wo = c.post("/workorders/" + id + "/contacts", contact).json();
        long contactId = wo.path("contacts").path("results").get(0).path("id").asLong();
        assertThat(c.put("/workorders/" + id + "/contacts/" + contactId, Json.object().put("phone", "2")).json()
                .path("contacts").path("results").get(0).path("phone").asText()).isEqualTo("2");
        assertThat(c.get("/workorders/" + id + "/contacts").json().path("results")).hasSize(1);
        assertThat(c.delete("/workorders/" + id + "/contacts/" + contactId).json().path("contacts").path("results"))
                .isEmpty();
    }

    @Test
    void concurrentCreatesGetUniqueIds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                int n = i;
                futures.add(pool.submit(() -> create(Json.object().put("title", "parallel " + n))));
            }
            Set<Long> ids = new HashSet<>();
            for (Future<Long> f : futures) {
                ids.add(f.get());
            }
            assertThat(ids).hasSize(64);
            assertThat(fn.workOrders()).hasSize(64);
        } finally {
            pool.shutdownNow();
        }
    }
}
