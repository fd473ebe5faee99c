package com.cwfn.sandbox.connectwise;

import static com.cwfn.sandbox.connectwise.CwRequests.id;
import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.Multipart;
import com.cwfn.sandbox.SandboxRequest;
import com.cwfn.sandbox.SandboxResponse;
import com.cwfn.sandbox.connectwise.CwStore.Actor;
import com.cwfn.sandbox.connectwise.CwStore.Doc;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Documents ({@code /system/documents}): multipart upload (files or links) to tickets, companies and contacts,
 * download, list and delete; a ticket's document change updates the ticket. Works under the store lock ({@code
 * synchronized (store.lock)}), as every ConnectWise resource does.
 */
final class CwDocuments {
    private final CwStore store;

    CwDocuments(CwStore store) {
        this.store = store;
    }

    /** Documents: list, count, read, download, upload, delete. */
    void documentRoutes(CwRouteTable t) {
        t.on("GET", store.api + "/system/documents", this::listDocuments);
        t.on("GET", store.api + "/system/documents/count", r -> store.locked(() -> ListQuery.count(r,
                documentInfos(r))));
        t.on("GET", store.api + "/system/documents/{id}",
                r -> SandboxResponse.ok(store.locked(() -> store.render(docOf(id(r, "id")).info()))));
        t.on("GET", store.api + "/system/documents/{id}/download", this::download);
        t.on("POST", store.api + "/system/documents", this::uploadDocument);
        t.on("DELETE", store.api + "/system/documents/{id}", r -> {
            doDeleteDocument(store.apiActor, id(r, "id"));
            return SandboxResponse.noContent();
        });
    }

    private Doc docOf(long id) {
        Doc d = store.documentById.get(id);
        if (d == null) {
            throw CwErrors.notFound("Document", id);
        }
        return d;
    }

    private List<ObjectNode> documentInfos(SandboxRequest r) {
        String type = r.queryIgnoreCase("recordType");
        String recordId = r.queryIgnoreCase("recordId");
        Long rid = null;
        if (recordId != null && !recordId.isBlank()) {
            try {
                rid = Long.parseLong(recordId.trim());
            } catch (NumberFormatException e) {
                throw CwErrors.badRequest("The value '" + recordId + "' is not valid for recordId.");
            }
        }
        List<ObjectNode> out = new ArrayList<>();
        for (Doc d : store.documentById.values()) {
            if (type != null && !type.isBlank() && !d.recordType().equalsIgnoreCase(normalizeRecordType(type))) {
                continue;
            }
            if (rid != null && d.recordId() != rid) {
                continue;
            }
            out.add(d.info());
        }
        return out;
    }

    private static String normalizeRecordType(String t) {
        String s = t.trim();
        if (s.equalsIgnoreCase("ServiceTicket") || s.equalsIgnoreCase("ProjectTicket")) {
            return "Ticket";
        }
        return s;
    }

    private SandboxResponse listDocuments(SandboxRequest r) {
        synchronized (store.lock) {
            return ListQuery.respond(r, store.apiBase() + "/system/documents", documentInfos(r), store::render);
        }
    }

    private SandboxResponse download(SandboxRequest r) {
        Doc d;
        synchronized (store.lock) {
            d = docOf(id(r, "id"));
        }
        if (d.info().path("urlFlag").asBoolean()) {
            return new SandboxResponse(302, null, null).header("Location", d.info().path("url").asText());
        }
        return SandboxResponse.bytes(200, d.content(), d.contentType())
                .header("Content-Disposition", contentDisposition(d.info().path("fileName").asText()));
    }

    private SandboxResponse uploadDocument(SandboxRequest r) {
        if (!r.isMultipart()) {
            return SandboxResponse.json(415, CwErrors.body("ConnectWiseApi", "Unsupported Media Type: the "
                    + "documents API takes multipart/form-data (parts file, recordType, recordId, title, privateFlag,"
                    + " readOnlyFlag), not " + Optional.ofNullable(r.header("Content-Type")).orElse("no body") + "."));
        }
        List<Multipart.Part> parts = r.multipart();
        Multipart.Part file = Multipart.find(parts, "file");
        if (file == null) {
            file = parts.stream().filter(p -> p.filename() != null).findFirst().orElse(null);
        }
        String recordType = text(parts, "recordType");
        String recordId = text(parts, "recordId");
        String title = text(parts, "title");
        String url = text(parts, "url");
        CwErrors.Validation v = CwErrors.invalid("document");
        boolean privateFlag = bool(parts, "privateFlag", v);
        boolean readOnly = bool(parts, "readOnlyFlag", v) || bool(parts, "readOnlyFlay", v);
        if (recordType == null || recordType.isBlank()) {
            v.missing("recordType");
        }
        long rid = 0;
        if (recordId == null || recordId.isBlank()) {
            v.missing("recordId");
        } else {
            try {
                rid = Long.parseLong(recordId.trim());
            } catch (NumberFormatException e) {
                v.invalid("The field recordId must be a number.", "recordId");
            }
        }
        if ((file == null || file.content().length == 0) && (url == null || url.isBlank())) {
            v.missing("file");
        }
        v.check();
        String fileName = file != null ? (file.filename() == null || file.filename().isBlank()
                ? (title == null ? "file" : title) : file.filename()) : url;
        String contentType = file != null && file.contentType() != null ? file.contentType()
                : "application/octet-stream";
        long recId = rid;
        Multipart.Part f = file;
        ObjectNode info = store.locked(() -> doAddDocument(store.apiActor, normalizeRecordType(recordType), recId,
                fileName, title == null || title.isBlank() ? fileName : title, contentType,
                f == null ? new byte[0] : f.content(), f == null ? url : null, privateFlag, readOnly));
        return SandboxResponse.created(store.render(info));
    }

    /** attachment; filename="x" (plus filename*=UTF-8''... when the name is not plain ASCII). */
    static String contentDisposition(String fileName) {
        String ascii = fileName.replaceAll("[^\\x20-\\x7E]", "_").replace("\"", "'").replace("\\", "_");
        String value = "attachment; filename=\"" + ascii + "\"";
        if (!ascii.equals(fileName)) {
            value += "; filename*=UTF-8''" + java.net.URLEncoder.encode(fileName, StandardCharsets.UTF_8)
                    .replace("+", "%20");
        }
        return value;
    }

    private static String text(List<Multipart.Part> parts, String name) {
        Multipart.Part p = Multipart.find(parts, name);
        return p == null ? null : p.text().trim();
    }

    private static boolean bool(List<Multipart.Part> parts, String name, CwErrors.Validation v) {
        String s = text(parts, name);
        if (s == null || s.isBlank()) {
            return false;
        }
        if (s.equalsIgnoreCase("true") || s.equals("1") || s.equalsIgnoreCase("on")) {
            return true;
        }
        if (s.equalsIgnoreCase("false") || s.equals("0") || s.equalsIgnoreCase("off")) {
            return false;
        }
        v.invalid("The field " + name + " must be true or false.", name);
        return false;
    }

    ObjectNode doAddDocument(Actor a, String recordType, long recordId, String fileName, String title,
            String contentType, byte[] content, String url, boolean privateFlag, boolean readOnly) {
        synchronized (store.lock) {
            ObjectNode ticket = null;
            CwErrors.Validation v = CwErrors.invalid("document");
            switch (recordType.toLowerCase(Locale.ROOT)) {
                case "ticket" -> {
                    ticket = store.ticketById.get(recordId);
                    if (ticket == null) {
                        v.notFound("Ticket " + recordId + " not found", "recordId");
                    }
                }
                case "company" -> {
                    if (!store.ref.companies.containsKey(recordId)) {
                        v.notFound("Company " + recordId + " not found", "recordId");
                    }
                }
                case "contact" -> {
                    if (!store.ref.contacts.containsKey(recordId)) {
                        v.notFound("Contact " + recordId + " not found", "recordId");
                    }
                }
                default -> v.invalid("The recordType " + recordType + " is not supported here; use Ticket, Company"
                        + " or Contact.", "recordType");
            }
            if (title != null && title.length() > 100) {
                v.maxLength("title", 100);
            }
            v.check();
            String now = store.now();
            long id = store.nextDocumentId++;
            String guid = UUID.randomUUID().toString();
            String ext = fileName.contains(".") ? fileName.substring(fileName.lastIndexOf('.')) : "";
            ObjectNode info = Json.object();
            info.put("id", id);
            info.put("title", title);
            info.put("fileName", fileName);
            info.put("serverFileName", guid.replace("-", "") + ext);
            info.put("owner", a.identifier());
            info.put("linkFlag", url != null);
            String lower = fileName.toLowerCase(Locale.ROOT);
            info.put("imageFlag", contentType.toLowerCase(Locale.ROOT).startsWith("image/")
                    || lower.matches(".*\\.(png|jpe?g|gif|bmp|tiff?|webp)$"));
            info.put("publicFlag", !privateFlag);
            info.put("privateFlag", privateFlag);
            info.put("htmlTemplateFlag", false);
            info.put("readOnlyFlag", readOnly);
            info.put("urlFlag", url != null);
            if (url != null) {
                info.put("url", url);
            }
            info.put("size", content.length);
            info.put("createdOnDate", now);
            ObjectNode dt = info.putObject("documentType");
            dt.put("id", 1).put("name", "Attachment");
            info.put("guid", guid);
            ObjectNode i = info.putObject("_info");
            i.put("lastUpdated", now);
            i.put("updatedBy", a.identifier());
            store.documentById.put(id, new Doc(info, recordType.equalsIgnoreCase("ticket") ? "Ticket"
                    : capitalize(recordType), recordId, contentType, content.clone()));
            if (ticket != null) {
                store.tickets.touch(a, ticket);
            }
            return info;
        }
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1).toLowerCase(Locale.ROOT);
    }

    private void doDeleteDocument(Actor a, long id) {
        synchronized (store.lock) {
            Doc d = docOf(id);
            store.documentById.remove(id);
            if (d.recordType().equals("Ticket") && store.ticketById.containsKey(d.recordId())) {
                store.tickets.touch(a, store.ticketById.get(d.recordId()));
            }
        }
    }
}
