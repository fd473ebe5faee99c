package com.cwfn.mapping;

import static com.cwfn.mapping.TestSupport.json;
import static com.cwfn.mapping.TestSupport.mapOne;
import static org.assertj.core.api.Assertions.assertThat;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class TruncationTest {
    static final ObjectNode DOC = ActionFixtures.DOC;

    @Test
    void maxLength() {
        assertThat(mapOne("{ target: a, source: ticket.summary, maxLength: 7 }", DOC).get("a").asText()).isEqualTo("Printer");
        // numbers and objects are not cut
        assertThat(mapOne("{ target: a, source: ticket.id, maxLength: 1 }", DOC).get("a").asInt()).isEqualTo(69);
    }

    @Test
    void builtInLimitsOfKnownTargets() {
        ObjectNode doc = json("{\"long\": \"" + "x".repeat(300) + "\"}");
        assertThat(mapOne("{ target: title, source: long }", doc).get("title").asText()).hasSize(255);
        assertThat(mapOne("{ target: location.zip, source: long }", doc).at("/location/zip").asText()).hasSize(16);
        assertThat(mapOne("{ target: \"contacts.results[0].phone\", source: long }", doc).at("/contacts/results/0/phone").asText()).hasSize(32);
        assertThat(mapOne("{ target: \"custom_fields.Notes\", source: long }", doc).at("/custom_fields/Notes").asText()).hasSize(255);
        // the smaller of maxLength and the built-in limit wins
        assertThat(mapOne("{ target: title, source: long, maxLength: 10 }", doc).get("title").asText()).hasSize(10);
        assertThat(mapOne("{ target: title, source: long, maxLength: 1000 }", doc).get("title").asText()).hasSize(255);
        // unknown targets have no built-in limit
        assertThat(mapOne("{ target: other, source: long }", doc).get("other").asText()).hasSize(300);
    }

    @Test
    void defaultIsTruncatedToo() {
        assertThat(mapOne("{ target: a, source: nope, default: abcdef, maxLength: 3 }", DOC).get("a").asText()).isEqualTo("abc");
    }

    @Test
    void neverSplitsASurrogatePair() {
        assertThat(FieldLimits.truncate("ab\uD83D\uDE00c", 3)).isEqualTo("ab");
    }
}
