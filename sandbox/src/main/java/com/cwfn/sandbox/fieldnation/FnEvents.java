package com.cwfn.sandbox.fieldnation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The 33 webhook v3 event names (OAS-WH {@code CreateWebhook.events} enum, reference §7.3) with labels and descriptions. */
public final class FnEvents {
    public static final String CREATED = "workorder.created";
    public static final String ROUTED = "workorder.routed";
    public static final String TASK_COMPLETED = "workorder.task_completed";
    public static final String TASK_INCOMPLETE = "workorder.task_incomplete";
    public static final String PROVIDER_UPLOAD = "workorder.provider_upload";
    public static final String MESSAGE_POSTED = "workorder.message_posted";
    public static final String REQUESTED = "workorder.requested";
    public static final String CUSTOM_FIELD_VALUE_UPDATED = "workorder.custom_field_value_updated";
    public static final String DECLINED = "workorder.declined";
    public static final String UNDECLINED = "workorder.undeclined";
    public static final String SCHEDULE_UPDATED = "workorder.schedule_updated";
    public static final String TAG_ADDED = "workorder.tag_added";
    public static final String TAG_REMOVED = "workorder.tag_removed";
    public static final String STATUS_DRAFT = "workorder.status.draft";
    public static final String STATUS_ROUTED = "workorder.status.routed";
    public static final String STATUS_PUBLISHED = "workorder.status.published";
    public static final String STATUS_CONFIRMED = "workorder.status.confirmed";
    public static final String STATUS_ASSIGNED = "workorder.status.assigned";
    public static final String STATUS_ASSIGNED_CANCELLED = "workorder.status.assigned_cancelled";
    public static final String STATUS_AT_RISK = "workorder.status.at_risk";
    public static final String STATUS_DELAYED = "workorder.status.delayed";
    public static final String STATUS_ON_MY_WAY = "workorder.status.on_my_way";
    public static final String STATUS_CHECKED_IN = "workorder.status.checked_in";
    public static final String STATUS_CHECKED_OUT = "workorder.status.checked_out";
    public static final String PROBLEM_REPORTED = "workorder.problem_reported";
    public static final String PROBLEM_RESOLVED = "workorder.problem_resolved";
    public static final String STATUS_WORK_DONE = "workorder.status.work_done";
    public static final String STATUS_APPROVED = "workorder.status.approved";
    public static final String STATUS_PAID = "workorder.status.paid";
    public static final String STATUS_CANCELLED = "workorder.status.cancelled";
    public static final String STATUS_DELETED = "workorder.status.deleted";
    public static final String STATUS_POSTPONED = "workorder.status.postponed";
    public static final String PART_UPDATED = "workorder.part_updated";

    /** name -> {label, description}, in the order of the OAS enum. */
    static final Map<String, String[]> CATALOG = new LinkedHashMap<>();

    static {
        add(CREATED, "Work Order created", "Triggered when a work order is created.");
        add(ROUTED, "Work Order routed", "Triggered when a work order is routed to a provider (once per provider).");
        add(TASK_COMPLETED, "Work Order task completed", "Triggered when a task on a work order is completed.");
        add(TASK_INCOMPLETE, "Work Order task incomplete", "Triggered when a completed task is marked incomplete.");
        add(PROVIDER_UPLOAD, "Work Order provider upload", "Triggered when a provider uploads a file to a work order.");
        add(MESSAGE_POSTED, "Work Order message posted", "Triggered when a message or reply is posted on a work order.");
        add(REQUESTED, "Work Order requested", "Triggered when a provider requests a work order.");
        add(CUSTOM_FIELD_VALUE_UPDATED, "Work Order custom field value updated",
                "Triggered when a custom field value of a work order changes.");
        add(DECLINED, "Work Order declined", "Triggered when a provider declines a work order.");
        add(UNDECLINED, "Work Order undeclined", "Triggered when a provider reverses a decline.");
        add(SCHEDULE_UPDATED, "Work Order schedule updated", "Triggered when the schedule of a work order changes.");
        add(TAG_ADDED, "Work Order tag added", "Triggered when a tag is added to a work order.");
        add(TAG_REMOVED, "Work Order tag removed", "Triggered when a tag is removed from a work order.");
        add(STATUS_DRAFT, "Work Order status draft", "Triggered when a work order status changes to draft.");
        add(STATUS_ROUTED, "Work Order status routed", "Triggered when a work order status changes to routed.");
        add(STATUS_PUBLISHED, "Work Order status published", "Triggered when a work order status changes to published.");
        add(STATUS_CONFIRMED, "Work Order status confirmed", "Triggered when a work order status changes to confirmed.");
        add(STATUS_ASSIGNED, "Work Order status assigned", "Triggered when a work order status changes to assigned.");
        add(STATUS_ASSIGNED_CANCELLED, "Work Order status assigned cancelled",
                "Triggered when a work order status changes to assigned cancelled.");
        add(STATUS_AT_RISK, "Work Order status at risk", "Triggered when a work order status changes to at risk.");
        add(STATUS_DELAYED, "Work Order status delayed", "Triggered when a work order status changes to delayed.");
        add(STATUS_ON_MY_WAY, "Work Order status on my way", "Triggered when a work order status changes to on my way.");
        add(STATUS_CHECKED_IN, "Work Order status checked in", "Triggered when a work order status changes to checked in.");
        add(STATUS_CHECKED_OUT, "Work Order status checked out", "Triggered when a work order status changes to checked out.");
        add(PROBLEM_REPORTED, "Work Order problem reported", "Triggered when a problem is reported or reopened on a work order.");
        add(PROBLEM_RESOLVED, "Work Order problem resolved", "Triggered when a problem is resolved on a work order.");
        add(STATUS_WORK_DONE, "Work Order status work done", "Triggered when a work order status changes to work done.");
        add(STATUS_APPROVED, "Work Order status approved", "Triggered when a work order status changes to approved.");
        add(STATUS_PAID, "Work Order status paid", "Triggered when a work order status changes to paid.");
        add(STATUS_CANCELLED, "Work Order status cancelled", "Triggered when a work order status changes to cancelled.");
        add(STATUS_DELETED, "Work Order status deleted", "Triggered when a work order status changes to deleted.");
        add(STATUS_POSTPONED, "Work Order status postponed", "Triggered when a work order status changes to postponed.");
        add(PART_UPDATED, "Work Order part updated", "Triggered when parts or shipments of a work order are updated.");
    }

    private FnEvents() {
    }

    private static void add(String name, String label, String description) {
        CATALOG.put(name, new String[] {label, description});
    }

    /** All 33 event names. */
    public static Set<String> names() {
        return CATALOG.keySet();
    }

    public static boolean isValid(String name) {
        return CATALOG.containsKey(name);
    }
}
