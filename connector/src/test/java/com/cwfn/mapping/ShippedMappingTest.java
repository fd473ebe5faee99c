package com.cwfn.mapping;

import static com.cwfn.mapping.TestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped mappings.yaml, field by field (contract behaviour 2 and 3). */
class ShippedMappingTest {
    static MappingConfig cfg;
    final WorkOrderMapper mapper = new WorkOrderMapper();

    @BeforeAll
    static void load() {
        cfg = MappingLoader.load(TestSupport.SHIPPED);
    }

    ObjectNode map(ObjectNode doc) {
        return mapper.map(cfg, "Help Desk", doc);
    }

    @Test
    void jarCopyIsTheSameAsTheProjectRootCopy() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/mappings.yaml")) {
            assertThat(in).as("mappings.yaml on the classpath").isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(Files.readString(TestSupport.SHIPPED, StandardCharsets.UTF_8));
        }
    }

    @Test
    void topLevelSettings() {
        assertThat(cfg.ticketIdCustomField()).isEqualTo("ConnectWise Ticket ID");
        assertThat(cfg.triggerStatus("Help Desk", "Dispatch to FN")).isEqualTo("Dispatch to FN");
        assertThat(cfg.triggerStatus("Any", "From property")).isEqualTo("From property");
        assertThat(cfg.boards()).isEmpty();
    }

    @Test
    void statusMapDefaults() {
        assertThat(cfg.connectWiseStatusFor("Help Desk", "Assigned")).contains("Assigned");
        assertThat(cfg.connectWiseStatusFor("Help Desk", "Work Done")).contains("Completed");
        assertThat(cfg.connectWiseStatusFor("Help Desk", "work done")).contains("Completed");
        assertThat(cfg.connectWiseStatusFor("Other", "Approved")).contains("Closed");
        assertThat(cfg.connectWiseStatusFor(null, "Cancelled")).contains("Cancelled");
        assertThat(cfg.connectWiseStatusFor("Help Desk", "Published")).isEmpty();
        assertThat(cfg.connectWiseStatusFor("Help Desk", "Paid")).isEmpty();
    }

    @Test
    void fullTicket() {
        ObjectNode wo = map(Tickets.fullDocument());
        assertThat(wo.get("title").asText()).isEqualTo("Printer offline");
        assertThat(wo.at("/description/html").asText()).isEqualTo(
                "Printer &lt;HP 4050&gt; is offline &amp; won&#39;t print.<br>Check &quot;port 12&quot;.<br>Thanks");
        assertThat(wo.get("location")).isEqualTo(json("""
                {"mode": "custom", "display_name": "Main", "address1": "1 Main St", "address2": "Floor 8",
                 "city": "Tampa", "state": "FL", "zip": "33602", "country": "US", "type": {"id": 1}}"""));
        assertThat(wo.get("contacts")).isEqualTo(json("""
                {"results": [ {"role": "Location Contact", "name": "Jane Doe", "phone": "8135550100", "ext": "401",
                               "email": "jane@acme.example"} ]}"""));
        assertThat(wo.get("schedule")).isEqualTo(json("""
                {"service_window": {"mode": "between", "start": {"utc": "2026-07-01 14:00:00"},
                                    "end": {"utc": "2026-07-01 18:30:00"}}}"""));
        assertThat(wo.get("pay")).isEqualTo(json("{\"type\": \"fixed\", \"base\": {\"amount\": 150, \"units\": 1}}"));
        assertThat(wo.get("types_of_work")).isEqualTo(json("{\"x\": [{\"id\": 1, \"isPrimary\": true}]}").get("x"));
        // the ticket id custom field is the caller's job; nothing else maps into custom fields by default
        assertThat(wo.has("custom_fields")).isFalse();
        assertThat(wo.fieldNames()).toIterable().containsExactly(
                "title", "description", "location", "contacts", "schedule", "pay", "types_of_work");
    }

    @Test
    void typesOfWork() {
        for (String[] c : new String[][] {{"Point of Sale", "62"}, {"Hardware", "1"}, {"Network", "14"}, {"Plumbing", "1"}}) {
            ObjectNode t = Tickets.ticket();
            ((ObjectNode) t.get("type")).put("name", c[0]);
            ObjectNode wo = map(TicketDocument.build(t, null, null, null, null, null, null));
            assertThat(wo.at("/types_of_work/0/id").asInt()).as(c[0]).isEqualTo(Integer.parseInt(c[1]));
            assertThat(wo.at("/types_of_work/0/isPrimary").asBoolean()).isTrue();
        }
        ObjectNode t = Tickets.ticket();
        t.putNull("type");
        assertThat(map(TicketDocument.build(t, null, null, null, null, null, null)).at("/types_of_work/0/id").asInt()).isEqualTo(1);
    }

    @Test
    void noSiteUsesTheTicketAddress() {
        ObjectNode doc = TicketDocument.build(Tickets.ticket(), Tickets.company(), Tickets.contact(), null,
                Tickets.notes(), List.of(), Tickets.scheduleEntries());
        assertThat(map(doc).get("location")).isEqualTo(json("""
                {"mode": "custom", "display_name": "Main", "address1": "9 Ticket Rd", "city": "Orlando",
                 "state": "FL", "zip": "32801", "country": "US", "type": {"id": 1}}"""));
    }

    @Test
    void noContactGivesNoContacts() {
        ObjectNode t = Tickets.ticket();
        t.putNull("contact");
        t.putNull("contactName");
        t.putNull("contactPhoneNumber");
        t.putNull("contactEmailAddress");
        ObjectNode wo = map(TicketDocument.build(t, Tickets.company(), null, Tickets.site(), Tickets.notes(), List.of(),
                Tickets.scheduleEntries()));
        assertThat(wo.has("contacts")).isFalse();
        assertThat(wo.has("location")).isTrue();
    }

    @Test
    void contactOnlyOnTheTicketStillGivesALocationContact() {
        ObjectNode wo = map(TicketDocument.build(Tickets.ticket(), null, null, null, null, null, null));
        assertThat(wo.get("contacts")).isEqualTo(json("""
                {"results": [ {"role": "Location Contact", "name": "Jane Doe", "phone": "8135550199",
                               "email": "jane.ticket@acme.example"} ]}"""));
    }

    @Test
    void noScheduleEntryButRequiredDateIsExact() {
        ObjectNode wo = map(TicketDocument.build(Tickets.ticket(), null, null, Tickets.site(), null, null, List.of()));
        assertThat(wo.get("schedule")).isEqualTo(json("""
                {"service_window": {"mode": "exact", "start": {"utc": "2026-07-03 15:00:00"}}}"""));
    }

    @Test
    void neitherScheduleNorRequiredDateGivesNoSchedule() {
        ObjectNode t = Tickets.ticket();
        t.putNull("requiredDate");
        ObjectNode wo = map(TicketDocument.build(t, null, null, Tickets.site(), null, null, List.of()));
        assertThat(wo.has("schedule")).isFalse();
    }

    @Test
    void countryThatIsNotTwoLetters() {
        ObjectNode site = Tickets.site();
        site.set("country", json("{\"id\": 7, \"identifier\": \"Canada\", \"name\": \"Canada\"}"));
        ObjectNode wo = map(TicketDocument.build(Tickets.ticket(), null, null, site, null, null, null));
        assertThat(wo.at("/location/country").asText()).isEqualTo("CA");

        ObjectNode t = Tickets.ticket();
        t.set("country", json("{\"id\": 3, \"identifier\": \"UK\", \"name\": \"United Kingdom\"}"));
        assertThat(map(TicketDocument.build(t, null, null, null, null, null, null)).at("/location/country").asText()).isEqualTo("GB");

        t.set("country", json("{\"id\": 4, \"name\": \"United States of America\"}"));
        assertThat(map(TicketDocument.build(t, null, null, null, null, null, null)).at("/location/country").asText()).isEqualTo("US");
    }

    @Test
    void noDescriptionNoteGivesNoDescription() {
        ObjectNode wo = map(TicketDocument.build(Tickets.ticket(), null, null, null, List.of(), null, null));
        assertThat(wo.has("description")).isFalse();
    }

    @Test
    void ticketWithoutAddressContactOrScheduleGivesAMinimalBody() {
        ObjectNode wo = map(TicketDocument.build(json("{\"id\": 1, \"summary\": \"\"}"), null, null, null, null, null, null));
        assertThat(wo).isEqualTo(json("""
                {"title": "ConnectWise ticket", "pay": {"type": "fixed", "base": {"amount": 150, "units": 1}},
                 "types_of_work": [ {"id": 1, "isPrimary": true} ]}"""));
    }

    @Test
    void outboundCreate() {
        OutboundCreate oc = cfg.outboundCreate().orElseThrow();
        assertThat(oc.board()).isEqualTo("Field Services");
        assertThat(oc.company()).isEqualTo("ACME");
        assertThat(oc.status()).isNull();
        ObjectNode wo = json("""
                {"id": 20546, "title": "Replace POS terminal - Store 114",
                 "description": {"html": "<p>Swap terminal &amp; test the &lt;card&gt; reader.</p><p>Call Jo&#39;s desk<br/>first.</p>"}}""");
        ObjectNode ticket = mapper.mapOutbound(cfg, wo);
        assertThat(ticket).isEqualTo(json("""
                {"board": {"name": "Field Services"}, "company": {"identifier": "ACME"},
                 "summary": "Replace POS terminal - Store 114",
                 "initialDescription": "Swap terminal & test the <card> reader.\\nCall Jo's desk\\nfirst."}"""));
    }

    @Test
    void outboundCreateWithoutDescriptionAndWithALongTitle() {
        ObjectNode ticket = mapper.mapOutbound(cfg, json("{\"id\": 1, \"title\": \"" + "t".repeat(150) + "\"}"));
        assertThat(ticket.get("summary").asText()).hasSize(100);
        assertThat(ticket.has("initialDescription")).isFalse();
        assertThat(mapper.mapOutbound(cfg, json("{\"id\": 1}")).get("summary").asText()).isEqualTo("Field Nation work order");
    }
}
