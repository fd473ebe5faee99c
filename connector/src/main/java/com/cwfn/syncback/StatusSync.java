package com.cwfn.syncback;

import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.failure.PermanentFailure;
import com.cwfn.inbox.Outcome;
import com.cwfn.json.Json;
import com.cwfn.mapping.Mappings;
import com.cwfn.store.LinkStore;
import com.cwfn.store.SyncLog;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Field Nation status events -> the ticket's ConnectWise status, through the board's status map in
 * mappings.yaml. An unmapped status changes nothing (logged); a mapped name that is not a status of the
 * ticket's board is a permanent error; an older status event arriving after a newer one is not applied. The status
 * written is marked as the connector's own on the link first, so that it triggers no status action back (no echo).
 */
public class StatusSync {
    private static final Logger LOG = LoggerFactory.getLogger(StatusSync.class);
    private final ConnectWiseClient cw;
    private final BoardStatuses statuses;
    private final Mappings mappings;
    private final LinkStore links;
    private final SyncLog log;

    public StatusSync(ConnectWiseClient cw, BoardStatuses statuses, Mappings mappings, LinkStore links, SyncLog log) {
        this.cw = cw;
        this.statuses = statuses;
        this.mappings = mappings;
        this.links = links;
        this.log = log;
    }

    /** Field Nation's status name for a status event: workorder.status.work_done -> Work Done. */
    static String fieldNationStatus(String eventName) {
        String suffix = eventName.substring("workorder.status.".length());
        return Arrays.stream(suffix.split("_")).filter(p -> !p.isEmpty())
                .map(p -> p.substring(0, 1).toUpperCase(Locale.ROOT) + p.substring(1))
                .collect(Collectors.joining(" "));
    }

    public SyncBack apply(SyncBack s, Exchange exchange) {
        String fnStatus = fieldNationStatus(s.name());
        long ticketId = s.link.ticketId();
        ObjectNode ticket = cw.ticket(ticketId, s.kind()).orElse(null);
        if (ticket == null) {
            Outcome.skipped(exchange, "ticket " + ticketId + " no longer exists in ConnectWise");
            return s;
        }
        String board = Json.text(ticket, "board/name");
        Optional<String> target = mappings.current().connectWiseStatusFor(board, fnStatus);
        if (target.isEmpty()) {
            LOG.info("Field Nation status '{}' is not in the status map of board '{}'; ticket {} unchanged", fnStatus,
                    board, ticketId);
            Outcome.skipped(exchange, "Field Nation status '" + fnStatus + "' is not mapped for board '" + board + "'");
            return s;
        }
        Instant at = s.webhook.timestamp();
        if (at != null && !links.advanceStatusTime(ticketId, at.toEpochMilli())) {
            Outcome.skipped(exchange, "a newer Field Nation status was applied already; '" + fnStatus + "' of " + at
                    + " arrived late and is not applied");
            return s;
        }
        String current = Json.text(ticket, "status/name");
        if (target.get().equalsIgnoreCase(current)) {
            Outcome.done(exchange, "ticket " + ticketId + " is in status '" + current + "' already");
            return s;
        }
        Long boardId = Json.number(ticket, "board/id");
        long statusId = statuses.idOf(boardId == null ? -1 : boardId, target.get()).orElseThrow(() ->
                new PermanentFailure("status '" + target.get() + "' (mapped from Field Nation '" + fnStatus
                        + "' in mappings.yaml) is not a status of board '" + board + "'"));
        ArrayNode patch = Json.array();
        patch.addObject().put("op", "replace").put("path", "status").putObject("value").put("id", statusId);
        links.markOwnStatus(ticketId, target.get()); // before the write: whoever sees it, sees whose move it was
        cw.patchTicket(s.kind(), ticketId, patch);
        links.wroteOwnStatus(ticketId, target.get()); // the ticket is in it now: a person's move back acts again
        log.append(s.transaction.id(), s.transaction.direction(), ticketId, s.workOrderId(), "set-ticket-status", "ok",
                "'" + current + "' -> '" + target.get() + "' (Field Nation " + fnStatus + ")");
        LOG.info("ticket {} status '{}' -> '{}' (Field Nation {})", ticketId, current, target.get(), fnStatus);
        Outcome.done(exchange, "status -> " + target.get());
        return s;
    }
}
