package com.cwfn.admin;

import static org.assertj.core.api.Assertions.assertThat;
import com.cwfn.json.Json;
import com.cwfn.mapping.MappingConfig;
import com.cwfn.mapping.MappingLoader;
import com.cwfn.settings.Settings;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Refresh Fields' check of the names time entries, expenses and products rely on. */
class ChargeNamesTest {
    static final String CONNECTWISE = "{\"workTypes\":[{\"id\":2,\"name\":\"Onsite\"}],\"workRoles\":[{\"id\":1,"
            + "\"name\":\"Technician\"}],\"expenseTypes\":[{\"id\":2,\"name\":\"Materials\"}],"
            + "\"catalogItems\":[{\"id\":1,\"identifier\":\"FN-EXPENSE\"}],"
            + "\"timeMember\":{\"identifier\":\"nobody\",\"found\":false}}";

    @Test
    void namesConnectWiseDoesNotHaveAreProblemsWithTheirLines() {
        MappingConfig cfg = MappingLoader.load("ticketIdCustomField: X\ndefaults:\n  fields: []\n"
                + "timeEntries:\n  fields:\n    - { target: workType.name, action: static, value: onsite }\n"
                + "    - { target: workRole.name, action: static, value: Wizard }\n"
                + "expenses:\n  fields:\n    - { target: type.name, action: arrayMap, source: expense.category.label,"
                + " map: { Materials: Materials, Travel: Mileage }, otherwise: Other }\n"
                + "labor:\n  fields:\n    - { target: catalogItem.identifier, action: static, value: LABOR }\n", "m.yaml");
        Settings settings = new Settings(Map.of("sync.expenses.catalog-item", "FN-GONE")::get);
        ArrayNode problems = Json.array();
        List<String> unchecked = new ArrayList<>();
        ChargeNames.check(Json.parse(CONNECTWISE), cfg, settings, problems, unchecked);
        List<String> texts = new ArrayList<>();
        problems.forEach(p -> texts.add(Json.text(p, "line") + " " + Json.text(p, "problem")));
        assertThat(texts).containsExactly(
                "null sync.time.member 'nobody' is not a ConnectWise member: time entries would be refused",
                "null sync.expenses.catalog-item 'FN-GONE' is not a ConnectWise catalog item: products would be refused",
                "7 there is no ConnectWise work role 'Wizard' (workRole.name in mappings.yaml)",
                "10 there is no ConnectWise expense type 'Mileage' (type.name in mappings.yaml)",
                "10 there is no ConnectWise expense type 'Other' (type.name in mappings.yaml)",
                "13 there is no ConnectWise catalog item 'LABOR' (catalogItem.identifier in mappings.yaml)");
        assertThat(unchecked).isEmpty();

        ArrayNode none = Json.array();
        ChargeNames.check(Json.object(), cfg, new Settings(k -> null), none, unchecked);
        assertThat(none).isEmpty();
        assertThat(unchecked).contains("work type names: the ConnectWise workTypes could not be read");
    }
}
