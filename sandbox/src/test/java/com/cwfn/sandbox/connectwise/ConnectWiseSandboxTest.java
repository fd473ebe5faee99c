package com.cwfn.sandbox.connectwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.Fault;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ConnectWise sandbox over real HTTP: auth, errors, tickets, notes, documents, schedule, paging, faults. */
class ConnectWiseSandboxTest {
    static ConnectWiseSandbox cw;
    CwClient client;

    @BeforeAll
    static void start() {
        cw = ConnectWiseSandbox.withDefaults().start(0);
    }

    @AfterAll
    static void stop() {
        cw.close();
    }

    @BeforeEach
    void reset() {
        cw.reset();
        cw.seedDemo();
        client = new CwClient(cw);
    }

    static ArrayNode ops(String... opPathValueJson) {
        ArrayNode a = Json.array();
        for (int i = 0; i < opPathValueJson.length; i += 3) {
            ObjectNode o = a.addObject();
            o.put("op", opPathValueJson[i]);
            o.put("path", opPathValueJson[i + 1]);
            try {
                o.set("value", Json.MAPPER.readTree(opPathValueJson[i + 2]));
            } catch (Exception e) {
                throw new IllegalArgumentException(e);
            }
        }
        return a;
    }

    static JsonNode json(String s) {
        try {
            return Json.MAPPER.readTree(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    // ------------------------------------------------------------------ auth and errors

    @Test
    void wrongKeysGive401InConnectWiseShapeWithoutEchoingTheKey() {
        CwClient.Res r = client.withKeys("examplemsp", "sandboxpub", "wrongsecret").get("/service/tickets/100");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("code").asText()).isEqualTo("Unauthorized");
        assertThat(r.json().has("message")).isTrue();
        assertThat(r.json().get("errors").isNull()).isTrue();
        assertThat(r.body()).doesNotContain("wrongsecret").doesNotContain("sandboxpriv");

        assertThat(new CwClient(cw).withKeys("othercompany", "sandboxpub", "sandboxpriv")
                .get("/service/tickets/100").status()).isEqualTo(401);
        CwClient.Res none = client.send(client.req("/service/tickets/100").header("Authorization", "Bearer x")
                .GET());
        assertThat(none.status()).isEqualTo(401);
    }

    @Test
    void missingOrWrongClientIdGives400NamingClientId() {
        CwClient.Res r = client.withClientId(null).get("/service/tickets/100");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("InvalidClientId");
        assertThat(r.json().get("message").asText()).contains("clientId");

        CwClient.Res wrong = new CwClient(cw).withClientId("11111111-2222-3333-4444-555555555555")
                .get("/service/tickets/100");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("code").asText()).isEqualTo("InvalidClientId");

        // the header name is case-insensitive
        CwClient.Res upper = client.withClientId(null).send(client.req("/service/tickets/100")
                .header("ClientID", cw.clientId()).GET());
        assertThat(upper.status()).isEqualTo(200);
    }

    @Test
    void wrongCodebaseAndUnknownPathGive404EndpointDoesNotExist() {
        CwClient.Res r = client.get(cw.baseUrl() + "/v2099_9/apis/3.0/service/tickets/100");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("code").asText()).isEqualTo("ConnectWiseApi");
        assertThat(r.json().get("message").asText()).isEqualTo("The endpoint does not exist.");

        CwClient.Res unknown = client.get("/service/nothinghere");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("message").asText()).isEqualTo("The endpoint does not exist.");
    }

    @Test
    void missingRecordGives404NotFoundNamingTheEntity() {
        CwClient.Res r = client.get("/service/tickets/123");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("code").asText()).isEqualTo("NotFound");
        assertThat(r.json().get("message").asText()).isEqualTo("Ticket 123 not found");
        assertThat(client.get("/company/contacts/57919").json().get("message").asText())
                .isEqualTo("Contact 57919 not found");
    }

    @Test
    void deniedPermissionGives403Security() {
        cw.deny(ConnectWisePermissions.SERVICE_TICKETS_INQUIRE);
        CwClient.Res r = client.get("/service/tickets/100");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("code").asText()).isEqualTo("Security");
        assertThat(r.json().get("message").asText())
                .isEqualTo("You do not have security permission to perform this action.");
        assertThat(client.get("/system/info").status()).isEqualTo(200);
        assertThat(client.get("/service/tickets/100/notes").status()).isEqualTo(403);
        // other permissions are untouched
        assertThat(client.post("/service/tickets", json("{\"summary\":\"x\",\"company\":{\"id\":2}}")).status())
                .isEqualTo(201);

        cw.deny(ConnectWisePermissions.CALLBACKS_ADD);
        assertThat(client.post("/system/callbacks", json("{}")).status()).isEqualTo(403);
        cw.allowAll();
        assertThat(client.get("/service/tickets/100").status()).isEqualTo(200);

        assertThat(ConnectWisePermissions.SERVICE_TICKETS_EDIT).isEqualTo("Service Desk › Service Tickets › Edit");
        assertThat(ConnectWisePermissions.required("PATCH", "/service/tickets/5"))
                .contains(ConnectWisePermissions.SERVICE_TICKETS_EDIT);
        assertThat(ConnectWisePermissions.required("GET", "/system/info")).isEmpty();
        assertThatThrownBy(() -> cw.deny("Service Desk > Tickets")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void companyInfoNeedsNoAuthAndSystemInfoAnswers() {
        CwClient anonymous = new CwClient(cw).withKeys("x", "y", "z").withClientId(null);
        CwClient.Res info = anonymous.get(cw.baseUrl() + "/login/companyinfo/examplemsp");
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.json().get("Codebase").asText()).isEqualTo("v4_6_release/");
        assertThat(info.json().get("CompanyID").asText()).isEqualTo("examplemsp");
        assertThat(info.json().get("IsCloud").asBoolean()).isTrue();
        assertThat(info.json().has("CompanyName")).isTrue();
        assertThat(info.json().has("VersionCode")).isTrue();
        assertThat(info.json().has("VersionNumber")).isTrue();
        assertThat(anonymous.get(cw.baseUrl() + "/login/companyinfo/nobody").status()).isEqualTo(404);

        CwClient.Res sys = client.get("/system/info");
        assertThat(sys.json().get("version").asText()).startsWith("v2025.1.");
        assertThat(sys.json().get("isCloud").asBoolean()).isTrue();
        assertThat(sys.json().get("serverTimeZone").asText()).isEqualTo("Eastern Standard Time");
    }

    // ------------------------------------------------------------------ tickets

    @Test
    void demoTicketLooksLikeConnectWise() {
        CwClient.Res r = client.get("/service/tickets/100");
        assertThat(r.status()).isEqualTo(200);
        JsonNode t = r.json();
        assertThat(t.get("summary").asText()).isEqualTo("POS terminal offline at Store 114");
        assertThat(t.get("recordType").asText()).isEqualTo("ServiceTicket");
        assertThat(t.at("/board/name").asText()).isEqualTo("Field Services");
        assertThat(t.at("/board/_info/board_href").asText()).isEqualTo(cw.apiBaseUrl() + "/service/boards/1");
        assertThat(t.at("/status/name").asText()).isEqualTo("New");
        assertThat(t.at("/company/identifier").asText()).isEqualTo("ACME");
        assertThat(t.at("/site/id").asLong()).isEqualTo(28);
        assertThat(t.get("addressLine1").asText()).isEqualTo("1 Main St");
        assertThat(t.get("addressLine2").asText()).isEqualTo("Floor 8");
        assertThat(t.get("city").asText()).isEqualTo("Tampa");
        assertThat(t.get("stateIdentifier").asText()).isEqualTo("FL");
        assertThat(t.get("zip").asText()).isEqualTo("33602");
        assertThat(t.at("/country/identifier").asText()).isEqualTo("US");
        assertThat(t.get("contactName").asText()).isEqualTo("Jane Doe");
        assertThat(t.get("contactPhoneNumber").asText()).isEqualTo("8135550100");
        assertThat(t.get("contactEmailAddress").asText()).isEqualTo("jane@acme.example");
        assertThat(t.at("/type/name").asText()).isEqualTo("Hardware");
        assertThat(t.has("initialDescription")).isFalse();
        assertThat(t.get("customFields")).hasSize(3);
        assertThat(t.at("/customFields/1/caption").asText()).isEqualTo("Ext Ref");
        assertThat(t.at("/customFields/1/value").asText()).isEqualTo("ACME-114-0042");
        assertThat(t.at("/customFields/0/value").isNull()).isTrue();
        assertThat(t.at("/_info/lastUpdated").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(t.at("/_info/notes_href").asText()).isEqualTo(cw.apiBaseUrl() + "/service/tickets/100/notes");

        JsonNode notes = client.get("/service/tickets/100/notes").json();
        assertThat(notes).hasSize(1);
        assertThat(notes.get(0).get("detailDescriptionFlag").asBoolean()).isTrue();

        JsonNode site = client.get("/company/companies/2/sites/28").json();
        assertThat(site.at("/stateReference/identifier").asText()).isEqualTo("FL");
        assertThat(site.at("/country/name").asText()).isEqualTo("United States");
        JsonNode contact = client.get("/company/contacts/2").json();
        assertThat(contact.at("/communicationItems/0/communicationType").asText()).isEqualTo("Phone");
        assertThat(contact.at("/communicationItems/0/extension").asText()).isEqualTo("401");
        assertThat(contact.at("/communicationItems/1/value").asText()).isEqualTo("jane@acme.example");
        JsonNode statuses = client.get("/service/boards/1/statuses").json();
        assertThat(statuses).extracting(s -> s.get("name").asText()).containsExactly("New", "Dispatch to FN",
                "Assigned", "In Progress", "Completed", "Closed", "Cancelled");
        assertThat(statuses.get(5).get("closedStatus").asBoolean()).isTrue();
        assertThat(statuses.get(0).get("defaultFlag").asBoolean()).isTrue();
        assertThat(statuses.get(0).has("inactive")).isTrue();
        assertThat(client.get("/service/boards/3").json().get("projectFlag").asBoolean()).isTrue();
        assertThat(client.get("/service/priorities/4").json().get("name").asText())
                .isEqualTo("Priority 3 - Normal Response");
        assertThat(client.get("/schedule/types/4").json().get("identifier").asText()).isEqualTo("S");
        assertThat(client.get("/schedule/statuses/2").json().get("name").asText()).isEqualTo("Firm");
    }

    @Test
    void createTicketWithDefaultsInitialNotesAndCustomFields() {
        ObjectNode body = (ObjectNode) json("""
                {"summary":"Printer offline","company":{"identifier":"acme"},"board":{"name":"Help Desk"},
                 "initialDescription":"The 3rd-floor printer is offline.","initialInternalAnalysis":"Check port 12.",
                 "customFields":[{"id":1,"value":"5"},{"id":9,"value":"Badge at desk"}]}""");
        CwClient.Res r = client.post("/service/tickets", body);
        assertThat(r.status()).isEqualTo(201);
        JsonNode t = r.json();
        long id = t.get("id").asLong();
        assertThat(id).isGreaterThan(100);
        assertThat(t.at("/board/id").asLong()).isEqualTo(2);
        assertThat(t.at("/status/name").asText()).isEqualTo("New");
        assertThat(t.at("/status/id").asLong()).isEqualTo(11);
        assertThat(t.at("/company/id").asLong()).isEqualTo(2);
        assertThat(t.at("/_info/enteredBy").asText()).isEqualTo("apimember");
        assertThat(t.at("/customFields/0/value").asInt()).isEqualTo(5);
        assertThat(t.at("/customFields/0/type").asText()).isEqualTo("Number");
        assertThat(t.at("/customFields/2/value").asText()).isEqualTo("Badge at desk");
        assertThat(t.has("initialDescription")).isFalse();

        JsonNode notes = client.get("/service/tickets/" + id + "/notes").json();
        assertThat(notes).hasSize(2);
        assertThat(notes.get(0).get("text").asText()).isEqualTo("The 3rd-floor printer is offline.");
        assertThat(notes.get(0).get("detailDescriptionFlag").asBoolean()).isTrue();
        assertThat(notes.get(1).get("internalAnalysisFlag").asBoolean()).isTrue();
        assertThat(notes.get(1).at("/member/identifier").asText()).isEqualTo("apimember");
        assertThat(client.get("/service/tickets/" + id).json().has("initialInternalAnalysis")).isFalse();

        // no board: the first service board and its default status
        JsonNode d = client.post("/service/tickets", json("{\"summary\":\"x\",\"company\":{\"id\":2}}")).json();
        assertThat(d.at("/board/name").asText()).isEqualTo("Field Services");
        assertThat(d.at("/status/name").asText()).isEqualTo("New");
    }

    @Test
    void createTicketValidation() {
        CwClient.Res missing = client.post("/service/tickets", json("{\"board\":{\"id\":1}}"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("code").asText()).isEqualTo("InvalidObject");
        assertThat(missing.json().get("errors")).extracting(e -> e.get("code").asText() + ":" + e.get("field")
                .asText()).contains("MissingRequiredField:summary", "MissingRequiredField:company");

        CwClient.Res tooLong = client.post("/service/tickets", json("{\"summary\":\"" + "x".repeat(101)
                + "\",\"company\":{\"id\":2}}"));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().at("/errors/0/code").asText()).isEqualTo("MaxLengthField");
        assertThat(tooLong.json().at("/errors/0/message").asText())
                .isEqualTo("The field summary must be a string with a maximum length of 100.");

        CwClient.Res badStatus = client.post("/service/tickets", json(
                "{\"summary\":\"x\",\"company\":{\"id\":2},\"board\":{\"id\":2},\"status\":{\"name\":\"Assigned\"}}"));
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().at("/errors/0/message").asText())
                .isEqualTo("Service Status Assigned not found for Service Board 2");

        CwClient.Res unknownMember = client.post("/service/tickets", json(
                "{\"summary\":\"x\",\"company\":{\"id\":2},\"enteredBy\":\"me\"}"));
        assertThat(unknownMember.status()).isEqualTo(400);
        assertThat(unknownMember.json().get("message").asText()).contains("enteredBy");
        assertThat(cw.tickets()).hasSize(1);
    }

    @Test
    void statusNotOnTheBoardGives400InvalidObjectExactlyLikeConnectWise() {
        CwClient.Res byId = client.patch("/service/tickets/100", ops("replace", "status/id", "11"));
        assertThat(byId.status()).isEqualTo(400);
        assertThat(byId.json()).isEqualTo(json("""
                {"code":"InvalidObject","message":"ticket object is invalid","errors":[{"code":"NotFound",
                 "message":"Service Status 11 not found for Service Board 1","resource":"ticket","field":"status/id"}]}
                """));

        CwClient.Res byName = client.patch("/service/tickets/100", ops("replace", "/status/name", "\"Escalated\""));
        assertThat(byName.status()).isEqualTo(400);
        assertThat(byName.json().at("/errors/0/code").asText()).isEqualTo("NotFound");
        assertThat(byName.json().at("/errors/0/message").asText())
                .isEqualTo("Service Status Escalated not found for Service Board 1");
        assertThat(byName.json().at("/errors/0/field").asText()).isEqualTo("status/name");

        CwClient.Res byObject = client.patch("/service/tickets/100", ops("replace", "status", "{\"id\":14}"));
        assertThat(byObject.status()).isEqualTo(400);
        assertThat(byObject.json().at("/errors/0/message").asText())
                .isEqualTo("Service Status 14 not found for Service Board 1");
        assertThat(byObject.json().at("/errors/0/field").asText()).isEqualTo("status/id");

        assertThat(cw.ticket(100).orElseThrow().at("/status/name").asText()).isEqualTo("New");
    }

    @Test
    void validStatusChangeWorksAndLastUpdatedMoves() {
        String before = client.get("/service/tickets/100").json().at("/_info/lastUpdated").asText();
        CwClient.Res r = client.patch("/service/tickets/100", ops("replace", "status", "{\"name\":\"dispatch to fn\"}"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/status/id").asLong()).isEqualTo(2);
        assertThat(r.json().at("/status/name").asText()).isEqualTo("Dispatch to FN");
        String after = r.json().at("/_info/lastUpdated").asText();
        assertThat(Instant.parse(after)).isAfter(Instant.parse(before));
        assertThat(r.json().at("/_info/updatedBy").asText()).isEqualTo("apimember");

        JsonNode closed = client.patch("/service/tickets/100", ops("replace", "status/id", "6")).json();
        assertThat(closed.get("closedFlag").asBoolean()).isTrue();
        assertThat(closed.get("closedBy").asText()).isEqualTo("apimember");

        // board and status move together in one PATCH
        JsonNode moved = client.patch("/service/tickets/100", ops("replace", "board/id", "2",
                "replace", "status/name", "\"Dispatch to FN\"")).json();
        assertThat(moved.at("/board/name").asText()).isEqualTo("Help Desk");
        assertThat(moved.at("/status/id").asLong()).isEqualTo(12);
        assertThat(moved.get("closedFlag").asBoolean()).isFalse();

        cw.setStatus(100, "In Progress");
        JsonNode byUi = cw.ticket(100).orElseThrow();
        assertThat(byUi.at("/status/id").asLong()).isEqualTo(13);
        assertThat(byUi.at("/_info/updatedBy").asText()).isEqualTo("jsmith");
        assertThatThrownBy(() -> cw.setStatus(100, "Assigned")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not found for Service Board 2");
    }

    @Test
    void patchCustomFieldsScalarsAndBadBodies() {
        CwClient.Res r = client.patch("/service/tickets/100", ops(
                "replace", "customFields", "[{\"id\":1,\"caption\":\"Story Points\",\"type\":\"Number\","
                        + "\"entryMethod\":\"EntryField\",\"numberOfDecimals\":0,\"value\":8},"
                        + "{\"id\":9,\"value\":\"Ring the bell\"}]",
                "replace", "/summary", "\"POS terminal dead at Store 114\""));
        assertThat(r.status()).isEqualTo(200);
        JsonNode t = client.get("/service/tickets/100").json();
        assertThat(t.get("summary").asText()).isEqualTo("POS terminal dead at Store 114");
        assertThat(t.at("/customFields/0/value").asInt()).isEqualTo(8);
        assertThat(t.at("/customFields/1/value").asText()).isEqualTo("ACME-114-0042"); // not sent: kept
        assertThat(t.at("/customFields/2/value").asText()).isEqualTo("Ring the bell");
        assertThat(t.at("/customFields/2/caption").asText()).isEqualTo("Site Access");

        assertThat(client.patch("/service/tickets/100", ops("replace", "customFields", "[{\"id\":99,\"value\":1}]"))
                .status()).isEqualTo(400);
        assertThat(client.patch("/service/tickets/100", ops("replace", "customFields",
                "\"[{\\\"id\\\":1,\\\"value\\\":1}]\"")).status()).isEqualTo(400);
        assertThat(client.patch("/service/tickets/100", ops("replace", "customFields", "[{\"id\":1,\"value\":\"lots\"}]"))
                .status()).isEqualTo(400);
        CwClient.Res notArray = client.patch("/service/tickets/100", json("{\"op\":\"replace\",\"path\":\"summary\","
                + "\"value\":\"x\"}"));
        assertThat(notArray.status()).isEqualTo(400);
        assertThat(client.patch("/service/tickets/100", ops("replace", "Source", "\"x\"")).status())
                .isEqualTo(400);
        assertThat(client.patch("/service/tickets/100", ops("replace", "summary", "\"" + "y".repeat(101) + "\""))
                .json().at("/errors/0/code").asText()).isEqualTo("MaxLengthField");
        assertThat(client.patch("/service/tickets/100", "not json").status()).isEqualTo(400);
        assertThat(client.patch("/service/tickets/100", ops("remove", "item", "null")).json().get("item").isNull())
                .isTrue();
        assertThat(client.patch("/service/tickets/999", ops("replace", "summary", "\"x\"")).status())
                .isEqualTo(404);
    }

    @Test
    void newCustomFieldDefinitionsShowOnEveryTicket() {
        cw.defineCustomField(12, "FN Work Order", "Number");
        JsonNode fields = client.get("/service/tickets/100").json().get("customFields");
        assertThat(fields).extracting(f -> f.get("id").asLong()).containsExactly(1L, 7L, 9L, 12L);
        assertThat(fields.get(3).get("value").isNull()).isTrue();
        assertThat(client.patch("/service/tickets/100", ops("replace", "customFields", "[{\"id\":12,\"value\":4711}]"))
                .json().at("/customFields/3/value").asLong()).isEqualTo(4711);
    }

    @Test
    void putReplacesAndDeleteRemoves() {
        JsonNode put = client.put("/service/tickets/100", json(
                "{\"summary\":\"Replaced\",\"company\":{\"id\":2},\"board\":{\"id\":1},\"status\":{\"id\":3}}")).json();
        assertThat(put.get("summary").asText()).isEqualTo("Replaced");
        assertThat(put.at("/status/name").asText()).isEqualTo("Assigned");
        assertThat(put.at("/customFields/1/value").isNull()).isTrue();
        assertThat(put.at("/_info/enteredBy").asText()).isEqualTo("jsmith");

        assertThat(client.delete("/service/tickets/100").status()).isEqualTo(204);
        assertThat(client.get("/service/tickets/100").status()).isEqualTo(404);
        assertThat(cw.notes(100)).isEmpty();
        assertThat(cw.scheduleEntries(100)).isEmpty();
        assertThat(client.delete("/service/tickets/100").status()).isEqualTo(404);
    }

    @Test
    void projectTicketsShareTheIdSpaceAndLiveOnProjectBoards() {
        CwClient.Res r = client.post("/project/tickets", json(
                "{\"summary\":\"Install POS lane 4\",\"company\":{\"id\":2},\"project\":{\"id\":12}}"));
        assertThat(r.status()).isEqualTo(201);
        JsonNode t = r.json();
        assertThat(t.get("recordType").asText()).isEqualTo("ProjectTicket");
        assertThat(t.at("/board/name").asText()).isEqualTo("Projects");
        assertThat(t.at("/project/id").asLong()).isEqualTo(12);
        long pid = t.get("id").asLong();
        JsonNode s = client.post("/service/tickets", json("{\"summary\":\"x\",\"company\":{\"id\":2}}")).json();
        assertThat(s.get("id").asLong()).isNotEqualTo(pid);
        assertThat(client.get("/service/tickets/" + pid).status()).isEqualTo(404);
        assertThat(client.get("/project/tickets/" + pid).status()).isEqualTo(200);
        assertThat(client.get("/project/tickets").json()).hasSize(1);
        assertThat(client.patch("/project/tickets/" + pid, ops("replace", "status/name", "\"Dispatch to FN\""))
                .json().at("/status/id").asLong()).isEqualTo(22);
        assertThat(client.post("/project/tickets/" + pid + "/notes", json(
                "{\"text\":\"hi\",\"internalAnalysisFlag\":true}")).status()).isEqualTo(201);
        assertThat(client.post("/project/tickets", json("{\"summary\":\"x\",\"company\":{\"id\":2},"
                + "\"project\":{\"id\":12},\"board\":{\"id\":1}}")).status()).isEqualTo(400);
    }

    // ------------------------------------------------------------------ notes

    @Test
    void notes() {
        CwClient.Res noFlag = client.post("/service/tickets/100/notes", json("{\"text\":\"hello\"}"));
        assertThat(noFlag.status()).isEqualTo(400);
        assertThat(noFlag.json().get("code").asText()).isEqualTo("InvalidObject");

        CwClient.Res r = client.post("/service/tickets/100/notes", json(
                "{\"text\":\"Tech on the way\",\"internalAnalysisFlag\":true,\"detailDescriptionFlag\":false}"));
        assertThat(r.status()).isEqualTo(201);
        JsonNode n = r.json();
        assertThat(n.get("ticketId").asLong()).isEqualTo(100);
        assertThat(n.at("/member/identifier").asText()).isEqualTo("apimember");
        assertThat(n.get("internalAnalysisFlag").asBoolean()).isTrue();
        assertThat(n.get("dateCreated").asText()).endsWith("Z");
        cw.addNote(100, "Customer called again", false);

        JsonNode list = client.get("/service/tickets/100/notes").json();
        assertThat(list).extracting(x -> x.get("text").asText()).containsExactly(
                cw.notes(100).get(0).get("text").asText(), "Tech on the way", "Customer called again");
        assertThat(list.get(2).at("/member/identifier").asText()).isEqualTo("jsmith");
        assertThat(client.get("/service/tickets/100/notes?conditions=" + CwClient.q("internalAnalysisFlag=true"))
                .json()).hasSize(1);
        assertThat(client.get("/service/tickets/100/notes/" + n.get("id").asLong()).json().get("text").asText())
                .isEqualTo("Tech on the way");
        JsonNode all = client.get("/service/tickets/100/allNotes").json();
        assertThat(all).hasSize(3);
        assertThat(all.get(0).get("noteType").asText()).isEqualTo("TicketNote");
        assertThat(all.get(0).at("/ticket/id").asLong()).isEqualTo(100);
        assertThat(client.get("/service/tickets/100/allnotes").status()).isEqualTo(200); // paths are case-insensitive
        assertThat(client.get("/service/tickets/100/notes/count").json().get("count").asInt()).isEqualTo(3);
        assertThat(client.post("/service/tickets/999/notes", json("{\"text\":\"x\",\"resolutionFlag\":true}"))
                .status()).isEqualTo(404);
    }

    // ------------------------------------------------------------------ documents

    @Test
    void documentUploadAndDownloadGiveIdenticalBytesAndPrivateFlag() {
        byte[] content = new byte[20_000];
        new Random(7).nextBytes(content);
        CwClient.Res r = client.multipart("/system/documents", CwClient.fields("RecordType", "Ticket",
                "recordId", "100", "Title", "Photo of the terminal", "PrivateFlag", "true", "readOnlyFlag", "false"),
                "terminal.png", "image/png", content);
        assertThat(r.status()).isEqualTo(201);
        JsonNode d = r.json();
        assertThat(d.get("privateFlag").asBoolean()).isTrue();
        assertThat(d.get("publicFlag").asBoolean()).isFalse();
        assertThat(d.get("fileName").asText()).isEqualTo("terminal.png");
        assertThat(d.get("title").asText()).isEqualTo("Photo of the terminal");
        assertThat(d.get("size").asInt()).isEqualTo(content.length);
        assertThat(d.get("imageFlag").asBoolean()).isTrue();
        long id = d.get("id").asLong();

        JsonNode list = client.get("/system/documents?recordType=Ticket&recordId=100").json();
        assertThat(list).extracting(x -> x.get("id").asLong()).containsExactly(id);
        assertThat(client.get("/system/documents?recordType=Ticket&recordId=101").json()).isEmpty();
        assertThat(client.get("/system/documents/" + id).json().get("fileName").asText()).isEqualTo("terminal.png");

        CwClient.Res dl = client.get("/system/documents/" + id + "/download");
        assertThat(dl.status()).isEqualTo(200);
        assertThat(dl.raw().body()).isEqualTo(content);
        assertThat(dl.header("Content-Type")).isEqualTo("image/png");
        assertThat(dl.header("Content-Disposition")).isEqualTo("attachment; filename=\"terminal.png\"");
        assertThat(cw.documentContent(id)).isEqualTo(content);

        JsonNode pub = cw.addDocument(100, "readme.txt", "text/plain", "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(pub.get("publicFlag").asBoolean()).isTrue();
        assertThat(cw.documents(100)).hasSize(2);
        assertThat(client.get("/system/documents/" + pub.get("id").asLong() + "/download").body()).isEqualTo("hello");
    }

    @Test
    void documentUploadRefusesJsonAndIncompleteForms() {
        CwClient.Res asJson = client.post("/system/documents", json("{\"recordType\":\"Ticket\",\"recordId\":100}"));
        assertThat(asJson.status()).isEqualTo(415);

        CwClient.Res noFile = client.multipart("/system/documents", CwClient.fields("recordType", "Ticket",
                "recordId", "100"), null, null, null);
        assertThat(noFile.status()).isEqualTo(400);
        assertThat(noFile.json().get("code").asText()).isEqualTo("InvalidObject");
        assertThat(noFile.json().at("/errors/0/field").asText()).isEqualTo("file");

        CwClient.Res noRecord = client.multipart("/system/documents", CwClient.fields("recordType", "Ticket",
                "recordId", "4242"), "a.txt", "text/plain", "x".getBytes(StandardCharsets.UTF_8));
        assertThat(noRecord.status()).isEqualTo(400);
        assertThat(noRecord.json().at("/errors/0/message").asText()).isEqualTo("Ticket 4242 not found");
        assertThat(cw.documents(100)).isEmpty();
    }

    // ------------------------------------------------------------------ schedule

    @Test
    void scheduleEntriesByConditionsAndPatch() {
        JsonNode demo = client.get("/schedule/entries?conditions=" + CwClient.q("type/id=4 AND objectId=100")).json();
        assertThat(demo).hasSize(1);
        JsonNode e = demo.get(0);
        assertThat(e.at("/type/identifier").asText()).isEqualTo("S");
        assertThat(e.at("/status/name").asText()).isEqualTo("Firm");
        assertThat(e.get("dateStart").asText()).endsWith("T14:00:00Z");
        assertThat(e.get("dateEnd").asText()).endsWith("T16:00:00Z");
        assertThat(e.get("hours").asInt()).isEqualTo(2);
        assertThat(client.get("/schedule/entries?conditions=" + CwClient.q("objectId=100")).json()).hasSize(1);
        assertThat(client.get("/schedule/entries?conditions=" + CwClient.q("type/identifier=\"S\" and objectId=101"))
                .json()).isEmpty();

        CwClient.Res created = client.post("/schedule/entries", json("""
                {"objectId":100,"type":{"id":4,"identifier":"S"},"member":{"identifier":"dtech"},
                 "dateStart":"2030-01-02T09:00:00Z","dateEnd":"2030-01-02T10:30:00.000+00:00",
                 "status":{"name":"Tentative"},"where":{"id":1}}"""));
        assertThat(created.status()).isEqualTo(201);
        JsonNode c = created.json();
        assertThat(c.get("dateEnd").asText()).isEqualTo("2030-01-02T10:30:00Z");
        assertThat(c.get("hours").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(c.get("name").asText()).isEqualTo("POS terminal offline at Store 114");
        long id = c.get("id").asLong();

        JsonNode patched = client.patch("/schedule/entries/" + id, ops("replace", "dateEnd",
                "\"2030-01-02T12:00:00Z\"", "replace", "status/id", "2", "replace", "member/identifier", "\"jsmith\"",
                "replace", "doneFlag", "true")).json();
        assertThat(patched.get("dateEnd").asText()).isEqualTo("2030-01-02T12:00:00Z");
        assertThat(patched.at("/status/name").asText()).isEqualTo("Firm");
        assertThat(patched.at("/member/identifier").asText()).isEqualTo("jsmith");
        assertThat(patched.get("doneFlag").asBoolean()).isTrue();
        assertThat(client.patch("/schedule/entries/" + id, ops("replace", "member/identifier", "\"ghost\""))
                .status()).isEqualTo(400);
        assertThat(client.post("/schedule/entries", json("{\"objectId\":4242,\"type\":{\"id\":4}}")).status())
                .isEqualTo(400);
        // the model's one required field is type
        CwClient.Res untyped = client.post("/schedule/entries", json("{\"objectId\":100}"));
        assertThat(untyped.status()).isEqualTo(400);
        assertThat(untyped.json().at("/errors/0/field").asText()).isEqualTo("type");
        assertThat(untyped.json().at("/errors/0/code").asText()).isEqualTo("MissingRequiredField");
        assertThat(cw.scheduleEntries(100)).hasSize(2);
        assertThat(client.delete("/schedule/entries/" + id).status()).isEqualTo(204);
        assertThat(client.get("/schedule/entries/" + id).status()).isEqualTo(404);

        JsonNode viaControl = cw.addScheduleEntry(100, Instant.parse("2031-05-01T08:00:00Z"),
                Instant.parse("2031-05-01T09:00:00Z"));
        assertThat(viaControl.at("/member/identifier").asText()).isEqualTo("jsmith");
    }

    // ------------------------------------------------------------------ lists

    @Test
    void paginationWithLinkHeader() {
        for (int i = 0; i < 30; i++) {
            ObjectNode f = Json.object();
            f.put("summary", "Ticket " + i);
            f.putObject("company").put("id", 2);
            cw.createTicket(f);
        }
        // 31 service tickets
        CwClient.Res p1 = client.get("/service/tickets?pageSize=10");
        assertThat(p1.json()).hasSize(10);
        assertThat(p1.json().get(0).get("id").asLong()).isEqualTo(100);
        String base = cw.apiBaseUrl() + "/service/tickets";
        assertThat(p1.header("Link")).isEqualTo("<" + base + "?pageSize=10&page=2>; rel=\"next\", <" + base
                + "?pageSize=10&page=4>; rel=\"last\"");
        CwClient.Res p2 = client.get("/service/tickets?page=2&pageSize=10&orderBy=" + CwClient.q("id asc"));
        assertThat(p2.json().get(0).get("id").asLong()).isEqualTo(110);
        assertThat(p2.header("Link")).contains("page=1>; rel=\"first\"", "page=1>; rel=\"prev\"",
                "page=3>; rel=\"next\"", "page=4>; rel=\"last\"").contains("orderBy=id%20asc");
        CwClient.Res p4 = client.get("/service/tickets?pageSize=10&page=4");
        assertThat(p4.json()).hasSize(1);
        assertThat(p4.header("Link")).contains("rel=\"first\"", "rel=\"prev\"").doesNotContain("rel=\"next\"");
        assertThat(client.get("/service/tickets").json()).hasSize(25);
        assertThat(client.get("/service/tickets?pageSize=5000").json()).hasSize(31);
        assertThat(client.get("/service/tickets?pageSize=50").header("Link")).isNull();
        assertThat(client.get("/service/tickets/count").json().get("count").asInt()).isEqualTo(31);
        assertThat(client.get("/service/tickets/count?conditions=" + CwClient.q("summary like \"Ticket 1*\""))
                .json().get("count").asInt()).isEqualTo(11);
        JsonNode desc = client.get("/service/tickets?orderBy=" + CwClient.q("id desc") + "&pageSize=2").json();
        assertThat(desc.get(0).get("id").asLong()).isEqualTo(130);

        CwClient.Res fwd = client.send(client.req("/service/tickets?pageSize=10&pageId=110")
                .header("pagination-type", "forward-only").GET());
        assertThat(fwd.json().get(0).get("id").asLong()).isEqualTo(111);
        assertThat(fwd.header("Link")).isEqualTo("<" + base + "?pageSize=10&pageId=120>; rel=\"next\"");
        CwClient.Res end = client.send(client.req("/service/tickets?pageSize=10&pageId=120")
                .header("pagination-type", "forward-only").GET());
        assertThat(end.json()).hasSize(10);
        assertThat(end.header("Link")).isNull();
        JsonNode fields = client.get("/service/tickets/100?fields=" + CwClient.q("id,summary,status/name")).json();
        assertThat(fields).isEqualTo(json("{\"id\":100,\"summary\":\"POS terminal offline at Store 114\","
                + "\"status\":{\"name\":\"New\"}}"));
    }

    @Test
    void conditionsOverHttp() {
        ObjectNode f = Json.object();
        f.put("summary", "Network down at Store 7");
        f.putObject("company").put("identifier", "ACME");
        f.putObject("board").put("name", "Help Desk");
        long other = cw.createTicket(f).get("id").asLong();
        String since = client.get("/service/tickets/100").json().at("/_info/lastUpdated").asText();

        assertThat(ids("summary like \"POS*\"")).containsExactly(100L);
        assertThat(ids("board/name=\"Field Services\" and status/name=\"new\"")).containsExactly(100L);
        assertThat(ids("id in (100, " + other + ", 99999)")).containsExactly(100L, other);
        assertThat(ids("board/name in ('Help Desk')")).containsExactly(other);
        assertThat(ids("lastUpdated > [" + since + "]")).containsExactly(other);
        assertThat(ids("LastUpdated >= [" + since + "]")).containsExactly(100L, other);
        assertThat(ids("(status/name=\"Closed\" OR board/id=2) AND company/identifier=\"ACME\"")).containsExactly(
                other);
        assertThat(ids("summary not contains \"POS\"")).containsExactly(other);
        assertThat(ids("closedFlag = false AND contact/name != null")).containsExactly(100L, other);
        assertThat(ids("not (id = 100)")).containsExactly(other);
        assertThat(ids("customFields/value = 'ACME-114-0042'")).containsExactly(100L);
        assertThat(client.get("/service/tickets?customFieldConditions=" + CwClient.q(
                "caption=\"Ext Ref\" AND value != null")).json()).hasSize(1);

        CwClient.Res bad = client.get("/service/tickets?conditions=" + CwClient.q("summary = "));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("message").asText()).contains("String values should be enclosed with double or"
                + " single quotes");
        CwClient.Res type = client.get("/service/tickets?conditions=" + CwClient.q("closedFlag = 1"));
        assertThat(type.status()).isEqualTo(400);
        assertThat(type.json().get("message").asText()).startsWith("Expected a boolean value, not a numeric.");
        assertThat(client.get("/service/tickets?conditions=" + CwClient.q("status/name = New")).status())
                .isEqualTo(400);
        assertThat(client.get("/service/tickets?conditions=" + CwClient.q("sumary = \"x\"")).status())
                .isEqualTo(400);
        assertThat(client.get("/service/tickets?conditions=" + CwClient.q("(id = 1")).status()).isEqualTo(400);
        CwClient.Res search = client.post("/service/tickets/search", json("{\"conditions\":\"id=100\"}"));
        assertThat(search.json()).hasSize(1);
    }

    private List<Long> ids(String conditions) {
        CwClient.Res r = client.get("/service/tickets?conditions=" + CwClient.q(conditions));
        assertThat(r.status()).as(conditions + " -> " + r.body()).isEqualTo(200);
        List<Long> out = new ArrayList<>();
        r.json().forEach(t -> out.add(t.get("id").asLong()));
        return out;
    }

    // ------------------------------------------------------------------ faults

    @Test
    void injectedStatusFaultAppliesForNCallsThenNormal() {
        cw.inject(Fault.status("GET", ".*/service/tickets/100", 503, 2));
        assertThat(client.get("/service/tickets/100").status()).isEqualTo(503);
        assertThat(client.get("/service/tickets/100").status()).isEqualTo(503);
        assertThat(client.get("/service/tickets/100").status()).isEqualTo(200);
        assertThat(client.get("/service/tickets/100/notes").status()).isEqualTo(200);
    }

    @Test
    void throttleGives429WithRetryAfter() {
        cw.inject(Fault.throttle(null, ".*/service/tickets.*", 30, 1));
        CwClient.Res r = client.patch("/service/tickets/100", ops("replace", "summary", "\"x\""));
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.header("Retry-After")).isEqualTo("30");
        assertThat(r.json().get("message").asText()).startsWith("Too many requests");
        assertThat(cw.ticket(100).orElseThrow().get("summary").asText()).isNotEqualTo("x");
        assertThat(client.patch("/service/tickets/100", ops("replace", "summary", "\"x\"")).status()).isEqualTo(200);
    }

    @Test
    void latencyDelaysCalls() {
        cw.latency(100);
        long t0 = System.nanoTime();
        assertThat(client.get("/system/info").status()).isEqualTo(200);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ms).isGreaterThanOrEqualTo(100);
        cw.latency(0);
        cw.inject(Fault.latency("GET", ".*/system/info", 150));
        t0 = System.nanoTime();
        client.get("/system/info");
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(150);
    }

    // ------------------------------------------------------------------ concurrency and reset

    @Test
    void concurrentCreatesGetUniqueIds() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<CwClient.Res>> futures = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                int n = i;
                futures.add(pool.submit(() -> n % 2 == 0
                        ? client.post("/service/tickets", json("{\"summary\":\"c" + n + "\",\"company\":{\"id\":2}}"))
                        : client.post("/service/tickets/100/notes", json("{\"text\":\"n" + n
                                + "\",\"detailDescriptionFlag\":true}"))));
            }
            Set<Long> ids = new HashSet<>();
            for (Future<CwClient.Res> f : futures) {
                CwClient.Res r = f.get();
                assertThat(r.status()).isEqualTo(201);
                if (r.json().has("summary")) {
                    ids.add(r.json().get("id").asLong());
                }
            }
            assertThat(ids).hasSize(32);
            assertThat(cw.tickets()).hasSize(33);
            assertThat(cw.notes(100)).hasSize(33);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void resetGoesBackToTheSeed() {
        ObjectNode f = Json.object();
        f.put("summary", "temp");
        f.putObject("company").put("id", 2);
        cw.createTicket(f);
        cw.deny(ConnectWisePermissions.CONTACTS_INQUIRE);
        cw.inject(Fault.status(null, ".*", 500, -1));
        cw.reset();
        assertThat(cw.tickets()).extracting(t -> t.get("id").asLong()).containsExactly(100L);
        assertThat(cw.requests()).isEmpty();
        assertThat(client.get("/company/contacts/2").status()).isEqualTo(200);
        cw.seedDemo();
        assertThat(cw.tickets()).hasSize(1);
        assertThat(cw.notes(100)).hasSize(1);
        assertThat(cw.writes()).isEmpty();
    }
}
