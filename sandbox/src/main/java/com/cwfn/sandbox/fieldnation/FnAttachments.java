package com.cwfn.sandbox.fieldnation;

import static com.cwfn.sandbox.fieldnation.FnModel.CANCELLED;
import static com.cwfn.sandbox.fieldnation.FnPaging.metadata;
import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxException;
import com.cwfn.sandbox.fieldnation.FnModel.Attachment;
import com.cwfn.sandbox.fieldnation.FnModel.Folder;
import com.cwfn.sandbox.fieldnation.FnModel.WorkOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLConnection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A work order's attachment folders and files: folders (Documents, Misc and added slots), uploads (a provider's
 * fires {@code workorder.provider_upload}), review status, deletion and download links. Every entry point takes the
 * store lock ({@code synchronized (store)}), as all Field Nation resources do.
 */
final class FnAttachments {
    private final FnStore store;

    FnAttachments(FnStore store) {
        this.store = store;
    }

    Folder folder(String name, String type) {
        Folder f = new Folder();
        f.id = store.nextFolder++;
        f.name = name;
        f.type = type;
        return f;
    }

    Folder folder(WorkOrder wo, long folderId) {
        for (Folder f : wo.folders) {
            if (f.id == folderId) {
                return f;
            }
        }
        throw new SandboxException(404, "Attachment folder not found: " + folderId);
    }

    String fileLink(Attachment a) {
        return store.baseUrl.get() + "/files/" + a.id + "/"
                + URLEncoder.encode(a.name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private ObjectNode renderAttachment(Attachment a, ZoneId zone) {
        ObjectNode o = Json.object();
        o.put("id", a.id);
        o.put("folder_id", a.folderId);
        o.put("workorder_id", a.workOrderId);
        ObjectNode f = o.putObject("file");
        f.put("name", a.name);
        f.put("mime", a.mime);
        f.put("size_bytes", a.content.length);
        f.put("link", fileLink(a));
        f.put("thumbnail", a.mime.startsWith("image/") ? fileLink(a) : "");
        f.put("preview", fileLink(a));
        f.put("type", a.mime.startsWith("image/") ? "image" : "file");
        f.put("icon", "");
        f.put("description", "");
        o.set("author", store.view.userRef(a.authorId));
        o.set("created", FnTime.dateObject(a.created, zone));
        o.put("notes", a.notes);
        o.put("status", a.status);
        o.put("status_description", "");
        o.put("show_before_assignment", a.showBeforeAssignment);
        o.putArray("actions").add("edit").add("delete");
        return o;
    }

    private ObjectNode renderFolder(Folder f, ZoneId zone) {
        ObjectNode o = Json.object();
        o.put("id", f.id);
        o.put("name", f.name);
        o.put("type", f.type);
        if (f.taskId != null) {
            o.putObject("task").put("id", f.taskId);
        }
        o.putArray("actions").add("upload").add("edit").add("delete");
        o.set("metadata", metadata(f.files.size(), 1, Math.max(25, f.files.size())));
        ArrayNode r = o.putArray("results");
        f.files.forEach(a -> r.add(renderAttachment(a, zone)));
        o.put("min_files", f.minFiles == null ? 0 : f.minFiles);
        o.put("max_files", f.maxFiles == null ? 0 : f.maxFiles);
        o.put("min_bytes", 0);
        o.put("max_bytes", 0);
        o.put("expense", false);
        return o;
    }

    ObjectNode renderAttachments(WorkOrder wo, ZoneId zone) {
        ObjectNode o = Json.object();
        o.put("correlation_id", wo.correlationId);
        o.putArray("actions").add("add");
        int unreviewed = 0;
        for (Folder f : wo.folders) {
            for (Attachment a : f.files) {
                if ("pending".equals(a.status)) {
                    unreviewed++;
                }
            }
        }
        o.putObject("sum").put("unreviewed", unreviewed);
        o.set("metadata", metadata(wo.folders.size(), 1, Math.max(25, wo.folders.size())));
        ArrayNode r = o.putArray("results");
        wo.folders.forEach(f -> r.add(renderFolder(f, zone)));
        return o;
    }

    ObjectNode attachmentFolders(long id) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            return renderAttachments(wo, store.locations.zoneOf(wo));
        }
    }

    ObjectNode createFolder(long id, JsonNode body) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            if (body == null || !body.hasNonNull("name") || body.get("name").asText().isBlank()) {
                throw new SandboxException(400, "Missing Parameter: name");
            }
            Folder f = folder(body.get("name").asText().trim(), "slot");
            if (body.has("min_files")) {
                f.minFiles = body.get("min_files").asInt();
            }
            if (body.has("max_files")) {
                f.maxFiles = body.get("max_files").asInt();
            }
            if (body.path("task").has("id")) {
                f.taskId = body.path("task").path("id").asLong();
            }
            wo.folders.add(f);
            return store.view.render(wo);
        }
    }

    ObjectNode deleteFolder(long id, long folderId) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            Folder f = folder(wo, folderId);
            if ("document".equals(f.type) || ("Misc".equals(f.name) && wo.folders.indexOf(f) == 1)) {
                throw new SandboxException(400, "The default folder '" + f.name + "' can not be deleted");
            }
            f.files.forEach(a -> store.attachmentById.remove(a.id));
            wo.folders.remove(f);
            return store.view.render(wo);
        }
    }

    /** Adds a file; returns the new attachment (rendered). Fires provider_upload when a provider uploads. */
    ObjectNode upload(long id, Long folderId, String fileName, String mime, byte[] content, String notes,
                                   long actor, boolean provider) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            Folder f = folderId == null ? wo.folders.get(1) : folder(wo, folderId);
            if (wo.status == CANCELLED) {
                throw FnStore.invalidStatus(wo, "upload files to");
            }
            if (content == null || content.length == 0) {
                throw new SandboxException(400, "Empty file can not be uploaded");
            }
            if (f.maxFiles != null && f.maxFiles > 0 && f.files.size() >= f.maxFiles) {
                throw new SandboxException(400, "Folder '" + f.name + "' already has the maximum of " + f.maxFiles
                        + " files");
            }
            String name = fileName == null || fileName.isBlank() ? "upload.bin" : baseName(fileName);
            String type = mime == null || mime.isBlank() || "application/octet-stream".equals(mime)
                    ? guessMime(name, mime) : mime;
            Attachment a = new Attachment();
            a.id = store.nextAttachment++;
            a.folderId = f.id;
            a.workOrderId = wo.id;
            a.name = name;
            a.mime = type;
            a.content = content.clone();
            a.authorId = actor;
            a.created = Instant.now();
            a.notes = notes == null ? "" : notes;
            a.status = provider ? "pending" : "approved";
            f.files.add(a);
            store.attachmentById.put(a.id, a);
            wo.updated = a.created;
            ObjectNode rendered = renderAttachment(a, store.locations.zoneOf(wo));
            if (provider) {
                store.emitter.emit(wo, FnEvents.PROVIDER_UPLOAD, actor, null, p -> {
                    p.put("attachment_id", a.id);
                    p.put("folder_id", f.id);
                    ObjectNode file = p.putObject("file");
                    file.put("name", a.name);
                    file.put("mime", a.mime);
                    file.put("size_bytes", a.content.length);
                    file.put("link", fileLink(a));
                    p.set("attachment", rendered.deepCopy());
                });
            }
            return rendered;
        }
    }

    private static String baseName(String name) {
        String n = name.replace('\\', '/');
        return n.substring(n.lastIndexOf('/') + 1);
    }

    private static String guessMime(String name, String given) {
        String g = URLConnection.guessContentTypeFromName(name);
        if (g != null) {
            return g;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".docx")) {
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        }
        if (lower.endsWith(".xlsx")) {
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        }
        if (lower.endsWith(".csv")) {
            return "text/csv";
        }
        return given == null || given.isBlank() ? "application/octet-stream" : given;
    }

    ObjectNode updateAttachment(long id, long folderId, long attachmentId, JsonNode body) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            Attachment a = attachmentIn(folder(wo, folderId), attachmentId);
            if (body != null && body.isObject()) {
                if (body.has("notes")) {
                    a.notes = body.get("notes").asText("");
                }
                if (body.hasNonNull("status")) {
                    String s = body.get("status").asText().toLowerCase(Locale.ROOT);
                    if (!List.of("pending", "approved", "denied").contains(s)) {
                        throw new SandboxException(400, "Invalid attachment status '" + s + "'");
                    }
                    a.status = s;
                }
                if (body.has("show_before_assignment")) {
                    a.showBeforeAssignment = body.get("show_before_assignment").asBoolean();
                }
            }
            return store.view.render(wo);
        }
    }

    ObjectNode deleteAttachment(long id, long folderId, long attachmentId) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            Folder f = folder(wo, folderId);
            Attachment a = attachmentIn(f, attachmentId);
            f.files.remove(a);
            store.attachmentById.remove(a.id);
            return store.view.render(wo);
        }
    }

    private static Attachment attachmentIn(Folder f, long attachmentId) {
        for (Attachment a : f.files) {
            if (a.id == attachmentId) {
                return a;
            }
        }
        throw new SandboxException(404, "Attachment not found: " + attachmentId);
    }

    Attachment attachment(long attachmentId) {
        synchronized (store) {
            Attachment a = store.attachmentById.get(attachmentId);
            if (a == null) {
                return null;
            }
            WorkOrder wo = store.workOrderById.get(a.workOrderId);
            return wo == null || wo.deleted ? null : a;
        }
    }

    List<ObjectNode> attachmentList(long id) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            List<ObjectNode> out = new ArrayList<>();
            ZoneId zone = store.locations.zoneOf(wo);
            wo.folders.forEach(f -> f.files.forEach(a -> out.add(renderAttachment(a, zone))));
            return out;
        }
    }
}
