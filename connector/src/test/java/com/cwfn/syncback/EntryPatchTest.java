package com.cwfn.syncback;

import static org.assertj.core.api.Assertions.assertThat;
import com.cwfn.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Only what differs is patched; ConnectWise's refusals read as one line; the labor pay. */
class EntryPatchTest {
    static ObjectNode json(String s) {
        return (ObjectNode) Json.parse(s);
    }

    @Test
    void onlyFieldsWhoseWantedValueTheRecordDoesNotHaveArePatched() {
        JsonNode current = json("{\"id\":3000,\"member\":{\"id\":180,\"identifier\":\"dtech\",\"name\":\"Dana Tech\"},"
                + "\"workType\":{\"id\":2,\"name\":\"Onsite\"},\"timeStart\":\"2026-07-01T14:00:00Z\","
                + "\"timeEnd\":\"2026-07-01T15:00:00Z\",\"amount\":12.50,\"notes\":\"a\",\"billableOption\":\"Billable\"}");
        ObjectNode wanted = json("{\"member\":{\"identifier\":\"DTECH\"},\"workType\":{\"name\":\"onsite\"},"
                + "\"timeStart\":\"2026-07-01T14:00:00.000Z\",\"timeEnd\":\"2026-07-01T16:00:00Z\",\"amount\":12.5,"
                + "\"notes\":\"A\",\"billableOption\":\"DoNotBill\",\"internalNotes\":\"(fn-time-log:1)\"}");
        assertThat(EntryPatch.ops(wanted, current).toString()).isEqualTo("[{\"op\":\"replace\",\"path\":\"timeEnd\","
                + "\"value\":\"2026-07-01T16:00:00Z\"},{\"op\":\"replace\",\"path\":\"notes\",\"value\":\"A\"},"
                + "{\"op\":\"replace\",\"path\":\"billableOption\",\"value\":\"DoNotBill\"},{\"op\":\"replace\","
                + "\"path\":\"internalNotes\",\"value\":\"(fn-time-log:1)\"}]");
        assertThat(EntryPatch.ops(json("{\"member\":{\"identifier\":\"jsmith\"}}"), current)).hasSize(1);
        assertThat(EntryPatch.ops(json("{}"), current)).isEmpty();
    }

    @Test
    void aRefusalNamesConnectWisesMessageAndItsInnerErrors() {
        assertThat(ChargeCopier.refusal("{\"code\":\"InvalidObject\",\"message\":\"timeEntry object is invalid\","
                + "\"errors\":[{\"code\":\"NotFound\",\"message\":\"Member x not found\",\"field\":\"member\"}]}"))
                .isEqualTo("timeEntry object is invalid: Member x not found (member)");
        assertThat(ChargeCopier.refusal("not json")).isEqualTo("not json");
        assertThat(ChargeCopier.refusal(null)).isEqualTo("no answer body");
    }

    @Test
    void theLaborPayIsTheLaborSumElseTheTotalElseTheBasePay() {
        assertThat(LaborCharge.amount(json("{\"labor_sum\":150.0,\"total\":170}"))).isEqualTo(new BigDecimal("150"));
        assertThat(LaborCharge.amount(json("{\"total\":170.50}"))).isEqualTo(new BigDecimal("170.5"));
        assertThat(LaborCharge.amount(json("{\"type\":\"hourly\",\"base\":{\"amount\":65,\"units\":4}}")))
                .isEqualTo(new BigDecimal("260"));
        assertThat(LaborCharge.amount(json("{\"type\":\"fixed\",\"base\":{\"amount\":150,\"units\":1}}")))
                .isEqualTo(new BigDecimal("150"));
        assertThat(LaborCharge.amount(json("{}")).signum()).isZero();
    }
}
