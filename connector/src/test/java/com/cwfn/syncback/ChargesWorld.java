package com.cwfn.syncback;

import com.cwfn.json.Json;
import com.cwfn.sandbox.LoggedRequest;
import com.cwfn.store.Transaction;
import com.cwfn.store.InboxStore;
import com.cwfn.testing.Env;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** What the time, expense and technician tests share: their mapping file and looks into both sandboxes. */
final class ChargesWorld {
    private ChargesWorld() {
    }

    /** The shipped mappings.yaml with {@code writeBack} and {@code timeEntries} fields of the test's own. */
    static Path mapping(Path dir, String writeBackFields, String timeEntryFields) throws IOException {
        String shipped = Files.readString(Path.of("mappings.yaml"));
        String text = shipped.replace("writeBack:\n  fields: []\n", "writeBack:\n  fields:\n" + writeBackFields)
                .replace("timeEntries:\n  fields: []\n", "timeEntries:\n  fields:\n" + timeEntryFields);
        if (text.equals(shipped)) {
            throw new IllegalStateException("the shipped mappings.yaml no longer has empty writeBack/timeEntries fields");
        }
        Path file = dir.resolve("mappings.yaml");
        Files.writeString(file, text);
        return file;
    }

    /** A Field Nation time (YYYY-MM-DD HH:MM:SS, UTC) as ConnectWise writes it (ISO-8601, Z). */
    static String iso(String fieldNationUtc) {
        return LocalDateTime.parse(fieldNationUtc, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
                .toInstant(ZoneOffset.UTC).toString();
    }

    static JsonNode onlyLog(Env env, long wo) {
        List<com.fasterxml.jackson.databind.node.ObjectNode> logs = env.fn.timeLogs(wo);
        if (logs.size() != 1) {
            throw new AssertionError("expected one time log on " + wo + ": " + logs);
        }
        return logs.get(0);
    }

    /** ConnectWise writes to a path (method, path regex). */
    static List<LoggedRequest> writes(Env env, String method, String pathRegex) {
        return env.cw.requests(r -> r.method().equals(method) && r.path().matches(pathRegex));
    }

    /** The transactions of a work order with this event name, newest first. */
    static List<Transaction> events(Env env, long wo, String eventType) {
        return env.connector.bean("inboxStore", InboxStore.class).list(null, null, null, 500).stream()
                .filter(e -> e.workOrderId() != null && e.workOrderId() == wo && e.eventType().equals(eventType))
                .toList();
    }

    static String text(JsonNode n, String path) {
        return Json.text(n, path);
    }
}
