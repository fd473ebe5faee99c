package com.cwfn.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.cwfn.json.Json;
import com.cwfn.store.TransactionStats;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the console's pages are computed from, without a server: the update diff of a preview, the activity hours. */
class ConsoleDataTest {

    @Test
    void anUpdateChangesOnlyWhatDiffersFromWhatWasSentLast() {
        ObjectNode now = (ObjectNode) Json.parse("{\"title\": \"New title\", \"pay\": {\"type\": \"fixed\"},"
                + " \"custom_fields\": {\"Ext Ref\": \"B\", \"Same\": \"S\"}}");
        String last = "{\"title\": \"Old title\", \"pay\": {\"type\": \"fixed\"}, \"custom_fields\": {\"Ext Ref\": \"A\","
                + " \"Same\": \"S\"}}";
        JsonNode changes = Preview.changes(last, now);
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).path("field").asText()).isEqualTo("title");
        assertThat(changes.get(0).path("before").asText()).isEqualTo("Old title");
        assertThat(changes.get(0).path("after").asText()).isEqualTo("New title");
        assertThat(changes.get(1).path("field").asText()).isEqualTo("custom_fields.Ext Ref");
        assertThat(Preview.changes(Json.write(now), now)).isEmpty();
        assertThat(Preview.changes(null, now)).hasSize(4); // never sent: everything, each custom field apart
    }

    @Test
    void activityCountsByHourTheQueueAndTheP95() {
        Instant now = Instant.parse("2026-07-01T12:30:00Z");
        long h = 3_600_000;
        long noon = Instant.parse("2026-07-01T12:00:00Z").toEpochMilli();
        List<TransactionStats.Timing> rows = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            rows.add(new TransactionStats.Timing(noon + i * 1000, noon + i * 1000 + i * 100L, "done"));
        }
        rows.add(new TransactionStats.Timing(noon - h + 5, noon - h + 10, "failed"));
        rows.add(new TransactionStats.Timing(noon + 100, null, "pending"));
        rows.add(new TransactionStats.Timing(noon - 30 * h, null, "pending"));   // old and still waiting
        Activity a = new Activity(new TransactionStats(null) {
            @Override
            public List<Timing> since(long from) {
                return rows;
            }
        }, Clock.fixed(now, ZoneOffset.UTC));
        ObjectNode out = a.lastDay();
        JsonNode hours = out.path("hours");
        assertThat(hours).hasSize(Activity.HOURS);
        JsonNode last = hours.get(hours.size() - 1);
        assertThat(last.path("start").asText()).isEqualTo("2026-07-01T12:00:00Z");
        assertThat(last.path("received").path("done").asLong()).isEqualTo(20);
        assertThat(last.path("received").path("in progress").asLong()).isEqualTo(1);
        assertThat(last.path("p95LatencyMs").asLong()).isEqualTo(1900);
        assertThat(hours.get(hours.size() - 2).path("received").path("failed").asLong()).isEqualTo(1);
        assertThat(hours.get(hours.size() - 2).path("p95LatencyMs").isNull()).isTrue();
        assertThat(out.path("queueDepthNow").asLong()).isEqualTo(2);
        assertThat(Activity.percentile95(List.of(5L))).isEqualTo(5L);
        assertThat(Activity.percentile95(List.of())).isNull();
    }
}
