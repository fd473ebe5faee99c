package com.cwfn.mapping;

import static com.cwfn.mapping.TestSupport.json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** ConnectWise records shaped like the reference notes (§2.1, §3, §5, §6). */
final class Tickets {
    private Tickets() {
    }

    static ObjectNode ticket() {
        return json("""
                { "id": 69, "summary": "Printer offline",
                  "board": {"id": 1, "name": "Help Desk"}, "status": {"id": 5, "name": "Dispatch to FN"},
                  "company": {"id": 2, "identifier": "ACME", "name": "Acme Corp"},
                  "site": {"id": 28, "name": "Main"}, "siteName": "Main",
                  "addressLine1": "9 Ticket Rd", "addressLine2": null, "city": "Orlando", "stateIdentifier": "FL",
                  "zip": "32801", "country": {"id": 1, "identifier": "US", "name": "United States"},
                  "contact": {"id": 2, "name": "Jane Doe"}, "contactName": "Jane Doe",
                  "contactPhoneNumber": "8135550199", "contactPhoneExtension": null,
                  "contactEmailAddress": "jane.ticket@acme.example",
                  "type": {"id": 8, "name": "Hardware"}, "requiredDate": "2026-07-03T15:00:00Z",
                  "customFields": [
                    {"id": 1, "caption": "Story Points", "type": "Number", "value": 5},
                    {"id": 7, "caption": "Ext Ref", "type": "Text", "value": null},
                    {"id": 9, "caption": "Site Access", "type": "Text", "value": "Badge at front desk"} ] }
                """);
    }

    static ObjectNode company() {
        return json("{\"id\": 2, \"identifier\": \"ACME\", \"name\": \"Acme Corp\"}");
    }

    static ObjectNode site() {
        return json("""
                {"id": 28, "name": "Main", "addressLine1": "1 Main St", "addressLine2": "Floor 8", "city": "Tampa",
                 "stateReference": {"id": 9, "identifier": "FL", "name": "Florida"}, "zip": "33602",
                 "country": {"id": 1, "identifier": "US", "name": "United States"}}
                """);
    }

    static ObjectNode contact() {
        return json("""
                {"id": 2, "firstName": "Jane", "lastName": "Doe",
                 "communicationItems": [
                   {"id": 1, "type": {"name": "Mobile"}, "value": "8135550111", "defaultFlag": false, "communicationType": "Phone"},
                   {"id": 2, "type": {"name": "Direct"}, "value": "8135550100", "extension": "401", "defaultFlag": true, "communicationType": "Phone"},
                   {"id": 3, "type": {"name": "Email"}, "value": "jane@acme.example", "defaultFlag": true, "communicationType": "Email"} ]}
                """);
    }

    static List<ObjectNode> notes() {
        return List.of(
                json("{\"id\": 12, \"text\": \"Later discussion\", \"detailDescriptionFlag\": true, \"dateCreated\": \"2026-06-30T10:00:00Z\"}"),
                json("{\"id\": 11, \"text\": \"Internal\", \"internalAnalysisFlag\": true, \"dateCreated\": \"2026-06-30T08:00:00Z\"}"),
                json("{\"id\": 10, \"text\": \"Printer <HP 4050> is offline & won't print.\\r\\nCheck \\\"port 12\\\".\\nThanks\","
                        + " \"detailDescriptionFlag\": true, \"dateCreated\": \"2026-06-30T09:00:00Z\"}"));
    }

    static List<ObjectNode> scheduleEntries() {
        return List.of(
                json("{\"id\": 12, \"objectId\": 69, \"dateStart\": \"2026-07-02T12:00:00Z\", \"dateEnd\": \"2026-07-02T16:00:00Z\", \"type\": {\"id\": 4, \"identifier\": \"S\"}}"),
                json("{\"id\": 11, \"objectId\": 69, \"dateStart\": \"2026-07-01T14:00:00Z\", \"dateEnd\": \"2026-07-01T18:30:00Z\", \"type\": {\"id\": 4, \"identifier\": \"S\"}}"));
    }

    static ObjectNode fullDocument() {
        return TicketDocument.build(ticket(), company(), contact(), site(), notes(), List.of(), scheduleEntries());
    }
}
