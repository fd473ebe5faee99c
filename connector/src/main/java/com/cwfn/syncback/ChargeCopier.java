package com.cwfn.syncback;

import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.connectwise.ConnectWiseClient.Charge;
import com.cwfn.failure.PermanentFailure;
import com.cwfn.http.RemoteCallException;
import com.cwfn.json.Json;
import com.cwfn.store.SyncLog;
import com.cwfn.store.SyncedItemStore;
import com.cwfn.sync.Once;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Copies Field Nation items (time logs, expenses, the labor pay) to ConnectWise entries on the ticket, each once,
 * through replays, crashes and several instances: the copy-once protocol of {@link SyncedItemStore#copyOnce}, with
 * the item's marker ({@code (fn-time-log:<id>)} ...) in a field of the entry, so an entry made just before a crash
 * is found on the ticket before another is made. An item whose source changed (its hash) updates its entry with only
 * the fields that differ; an item no longer wanted (deleted in Field Nation, or disapproved) has its entry deleted.
 * A refusal by ConnectWise is a permanent failure that says which item and why.
 */
public class ChargeCopier {
    /**
     * One item as it should be on the ticket.
     *
     * @param key    the synced_item key (work order id : item id)
     * @param hash   what the item looked like in Field Nation
     * @param body   the ConnectWise entry to write
     * @param marker the text that identifies the item in the entry's {@code markerField}
     * @param what   how to name the item in logs and errors, e.g. "Field Nation time log 290010"
     */
    public record Wanted(String key, String hash, ObjectNode body, String marker, String what) {
    }

    /** Where a kind of item goes: its synced_item kind, the ConnectWise resource and the field holding the marker. */
    public record Target(String kind, Charge charge, String markerField) {
    }

    private final ConnectWiseClient cw;
    private final SyncedItemStore items;
    private final SyncLog log;

    public ChargeCopier(ConnectWiseClient cw, SyncedItemStore items, SyncLog log) {
        this.cw = cw;
        this.items = items;
        this.log = log;
    }

    /**
     * Brings the ticket's entries for one kind of item in step with {@code wanted}; with {@code removeOthers}, entries
     * of items not wanted any more are deleted, each logged under {@code step} (the route step's id). Answers one line
     * per entry written, for the transaction's outcome.
     */
    public List<String> sync(SyncBack s, Target t, List<Wanted> wanted, boolean removeOthers, String step) {
        long ticketId = s.link.ticketId();
        Map<String, SyncedItemStore.Copied> copied = new LinkedHashMap<>();
        items.copiedForWorkOrder(t.kind(), s.workOrderId()).forEach(c -> copied.put(c.key(), c));
        Once<List<JsonNode>> onTicket = new Once<>(() -> cw.charges(t.charge(), s.kind(), ticketId));
        List<String> lines = new ArrayList<>();
        for (Wanted w : wanted) {
            SyncedItemStore.Copied c = copied.remove(w.key());
            if (c != null && Objects.equals(c.sourceHash(), w.hash())) {
                continue;
            }
            String line = c != null ? update(s, t, w, c.targetId(), null) : copy(s, t, w, onTicket);
            if (line != null) {
                lines.add(line);
                log.append(s.transaction.id(), s.transaction.direction(), ticketId, s.workOrderId(), step, "ok", line);
            }
            items.recordSourceHash(t.kind(), w.key(), w.hash());
        }
        if (removeOthers) {
            for (SyncedItemStore.Copied gone : copied.values()) {
                boolean deleted = gone.targetId() != null && cw.deleteCharge(t.charge(), Long.parseLong(gone.targetId()));
                items.forget(t.kind(), gone.key());
                String line = t.charge().label() + " " + gone.targetId() + (deleted ? " removed" : " was gone already")
                        + ": its Field Nation item " + gone.key() + " is no longer there";
                lines.add(line);
                log.append(s.transaction.id(), s.transaction.direction(), ticketId, s.workOrderId(), step, "ok", line);
            }
        }
        return lines;
    }

    /** Not copied before: look on the ticket first (a crash between create and record), then create. */
    private String copy(SyncBack s, Target t, Wanted w, Once<List<JsonNode>> onTicket) {
        String[] created = new String[1];
        SyncedItemStore.Copy result = items.copyOnce(t.kind(), w.key(), s.link.ticketId(), s.workOrderId(),
                () -> onTicket.get().stream().filter(e -> String.valueOf(Json.text(e, t.markerField()))
                        .contains(w.marker())).map(e -> Json.text(e, "id")).toList(),
                () -> {
                    created[0] = create(t, w);
                    return created[0];
                });
        if (result == SyncedItemStore.Copy.COPIED) {
            return t.charge().label() + " " + created[0] + " created for " + w.what();
        }
        if (result == SyncedItemStore.Copy.ALREADY) {
            return null;
        }
        String id = items.find(t.kind(), w.key()).map(SyncedItemStore.Item::targetId).orElseThrow();
        JsonNode entry = onTicket.get().stream().filter(e -> id.equals(Json.text(e, "id"))).findFirst().orElse(null);
        return update(s, t, w, id, entry);
    }

    /** Copied before and changed since: only the fields that differ; an entry deleted in ConnectWise is made again. */
    private String update(SyncBack s, Target t, Wanted w, String targetId, JsonNode listed) {
        long id = Long.parseLong(targetId);
        JsonNode current = listed != null ? listed : cw.charge(t.charge(), id).orElse(null);
        if (current == null) {
            String again = create(t, w);
            items.remember(t.kind(), w.key(), again, s.link.ticketId(), s.workOrderId());
            return t.charge().label() + " " + again + " created again for " + w.what() + " (" + targetId
                    + " was deleted in ConnectWise)";
        }
        ArrayNode ops = EntryPatch.ops(w.body(), current);
        if (ops.isEmpty()) {
            return listed != null ? t.charge().label() + " " + targetId + " found for " + w.what() : null;
        }
        refusable(t, w, () -> cw.patchCharge(t.charge(), id, ops));
        List<String> paths = new ArrayList<>();
        ops.forEach(o -> paths.add(o.path("path").asText()));
        return t.charge().label() + " " + targetId + " updated for " + w.what() + " (" + String.join(", ", paths)
                + ")";
    }

    private String create(Target t, Wanted w) {
        return Json.text(refusable(t, w, () -> cw.createCharge(t.charge(), w.body())), "id");
    }

    /** A call whose refusal (a 4xx that is not worth retrying) becomes a permanent failure naming the item. */
    private static ObjectNode refusable(Target t, Wanted w, java.util.function.Supplier<ObjectNode> call) {
        try {
            return call.get();
        } catch (RemoteCallException e) {
            if (e.isPassing() || e.status() < 400) {
                throw e;
            }
            String body = String.valueOf(e.responseBody());
            String hint = body.contains("\"field\":\"member") ? " (the member is sync.time.member, or member.identifier "
                    + "under timeEntries in mappings.yaml)" : "";
            throw new PermanentFailure("ConnectWise refused the " + t.charge().label() + " for " + w.what() + " ("
                    + e.status() + "): " + refusal(e.responseBody()) + hint, e);
        }
    }

    /** ConnectWise's message and the messages of its inner errors, e.g. "Member nosuch not found". */
    static String refusal(String body) {
        try {
            JsonNode n = Json.parse(body);
            List<String> parts = new ArrayList<>();
            n.path("errors").forEach(e -> parts.add(Json.text(e, "message")
                    + (Json.text(e, "field") == null ? "" : " (" + Json.text(e, "field") + ")")));
            String message = Json.text(n, "message");
            return parts.isEmpty() ? String.valueOf(message) : message + ": " + String.join("; ", parts);
        } catch (RuntimeException notJson) {
            return body == null ? "no answer body" : body.strip();
        }
    }

    /** A short, stable hash of what an item looked like. */
    public static String hash(Object... parts) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (Object p : parts) {
                d.update(String.valueOf(p).getBytes(StandardCharsets.UTF_8));
                d.update((byte) 0);
            }
            return HexFormat.of().formatHex(d.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
