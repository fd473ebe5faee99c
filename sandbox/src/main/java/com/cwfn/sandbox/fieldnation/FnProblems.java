package com.cwfn.sandbox.fieldnation;

import static com.cwfn.sandbox.fieldnation.FieldNationSandbox.REST_PREFIX;
import static com.cwfn.sandbox.fieldnation.FnHttp.num;
import static com.cwfn.sandbox.fieldnation.FnHttp.ok;
import static com.cwfn.sandbox.fieldnation.FnHttp.woId;
import static com.cwfn.sandbox.fieldnation.FnPaging.metadata;
import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxException;
import com.cwfn.sandbox.SandboxRequest;
import com.cwfn.sandbox.fieldnation.FnModel.WorkOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Problems reported on a work order ({@code /workorders/{id}/problems}): reported (POST, or reopened with PUT
 * {@code problem_reopened}) fires {@code workorder.problem_reported}; resolved (PUT {@code resolution.status:
 * resolved}) fires {@code workorder.problem_resolved}. Listed as the published {@code ProblemsDto}
 * ({@code ProblemResultsDto} items), and inside the work order under {@code problems}. Every entry point takes the
 * store lock ({@code synchronized (store)}), as all Field Nation resources do.
 */
final class FnProblems {
    /** Problem types (TypesDto id, name) the sandbox's company offers. */
    static final Map<Long, String> TYPES = Map.of(1L, "Provider running late", 2L, "Provider did not show",
            3L, "Parts missing", 4L, "Site not ready", 5L, "Other");
    private final FnStore store;

    FnProblems(FnStore store) {
        this.store = store;
    }

    void register(FnRouteTable t, ToLongFunction<SandboxRequest> actor) {
        String problems = REST_PREFIX + "/workorders/{id}/problems";
        t.route("GET", problems, r -> ok(problems(woId(r))));
        t.route("POST", problems, r -> ok(report(woId(r), r.json(), actor.applyAsLong(r))));
        t.route("PUT", problems + "/{problemId}", r -> ok(update(woId(r), num(r, "problemId", "Problem"), r.json(),
                actor.applyAsLong(r))));
    }

    /** {@code ProblemsDto} of a work order. */
    ObjectNode problems(long woId) {
        synchronized (store) {
            return render(store.wo(woId));
        }
    }

    /** A new problem ({@code WOProblemCreateRequestDto}: {@code type.id}, {@code comments}); answers the work order. */
    ObjectNode report(long woId, JsonNode body, long actor) {
        synchronized (store) {
            WorkOrder wo = store.wo(woId);
            long type = body.path("type").path("id").asLong(0);
            if (!TYPES.containsKey(type)) {
                throw new SandboxException(400, "Invalid Parameter: type.id must be one of " + TYPES.keySet());
            }
            ZoneId zone = store.locations.zoneOf(wo);
            ObjectNode p = Json.object();
            long id = 60000 + wo.id * 10 + wo.problems.size();
            p.put("id", id);
            p.put("zendesk_ticket_id", 0);
            p.putObject("type").put("id", type).put("name", TYPES.get(type));
            p.put("comments", body.path("comments").asText(""));
            p.put("use_provider", true);
            p.put("only_company_can_mark_resolved", false);
            p.set("author", author(actor));
            p.set("created", FnTime.dateObject(Instant.now(), zone));
            p.set("resolution", resolution("open", null, actor, zone));
            p.putObject("message").put("id", 0);
            p.put("escalate", false);
            p.putArray("actions").add("resolve");
            wo.problems.add(p);
            wo.updated = Instant.now();
            store.emitter.emit(wo, FnEvents.PROBLEM_REPORTED, actor, null, params -> params.put("problem_id", id));
            return store.view.render(wo);
        }
    }

    /** {@code WOProblemUpdateRequestDto}: {@code resolution.status: resolved}, or {@code problem_reopened: true}. */
    ObjectNode update(long woId, long problemId, JsonNode body, long actor) {
        synchronized (store) {
            WorkOrder wo = store.wo(woId);
            ObjectNode p = wo.problems.stream().filter(x -> x.path("id").asLong() == problemId).findFirst()
                    .orElseThrow(() -> new SandboxException(404, "Problem not found"));
            ZoneId zone = store.locations.zoneOf(wo);
            String event;
            if (body.path("problem_reopened").asBoolean(false)) {
                p.set("resolution", resolution("open", null, actor, zone));
                event = FnEvents.PROBLEM_REPORTED;
            } else if ("resolved".equalsIgnoreCase(body.path("resolution").path("status").asText())) {
                p.set("resolution", resolution("resolved", Instant.now(), actor, zone));
                event = FnEvents.PROBLEM_RESOLVED;
            } else {
                throw new SandboxException(400, "Invalid Parameter: set resolution.status to resolved, or "
                        + "problem_reopened to true");
            }
            wo.updated = Instant.now();
            store.emitter.emit(wo, event, actor, null, params -> params.put("problem_id", problemId));
            return store.view.render(wo);
        }
    }

    /** The work order's {@code problems} as {@code ProblemsDto}. */
    ObjectNode render(WorkOrder wo) {
        ObjectNode o = Json.object();
        o.set("metadata", metadata(wo.problems.size(), 1, Math.max(25, wo.problems.size())));
        long open = wo.problems.stream().filter(p -> "open".equals(p.path("resolution").path("status").asText()))
                .count();
        o.putObject("sum").put("active", open).put("resolved", wo.problems.size() - open);
        o.put("correlation_id", wo.correlationId == null ? "" : wo.correlationId);
        o.putArray("actions").add("add");
        ArrayNode types = o.putArray("types");
        TYPES.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> types.addObject().put("id", e.getKey()).put("name", e.getValue()));
        ArrayNode results = o.putArray("results");
        wo.problems.forEach(p -> results.add(p.deepCopy()));
        wo.problems.stream().filter(p -> "open".equals(p.path("resolution").path("status").asText()))
                .reduce((a, b) -> b).ifPresent(p -> o.set("active", p.deepCopy()));
        return o;
    }

    private ObjectNode author(long userId) {
        FnModel.User u = store.user(userId);
        return Json.object().put("id", u.id()).put("first_name", u.firstName()).put("last_name", u.lastName());
    }

    private ObjectNode resolution(String status, Instant at, long by, ZoneId zone) {
        ObjectNode r = Json.object().put("status", status);
        if (at == null) {
            r.putNull("at");
        } else {
            ObjectNode d = FnTime.dateObject(at, zone);
            r.putObject("at").put("date", d.path("local").path("date").asText()).put("time",
                    d.path("local").path("time").asText()).put("utc", FnTime.isoUtc(at));
        }
        r.set("by", author(by));
        r.putArray("allowed_resolvers").add("buyer").add("provider");
        return r;
    }
}
