package com.cwfn.mapping;

import static com.cwfn.mapping.TestSupport.json;
import static com.cwfn.mapping.TestSupport.mapOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ExpressionActionTest {
    static final ObjectNode DOC = ActionFixtures.DOC;

    @Test
    void evaluatesJsonataOverTheWholeDocument() {
        assertThat(mapOne("{ target: e, action: expression, expression: \"ticket.summary & ' #' & ticket.id\" }", DOC)
                .get("e").asText()).isEqualTo("Printer offline #69");
        assertThat(mapOne("{ target: e, action: expression, expression: \"$count(notes)\" }", DOC).get("e").asInt()).isEqualTo(2);
        assertThat(mapOne("{ target: e, action: expression, expression: \"notes[id=2].text\" }", DOC).get("e").asText()).isEqualTo("second");
        assertThat(mapOne("{ target: e, action: expression, expression: \"{'n': ticket.budgetHours * 2, 'l': notes.id}\" }", DOC).get("e"))
                .isEqualTo(json("{\"n\":7,\"l\":[1,2]}"));
    }

    @Test
    void undefinedResultUsesDefault() {
        assertThat(mapOne("{ target: e, action: expression, expression: \"ticket.nope\" }", DOC).has("e")).isFalse();
        assertThat(mapOne("{ target: e, action: expression, expression: \"ticket.nope\", default: d }", DOC).get("e").asText()).isEqualTo("d");
    }

    @Test
    void runtimeFailureNamesTargetAndLine() {
        assertThatThrownBy(() -> mapOne("{ target: e, action: expression, expression: \"$number('abc')\" }", DOC))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith("test.yaml line 4: target 'e' (expression): JSONata expression failed");
    }
}
