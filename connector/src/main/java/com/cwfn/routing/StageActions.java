package com.cwfn.routing;

import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.failure.PermanentFailure;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.fieldnation.ProviderPools;
import com.cwfn.json.Json;
import com.cwfn.notify.NeedsAttention;
import com.cwfn.mapping.RoutingStage;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Durations;
import com.cwfn.settings.Settings;
import com.cwfn.store.AttentionStore;
import com.cwfn.store.LinkStore;
import com.cwfn.store.SyncLog;
import com.cwfn.syncback.BoardStatuses;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a stage does in Field Nation, one step per kind of stage; each leaves the ticket's note in words for
 * {@code note-stage}. A stage worked again (a retry, a crash) does only what is missing: providers routed already
 * are not routed again, a published work order is not published again.
 * <ul>
 *   <li>{@code route-to-providers}: mass-route to the stage's providers, or to a pool's (by name, {@link ProviderPools});
 *       a pool Field Nation does not have is a permanent failure (mailed), and the next stage still follows;</li>
 *   <li>{@code publish-to-marketplace}: publish;</li>
 *   <li>{@code alert-nobody-assigned}: the last stage; the note, an item that needs attention (told once in the next
 *       failure mail), and {@code sync.unassigned-status} when set.</li>
 * </ul>
 */
public class StageActions {
    private static final long PUBLISHED = 2;
    private final FieldNationClient fn;
    private final ProviderPools pools;
    private final ConnectWiseClient cw;
    private final BoardStatuses statuses;
    private final Settings settings;
    private final NeedsAttention attention;
    private final LinkStore links;
    private final SyncLog log;

    public StageActions(FieldNationClient fn, ProviderPools pools, ConnectWiseClient cw, Settings settings,
            NeedsAttention attention, LinkStore links, SyncLog log) {
        this.links = links;
        this.fn = fn;
        this.pools = pools;
        this.cw = cw;
        this.statuses = new BoardStatuses(cw);
        this.settings = settings;
        this.attention = attention;
        this.log = log;
    }

    public RoutingWork routeToProviders(RoutingWork w) {
        RoutingStage stage = w.stage();
        List<Long> providers;
        String whose;
        if (stage.kind() == RoutingStage.Kind.POOL) {
            ProviderPools.Pool pool = pools.byName(stage.pool()).orElseThrow(() -> new PermanentFailure(
                    "Field Nation has no talent pool or preferred provider group named '" + stage.pool()
                            + "' (routing of " + w.routing.ruleLabel() + ")"));
            if (pool.providers().isEmpty()) {
                throw new PermanentFailure("the " + pool.kind() + " '" + pool.name() + "' has no providers");
            }
            providers = pool.providers();
            whose = " of \"" + pool.name() + "\"";
        } else {
            providers = stage.providers();
            whose = " (" + String.join(", ", providers.stream().map(String::valueOf).toList()) + ")";
        }
        Set<Long> routed = routedAlready(w.workOrder);
        List<Long> missing = new ArrayList<>(providers.stream().filter(p -> !routed.contains(p)).toList());
        if (!missing.isEmpty()) {
            fn.massRoute(w.workOrderId, missing);
        }
        w.note = "Field Nation work order #" + w.workOrderId + " routed to " + providers.size() + " provider"
                + (providers.size() == 1 ? "" : "s") + whose + after(w) + " (" + w.routing.ruleLabel() + ").";
        w.log(log, "route-to-providers", "mass-routed to " + missing + (missing.size() < providers.size()
                ? " (" + (providers.size() - missing.size()) + " routed already)" : ""));
        return w;
    }

    public RoutingWork publish(RoutingWork w) {
        Long status = Json.number(w.workOrder, "status/id");
        if (status == null || status != PUBLISHED) {
            fn.publish(w.workOrderId);
        }
        w.note = "Field Nation work order #" + w.workOrderId + " published to the marketplace" + after(w) + " ("
                + w.routing.ruleLabel() + ").";
        w.log(log, "publish-to-marketplace", "published");
        return w;
    }

    public RoutingWork alert(RoutingWork w) {
        Duration waited = w.waitedBefore();
        List<String> before = w.plan.subList(0, w.stageIndex).stream().map(RoutingStage::describe).toList();
        w.note = "Nobody has taken Field Nation work order #" + w.workOrderId + (waited.isZero() ? ""
                : " after " + Durations.words(waited)) + (before.isEmpty() ? "" : " (" + String.join("; ", before)
                + ")") + ": " + w.routing.ruleLabel() + " ends in this alert.";
        // once per generation of the stages (a provider who cancels starts them again), whatever repeats the stage
        attention.raise(new AttentionStore.NewItem(NeedsAttention.UNASSIGNED + ":" + w.workOrderId + ":"
                + w.generation, NeedsAttention.UNASSIGNED, w.ticketId, w.workOrderId, "Nobody has taken work order #"
                + w.workOrderId + " (ticket #" + w.ticketId + ")" + (waited.isZero() ? "" : " after "
                + Durations.words(waited)), w.note, null, w.transaction.id()), w.ticketLabel());
        String status = settings.text(Catalog.SYNC_UNASSIGNED_STATUS);
        if (!status.isEmpty()) {
            setStatus(w, status);
        }
        w.log(log, "alert-nobody-assigned", "nobody assigned" + (status.isEmpty() ? "" : "; ticket status -> "
                + status));
        return w;
    }

    /** Sets {@code sync.unassigned-status} on the ticket, unless it is in that status already. */
    private void setStatus(RoutingWork w, String status) {
        ObjectNode ticket = cw.ticket(w.ticketId, w.kind).orElse(null);
        if (ticket == null || status.equalsIgnoreCase(Json.text(ticket, "status/name"))) {
            return;
        }
        Long boardId = Json.number(ticket, "board/id");
        long id = statuses.idOf(boardId == null ? -1 : boardId, status).orElseThrow(() -> new PermanentFailure(
                "sync.unassigned-status '" + status + "' is not a status of board '" + Json.text(ticket, "board/name")
                        + "'"));
        ArrayNode patch = Json.array();
        patch.addObject().put("op", "replace").put("path", "status").putObject("value").put("id", id);
        // the connector's own status, like one written from a Field Nation event: it acts on nothing (statusActions)
        links.markOwnStatus(w.ticketId, status);
        cw.patchTicket(w.kind, w.ticketId, patch);
        links.wroteOwnStatus(w.ticketId, status);
    }

    /** {@code " after 2 h unassigned"} for a stage after waits, else "". */
    private static String after(RoutingWork w) {
        Duration waited = w.waitedBefore();
        return waited.isZero() ? "" : " after " + Durations.words(waited) + " unassigned";
    }

    private static Set<Long> routedAlready(JsonNode wo) {
        Set<Long> out = new HashSet<>();
        wo.path("routes").path("results").forEach(r -> out.add(r.path("user").path("id").asLong()));
        return out;
    }
}
