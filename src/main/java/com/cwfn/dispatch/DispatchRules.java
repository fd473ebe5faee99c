package com.cwfn.dispatch;

import com.cwfn.inbox.Outcome;
import com.cwfn.json.Json;
import com.cwfn.mapping.Mappings;
import com.cwfn.settings.Settings;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which tickets dispatch: a ticket on a synced board ({@code sync.boards}, empty = all) in the trigger status
 * of its board (mappings.yaml, else {@code sync.trigger-status}). A ticket that is linked already keeps
 * syncing (updates, notes, documents) whatever its status.
 */
public class DispatchRules {
    private static final Logger LOG = LoggerFactory.getLogger(DispatchRules.class);
    private final Settings settings;
    private final Mappings mappings;

    public DispatchRules(Settings settings, Mappings mappings) {
        this.settings = settings;
        this.mappings = mappings;
    }

    /** The dispatch when it goes on; null (outcome skipped, reason logged) when the ticket does not sync. */
    public Dispatch check(Dispatch d, Exchange exchange) {
        if (d == null) {
            return null;
        }
        if (!isSyncedBoard(d.board)) {
            return skip(exchange, "ticket " + d.ticketId + " is on board '" + d.board + "', which is not in sync.boards "
                    + settings.syncBoards());
        }
        if (d.link != null && d.link.isLinked()) {
            return d;
        }
        String status = Json.text(d.ticket, "status/name");
        String trigger = triggerStatus(d.board);
        if (status == null || !status.equalsIgnoreCase(trigger)) {
            return skip(exchange, "ticket " + d.ticketId + " is in status '" + status + "', not the trigger status '"
                    + trigger + "' of board '" + d.board + "'");
        }
        return d;
    }

    public boolean isSyncedBoard(String board) {
        List<String> boards = settings.syncBoards();
        return boards.isEmpty() || (board != null && boards.stream().anyMatch(b -> b.equalsIgnoreCase(board)));
    }

    public String triggerStatus(String board) {
        return mappings.current().triggerStatus(board, settings.triggerStatus());
    }

    private static Dispatch skip(Exchange exchange, String why) {
        LOG.info("skipped: {}", why);
        Outcome.skipped(exchange, why);
        return null;
    }
}
