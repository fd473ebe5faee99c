package com.cwfn.sandbox.fieldnation;

import static com.cwfn.sandbox.fieldnation.FnModel.APPROVED;
import static com.cwfn.sandbox.fieldnation.FnModel.ASSIGNED;
import static com.cwfn.sandbox.fieldnation.FnModel.DRAFT;
import static com.cwfn.sandbox.fieldnation.FnModel.PAID;
import static com.cwfn.sandbox.fieldnation.FnModel.PUBLISHED;
import static com.cwfn.sandbox.fieldnation.FnModel.ROUTED;
import static com.cwfn.sandbox.fieldnation.FnModel.WORK_DONE;
import static com.cwfn.sandbox.fieldnation.FnPaging.metadata;
import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxException;
import com.cwfn.sandbox.fieldnation.FnModel.Message;
import com.cwfn.sandbox.fieldnation.FnModel.User;
import com.cwfn.sandbox.fieldnation.FnModel.WorkOrder;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Renders a work order as the REST API shows it (and as events carry it), with its status, assignee, milestones and
 * users. Every entry point takes the store lock ({@code synchronized (store)}), as all Field Nation resources do.
 */
final class FnWorkOrderView {
    private final FnStore store;

    FnWorkOrderView(FnStore store) {
        this.store = store;
    }

    ObjectNode userRef(long id) {
        User u = store.user(id);
        ObjectNode o = Json.object();
        o.put("id", u.id());
        o.put("first_name", u.firstName());
        o.put("last_name", u.lastName());
        o.put("name", u.name());
        o.put("thumbnail", "");
        o.put("email", u.email());
        o.put("phone", u.phone());
        return o;
    }

    ObjectNode userJson(long id) {
        synchronized (store) {
            if (!store.users.containsKey(id)) {
                throw new SandboxException(404, "User not found: " + id);
            }
            ObjectNode o = userRef(id);
            o.put("role", store.users.get(id).role());
            if ("buyer".equals(store.users.get(id).role())) {
                ObjectNode c = o.putObject("company");
                c.put("id", FnStore.COMPANY_ID);
                c.put("name", FnStore.COMPANY_NAME);
            }
            return o;
        }
    }

    private ObjectNode renderStatus(WorkOrder wo) {
        ObjectNode s = Json.object();
        s.put("id", wo.status);
        s.put("name", FnModel.statusName(wo.status));
        String sub = wo.status == ASSIGNED ? wo.subStatus : "";
        String subLabel = sub.isEmpty() ? "" : subStatusLabel(sub);
        s.put("display", sub.isEmpty() ? FnModel.statusName(wo.status) : FnModel.statusName(wo.status) + ": " + subLabel);
        s.put("code", sub.isEmpty() ? FnModel.statusCode(wo.status) : sub);
        s.put("sub_status", subLabel);
        s.put("is_routed", wo.status == ROUTED);
        s.put("delay", 0);
        s.put("ncns", false);
        s.put("confirmed", wo.status == ASSIGNED && !wo.subStatus.isEmpty());
        s.put("correlation_id", wo.correlationId);
        return s;
    }

    private static String subStatusLabel(String code) {
        switch (code) {
            case "confirmed": return "Confirmed";
            case "on_my_way": return "On my way";
            case "checked_in": return "Checked in";
            case "checked_out": return "Checked out";
            case "delayed": return "Delayed";
            case "at_risk": return "At risk";
            default: return code;
        }
    }

    private List<String> actions(WorkOrder wo) {
        switch (wo.status) {
            case DRAFT: return List.of("edit", "publish", "route", "delete", "messaging");
            case PUBLISHED: return List.of("edit", "unpublish", "route", "cancel", "messaging");
            case ROUTED: return List.of("edit", "unpublish", "route", "cancel", "messaging");
            case ASSIGNED: return List.of("edit", "cancel", "complete", "messaging");
            case WORK_DONE: return List.of("approve", "incomplete", "cancel", "messaging");
            case APPROVED: return List.of("unapprove", "messaging");
            case PAID: return List.of("messaging");
            default: return List.of();
        }
    }

    ObjectNode render(WorkOrder wo) {
        ZoneId zone = store.locations.zoneOf(wo);
        ObjectNode o = Json.object();
        o.put("id", wo.id);
        o.put("work_order_id", wo.id);
        o.put("title", wo.title);
        o.put("href", store.baseUrl.get() + "/api/rest/v2/workorders/" + wo.id);
        o.set("status", renderStatus(wo));
        ArrayNode tow = o.putArray("types_of_work");
        for (Long t : wo.typesOfWork) {
            tow.add(store.typesOfWork.renderType(store.workTypes.get(t), t.equals(wo.primaryTypeOfWork)));
        }
        if (wo.primaryTypeOfWork != null) {
            o.set("type_of_work", store.typesOfWork.renderType(store.workTypes.get(wo.primaryTypeOfWork), null));
        } else {
            o.putNull("type_of_work");
        }
        for (String rt : FnWorkOrders.RICH_TEXT) {
            ObjectNode v = wo.richText.get(rt);
            if (v != null) {
                o.set(rt, v.deepCopy());
            } else {
                o.putObject(rt).put("html", "");
            }
        }
        o.set("location", store.locations.renderLocation(wo));
        o.set("schedule", store.schedules.renderSchedule(wo));
        o.set("pay", store.pay.renderPay(wo));
        o.set("contacts", store.contacts.renderContacts(wo));
        o.set("custom_fields", store.customFields.renderCustomFields(wo));
        o.set("attachments", store.attachments.renderAttachments(wo, zone));
        ObjectNode msgs = o.putObject("messages");
        int count = 0;
        for (Message m : wo.messages) {
            count += 1 + m.replies.size();
        }
        msgs.set("metadata", metadata(count, 1, 25));
        msgs.put("unread", 0);
        msgs.putArray("results");
        o.set("assignee", renderAssignee(wo));
        ObjectNode routes = o.putObject("routes");
        routes.set("metadata", metadata(wo.routedTo.size(), 1, 25));
        ArrayNode rr = routes.putArray("results");
        for (Long p : wo.routedTo) {
            ObjectNode r = rr.addObject();
            r.set("user", userRef(p));
        }
        o.set("milestones", renderMilestones(wo, zone));
        ObjectNode tl = o.putObject("time_logs");
        tl.set("metadata", metadata(wo.timeLogs.size(), 1, 25));
        ArrayNode tlr = tl.putArray("results");
        wo.timeLogs.forEach(t -> tlr.add(t.deepCopy()));
        o.set("problems", store.problems.render(wo));
        ObjectNode declines = o.putObject("declines");
        declines.set("metadata", metadata(wo.declinedBy.size(), 1, 25));
        ArrayNode dr = declines.putArray("results");
        wo.declinedBy.forEach(p -> dr.addObject().set("user", userRef(p)));
        o.put("closing_notes", wo.closingNotes);
        ObjectNode company = o.putObject("company");
        company.put("id", FnStore.COMPANY_ID);
        company.put("name", FnStore.COMPANY_NAME);
        for (String ref : FnWorkOrders.REFS) {
            ObjectNode v = wo.refs.get(ref);
            if (v == null) {
                o.putNull(ref);
            } else if ("manager".equals(ref) && store.users.containsKey(v.path("id").asLong())) {
                o.set(ref, userRef(v.path("id").asLong()));
            } else {
                ObjectNode c = v.deepCopy();
                if (!c.has("name")) {
                    c.put("name", Character.toUpperCase(ref.charAt(0)) + ref.substring(1).replace('_', ' ') + " "
                            + c.path("id").asLong());
                }
                o.set(ref, c);
            }
        }
        o.put("require_ontime", wo.requireOntime);
        o.put("require_gps", false);
        o.put("allow_counter_offers", true);
        o.put("printable", true);
        o.put("incident_id", "");
        wo.extras.forEach((k, v) -> o.set(k, v.deepCopy()));
        ArrayNode actions = o.putArray("actions");
        actions(wo).forEach(actions::add);
        o.put("correlation_id", wo.correlationId);
        return o;
    }

    private ObjectNode renderAssignee(WorkOrder wo) {
        ObjectNode a = Json.object();
        a.put("work_order_id", wo.id);
        a.put("status_id", wo.status);
        a.put("role", "assigned_provider");
        if (wo.assigneeId != null) {
            ObjectNode u = userRef(wo.assigneeId);
            a.set("user", u);
            a.putArray("actions").add("unassign");
        } else {
            a.putArray("actions").add("assign");
        }
        return a;
    }

    ObjectNode assignee(long id) {
        synchronized (store) {
            return renderAssignee(store.wo(id));
        }
    }

    private ObjectNode renderMilestones(WorkOrder wo, ZoneId zone) {
        ObjectNode m = Json.object();
        for (String k : List.of("created", "published", "routed", "assigned", "workdone", "approved", "paid",
                "canceled")) {
            Instant t = wo.milestones.get(k);
            if (t == null) {
                m.putNull(k);
            } else {
                m.set(k, FnTime.dateObject(t, zone));
            }
        }
        Instant created = wo.milestones.get("created");
        Instant now = Instant.now();
        m.put("time_alive", created == null ? 0 : Duration.between(created, now).getSeconds());
        Instant assigned = wo.milestones.get("assigned");
        Instant published = wo.milestones.containsKey("published") ? wo.milestones.get("published")
                : wo.milestones.get("routed");
        m.put("time_to_dispatch", assigned == null || published == null ? 0
                : Duration.between(published, assigned).getSeconds());
        Instant done = wo.milestones.get("workdone");
        m.put("time_to_work_done", done == null || assigned == null ? 0 : Duration.between(assigned, done).getSeconds());
        return m;
    }

    ObjectNode milestones(long id) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            return renderMilestones(wo, store.locations.zoneOf(wo));
        }
    }

    ObjectNode status(long id) {
        synchronized (store) {
            return renderStatus(store.wo(id));
        }
    }
}
