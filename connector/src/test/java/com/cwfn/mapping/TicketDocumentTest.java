package com.cwfn.mapping;

import static com.cwfn.mapping.TestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import com.cwfn.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class TicketDocumentTest {

    @Test
    void fullTicket() {
        ObjectNode ticket = Tickets.ticket();
        ObjectNode doc = Tickets.fullDocument();
        assertThat(doc.get("ticket")).isEqualTo(ticket);
        assertThat(doc.get("company").get("identifier").asText()).isEqualTo("ACME");
        assertThat(doc.get("notes")).hasSize(3);
        assertThat(doc.get("documents")).isEmpty();
        assertThat(doc.get("scheduleEntries")).hasSize(2);
        assertThat(doc.get("description").asText()).startsWith("Printer <HP 4050>");
        assertThat(doc.get("customFields")).isEqualTo(json(
                "{\"Story Points\": 5, \"Ext Ref\": null, \"Site Access\": \"Badge at front desk\"}"));
        assertThat(doc.get("address")).isEqualTo(json("""
                {"name": "Main", "line1": "1 Main St", "line2": "Floor 8", "city": "Tampa", "state": "FL",
                 "zip": "33602", "country": "US"}"""));
        assertThat(doc.get("contactInfo")).isEqualTo(json("""
                {"name": "Jane Doe", "phone": "8135550100", "ext": "401", "email": "jane@acme.example"}"""));
        assertThat(doc.get("schedule")).isEqualTo(json("""
                {"mode": "between", "start": "2026-07-01T14:00:00Z", "end": "2026-07-01T18:30:00Z"}"""));
    }

    @Test
    void inputsAreNotChanged() {
        ObjectNode ticket = Tickets.ticket();
        ObjectNode doc = TicketDocument.build(ticket, null, null, null, List.of(), List.of(), List.of());
        ((ObjectNode) doc.get("ticket")).put("summary", "changed");
        assertThat(ticket.get("summary").asText()).isEqualTo("Printer offline");
    }

    @Test
    void descriptionIsTheEarliestDetailDescriptionNote() {
        assertThat(TicketDocument.description(List.of(
                json("{\"id\": 5, \"text\": \"b\", \"detailDescriptionFlag\": true}"),
                json("{\"id\": 3, \"text\": \"a\", \"detailDescriptionFlag\": true}"),
                json("{\"id\": 1, \"text\": \"internal\", \"internalAnalysisFlag\": true}")))).isEqualTo("a");
        // allNotes: time entry notes do not count
        assertThat(TicketDocument.description(List.of(
                json("{\"id\": 1, \"noteType\": \"TimeEntryNote\", \"text\": \"time\", \"detailDescriptionFlag\": true}"),
                json("{\"id\": 2, \"noteType\": \"TicketNote\", \"text\": \"desc\", \"detailDescriptionFlag\": true}")))).isEqualTo("desc");
        assertThat(TicketDocument.description(List.of())).isNull();
        ObjectNode doc = TicketDocument.build(Tickets.ticket(), null, null, null, List.of(), List.of(), List.of());
        assertThat(doc.get("description").isNull()).isTrue();
    }

    @Test
    void addressFromTheTicketWhenThereIsNoSite() {
        ObjectNode doc = TicketDocument.build(Tickets.ticket(), Tickets.company(), null, null, List.of(), List.of(), List.of());
        assertThat(doc.get("address")).isEqualTo(json("""
                {"name": "Main", "line1": "9 Ticket Rd", "line2": null, "city": "Orlando", "state": "FL",
                 "zip": "32801", "country": "US"}"""));
    }

    @Test
    void addressNameFallsBackToTheCompany() {
        ObjectNode t = Tickets.ticket();
        t.remove("siteName");
        ObjectNode doc = TicketDocument.build(t, Tickets.company(), null, null, List.of(), List.of(), List.of());
        assertThat(doc.at("/address/name").asText()).isEqualTo("Acme Corp");
        doc = TicketDocument.build(t, null, null, null, List.of(), List.of(), List.of());
        assertThat(doc.at("/address/name").asText()).isEqualTo("Acme Corp");
    }

    @Test
    void noAddressAtAll() {
        ObjectNode t = json("{\"id\": 1, \"summary\": \"s\", \"addressLine1\": \"  \", \"siteName\": \"Main\"}");
        assertThat(TicketDocument.build(t, null, null, null, null, null, null).get("address").isNull()).isTrue();
    }

    @Test
    void countryAsIso2() {
        assertThat(TicketDocument.country(json("{\"identifier\": \"us\", \"name\": \"United States\"}"))).isEqualTo("US");
        assertThat(TicketDocument.country(json("{\"identifier\": \"USA\", \"name\": \"United States\"}"))).isEqualTo("US");
        assertThat(TicketDocument.country(json("{\"identifier\": \"United Kingdom\"}"))).isEqualTo("GB");
        assertThat(TicketDocument.country(json("{\"identifier\": \"CANADA\", \"name\": \"Canada\"}"))).isEqualTo("CA");
        assertThat(TicketDocument.country(json("{\"id\": 3, \"identifier\": \"Can\", \"name\": \"Canada\"}"))).isEqualTo("CA");
        assertThat(TicketDocument.country(json("{\"identifier\": \"Narnia\", \"name\": \"Kingdom of Narnia\"}"))).isEqualTo("Narnia");
        assertThat(TicketDocument.country(json("{\"name\": \"Kingdom of Narnia\"}"))).isEqualTo("Kingdom of Narnia");
        assertThat(TicketDocument.country(Json.F.textNode("Deutschland"))).isEqualTo("DE");
        assertThat(TicketDocument.country(Json.F.nullNode())).isNull();
    }

    @Test
    void siteStateFallsBackWhenThereIsNoStateReference() {
        ObjectNode site = Tickets.site();
        site.remove("stateReference");
        site.put("state", "Ontario");
        site.set("country", json("{\"identifier\": \"Canada\"}"));
        ObjectNode doc = TicketDocument.build(Tickets.ticket(), null, null, site, null, null, null);
        assertThat(doc.at("/address/state").asText()).isEqualTo("Ontario");
        assertThat(doc.at("/address/country").asText()).isEqualTo("CA");
    }

    @Test
    void contactFromCommunicationItems() {
        ObjectNode contact = Tickets.contact();
        // no default phone: the first phone; email from the ticket when the contact has none
        contact.set("communicationItems", json("""
                {"x": [ {"value": "111", "defaultFlag": false, "communicationType": "Phone"},
                        {"value": "222", "defaultFlag": false, "communicationType": "Phone"},
                        {"value": "f@x", "defaultFlag": false, "communicationType": "Fax"} ]}""").get("x"));
        ObjectNode doc = TicketDocument.build(Tickets.ticket(), null, contact, null, null, null, null);
        assertThat(doc.get("contactInfo")).isEqualTo(json("""
                {"name": "Jane Doe", "phone": "111", "ext": null, "email": "jane.ticket@acme.example"}"""));
    }

    @Test
    void contactFromTheTicketWhenThereIsNoContactRecord() {
        ObjectNode doc = TicketDocument.build(Tickets.ticket(), null, null, null, null, null, null);
        assertThat(doc.get("contactInfo")).isEqualTo(json("""
                {"name": "Jane Doe", "phone": "8135550199", "ext": null, "email": "jane.ticket@acme.example"}"""));
    }

    @Test
    void noContactAtAll() {
        ObjectNode doc = TicketDocument.build(json("{\"id\": 1, \"summary\": \"s\", \"contact\": null, \"contactName\": \"\"}"),
                null, null, null, null, null, null);
        assertThat(doc.get("contactInfo").isNull()).isTrue();
    }

    @Test
    void scheduleFromTheEarliestEntry() {
        ObjectNode exact = json("{\"dateStart\": \"2026-07-01T10:00:00-04:00\"}");
        ObjectNode later = json("{\"dateStart\": \"2026-08-01T10:00:00Z\", \"dateEnd\": \"2026-08-01T12:00:00Z\"}");
        ObjectNode noStart = json("{\"dateEnd\": \"2026-01-01T12:00:00Z\"}");
        ObjectNode doc = TicketDocument.build(Tickets.ticket(), null, null, null, null, null, List.of(later, noStart, exact));
        assertThat(doc.get("schedule")).isEqualTo(json("{\"mode\": \"exact\", \"start\": \"2026-07-01T14:00:00Z\", \"end\": null}"));
    }

    @Test
    void endNotAfterStartIsExact() {
        ObjectNode e = json("{\"dateStart\": \"2026-07-01T10:00:00Z\", \"dateEnd\": \"2026-07-01T10:00:00Z\"}");
        ObjectNode doc = TicketDocument.build(Tickets.ticket(), null, null, null, null, null, List.of(e));
        assertThat(doc.at("/schedule/mode").asText()).isEqualTo("exact");
    }

    @Test
    void scheduleFromRequiredDateElseNone() {
        ObjectNode doc = TicketDocument.build(Tickets.ticket(), null, null, null, null, null, List.of());
        assertThat(doc.get("schedule")).isEqualTo(json("{\"mode\": \"exact\", \"start\": \"2026-07-03T15:00:00Z\", \"end\": null}"));
        ObjectNode t = Tickets.ticket();
        t.putNull("requiredDate");
        assertThat(TicketDocument.build(t, null, null, null, null, null, null).get("schedule").isNull()).isTrue();
    }
}
