package com.cwfn.mapping;

import static com.cwfn.mapping.TestSupport.mapOne;
import static org.assertj.core.api.Assertions.assertThat;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ArrayMapActionTest {
    static final ObjectNode DOC = ActionFixtures.DOC;

    static final String MAP = "{ target: t, action: arrayMap, source: ticket.type.name, map: {\"Point of Sale\": 62, Hardware: 1, \"7\": seven}";

    @Test
    void exactMatch() {
        assertThat(mapOne(MAP + " }", DOC).get("t").asInt()).isEqualTo(62);
    }

    @Test
    void numbersMatchTheirText() {
        assertThat(mapOne("{ target: t, action: arrayMap, source: ticket.id, map: {69: yes} }", DOC).get("t").asText()).isEqualTo("yes");
        assertThat(mapOne("{ target: t, action: arrayMap, source: ticket.priorityText, map: {7: seven} }", DOC).get("t").asText()).isEqualTo("seven");
    }

    @Test
    void missUsesOtherwiseThenDefault() {
        String miss = "{ target: t, action: arrayMap, source: ticket.summary, map: {Hardware: 1}";
        assertThat(mapOne(miss + ", otherwise: 99 }", DOC).get("t").asInt()).isEqualTo(99);
        assertThat(mapOne(miss + ", default: 5 }", DOC).get("t").asInt()).isEqualTo(5);
        assertThat(mapOne(miss + " }", DOC).has("t")).isFalse();
        // case matters
        assertThat(mapOne("{ target: t, action: arrayMap, source: ticket.type.name, map: {point of sale: 62} }", DOC).has("t")).isFalse();
    }

    @Test
    void missingSourceUsesOtherwise() {
        assertThat(mapOne("{ target: t, action: arrayMap, source: ticket.nothing, map: {a: 1}, otherwise: 0 }", DOC).get("t").asInt()).isZero();
    }
}
