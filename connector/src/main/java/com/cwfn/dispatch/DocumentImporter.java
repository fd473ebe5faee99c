package com.cwfn.dispatch;

import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.failure.PermanentFailure;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.json.Json;
import com.cwfn.settings.Settings;
import com.cwfn.store.SyncLog;
import com.cwfn.store.SyncedItemStore;
import com.cwfn.sync.Items;
import com.cwfn.sync.Once;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ConnectWise ticket documents -> attachments in the work order's Documents folder ({@code sync.documents.import}):
 * each document once, also documents added after the first dispatch; never one the connector put there itself
 * (a Field Nation upload copied to ConnectWise).
 */
public class DocumentImporter {
    private static final Logger LOG = LoggerFactory.getLogger(DocumentImporter.class);
    private final ConnectWiseClient cw;
    private final FieldNationClient fn;
    private final SyncedItemStore items;
    private final SyncLog log;
    private final Settings settings;

    public DocumentImporter(ConnectWiseClient cw, FieldNationClient fn, SyncedItemStore items, SyncLog log,
            Settings settings) {
        this.cw = cw;
        this.fn = fn;
        this.items = items;
        this.log = log;
        this.settings = settings;
    }

    public Dispatch export(Dispatch d) {
        if (!settings.documentsImport() || d.workOrderId == null || d.documents.isEmpty()) {
            return d;
        }
        Long folderId = null;
        int copied = 0;
        // the work order's folders as they were before this export: read once, and only if a document needs them
        Once<List<JsonNode>> folders = new Once<>(() -> fn.attachmentFolders(d.workOrderId));
        for (JsonNode doc : d.documents) {
            String id = Json.text(doc, "id");
            if (id == null || items.exists(Items.OWN_CW_DOCUMENT, id) || doc.path("urlFlag").asBoolean(false)
                    || doc.path("linkFlag").asBoolean(false)
                    || items.find(Items.CW_DOC_TO_ATTACHMENT, id).map(SyncedItemStore.Item::isDone).orElse(false)) {
                continue;
            }
            String name = fileName(doc);
            if (folderId == null) {
                folderId = documentsFolder(d.workOrderId, folders.get());
            }
            long folder = folderId;
            var copy = items.copyOnce(Items.CW_DOC_TO_ATTACHMENT, id, d.ticketId, d.workOrderId,
                    () -> lookalikes(folders.get(), folder, name, Json.number(doc, "size")),
                    () -> attach(d, id, name, folder));
            if (copy == SyncedItemStore.Copy.COPIED) {
                copied++;
            }
        }
        if (d.logCopies(log, "copy-documents", copied, "document(s) -> attachments")) {
            LOG.info("{} document(s) of ticket {} attached to work order {}", copied, d.ticketId, d.workOrderId);
        }
        return d;
    }

    /** Downloads the document and uploads it to the folder; answers the attachment id (or why nothing was sent). */
    private String attach(Dispatch d, String id, String name, long folderId) {
        List<Long> before = fileIds(d.workOrderId, folderId);
        ConnectWiseClient.Download file = cw.download(Long.parseLong(id), name);
        if (file.content().length == 0) {
            return "empty file, not copied";
        }
        JsonNode answer = fn.upload(d.workOrderId, folderId, name, file.contentType(), file.content(),
                "From ConnectWise ticket " + d.ticketId);
        Long attachmentId = newFile(answer, folderId, name, before);
        if (attachmentId == null) {
            attachmentId = findFile(d.workOrderId, folderId, name, before);
        }
        if (attachmentId == null) {
            return null;
        }
        items.remember(Items.OWN_FN_ATTACHMENT, String.valueOf(attachmentId), id, d.ticketId, d.workOrderId);
        return String.valueOf(attachmentId);
    }

    static String fileName(JsonNode doc) {
        String n = Json.text(doc, "fileName");
        if (n == null || n.isBlank()) {
            n = Json.text(doc, "title");
        }
        return n == null || n.isBlank() ? "document-" + Json.text(doc, "id") : n;
    }

    /** The folder of type document (Field Nation's "Documents"). */
    private static long documentsFolder(long woId, List<JsonNode> folders) {
        for (JsonNode f : folders) {
            String type = Json.text(f, "type");
            String name = Json.text(f, "name");
            if ("document".equalsIgnoreCase(type) || "documents".equalsIgnoreCase(name)) {
                Long id = Json.number(f, "id");
                if (id != null) {
                    return id;
                }
            }
        }
        throw new PermanentFailure("work order " + woId + " has no Documents folder to attach ConnectWise documents to");
    }

    private List<Long> fileIds(long woId, long folderId) {
        List<Long> ids = new ArrayList<>();
        for (JsonNode f : fn.attachmentFolders(woId)) {
            if (Long.valueOf(folderId).equals(Json.number(f, "id"))) {
                f.path("results").forEach(a -> {
                    Long id = Json.number(a, "id");
                    if (id != null) {
                        ids.add(id);
                    }
                });
            }
        }
        return ids;
    }

    /** Files in the folder with this name and size: a copy made just before a crash looks like this. */
    private static List<String> lookalikes(List<JsonNode> folders, long folderId, String name, Long size) {
        List<String> ids = new ArrayList<>();
        for (JsonNode f : folders) {
            if (Long.valueOf(folderId).equals(Json.number(f, "id"))) {
                for (JsonNode a : f.path("results")) {
                    if (name.equalsIgnoreCase(String.valueOf(Json.text(a, "file/name")))
                            && (size == null || size.equals(Json.number(a, "file/size_bytes")))) {
                        ids.add(Json.text(a, "id"));
                    }
                }
            }
        }
        return ids;
    }

    private Long findFile(long woId, long folderId, String name, List<Long> except) {
        for (JsonNode f : fn.attachmentFolders(woId)) {
            if (Long.valueOf(folderId).equals(Json.number(f, "id"))) {
                Long hit = match(f.path("results"), name, except);
                if (hit != null) {
                    return hit;
                }
            }
        }
        return null;
    }

    /** The new file in an upload answer (the work order with its folders), when the answer has it. */
    private static Long newFile(JsonNode answer, long folderId, String name, List<Long> before) {
        JsonNode folders = answer.path("attachments").path("results");
        for (JsonNode f : folders) {
            if (Long.valueOf(folderId).equals(Json.number(f, "id"))) {
                return match(f.path("results"), name, before);
            }
        }
        return null;
    }

    private static Long match(JsonNode files, String name, List<Long> except) {
        Long best = null;
        for (JsonNode a : files) {
            Long id = Json.number(a, "id");
            String n = Json.text(a, "file/name");
            if (id != null && !except.contains(id) && n != null
                    && n.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                best = best == null ? id : Math.max(best, id);
            }
        }
        return best;
    }
}
