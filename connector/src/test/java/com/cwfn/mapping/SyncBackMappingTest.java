package com.cwfn.mapping;

import static com.cwfn.mapping.TestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import com.cwfn.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sections timeEntries, expenses, labor and writeBack: the shipped ones, what they map, what is refused. */
class SyncBackMappingTest {
    static final String HEAD = "ticketIdCustomField: X\ndefaults:\n  fields: []\n";
    final WorkOrderMapper mapper = new WorkOrderMapper();

    @Test
    void theShippedFileMapsTheExpenseCategoryToAnExpenseTypeAndTakesApprovedExpensesOnly() {
        SyncBackMapping m = MappingLoader.load(TestSupport.SHIPPED).syncBack();
        assertThat(m.expenseStatuses()).containsExactly("approved");
        assertThat(m.timeEntry()).isEmpty();
        assertThat(m.writeBack()).isEmpty();
        ObjectNode expense = json("{\"id\":60001,\"category\":{\"id\":3,\"label\":\"Travel\"},\"amount\":12.5}");
        ObjectNode out = mapper.mapInto(m.expenseEntry(), WorkOrderDocument.of(json("{\"id\":1}"), "expense", expense),
                Json.object().put("amount", 12.5));
        assertThat(out.path("type").path("name").asText()).isEqualTo("Mileage");
        assertThat(out.path("amount").asDouble()).as("what the connector filled stays").isEqualTo(12.5);
        ObjectNode other = json("{\"category\":{\"label\":\"Something new\"}}");
        assertThat(mapper.mapInto(m.expenseEntry(), WorkOrderDocument.of(null, "expense", other), Json.object())
                .path("type").path("name").asText()).isEqualTo("Other");
    }

    @Test
    void writeBackReadsTheProviderAndTheEtaAndCollectsCustomFieldsByCaption() {
        SyncBackMapping m = MappingLoader.load(HEAD + "writeBack:\n  fields:\n"
                + "    - { target: \"customFields.FN Technician\", action: concat, sources: [provider.name, provider.phone],"
                + " separator: \", \" }\n"
                + "    - { target: poNumber, source: workorder.id }\n"
                + "    - { target: \"customFields.FN ETA\", source: eta.start }\n", "m.yaml").syncBack();
        ObjectNode wo = json("{\"id\":20001,\"assignee\":{\"user\":{\"id\":1068,\"first_name\":\"Pat\",\"last_name\":"
                + "\"Tech\",\"phone\":\"6125550168\"}},\"eta\":{\"start\":{\"utc\":\"2026-07-01 14:00:00\"}}}");
        ObjectNode out = mapper.mapInto(m.writeBack(), WorkOrderDocument.of(wo, null, null), Json.object());
        assertThat(out.path("customFields").path("FN Technician").asText()).isEqualTo("Pat Tech, 6125550168");
        assertThat(out.path("customFields").path("FN ETA").asText()).isEqualTo("2026-07-01T14:00:00Z");
        assertThat(out.path("poNumber").asLong()).isEqualTo(20001);
        ObjectNode nobody = mapper.mapInto(m.writeBack(), WorkOrderDocument.of(json("{\"id\":5}"), null, null),
                Json.object());
        assertThat(nobody.path("customFields").has("FN Technician")).as("no provider, nothing to write").isFalse();
    }

    @Test
    void targetsTheConnectorFillsUnknownKeysAndUnknownStatusesAreRefusedWithTheirLines() {
        List<String> p = MappingLoaderErrorsTest.problems(HEAD
                + "timeEntries:\n  fields:\n    - { target: timeStart, source: timeLog.in.created.utc }\n"
                + "expenses:\n  statuses: [approved, paid]\n  fields:\n    - { target: amount, action: static, value: 1 }\n"
                + "  colour: red\n"
                + "labor:\n  fields:\n    - { target: ticket.id, action: static, value: 1 }\n"
                + "writeBack:\n  fields:\n    - { target: status.name, action: static, value: Closed }\n"
                + "    - { target: \"customFields.FN Technician\", source: provider.name }\n");
        assertThat(p).containsExactly(
                "m.yaml line 6: target 'timeStart' in timeEntries.fields is filled by the connector (chargeToId, "
                        + "chargeToType, company, internalNotes, ticket, timeEnd, timeStart are), so it cannot be mapped",
                "m.yaml line 8: expenses.statuses: 'paid' is not a Field Nation expense status (use new, approved, "
                        + "disapproved)",
                "m.yaml line 10: target 'amount' in expenses.fields is filled by the connector (amount, chargeToId, "
                        + "chargeToType, company, date, notes, ticket are), so it cannot be mapped",
                "m.yaml line 11: unknown key 'colour' in expenses (allowed: statuses, fields, productFields)",
                "m.yaml line 14: target 'ticket.id' in labor.fields is filled by the connector (internalNotes, ticket "
                        + "are), so it cannot be mapped",
                "m.yaml line 17: target 'status.name' in writeBack.fields is filled by the connector (_info, board, "
                        + "customFields, id, status are), so it cannot be mapped");
        assertThat(MappingLoaderErrorsTest.one(HEAD + "writeBack: [a]\n"))
                .isEqualTo("m.yaml line 4: writeBack must be a map with the keys fields");
    }

    @Test
    void aCustomFieldWrittenBackIsAReferenceForRefreshFields() {
        MappingConfig cfg = MappingLoader.load(HEAD + "writeBack:\n  fields:\n"
                + "    - { target: \"customFields.FN Technician\", source: provider.name }\n", "m.yaml");
        assertThat(cfg.references()).anyMatch(r -> r.kind() == Reference.Kind.CUSTOM_FIELD_CAPTION
                && r.value().equals("FN Technician") && r.line() == 6);
    }
}
