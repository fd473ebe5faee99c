package com.cwfn.mapping;

import static com.cwfn.mapping.TestSupport.mapOne;
import static org.assertj.core.api.Assertions.assertThat;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ConcatActionTest {
    static final ObjectNode DOC = ActionFixtures.DOC;

    @Test
    void joinsPathsAndLiteralsSkippingNulls() {
        assertThat(mapOne("{ target: c, action: concat, sources: [\"literal:CW\", ticket.id, ticket.nothing, ticket.empty, ticket.summary] }", DOC)
                .get("c").asText()).isEqualTo("CW 69 Printer offline");
        assertThat(mapOne("{ target: c, action: concat, separator: \" / \", sources: [ticket.summary, ticket.nope, \"customFields.Site Access\"] }", DOC)
                .get("c").asText()).isEqualTo("Printer offline / Key at desk");
        assertThat(mapOne("{ target: c, action: concat, separator: \"\", sources: [\"literal:#\", ticket.id] }", DOC)
                .get("c").asText()).isEqualTo("#69");
    }

    @Test
    void allNullGivesDefault() {
        assertThat(mapOne("{ target: c, action: concat, sources: [ticket.nothing, ticket.nope] }", DOC).has("c")).isFalse();
        assertThat(mapOne("{ target: c, action: concat, sources: [ticket.nothing], default: x }", DOC).get("c").asText()).isEqualTo("x");
    }
}
