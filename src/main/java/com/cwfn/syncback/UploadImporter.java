package com.cwfn.syncback;

import com.cwfn.Json;
import com.cwfn.config.Settings;
import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.store.SyncLog;
import com.cwfn.store.SyncedItemStore;
import com.cwfn.sync.Items;
import com.cwfn.sync.Outcome;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;

/**
 * {@code workorder.provider_upload} -> a private ConnectWise document on the ticket ({@code sync.documents.export}),
 * with the same bytes; each file once.
 */
public class UploadImporter {
    private final ConnectWiseClient cw;
    private final FieldNationClient fn;
    private final SyncedItemStore items;
    private final SyncLog log;
    private final Settings settings;

    public UploadImporter(ConnectWiseClient cw, FieldNationClient fn, SyncedItemStore items, SyncLog log,
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
        JsonNode a = attachment(s);
        String id = a == null ? null : firstText(a, "id", "attachment_id");
        if (id == null) {
            Outcome.ignored(exchange, "the event names no attachment");
            return s;
        }
        if (items.exists(Items.OWN_FN_ATTACHMENT, id)) {
            Outcome.skipped(exchange, "attachment " + id + " was put there by the connector");
            return s;
        }
        long ticketId = s.link.ticketId();
        String name = firstText(a, "file/name", "name");
        if (name == null) {
            name = "field-nation-" + id;
        }
        if (!items.begin(Items.FN_UPLOAD_TO_DOC, id, ticketId, s.workOrderId())) {
            if (items.find(Items.FN_UPLOAD_TO_DOC, id).orElseThrow().isDone()) {
                Outcome.skipped(exchange, "attachment " + id + " was copied before");
                return s;
            }
            for (JsonNode d : cw.documents(ticketId)) {
                if (name.equalsIgnoreCase(Json.text(d, "fileName")) && !items.exists(Items.OWN_CW_DOCUMENT,
                        String.valueOf(Json.text(d, "id")))) {
                    items.remember(Items.OWN_CW_DOCUMENT, Json.text(d, "id"), id, ticketId, s.workOrderId());
                    items.done(Items.FN_UPLOAD_TO_DOC, id, Json.text(d, "id"));
                    Outcome.done(exchange, "attachment " + id + " was copied before a restart");
                    return s;
                }
            }
        }
        String link = firstText(a, "file/link", "link", "url");
        if (link == null) {
            a = findAttachment(s.workOrderId(), id);
            link = a == null ? null : firstText(a, "file/link", "link");
        }
        if (link == null) {
            throw new com.cwfn.ops.PermanentFailure("attachment " + id + " of work order " + s.workOrderId()
                    + " has no download link");
        }
        byte[] content = fn.download(link);
        JsonNode doc = cw.uploadDocument(ticketId, name, firstText(a, "file/mime", "mime"), content, true);
        String docId = Json.text(doc, "id");
        items.remember(Items.OWN_CW_DOCUMENT, docId, id, ticketId, s.workOrderId());
        items.done(Items.FN_UPLOAD_TO_DOC, id, docId);
        log.append(s.event.id(), s.event.direction(), ticketId, s.workOrderId(), "copy-upload", "ok",
                "attachment " + id + " (" + name + ", " + content.length + " bytes) -> private document " + docId);
        Outcome.done(exchange, "attachment " + id + " -> document " + docId);
        return s;
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
