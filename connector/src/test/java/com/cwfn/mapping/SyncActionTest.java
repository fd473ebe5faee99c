package com.cwfn.mapping;

import static com.cwfn.mapping.TestSupport.json;
import static com.cwfn.mapping.TestSupport.mapOne;
import static org.assertj.core.api.Assertions.assertThat;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class SyncActionTest {
    static final ObjectNode DOC = ActionFixtures.DOC;

    @Test
    void copiesScalarsObjectsAndArrays() {
        assertThat(mapOne("{ target: title, source: ticket.summary }", DOC).get("title").asText()).isEqualTo("Printer offline");
        assertThat(mapOne("{ target: t, source: ticket.type }", DOC).get("t")).isEqualTo(json("{\"name\":\"Point of Sale\"}"));
        assertThat(mapOne("{ target: n, source: ticket.budgetHours }", DOC).get("n").doubleValue()).isEqualTo(3.5);
    }

    @Test
    void pathsWithIndexSelectorAndSpaces() {
        assertThat(mapOne("{ target: a, source: \"notes[1].text\" }", DOC).get("a").asText()).isEqualTo("second");
        assertThat(mapOne("{ target: a, source: \"ticket.customFields[caption=Ext Ref].value\" }", DOC).get("a").asText()).isEqualTo("X-1");
        assertThat(mapOne("{ target: a, source: \"ticket.customFields[caption=Story Points].value\" }", DOC).get("a").asInt()).isEqualTo(5);
        assertThat(mapOne("{ target: a, source: customFields.Site Access }", DOC).get("a").asText()).isEqualTo("Key at desk");
    }

    @Test
    void missingOrNullLeavesTargetUnsetUnlessDefault() {
        assertThat(mapOne("{ target: a, source: ticket.nope }", DOC).has("a")).isFalse();
        assertThat(mapOne("{ target: a, source: ticket.nothing }", DOC).has("a")).isFalse();
        assertThat(mapOne("{ target: a, source: \"notes[5].text\" }", DOC).has("a")).isFalse();
        assertThat(mapOne("{ target: a, source: ticket.nope, default: dflt }", DOC).get("a").asText()).isEqualTo("dflt");
        assertThat(mapOne("{ target: a, source: ticket.empty, default: 7 }", DOC).get("a").asInt()).isEqualTo(7);
        // an empty string without a default is written as it is
        assertThat(mapOne("{ target: a, source: ticket.empty }", DOC).get("a").asText()).isEmpty();
    }

    @Test
    void whenSkipsTheEntry() {
        assertThat(mapOne("{ target: a, action: static, value: 1, when: ticket.nothing }", DOC).has("a")).isFalse();
        assertThat(mapOne("{ target: a, action: static, value: 1, when: ticket.empty }", DOC).has("a")).isFalse();
        assertThat(mapOne("{ target: a, action: static, value: 1, when: ticket.summary }", DOC).get("a").asInt()).isEqualTo(1);
    }
}
