package com.cwfn.mapping;

import static com.cwfn.mapping.TestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Board overrides, status maps, trigger statuses and references. */
class MappingConfigTest {
    static final String YAML = """
            ticketIdCustomField: "CW Ticket"
            defaults:
              triggerStatus: "Ready"
              fields:
                - { target: title, source: ticket.summary }
                - { target: pay, action: static, value: {type: fixed, base: {amount: 150, units: 1}} }
                - { target: incident_id, source: ticket.id }
              statusMap:
                Assigned: Assigned
                Work Done: Completed
            boards:
              "Help Desk":
                triggerStatus: "Dispatch to FN"
                fields:
                  - { target: pay, action: static, value: {type: hourly, base: {amount: 65, units: 4}} }
                  - { target: "custom_fields.Site Access", source: "customFields.Site Access" }
                  - { target: incident_id, action: static, value: null }
                statusMap:
                  work done: Resolved
                  Approved: Closed
              "Projects":
                triggerStatus: null
              "Empty":
            outboundCreate:
              board: "Field Services"
              company: "ACME"
              status: "New"
              fields:
                - { target: summary, source: workorder.title }
                - { target: "customFields.FN Work Order", source: workorder.id }
            """;
    static final MappingConfig CFG = MappingLoader.load(YAML, "boards.yaml");

    @Test
    void boardsInFileOrder() {
        assertThat(CFG.boards()).containsExactly("Help Desk", "Projects", "Empty");
        assertThat(CFG.sourceName()).isEqualTo("boards.yaml");
        assertThat(CFG.ticketIdCustomField()).isEqualTo("CW Ticket");
    }

    @Test
    void boardFieldsReplaceSameTargetsInPlaceAndAddOthers() {
        List<String> targets = CFG.fieldsFor("Help Desk").stream().map(f -> f.target().text()).toList();
        assertThat(targets).containsExactly("title", "pay", "incident_id", "custom_fields.Site Access");
        assertThat(CFG.fieldsFor("Help Desk").get(1).value().get("type").asText()).isEqualTo("hourly");
        assertThat(CFG.fieldsFor("help desk")).isEqualTo(CFG.fieldsFor("Help Desk"));
        assertThat(CFG.fieldsFor("Projects")).isSameAs(CFG.defaults().fields());
        assertThat(CFG.fieldsFor("Unknown board")).isSameAs(CFG.defaults().fields());
        assertThat(CFG.fieldsFor(null)).isSameAs(CFG.defaults().fields());
    }

    @Test
    void boardOverrideInTheMappedBody() {
        ObjectNode doc = TicketDocument.build(Tickets.ticket(), null, null, null, null, null, null);
        WorkOrderMapper mapper = new WorkOrderMapper();
        ObjectNode helpDesk = mapper.map(CFG, "Help Desk", doc);
        assertThat(helpDesk).isEqualTo(json("""
                {"title": "Printer offline", "pay": {"type": "hourly", "base": {"amount": 65, "units": 4}},
                 "custom_fields": {"Site Access": "Badge at front desk"}}"""));
        ObjectNode other = mapper.map(CFG, "Other", doc);
        assertThat(other).isEqualTo(json("""
                {"title": "Printer offline", "pay": {"type": "fixed", "base": {"amount": 150, "units": 1}},
                 "incident_id": 69}"""));
    }

    @Test
    void statusMapIsMergedOverTheDefaultsIgnoringCase() {
        assertThat(CFG.connectWiseStatusFor("Help Desk", "Work Done")).contains("Resolved");
        assertThat(CFG.connectWiseStatusFor("Help Desk", "WORK DONE")).contains("Resolved");
        assertThat(CFG.connectWiseStatusFor("Help Desk", "Assigned")).contains("Assigned");
        assertThat(CFG.connectWiseStatusFor("Help Desk", "Approved")).contains("Closed");
        assertThat(CFG.connectWiseStatusFor("Help Desk", "Paid")).isEmpty();
        assertThat(CFG.connectWiseStatusFor("Help Desk", null)).isEmpty();
        assertThat(CFG.connectWiseStatusFor("Projects", "Work Done")).contains("Completed");
        assertThat(CFG.connectWiseStatusFor("Projects", "Approved")).isEmpty();
        assertThat(CFG.statusMap("Help Desk")).containsExactly(
                java.util.Map.entry("Assigned", "Assigned"), java.util.Map.entry("work done", "Resolved"),
                java.util.Map.entry("Approved", "Closed"));
    }

    @Test
    void triggerStatusFallsBackFromBoardToDefaultsToTheProperty() {
        assertThat(CFG.triggerStatus("Help Desk", "Prop")).isEqualTo("Dispatch to FN");
        assertThat(CFG.triggerStatus("HELP DESK", "Prop")).isEqualTo("Dispatch to FN");
        assertThat(CFG.triggerStatus("Projects", "Prop")).isEqualTo("Ready");
        assertThat(CFG.triggerStatus("Empty", "Prop")).isEqualTo("Ready");
        assertThat(CFG.triggerStatus("Unknown", "Prop")).isEqualTo("Ready");
        MappingConfig noDefault = MappingLoader.load("ticketIdCustomField: X\ndefaults:\n  triggerStatus: ~\n", "t");
        assertThat(noDefault.triggerStatus("Any", "Prop")).isEqualTo("Prop");
        MappingConfig noDefaults = MappingLoader.load("ticketIdCustomField: X\n", "t");
        assertThat(noDefaults.triggerStatus(null, "Prop")).isEqualTo("Prop");
        assertThat(noDefaults.fieldsFor("x")).isEmpty();
        assertThat(noDefaults.outboundCreate()).isEmpty();
    }

    @Test
    void outboundCreateBody() {
        ObjectNode ticket = new WorkOrderMapper().mapOutbound(CFG, json("{\"id\": 20546, \"title\": \"WO\"}"));
        assertThat(ticket).isEqualTo(json("""
                {"board": {"name": "Field Services"}, "company": {"identifier": "ACME"}, "status": {"name": "New"},
                 "summary": "WO", "customFields": {"FN Work Order": 20546}}"""));
        MappingConfig none = MappingLoader.load("ticketIdCustomField: X\n", "none.yaml");
        assertThatThrownBy(() -> new WorkOrderMapper().mapOutbound(none, json("{}")))
                .isInstanceOf(MappingException.class).hasMessage("none.yaml: outboundCreate is not configured");
    }

    @Test
    void references() {
        assertThat(CFG.references()).contains(
                new Reference(Reference.Kind.FN_CUSTOM_FIELD, "CW Ticket", null, 1),
                new Reference(Reference.Kind.STATUS_NAME, "Ready", null, 3),
                new Reference(Reference.Kind.SOURCE_PATH, "ticket.summary", null, 5),
                new Reference(Reference.Kind.SOURCE_PATH, "ticket.id", null, 7),
                new Reference(Reference.Kind.FN_STATUS_NAME, "Work Done", null, 10),
                new Reference(Reference.Kind.STATUS_NAME, "Completed", null, 10),
                new Reference(Reference.Kind.BOARD_NAME, "Help Desk", null, 12),
                new Reference(Reference.Kind.STATUS_NAME, "Dispatch to FN", "Help Desk", 13),
                new Reference(Reference.Kind.FN_CUSTOM_FIELD, "Site Access", "Help Desk", 16),
                new Reference(Reference.Kind.CUSTOM_FIELD_CAPTION, "Site Access", "Help Desk", 16),
                new Reference(Reference.Kind.SOURCE_PATH, "customFields.Site Access", "Help Desk", 16),
                new Reference(Reference.Kind.STATUS_NAME, "Resolved", "Help Desk", 19),
                new Reference(Reference.Kind.BOARD_NAME, "Projects", null, 21),
                new Reference(Reference.Kind.BOARD_NAME, "Field Services", null, 25),
                new Reference(Reference.Kind.COMPANY_IDENTIFIER, "ACME", null, 26),
                new Reference(Reference.Kind.STATUS_NAME, "New", "Field Services", 27),
                new Reference(Reference.Kind.WORKORDER_PATH, "workorder.title", null, 29),
                new Reference(Reference.Kind.CUSTOM_FIELD_CAPTION, "FN Work Order", null, 30));
        assertThat(CFG.references()).noneMatch(r -> r.kind() == Reference.Kind.SOURCE_PATH && r.value().startsWith("workorder"));
    }

    @Test
    void selectorCaptionsAreReferencesToo() {
        MappingConfig cfg = TestSupport.oneField("{ target: a, source: \"ticket.customFields[caption=Ext Ref].value\", when: customFields.Gate }");
        assertThat(cfg.references()).filteredOn(r -> r.kind() == Reference.Kind.CUSTOM_FIELD_CAPTION)
                .extracting(Reference::value).containsExactly("Ext Ref", "Gate");
    }

    @Test
    void shippedFileReferences() {
        MappingConfig shipped = MappingLoader.load(TestSupport.SHIPPED);
        assertThat(shipped.references()).filteredOn(r -> r.kind() == Reference.Kind.STATUS_NAME)
                .extracting(Reference::value).containsExactly("Assigned", "Completed", "Closed", "Cancelled");
        assertThat(shipped.references()).filteredOn(r -> r.kind() == Reference.Kind.SOURCE_PATH)
                .extracting(Reference::value).contains("ticket.summary", "ticket.type.name", "address.line1", "contactInfo");
    }
}
