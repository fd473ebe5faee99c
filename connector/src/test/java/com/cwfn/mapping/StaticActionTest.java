package com.cwfn.mapping;

import static com.cwfn.mapping.TestSupport.json;
import static com.cwfn.mapping.TestSupport.mapOne;
import static org.assertj.core.api.Assertions.assertThat;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class StaticActionTest {
    static final ObjectNode DOC = ActionFixtures.DOC;

    @Test
    void scalarsListsAndMaps() {
        assertThat(mapOne("{ target: a, action: static, value: 150 }", DOC).get("a").isInt()).isTrue();
        assertThat(mapOne("{ target: a, action: static, value: true }", DOC).get("a").booleanValue()).isTrue();
        assertThat(mapOne("{ target: a, action: static, value: [1, two] }", DOC).get("a")).isEqualTo(json("{\"x\":[1,\"two\"]}").get("x"));
        assertThat(mapOne("{ target: pay, action: static, value: {type: fixed, base: {amount: 150, units: 1}} }", DOC).get("pay"))
                .isEqualTo(json("{\"type\":\"fixed\",\"base\":{\"amount\":150,\"units\":1}}"));
    }

    @Test
    void nullValueLeavesTargetUnset() {
        assertThat(mapOne("{ target: a, action: static, value: null }", DOC).has("a")).isFalse();
    }

    @Test
    void resultIsACopyOfTheConfiguredValue() {
        MappingConfig cfg = TestSupport.oneField("{ target: pay, action: static, value: {type: fixed} }");
        ObjectNode first = new WorkOrderMapper().map(cfg, null, DOC);
        ((ObjectNode) first.get("pay")).put("type", "changed");
        assertThat(new WorkOrderMapper().map(cfg, null, DOC).get("pay").get("type").asText()).isEqualTo("fixed");
    }
}
