package com.cwfn.sandbox.fieldnation;

import static com.cwfn.sandbox.fieldnation.FieldNationSandbox.REST_PREFIX;
import static com.cwfn.sandbox.fieldnation.FnHttp.body;
import static com.cwfn.sandbox.fieldnation.FnHttp.intQuery;
import static com.cwfn.sandbox.fieldnation.FnHttp.num;
import static com.cwfn.sandbox.fieldnation.FnHttp.ok;
import static com.cwfn.sandbox.fieldnation.FnHttp.query;
import static com.cwfn.sandbox.fieldnation.FnHttp.userId;
import static com.cwfn.sandbox.fieldnation.FnHttp.userIdOrZero;
import static com.cwfn.sandbox.fieldnation.FnHttp.woId;
import static com.cwfn.sandbox.fieldnation.FnPaging.metadata;
import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.Multipart;
import com.cwfn.sandbox.SandboxException;
import com.cwfn.sandbox.SandboxRequest;
import com.cwfn.sandbox.SandboxResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The REST API v2 routes of the Field Nation sandbox: work orders and their status machine, schedule, location, pay,
 * contacts, custom fields, messages, attachments, lookups, and attachment downloads. REST calls act as the API user
 * unless {@code acting_user_id} names another.
 */
final class FnRestApi {
    private final FnStore store;
    private final long apiUserId;

    FnRestApi(FnStore store, long apiUserId) {
        this.store = store;
        this.apiUserId = apiUserId;
    }

    void register(FnRouteTable t) {
        String wo = REST_PREFIX + "/workorders/{id}";
        t.route("GET", REST_PREFIX + "/workorders", r -> ok(store.workOrders.list(query(r))));
        t.route("POST", REST_PREFIX + "/workorders", r -> ok(store.workOrders.create(r.json(), actor(r))));
        t.route("GET", REST_PREFIX + "/workorders/lists", r -> ok(store.workOrders.lists()));
        t.route("GET", wo, r -> ok(store.workOrders.get(woId(r))));
        t.route("PUT", wo, r -> ok(store.workOrders.update(woId(r), r.json(), actor(r))));
        t.route("DELETE", wo, this::deleteWorkOrder);
        t.route("GET", wo + "/status", r -> ok(store.view.status(woId(r))));
        t.route("GET", wo + "/milestones", r -> ok(store.view.milestones(woId(r))));
        t.route("POST", wo + "/publish", r -> ok(store.statusMachine.publish(woId(r), actor(r))));
        t.route("DELETE", wo + "/publish", r -> ok(store.statusMachine.unpublish(woId(r), actor(r))));
        t.route("DELETE", wo + "/draft", r -> ok(store.statusMachine.unpublish(woId(r), actor(r))));
        t.route("POST", wo + "/route", r -> ok(store.statusMachine.route(woId(r), userId(body(r), "technician"),
                actor(r), true)));
        t.route("POST", wo + "/mass-route", r -> ok(store.statusMachine.massRoute(woId(r), providerIds(body(r)),
                actor(r))));
        t.route("DELETE", wo + "/route", r -> ok(store.statusMachine.unroute(woId(r), userIdOrZero(body(r),
                "technician"), actor(r))));
        t.route("GET", wo + "/assignee", r -> ok(store.view.assignee(woId(r))));
        t.route("POST", wo + "/assignee", r -> ok(store.statusMachine.assign(woId(r), userId(body(r), "user"),
                actor(r), true)));
        t.route("DELETE", wo + "/assignee", r -> ok(store.statusMachine.unassign(woId(r), actor(r))));
        t.route("POST", wo + "/provider/cancel", r -> ok(store.statusMachine.providerCancel(woId(r), actor(r))));
        t.route("POST", wo + "/complete", r -> ok(store.statusMachine.complete(woId(r), actor(r), null)));
        t.route("DELETE", wo + "/complete", r -> ok(store.statusMachine.incomplete(woId(r), actor(r), r.query("reason"),
                r.query("reason_id"))));
        t.route("POST", wo + "/approve", r -> ok(store.statusMachine.approve(woId(r), actor(r))));
        t.route("DELETE", wo + "/approve", r -> ok(store.statusMachine.unapprove(woId(r), actor(r))));
        t.route("GET", wo + "/schedule", r -> ok(store.schedules.schedule(woId(r))));
        t.route("PUT", wo + "/schedule", r -> {
            FnRequestRules.schedulePut(r.json(), store.locations.zoneOf(woId(r)));
            return ok(store.schedules.putSchedule(woId(r), r.json(), actor(r)));
        });
        t.route("GET", wo + "/location", r -> ok(store.locations.location(woId(r))));
        t.route("PUT", wo + "/location", r -> {
            FnRequestRules.locationPut(r.json());
            return ok(store.locations.putLocation(woId(r), r.json()));
        });
        t.route("GET", wo + "/pay", r -> ok(store.pay.pay(woId(r))));
        t.route("PUT", wo + "/pay", r -> ok(store.pay.putPay(woId(r), r.json())));
        t.route("GET", wo + "/contacts", r -> ok(store.contacts.contacts(woId(r))));
        t.route("POST", wo + "/contacts", r -> ok(store.contacts.addContact(woId(r), r.json())));
        t.route("PUT", wo + "/contacts/{contactId}", r -> ok(store.contacts.updateContact(woId(r), num(r,
                "contactId", "Contact"), r.json())));
        t.route("DELETE", wo + "/contacts/{contactId}", r -> ok(store.contacts.deleteContact(woId(r),
                num(r, "contactId", "Contact"))));
        t.route("GET", wo + "/custom_fields", r -> ok(store.customFields.customFields(woId(r))));
        t.route("GET", wo + "/custom_fields/{fieldId}", r -> ok(store.customFields.customField(woId(r),
                r.pathVar("fieldId"))));
        t.route("PUT", wo + "/custom_fields/{fieldId}", r -> ok(store.customFields.setCustomField(woId(r),
                r.pathVar("fieldId"), r.json(), actor(r))));
        t.route("GET", wo + "/messages", r -> ok(store.messages.messages(woId(r), Math.max(1, intQuery(r, "page", 1)),
                Math.max(1, Math.min(100, intQuery(r, "per_page", 25))))));
        t.route("POST", wo + "/messages", r -> {
            FnRequestRules.messagePost(r.json());
            return ok(store.messages.postMessage(woId(r), r.json(), actor(r), "buyer"));
        });
        t.route("POST", wo + "/messages/{messageId}", r -> ok(store.messages.reply(woId(r), num(r, "messageId",
                "Message"), r.json(), actor(r), "buyer")));
        t.route("GET", wo + "/attachments", r -> ok(store.attachments.attachmentFolders(woId(r))));
        t.route("POST", wo + "/attachments", r -> ok(store.attachments.createFolder(woId(r), r.json())));
        t.route("POST", wo + "/attachments/{folderId}", this::upload);
        t.route("DELETE", wo + "/attachments/{folderId}", r -> ok(store.attachments.deleteFolder(woId(r),
                num(r, "folderId", "Attachment folder"))));
        t.route("PUT", wo + "/attachments/{folderId}/{attachmentId}",
                r -> ok(store.attachments.updateAttachment(woId(r),
                        num(r, "folderId", "Attachment folder"), num(r, "attachmentId", "Attachment"), body(r))));
        t.route("DELETE", wo + "/attachments/{folderId}/{attachmentId}",
                r -> ok(store.attachments.deleteAttachment(woId(r),
                        num(r, "folderId", "Attachment folder"), num(r, "attachmentId", "Attachment"))));
        t.route("GET", REST_PREFIX + "/custom-fields", r -> ok(store.customFields.customFieldDefinitions()));
        t.route("GET", REST_PREFIX + "/types-of-work", r -> ok(store.typesOfWork.typesOfWork()));
        t.route("GET", REST_PREFIX + "/types-of-work/{typeId}/service-types", r -> ok(store.typesOfWork.serviceTypes(
                num(r, "typeId", "Type of work"))));
        t.route("GET", REST_PREFIX + "/users/{userId}", r -> ok(store.view.userJson(num(r, "userId", "User"))));
        t.route("GET", REST_PREFIX + "/company/incomplete-reasons", r -> ok(incompleteReasons()));
    }

    /** MassRoutePayload: {@code {"ids": [numbers]}}, required and not empty. */
    private static List<Long> providerIds(JsonNode body) {
        JsonNode ids = body.get("ids");
        if (ids == null || !ids.isArray() || ids.isEmpty()) {
            throw new SandboxException(400, "Missing Parameter: ids (a list of provider ids)");
        }
        List<Long> out = new java.util.ArrayList<>();
        for (JsonNode id : ids) {
            if (!id.isNumber() || id.asLong() <= 0) {
                throw new SandboxException(400, "ids must be provider ids (numbers), not " + id);
            }
            out.add(id.asLong());
        }
        return out;
    }

    long actor(SandboxRequest r) {
        String acting = r.query("acting_user_id");
        return acting != null && acting.matches("\\d{1,18}") ? Long.parseLong(acting) : apiUserId;
    }

    /** {@code GET /company/incomplete-reasons}: an array of {@code IncompleteReasonDto} ({@code id}, {@code label}). */
    private static ArrayNode incompleteReasons() {
        ArrayNode r = Json.array();
        for (int i = 0; i < FnStore.INCOMPLETE_REASONS.size(); i++) {
            r.addObject().put("id", i + 1).put("label", FnStore.INCOMPLETE_REASONS.get(i));
        }
        return r;
    }

    private SandboxResponse deleteWorkOrder(SandboxRequest r) {
        String reason = r.query("cancel_reason");
        String notes = r.query("notes");
        JsonNode b = body(r);
        if (reason == null && b.hasNonNull("cancel_reason")) {
            reason = b.get("cancel_reason").asText();
        }
        if (notes == null && b.hasNonNull("notes")) {
            notes = b.get("notes").asText();
        }
        if (reason == null) {
            store.workOrders.get(woId(r));
            throw new SandboxException(400, "Missing Parameter: cancel_reason");
        }
        return ok(store.statusMachine.cancel(woId(r), actor(r), reason, notes));
    }

    private SandboxResponse upload(SandboxRequest r) {
        long id = woId(r);
        long folderId = num(r, "folderId", "Attachment folder");
        if (!r.isMultipart()) {
            store.workOrders.get(id);
            throw new SandboxException(400, "Upload must be multipart/form-data with a 'file' part");
        }
        List<Multipart.Part> parts = r.multipart();
        Multipart.Part file = Multipart.find(parts, "file");
        if (file == null) {
            throw new SandboxException(400, "Missing Parameter: file");
        }
        String notes = null;
        Multipart.Part notesPart = Multipart.find(parts, "notes");
        if (notesPart != null) {
            notes = notesPart.text();
        }
        String name = file.filename();
        Multipart.Part meta = Multipart.find(parts, "attachment");
        if (meta != null) {
            try {
                JsonNode m = Json.MAPPER.readTree(meta.content());
                if (notes == null && m.hasNonNull("notes")) {
                    notes = m.get("notes").asText();
                }
                if ((name == null || name.isBlank()) && m.path("file").hasNonNull("name")) {
                    name = m.path("file").get("name").asText();
                }
            } catch (Exception e) {
                throw new SandboxException(400, "The 'attachment' part must be JSON");
            }
        }
        store.attachments.upload(id, folderId, name, file.contentType(), file.content(), notes, actor(r), false);
        return ok(store.workOrders.get(id));
    }

    SandboxResponse download(SandboxRequest r) {
        String idText = r.pathVar("attachmentId");
        FnModel.Attachment a = idText != null && idText.matches("\\d{1,18}")
                ? store.attachments.attachment(Long.parseLong(idText)) : null;
        if (a == null || !a.name.equals(r.pathVar("name"))) {
            return SandboxResponse.text(404, "Not Found");
        }
        return SandboxResponse.bytes(200, a.content.clone(), a.mime)
                .header("Content-Disposition", "attachment; filename=\"" + a.name.replace("\"", "") + "\"");
    }
}
