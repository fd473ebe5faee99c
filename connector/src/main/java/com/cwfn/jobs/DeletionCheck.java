package com.cwfn.jobs;

import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.connectwise.ConnectWiseClient.TicketKind;
import com.cwfn.dispatch.StatusMoves;
import com.cwfn.dispatch.TicketReader;
import com.cwfn.http.IdBatches;
import com.cwfn.http.RequestBudget;
import com.cwfn.inbox.InboxWorker;
import com.cwfn.json.Json;
import com.cwfn.store.InboxStore;
import com.cwfn.store.Link;
import com.cwfn.store.LinkStore;
import com.cwfn.store.NewTransaction;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds linked tickets deleted in ConnectWise whose {@code deleted} callback never came: the linked tickets whose work
 * order may still be open are listed by id, up to 100 a call ({@code conditions=id in (...)}, {@code fields=id}); a
 * ticket missing from the answer is deleted, and is recorded as a {@code ticket.deleted} event, once, which cancels
 * its work order like the callback would. A step of the reconcile job, at background priority: its calls never hold
 * back a dispatch, and sit a pause out.
 */
public class DeletionCheck {
    static final int BATCH = 100;
    private static final Logger LOG = LoggerFactory.getLogger(DeletionCheck.class);
    private final ConnectWiseClient cw;
    private final LinkStore links;
    private final InboxStore inbox;
    private final InboxWorker worker;

    public DeletionCheck(ConnectWiseClient cw, LinkStore links, InboxStore inbox, InboxWorker worker) {
        this.cw = cw;
        this.links = links;
        this.inbox = inbox;
        this.worker = worker;
    }

    /** One look at every open linked ticket, at background priority; answers how many deletions were put in the inbox. */
    public int run() {
        return RequestBudget.background(this::look);
    }

    private int look() {
        Map<TicketKind, List<Long>> byKind = links.openLinked(StatusMoves.DELETED).stream().collect(
                Collectors.groupingBy(l -> TicketKind.of(l.recordType()), Collectors.mapping(Link::ticketId,
                        Collectors.toList())));
        int found = 0;
        for (Map.Entry<TicketKind, List<Long>> kind : byKind.entrySet()) {
            List<Long> ids = kind.getValue();
            for (String in : IdBatches.joined(ids, BATCH)) {
                Set<Long> there = new HashSet<>();
                for (JsonNode t : cw.tickets(kind.getKey(), "id in (" + in + ")", "id")) {
                    Optional.ofNullable(Json.number(t, "id")).ifPresent(there::add);
                }
                for (String id : in.split(",")) {
                    long ticketId = Long.parseLong(id);
                    if (!there.contains(ticketId) && record(ticketId, kind.getKey())) {
                        found++;
                    }
                }
            }
        }
        if (found > 0) {
            LOG.warn("reconciliation found {} linked ticket(s) deleted in ConnectWise without a callback; cancelling "
                    + "their work orders", found);
        }
        return found;
    }

    private boolean record(long ticketId, TicketKind kind) {
        String payload = Json.write(Json.object().put("ID", ticketId).put("Type", "ticket").put("Action", "deleted")
                .put("Source", "reconcile").put("RecordType", kind.recordType()));
        Optional<Long> recorded = inbox.record(NewTransaction.forTicket("reconcile", "reconcile:deleted:" + ticketId,
                TicketReader.DELETED_EVENT, ticketId, payload));
        recorded.ifPresent(worker::wake);
        return recorded.isPresent();
    }
}
