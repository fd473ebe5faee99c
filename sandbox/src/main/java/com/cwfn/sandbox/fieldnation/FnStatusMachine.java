package com.cwfn.sandbox.fieldnation;

import static com.cwfn.sandbox.fieldnation.FnModel.APPROVED;
import static com.cwfn.sandbox.fieldnation.FnModel.ASSIGNED;
import static com.cwfn.sandbox.fieldnation.FnModel.CANCELLED;
import static com.cwfn.sandbox.fieldnation.FnModel.DRAFT;
import static com.cwfn.sandbox.fieldnation.FnModel.PAID;
import static com.cwfn.sandbox.fieldnation.FnModel.PUBLISHED;
import static com.cwfn.sandbox.fieldnation.FnModel.ROUTED;
import static com.cwfn.sandbox.fieldnation.FnModel.WORK_DONE;
import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxException;
import com.cwfn.sandbox.fieldnation.FnModel.WorkOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The work order status machine: publish, route, assign, the assigned sub-statuses (confirmed ... checked out, with
 * time logs), work done, approve, pay and cancel/delete, each with the status event it fires and the completeness
 * rule for publishing. Every entry point takes the store lock ({@code synchronized (store)}), as all Field Nation
 * resources do.
 */
final class FnStatusMachine {
    private final FnStore store;

    FnStatusMachine(FnStore store) {
        this.store = store;
    }

    List<String> missingForPublish(WorkOrder wo) {
        List<String> missing = new ArrayList<>();
        if (wo.typesOfWork.isEmpty()) {
            missing.add("type of work");
        }
        if (wo.schedule == null || wo.schedule.mode == null || wo.schedule.start == null) {
            missing.add("schedule (service_window)");
        }
        if (wo.pay == null || !wo.pay.has("type") || !wo.pay.path("base").has("amount")) {
            missing.add("pay");
        }
        if (!FnLocations.locationComplete(wo.location)) {
            missing.add("location");
        }
        return missing;
    }

    private void requireComplete(WorkOrder wo, String action) {
        if (!store.requireCompleteForPublish) {
            return;
        }
        List<String> missing = missingForPublish(wo);
        if (!missing.isEmpty()) {
            throw new SandboxException(400, "Work order " + wo.id + " can not be " + action
                    + ". Missing required fields: " + String.join(", ", missing));
        }
    }

    private void setStatus(WorkOrder wo, int status, long actor, Consumer<ObjectNode> params) {
        int previous = wo.status;
        wo.status = status;
        wo.updated = Instant.now();
        if (status != ASSIGNED) {
            wo.subStatus = "";
        }
        String milestone = status == PUBLISHED ? "published" : status == ROUTED ? "routed" : status == ASSIGNED
                ? "assigned" : status == WORK_DONE ? "workdone" : status == APPROVED ? "approved" : status == PAID
                ? "paid" : status == CANCELLED ? "canceled" : null;
        if (milestone != null && (previous != status || !wo.milestones.containsKey(milestone))) {
            wo.milestones.put(milestone, wo.updated);
        }
        store.emitter.emit(wo, "workorder.status." + FnModel.statusCode(status), actor, previous, params);
    }

    ObjectNode publish(long id, long actor) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            if (wo.status != DRAFT && wo.status != ROUTED) {
                throw FnStore.invalidStatus(wo, "publish");
            }
            requireComplete(wo, "published");
            setStatus(wo, PUBLISHED, actor, p -> { });
            return store.view.render(wo);
        }
    }

    ObjectNode unpublish(long id, long actor) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            if (wo.status != PUBLISHED && wo.status != ROUTED) {
                throw FnStore.invalidStatus(wo, "revert to draft");
            }
            wo.routedTo.clear();
            setStatus(wo, DRAFT, actor, p -> { });
            return store.view.render(wo);
        }
    }

    /** A work order that can go to a provider (Draft, Published or Routed), and a provider id that is given. */
    private WorkOrder toProvider(long id, String action, long providerId, String parameter) {
        WorkOrder wo = store.wo(id);
        if (wo.status != DRAFT && wo.status != PUBLISHED && wo.status != ROUTED) {
            throw FnStore.invalidStatus(wo, action);
        }
        if (providerId <= 0) {
            throw new SandboxException(400, "Missing Parameter: " + parameter);
        }
        return wo;
    }

    ObjectNode route(long id, long providerId, long actor, boolean checkComplete) {
        synchronized (store) {
            WorkOrder wo = toProvider(id, "route", providerId, "technician.id");
            if (checkComplete) {
                requireComplete(wo, "routed");
            }
            routeTo(wo, List.of(providerId), actor);
            return store.view.render(wo);
        }
    }

    /**
     * POST /mass-route: routes to every provider of {@code ids} (MassRoutePayload) at once, one workorder.routed each
     * (none for one routed already) and status routed once; answers MassRouteResponse ({@code job_id}).
     */
    ObjectNode massRoute(long id, List<Long> ids, long actor) {
        synchronized (store) {
            WorkOrder wo = toProvider(id, "route", ids.isEmpty() ? 0 : ids.get(0), "ids");
            requireComplete(wo, "routed");
            routeTo(wo, ids, actor);
            return Json.object().put("job_id", store.nextJob++);
        }
    }

    private void routeTo(WorkOrder wo, List<Long> providers, long actor) {
        for (long providerId : providers) {
            store.user(providerId);
            if (wo.routedTo.add(providerId)) {
                store.emitter.emit(wo, FnEvents.ROUTED, actor, null, p -> {
                    p.put("provider_id", providerId);
                    p.putObject("user").put("id", providerId);
                });
            }
        }
        if (wo.status != ROUTED) {
            long first = providers.get(0);
            setStatus(wo, ROUTED, actor, p -> p.put("provider_id", first));
        }
    }

    ObjectNode unroute(long id, long providerId, long actor) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            if (wo.status != ROUTED) {
                throw FnStore.invalidStatus(wo, "un-route");
            }
            if (providerId > 0) {
                wo.routedTo.remove(providerId);
            } else {
                wo.routedTo.clear();
            }
            if (wo.routedTo.isEmpty()) {
                setStatus(wo, wo.milestones.containsKey("published") ? PUBLISHED : DRAFT, actor, p -> { });
            }
            return store.view.render(wo);
        }
    }

    ObjectNode assign(long id, long providerId, long actor, boolean checkComplete) {
        synchronized (store) {
            WorkOrder wo = toProvider(id, "assign", providerId, "user.id");
            if (checkComplete && wo.status == DRAFT) {
                requireComplete(wo, "assigned");
            }
            store.user(providerId);
            wo.assigneeId = providerId;
            wo.subStatus = "";
            setStatus(wo, ASSIGNED, actor, p -> {
                p.put("provider_id", providerId);
                p.putObject("assignee").putObject("user").put("id", providerId);
            });
            return store.view.render(wo);
        }
    }

    ObjectNode unassign(long id, long actor) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            if (wo.status != ASSIGNED) {
                throw FnStore.invalidStatus(wo, "unassign");
            }
            Long was = wo.assigneeId;
            wo.assigneeId = null;
            wo.routedTo.remove(was);
            setStatus(wo, PUBLISHED, actor, p -> p.put("previous_provider_id", was));
            return store.view.render(wo);
        }
    }

    /** The assigned provider cancels (provider/cancel): fires status.assigned_cancelled, back to Published. */
    ObjectNode providerCancel(long id, long actor) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            if (wo.status != ASSIGNED) {
                throw FnStore.invalidStatus(wo, "cancel the assignment of");
            }
            Long was = wo.assigneeId;
            wo.assigneeId = null;
            wo.routedTo.remove(was);
            store.emitter.emit(wo, FnEvents.STATUS_ASSIGNED_CANCELLED, actor, ASSIGNED,
                    p -> p.put("previous_provider_id", was));
            setStatus(wo, PUBLISHED, actor, p -> p.put("previous_provider_id", was));
            return store.view.render(wo);
        }
    }

    ObjectNode subStatus(long id, String code, String event, long actor) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            if (wo.status != ASSIGNED) {
                throw FnStore.invalidStatus(wo, code.replace('_', ' '));
            }
            wo.subStatus = code;
            wo.updated = Instant.now();
            if ("checked_in".equals(code) || "checked_out".equals(code)) {
                ZoneId zone = store.locations.zoneOf(wo);
                if ("checked_in".equals(code)) {
                    ObjectNode log = Json.object();
                    log.put("id", store.timeLogs.newId(wo));
                    ObjectNode in = log.putObject("in");
                    in.set("created", FnTime.dateObject(wo.updated, zone));
                    log.putNull("out");
                    log.put("hours", 0);
                    log.put("status", "open");
                    log.set("logged_by", store.view.userRef(actor));
                    wo.timeLogs.add(log);
                } else if (!wo.timeLogs.isEmpty()) {
                    ObjectNode log = wo.timeLogs.get(wo.timeLogs.size() - 1);
                    ObjectNode out = log.putObject("out");
                    out.set("created", FnTime.dateObject(wo.updated, zone));
                    Instant in = FnTime.parseNode(log.path("in").path("created"), zone, "in");
                    log.put("hours", Math.round(Duration.between(in, wo.updated).toSeconds() / 36.0) / 100.0);
                    log.put("status", "closed");
                }
            }
            store.emitter.emit(wo, event, actor, ASSIGNED, p -> { });
            return store.view.render(wo);
        }
    }

    /**
     * The assigned provider runs late: the work order's ETA moves to {@code eta} and it fires
     * {@code workorder.status.delayed} with the delay in seconds ({@code estimated_delay}) and the new ETA.
     */
    ObjectNode delay(long id, long actor, java.time.Instant eta) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            if (wo.status != ASSIGNED) {
                throw FnStore.invalidStatus(wo, "report a delay on");
            }
            java.time.Instant planned = wo.schedule == null || wo.schedule.start == null ? Instant.now()
                    : wo.schedule.start;
            long late = Math.max(0, Duration.between(planned, eta).getSeconds());
            store.timeLogs.setEta(id, eta, null);
            wo.subStatus = "delayed";
            ZoneId zone = store.locations.zoneOf(wo);
            store.emitter.emit(wo, FnEvents.STATUS_DELAYED, actor, ASSIGNED, p -> {
                p.put("estimated_delay", late);
                p.set("eta", FnTime.dateObject(eta, zone));
            });
            return store.view.render(wo);
        }
    }

    /** Field Nation flags an assigned work order whose provider has not confirmed: {@code status.at_risk}. */
    ObjectNode atRisk(long id) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            if (wo.status != ASSIGNED) {
                throw FnStore.invalidStatus(wo, "flag at risk");
            }
            wo.subStatus = "at_risk";
            store.emitter.emit(wo, FnEvents.STATUS_AT_RISK, FnStore.PLATFORM_USER, ASSIGNED, p -> { });
            return store.view.render(wo);
        }
    }

    /** The work is put on hold indefinitely: {@code status.postponed}; the status stays. */
    ObjectNode postpone(long id, long actor) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            if (wo.status == WORK_DONE || wo.status == APPROVED || wo.status == PAID || wo.status == CANCELLED) {
                throw FnStore.invalidStatus(wo, "postpone");
            }
            wo.updated = Instant.now();
            store.emitter.emit(wo, FnEvents.STATUS_POSTPONED, actor, wo.status, p -> { });
            return store.view.render(wo);
        }
    }

    /** A provider declines a published or routed work order: {@code workorder.declined} with the reason id. */
    ObjectNode decline(long id, long providerId, long reasonId) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            if (wo.status != PUBLISHED && wo.status != ROUTED) {
                throw FnStore.invalidStatus(wo, "decline");
            }
            store.user(providerId);
            wo.declinedBy.add(providerId);
            wo.updated = Instant.now();
            store.emitter.emit(wo, FnEvents.DECLINED, providerId, null, p -> {
                p.put("provider_id", providerId);
                p.putObject("user").put("id", providerId);
                p.put("decline_reason_id", reasonId);
            });
            return store.view.render(wo);
        }
    }

    ObjectNode complete(long id, long actor, String closingNotes) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            if (wo.status != ASSIGNED) {
                throw FnStore.invalidStatus(wo, "mark work done on");
            }
            if (closingNotes != null) {
                wo.closingNotes = closingNotes;
            }
            setStatus(wo, WORK_DONE, actor, p -> p.put("closing_notes", wo.closingNotes));
            return store.view.render(wo);
        }
    }

    ObjectNode incomplete(long id, long actor, String reason, String reasonId) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            if (reason == null || reason.isBlank()) {
                throw new SandboxException(400, "Missing Parameter: reason");
            }
            if (reasonId == null || !reasonId.trim().matches("\\d{1,9}")) {
                throw new SandboxException(400, "Missing Parameter: reason_id (integer)");
            }
            int rid = Integer.parseInt(reasonId.trim());
            if (rid < 1 || rid > FnStore.INCOMPLETE_REASONS.size()) {
                throw new SandboxException(400, "Invalid Parameter: reason_id " + rid + " is not one of the company's "
                        + "incomplete reasons (GET /company/incomplete-reasons)");
            }
            if (wo.status != WORK_DONE) {
                throw FnStore.invalidStatus(wo, "mark incomplete");
            }
            wo.subStatus = "";
            setStatus(wo, ASSIGNED, actor, p -> {
                p.put("reason", reason);
                p.put("reason_id", Long.parseLong(reasonId.trim()));
            });
            return store.view.render(wo);
        }
    }

    ObjectNode approve(long id, long actor) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            if (wo.status != WORK_DONE) {
                throw FnStore.invalidStatus(wo, "approve");
            }
            setStatus(wo, APPROVED, actor, p -> { });
            return store.view.render(wo);
        }
    }

    ObjectNode unapprove(long id, long actor) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            if (wo.status != APPROVED) {
                throw FnStore.invalidStatus(wo, "unapprove");
            }
            setStatus(wo, WORK_DONE, actor, p -> { });
            return store.view.render(wo);
        }
    }

    ObjectNode markPaid(long id, long actor) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            if (wo.status != APPROVED) {
                throw FnStore.invalidStatus(wo, "pay");
            }
            setStatus(wo, PAID, actor, p -> { });
            return store.view.render(wo);
        }
    }

    /** DELETE /workorders/{id}: a draft is (soft) deleted, anything not yet approved is cancelled. */
    ObjectNode cancel(long id, long actor, String reason, String notes) {
        synchronized (store) {
            WorkOrder wo = store.wo(id);
            if (wo.status == DRAFT) {
                ObjectNode snapshot = store.view.render(wo);
                wo.deleted = true;
                wo.cancelReason = reason;
                store.emitter.emit(wo, FnEvents.STATUS_DELETED, actor, DRAFT, p -> {
                    p.put("deleted", true);
                    putReason(p, reason, notes);
                });
                return snapshot;
            }
            if (wo.status == APPROVED || wo.status == PAID || wo.status == CANCELLED) {
                throw FnStore.invalidStatus(wo, "cancel");
            }
            wo.cancelReason = reason;
            setStatus(wo, CANCELLED, actor, p -> putReason(p, reason, notes));
            return store.view.render(wo);
        }
    }

    private static void putReason(ObjectNode p, String reason, String notes) {
        if (reason != null) {
            if (reason.matches("\\d+")) {
                p.put("cancel_reason", Long.parseLong(reason));
            } else {
                p.put("cancel_reason", reason);
            }
        }
        if (notes != null) {
            p.put("notes", notes);
        }
    }
}
