package com.cwfn.sandbox.fieldnation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The sandbox's internal, mutable state objects (guarded by the {@link FnStore} lock). */
final class FnModel {
    private FnModel() {
    }

    static final int DRAFT = 1;
    static final int PUBLISHED = 2;
    static final int ASSIGNED = 3;
    static final int WORK_DONE = 4;
    static final int APPROVED = 5;
    static final int PAID = 6;
    static final int CANCELLED = 7;
    static final int ROUTED = 9;

    static String statusName(int id) {
        switch (id) {
            case DRAFT: return "Draft";
            case PUBLISHED: return "Published";
            case ASSIGNED: return "Assigned";
            case WORK_DONE: return "Work Done";
            case APPROVED: return "Approved";
            case PAID: return "Paid";
            case CANCELLED: return "Cancelled";
            case ROUTED: return "Routed";
            default: return "Unknown";
        }
    }

    /** The event name suffix / status code: draft, published, routed, assigned, work_done, approved, paid, cancelled. */
    static String statusCode(int id) {
        return statusName(id).toLowerCase(java.util.Locale.ROOT).replace(' ', '_');
    }

    record User(long id, String firstName, String lastName, String role, String email, String phone) {
        String name() {
            return (firstName + " " + lastName).trim();
        }
    }

    record CustomFieldDef(long id, String name, String type, String role, List<String> flags, long categoryId,
                          String categoryName, String tip, List<String> options, int order) {
    }

    record TypeOfWork(long id, String name, long industryId, String industryName, List<String[]> serviceTypes) {
    }

    static final class Schedule {
        String mode;
        Instant start;
        Instant end;
        String note = "";
        Integer timeZoneId;
    }

    static final class Attachment {
        long id;
        long folderId;
        long workOrderId;
        String name;
        String mime;
        byte[] content;
        long authorId;
        Instant created;
        String notes = "";
        String status;
        boolean showBeforeAssignment;
    }

    static final class Folder {
        long id;
        String name;
        String type;
        Integer minFiles;
        Integer maxFiles;
        Long taskId;
        final List<Attachment> files = new ArrayList<>();
    }

    static final class Message {
        long id;
        long parentId;
        long fromId;
        String fromRole;
        Long toId;
        String toRole;
        String type;
        String text;
        Instant created;
        int statusAtPost;
        final List<Message> replies = new ArrayList<>();
    }

    static final class WorkOrder {
        final long id;
        String title;
        int status = DRAFT;
        /** Assigned sub-status code: "", confirmed, on_my_way, checked_in, checked_out. */
        String subStatus = "";
        final List<Long> typesOfWork = new ArrayList<>();
        Long primaryTypeOfWork;
        final Map<String, ObjectNode> richText = new LinkedHashMap<>();
        ObjectNode location;
        Schedule schedule;
        boolean requireOntime;
        ObjectNode pay;
        final List<ObjectNode> contacts = new ArrayList<>();
        final Map<Long, String> customValues = new LinkedHashMap<>();
        /** template, project, client, manager, service_contract, team: the {id,...} objects as given. */
        final Map<String, ObjectNode> refs = new LinkedHashMap<>();
        /** Other accepted create/update fields, echoed verbatim (incident_id, require_gps, networks, tasks...). */
        final Map<String, com.fasterxml.jackson.databind.JsonNode> extras = new LinkedHashMap<>();
        Long assigneeId;
        final Set<Long> routedTo = new LinkedHashSet<>();
        final List<Message> messages = new ArrayList<>();
        final List<Folder> folders = new ArrayList<>();
        final Map<String, Instant> milestones = new LinkedHashMap<>();
        final List<ObjectNode> timeLogs = new ArrayList<>();
        final List<ObjectNode> expenses = new ArrayList<>();
        /** Problems reported (ProblemResultsDto objects). */
        final List<ObjectNode> problems = new ArrayList<>();
        /** Providers who declined the work order. */
        final Set<Long> declinedBy = new LinkedHashSet<>();
        String closingNotes = "";
        long createdBy;
        boolean deleted;
        String cancelReason;
        String correlationId;
        Instant updated;

        WorkOrder(long id) {
            this.id = id;
        }
    }

    static final class Webhook {
        long id;
        String webhookId;
        long companyId;
        long userId;
        final Set<String> events = new LinkedHashSet<>();
        String url;
        String method;
        String status;
        String secret;
        String notificationEmail;
        boolean integrationOnly;
        final List<String> modelProperties = new ArrayList<>();
        final Map<String, String> headers = new LinkedHashMap<>();
        Instant createdAt;
        Instant updatedAt;
        final List<ObjectNode> history = new ArrayList<>();
    }
}
