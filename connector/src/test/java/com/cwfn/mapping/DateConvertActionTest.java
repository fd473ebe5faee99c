package com.cwfn.mapping;

import static com.cwfn.mapping.TestSupport.json;
import static com.cwfn.mapping.TestSupport.mapOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class DateConvertActionTest {
    static final ObjectNode DOC = ActionFixtures.DOC;

    @Test
    void isoWithOffsetToFieldNationUtc() {
        assertThat(mapOne("{ target: s.utc, action: dateConvert, source: iso }", DOC).at("/s/utc").asText())
                .isEqualTo("2026-07-01 14:00:00");
        assertThat(mapOne("{ target: s.utc, action: dateConvert, source: x }", json("{\"x\":\"2024-05-02T12:00:00Z\"}")).at("/s/utc").asText())
                .isEqualTo("2024-05-02 12:00:00");
    }

    @Test
    void customFormatInAZone() {
        ObjectNode doc = json("{\"x\": \"07/01/2026 09:30\", \"w\": \"31.01.2026 23:15\"}");
        assertThat(mapOne("{ target: s.utc, action: dateConvert, source: x, format: \"MM/dd/yyyy HH:mm\", zone: America/Chicago }", doc)
                .at("/s/utc").asText()).isEqualTo("2026-07-01 14:30:00");
        // winter: Berlin is UTC+1, and the date rolls back
        assertThat(mapOne("{ target: s.utc, action: dateConvert, source: w, format: \"dd.MM.yyyy HH:mm\", zone: Europe/Berlin }", doc)
                .at("/s/utc").asText()).isEqualTo("2026-01-31 22:15:00");
    }

    @Test
    void localValueWithoutZoneIsUtcAndZoneAppliesToIsoWithoutOffset() {
        assertThat(mapOne("{ target: s.utc, action: dateConvert, source: when }", DOC).at("/s/utc").asText())
                .isEqualTo("2026-07-01 09:00:00");
        assertThat(mapOne("{ target: s.utc, action: dateConvert, source: when, zone: America/New_York }", DOC).at("/s/utc").asText())
                .isEqualTo("2026-07-01 13:00:00");
        // an explicit offset beats the zone
        assertThat(mapOne("{ target: s.utc, action: dateConvert, source: iso, zone: Asia/Tokyo }", DOC).at("/s/utc").asText())
                .isEqualTo("2026-07-01 14:00:00");
    }

    @Test
    void dateAloneIsMidnight() {
        assertThat(mapOne("{ target: d, action: dateConvert, source: x, zone: \"+02:00\" }", json("{\"x\":\"2026-03-01\"}")).get("d").asText())
                .isEqualTo("2026-02-28 22:00:00");
    }

    @Test
    void outputFormats() {
        assertThat(mapOne("{ target: d, action: dateConvert, source: iso, outputFormat: iso }", DOC).get("d").asText())
                .isEqualTo("2026-07-01T14:00:00Z");
        assertThat(mapOne("{ target: d, action: dateConvert, source: iso, outputFormat: \"yyyyMMdd\" }", DOC).get("d").asText())
                .isEqualTo("20260701");
    }

    @Test
    void missingGivesNothingAndBadTextIsAPermanentErrorNamingTargetAndLine() {
        assertThat(mapOne("{ target: d, action: dateConvert, source: nope }", DOC).has("d")).isFalse();
        assertThatThrownBy(() -> mapOne("{ target: s.start.utc, action: dateConvert, source: bad }", DOC))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith("test.yaml line 4: target 's.start.utc' (dateConvert): cannot read 'yesterday' as a date");
        assertThatThrownBy(() -> mapOne("{ target: d, action: dateConvert, source: iso, format: \"MM/dd/yyyy\" }", DOC))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("with format 'MM/dd/yyyy'");
    }
}
