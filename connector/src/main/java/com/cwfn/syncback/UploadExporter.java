package com.cwfn.syncback;

import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.inbox.Outcome;
import com.cwfn.json.Json;
import com.cwfn.settings.Settings;
import com.cwfn.store.SyncLog;
import com.cwfn.store.SyncedItemStore;
import com.cwfn.sync.Items;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * {@code workorder.provider_upload} -> a private ConnectWise document on the ticket ({@code sync.documents.export}),
 * with the same bytes; each file once.
 */
public class UploadExporter {
    private final ConnectWiseClient cw;
    private final FieldNationClient fn;
    private final SyncedItemStore items;
    private final SyncLog log;
    private final Settings settings;

    public UploadExporter(ConnectWiseClient cw, FieldNationClient fn, SyncedItemStore items, SyncLog log,
            Settings settings) {
        this.cw = cw;
        this.fn = fn;
        this.items = items;
        this.log = log;
        this.settings = settings;
    }

    public SyncBack apply(SyncBack s, Exchange exchange) {
        if (!settings.documentsExport()) {
            Outcome.skipped(exchange, "sync.documents.export is false");
            return s;
        }
        JsonNode inEvent = attachment(s);
        // the v3 envelope names the file; other shapes only name the work order: look at its files then
        List<JsonNode> candidates = inEvent != null ? List.of(inEvent) : uploads(s.workOrderId());
        List<String> copied = new ArrayList<>();
        for (JsonNode a : candidates) {
            String id = firstText(a, "id", "attachment_id");
            if (id != null && !items.exists(Items.OWN_FN_ATTACHMENT, id)
                    && copyOnce(s, a, id) == SyncedItemStore.Copy.COPIED) {
                copied.add(id);
            }
        }
        if (copied.isEmpty()) {
            Outcome.skipped(exchange, "no upload to copy (copied before, or put there by the connector)");
        } else {
            Outcome.done(exchange, "attachment(s) " + copied + " -> private documents");
        }
        return s;
    }

    private SyncedItemStore.Copy copyOnce(SyncBack s, JsonNode a, String id) {
        long ticketId = s.link.ticketId();
        String name = firstText(a, "file/name", "name");
        String fileName = name == null ? "field-nation-" + id : name;
        Long size = Json.number(a, "file/size_bytes");
        // a look-alike is a private document with the same name and size (a copy made just before a crash)
        SyncedItemStore.Copy result = items.copyOnce(Items.FN_UPLOAD_TO_DOC, id, ticketId, s.workOrderId(),
                () -> cw.documents(ticketId).stream().filter(d -> fileName.equalsIgnoreCase(Json.text(d, "fileName"))
                        && !d.path("publicFlag").asBoolean(false)
                        && (size == null || size.equals(Json.number(d, "size"))))
                        .map(d -> Json.text(d, "id")).toList(),
                () -> copy(s, id, fileName, a, ticketId));
        if (result == SyncedItemStore.Copy.FOUND) {
            items.find(Items.FN_UPLOAD_TO_DOC, id).map(SyncedItemStore.Item::targetId).ifPresent(docId ->
                    items.remember(Items.OWN_CW_DOCUMENT, docId, id, ticketId, s.workOrderId()));
        }
        return result;
    }

    /** Files on the work order that the connector's API user did not put there. */
    private List<JsonNode> uploads(long woId) {
        Long apiUser = fn.tokens().userId();
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : fn.attachmentFolders(woId)) {
            for (JsonNode a : f.path("results")) {
                if (apiUser == null || !apiUser.equals(Json.number(a, "author/id"))) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /** Downloads the file and uploads it as a private document; answers the document id. */
    private String copy(SyncBack s, String id, String name, JsonNode a, long ticketId) {
        String link = firstText(a, "file/link", "link", "url");
        JsonNode described = a;
        if (link == null) {
            described = findAttachment(s.workOrderId(), id);
            link = described == null ? null : firstText(described, "file/link", "link");
        }
        if (link == null) {
            throw new com.cwfn.failure.PermanentFailure("attachment " + id + " of work order " + s.workOrderId()
                    + " has no download link");
        }
        byte[] content = fn.download(link);
        JsonNode doc = cw.uploadDocument(ticketId, name, firstText(described, "file/mime", "mime"), content, true);
        String docId = Json.text(doc, "id");
        items.remember(Items.OWN_CW_DOCUMENT, docId, id, ticketId, s.workOrderId());
        log.append(s.transaction.id(), s.transaction.direction(), ticketId, s.workOrderId(), "copy-upload", "ok",
                "attachment " + id + " (" + name + ", " + content.length + " bytes) -> private document " + docId);
        return docId;
    }

    static JsonNode attachment(SyncBack s) {
        JsonNode p = s.webhook.params();
        if (p.has("attachment") && p.get("attachment").isObject()) {
            return p.get("attachment");
        }
        if (p.has("attachment_id") || p.has("file")) {
            return p;
        }
        return null;
    }

    private JsonNode findAttachment(long woId, String id) {
        for (JsonNode f : fn.attachmentFolders(woId)) {
            for (JsonNode a : f.path("results")) {
                if (id.equals(Json.text(a, "id"))) {
                    return a;
                }
            }
        }
        return null;
    }

    private static String firstText(JsonNode n, String... paths) {
        for (String p : paths) {
            String v = Json.text(n, p);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
