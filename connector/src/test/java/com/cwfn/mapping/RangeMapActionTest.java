package com.cwfn.mapping;

import static com.cwfn.mapping.TestSupport.json;
import static com.cwfn.mapping.TestSupport.mapOne;
import static org.assertj.core.api.Assertions.assertThat;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class RangeMapActionTest {
    static final String RANGES = "{ target: p, action: rangeMap, source: %s, default: none, ranges: "
            + "[ {max: 2, value: low}, {min: 2, max: 5, value: mid}, {min: 5, value: high} ] }";

    ObjectNode doc(String v) {
        return json("{\"x\": " + v + "}");
    }

    String band(String value) {
        var out = mapOne(RANGES.formatted("x"), doc(value));
        return out.get("p").asText();
    }

    @Test
    void bandsWithInclusiveMinAndExclusiveMax() {
        assertThat(band("-100")).isEqualTo("low");
        assertThat(band("1.999")).isEqualTo("low");
        assertThat(band("2")).isEqualTo("mid");
        assertThat(band("4.5")).isEqualTo("mid");
        assertThat(band("5")).isEqualTo("high");
        assertThat(band("1e6")).isEqualTo("high");
    }

    @Test
    void numericTextCountsAndNonNumericGivesDefault() {
        assertThat(band("\"3\"")).isEqualTo("mid");
        assertThat(band("\"three\"")).isEqualTo("none");
        assertThat(band("null")).isEqualTo("none");
        assertThat(band("{}")).isEqualTo("none");
    }

    @Test
    void noBandGivesDefault() {
        String cfg = "{ target: p, action: rangeMap, source: x, default: none, ranges: [ {min: 0, max: 10, value: a} ] }";
        assertThat(mapOne(cfg, doc("10")).get("p").asText()).isEqualTo("none");
        assertThat(mapOne(cfg, doc("-1")).get("p").asText()).isEqualTo("none");
    }

    @Test
    void firstMatchingBandWins() {
        String cfg = "{ target: p, action: rangeMap, source: x, ranges: [ {min: 0, value: first}, {min: 1, value: second} ] }";
        assertThat(mapOne(cfg, doc("3")).get("p").asText()).isEqualTo("first");
    }
}
