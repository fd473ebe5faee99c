package com.cwfn.admin;

import com.cwfn.json.Json;
import com.cwfn.store.InboxStore;
import com.cwfn.store.TransactionStats;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code GET /admin/activity}: the last day of sync transactions by hour, from the database (so it survives restarts
 * and covers every instance, unlike the process's metrics): how many were received each hour by how they ended, the
 * queue depth (received and not finished) at the end of each hour, and the 95th percentile of the end-to-end time
 * (received to finished) of the transactions that finished done in each hour.
 */
public class Activity {
    static final int HOURS = 24;
    /** How the outcome columns group the statuses. */
    static final List<String> OUTCOMES = List.of("done", "failed", "nothing to do", "in progress");

    private final TransactionStats stats;
    private final Clock clock;

    public Activity(TransactionStats stats, Clock clock) {
        this.stats = stats;
        this.clock = clock;
    }

    public ObjectNode lastDay() {
        Instant now = clock.instant();
        Instant end = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        Instant start = end.minus(Duration.ofHours(HOURS));
        List<TransactionStats.Timing> rows = stats.since(start.toEpochMilli());
        ObjectNode out = Json.object().put("from", start.toString()).put("to", now.toString());
        ArrayNode outcomes = out.putArray("outcomes");
        OUTCOMES.forEach(outcomes::add);
        ArrayNode hours = out.putArray("hours");
        long inQueue = 0;
        for (int h = 0; h < HOURS; h++) {
            long from = start.plus(Duration.ofHours(h)).toEpochMilli();
            long to = from + Duration.ofHours(1).toMillis();
            long depthAt = Math.min(to, now.toEpochMilli());
            long[] counts = new long[OUTCOMES.size()];
            long depth = 0;
            List<Long> latencies = new ArrayList<>();
            for (TransactionStats.Timing t : rows) {
                if (t.receivedAt() >= from && t.receivedAt() < to) {
                    counts[OUTCOMES.indexOf(outcome(t))]++;
                }
                if (t.receivedAt() <= depthAt && (t.finishedAt() == null || t.finishedAt() > depthAt)) {
                    depth++;
                }
                if (InboxStore.DONE.equals(t.status()) && t.finishedAt() != null && t.finishedAt() >= from
                        && t.finishedAt() < to) {
                    latencies.add(t.finishedAt() - t.receivedAt());
                }
            }
            ObjectNode o = hours.addObject().put("start", Instant.ofEpochMilli(from).toString());
            ObjectNode c = o.putObject("received");
            for (int i = 0; i < counts.length; i++) {
                c.put(OUTCOMES.get(i), counts[i]);
            }
            o.put("queueDepth", depth);
            Long p95 = percentile95(latencies);
            if (p95 == null) {
                o.putNull("p95LatencyMs");
            } else {
                o.put("p95LatencyMs", p95);
            }
            o.put("finishedDone", latencies.size());
            inQueue = depth;
        }
        out.put("queueDepthNow", inQueue);
        return out;
    }

    static String outcome(TransactionStats.Timing t) {
        return switch (t.status()) {
            case InboxStore.DONE -> "done";
            case InboxStore.FAILED -> "failed";
            case InboxStore.PENDING, InboxStore.PROCESSING -> "in progress";
            default -> "nothing to do";
        };
    }

    /** The nearest-rank 95th percentile, or null for no values. */
    static Long percentile95(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(0.95 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
