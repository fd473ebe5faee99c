package com.cwfn.notify;

import com.cwfn.store.NoticeStore;
import com.cwfn.store.NoticeStore.Notice;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The text of one failure mail from the notices it gathers: the likely causes first ("Field Nation answered 503 to
 * 8 transactions since 10:02 UTC"), then what needs attention (a held cancellation, a provider who cancelled, a work
 * order at risk, a problem), then each registration gone, each transaction failed for good, each still failing, each
 * recovered. The subject holds only the connector's own words and numbers: no text from ConnectWise or
 * Field Nation ever becomes a mail header.
 */
final class DigestMail {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private DigestMail() {
    }

    record Mail(String subject, String body) {
    }

    /**
     * @param labels the ticket labels known (ticket id -> "summary (company)"), for notices that carry none
     * @param replayBase the connector's public URL, for the replay commands
     */
    static Mail of(List<Notice> notices, Function<Long, String> labels, String replayBase) {
        List<Notice> failed = kind(notices, NoticeStore.FAILED);
        List<Notice> stuck = kind(notices, NoticeStore.STUCK);
        List<Notice> recovered = kind(notices, NoticeStore.RECOVERED);
        List<Notice> registrations = kind(notices, NoticeStore.REGISTRATION);
        List<Notice> attention = kind(notices, NoticeStore.ATTENTION);
        StringBuilder b = new StringBuilder();
        for (String cause : causes(notices)) {
            b.append(cause).append('\n');
        }
        if (b.length() > 0) {
            b.append('\n');
        }
        if (!attention.isEmpty()) {
            b.append("Needs attention (the console's Needs attention page, or GET ").append(replayBase)
                    .append("/admin/attention):\n");
            attention.forEach(n -> b.append("  ticket ").append(ticket(n, labels)).append(", work order ")
                    .append(n.workOrderId() == null ? "-" : n.workOrderId()).append(": ").append(oneLine(n.detail()))
                    .append('\n'));
            b.append('\n');
        }
        if (!registrations.isEmpty()) {
            b.append("Registrations:\n");
            registrations.forEach(n -> b.append("  ").append(oneLine(n.detail())).append('\n'));
            b.append('\n');
        }
        if (!failed.isEmpty()) {
            b.append(failed.size() == 1 ? "A sync transaction failed and was set aside; nothing else was lost.\n\n"
                    : failed.size() + " sync transactions failed and were set aside; nothing else was lost.\n\n");
            for (Notice n : failed) {
                block(b, n, labels, replayBase);
            }
        }
        if (!stuck.isEmpty()) {
            b.append("Still failing, retries go on:\n");
            stuck.forEach(n -> b.append("  ").append(line(n, labels)).append(", ").append(n.attempts())
                    .append(" attempts since ").append(TIME.format(Instant.ofEpochMilli(n.sinceAt()))).append(": ")
                    .append(oneLine(n.detail())).append('\n'));
            b.append('\n');
        }
        if (!recovered.isEmpty()) {
            b.append("Recovered since the last mail:\n");
            recovered.forEach(n -> b.append("  ").append(line(n, labels)).append(": ").append(oneLine(n.detail()))
                    .append(" at ").append(TIME.format(Instant.ofEpochMilli(n.createdAt()))).append('\n'));
            b.append('\n');
        }
        return new Mail(subject(failed, stuck, recovered, registrations, attention.size()), b.toString());
    }

    private static List<Notice> kind(List<Notice> notices, String kind) {
        return notices.stream().filter(n -> kind.equals(n.kind())).toList();
    }

    private static String subject(List<Notice> failed, List<Notice> stuck, List<Notice> recovered,
            List<Notice> registrations, int attention) {
        if (failed.size() == 1 && stuck.isEmpty() && recovered.isEmpty() && registrations.isEmpty() && attention == 0) {
            Notice n = failed.get(0);
            return "[cw-fn-connector] sync failed: " + (n.ticketId() != null ? "ticket " + n.ticketId() : "")
                    + (n.workOrderId() != null ? (n.ticketId() != null ? ", " : "") + "work order " + n.workOrderId()
                    : "");
        }
        List<String> parts = new ArrayList<>();
        if (attention > 0) {
            parts.add(attention + (attention == 1 ? " item needs" : " items need") + " attention");
        }
        count(parts, failed.size(), "failed");
        count(parts, stuck.size(), "still failing");
        count(parts, recovered.size(), "recovered");
        if (!registrations.isEmpty()) {
            parts.add(registrations.size() + (registrations.size() == 1 ? " registration" : " registrations")
                    + " to look at");
        }
        return "[cw-fn-connector] " + String.join(", ", parts);
    }

    private static void count(List<String> parts, int n, String what) {
        if (n > 0) {
            parts.add(n + (n == 1 ? " transaction " : " transactions ") + what);
        }
    }

    /** "Field Nation answered 503 to 8 transactions since 2026-12-01 10:02 UTC", for causes two or more share. */
    private static List<String> causes(List<Notice> notices) {
        Map<String, List<Notice>> byCause = new LinkedHashMap<>();
        for (Notice n : notices) {
            if (n.cause() != null && (NoticeStore.FAILED.equals(n.kind()) || NoticeStore.STUCK.equals(n.kind()))) {
                byCause.computeIfAbsent(n.cause(), k -> new ArrayList<>()).add(n);
            }
        }
        List<String> out = new ArrayList<>();
        byCause.forEach((cause, list) -> {
            if (list.size() >= 2) {
                long since = list.stream().mapToLong(n -> n.sinceAt() == null ? n.createdAt() : n.sinceAt()).min()
                        .orElseThrow();
                out.add("Likely cause: " + oneLine(cause) + " to " + list.size() + " transactions since "
                        + TIME.format(Instant.ofEpochMilli(since)) + ".");
            }
        });
        return out;
    }

    /** The transaction as the earlier one-mail-per-failure told it, the ticket named by its summary too. */
    private static void block(StringBuilder b, Notice n, Function<Long, String> labels, String replayBase) {
        String dir = "cw-fn".equals(n.direction()) ? "ConnectWise -> Field Nation" : "Field Nation -> ConnectWise";
        b.append("Transaction: ").append(n.transactionId()).append('\n')
                .append("Direction:   ").append(dir).append('\n')
                .append("Ticket:      ").append(ticket(n, labels)).append('\n')
                .append("Work order:  ").append(n.workOrderId() == null ? "-" : n.workOrderId()).append('\n')
                .append("Step:        ").append(n.step()).append('\n')
                .append("Attempts:    ").append(n.attempts()).append('\n')
                .append("Since:       ").append(n.sinceAt() == null ? "-" : TIME.format(Instant.ofEpochMilli(
                        n.sinceAt()))).append('\n')
                .append("Error:       ").append(oneLine(n.detail())).append("\n\n")
                .append("After fixing the cause, replay it:\n")
                .append("  curl -u admin -X POST ").append(replayBase).append("/admin/transactions/")
                .append(n.transactionId()).append("/replay\n")
                .append("  or: java -jar cw-fn-connector.jar admin replay ").append(n.transactionId()).append("\n\n");
    }

    private static String line(Notice n, Function<Long, String> labels) {
        return "ticket " + ticket(n, labels) + ", work order " + (n.workOrderId() == null ? "-" : n.workOrderId())
                + (n.step() == null ? "" : ", step " + n.step());
    }

    private static String ticket(Notice n, Function<Long, String> labels) {
        if (n.ticketId() == null) {
            return "-";
        }
        String label = n.label() != null ? n.label() : labels.apply(n.ticketId());
        return n.ticketId() + (label == null ? "" : " \"" + oneLine(label) + "\"");
    }

    /** Text from either system on one line: line breaks become spaces, so nothing it holds starts a line. */
    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n\\u0085\\u2028\\u2029]+", " ").strip();
    }
}
