package com.cwfn.dispatch;

import com.cwfn.connectwise.ConnectWiseClient.TicketKind;
import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.http.RemoteCallException;
import com.cwfn.inbox.InboxWorker;
import com.cwfn.inbox.Outcome;
import com.cwfn.json.Json;
import com.cwfn.mapping.Mappings;
import com.cwfn.mapping.TicketDocument;
import com.cwfn.settings.Settings;
import com.cwfn.store.Transaction;
import com.cwfn.store.InboxStore;
import com.cwfn.store.LinkStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.apache.camel.Exchange;

/**
 * Reads a ticket from ConnectWise, then, in parallel (one round trip for all of them), the parts its dispatch needs
 * ({@link PartsToRead}: what the board's mappings read and the enabled features need; the company, contact and site
 * from the client's reference cache while fresh), and assembles the document the mapping reads.
 */
public class TicketReader {
    private final ConnectWiseClient cw;
    private final LinkStore links;
    private final InboxStore inbox;
    private final Settings settings;
    private final Mappings mappings;
    private final ExecutorService executor;

    public TicketReader(ConnectWiseClient cw, LinkStore links, InboxStore inbox, Settings settings, Mappings mappings,
            ExecutorService executor) {
        this.cw = cw;
        this.links = links;
        this.inbox = inbox;
        this.settings = settings;
        this.mappings = mappings;
        this.executor = executor;
    }

    /**
     * The event's ticket and its link, nothing read yet. A deleted ticket with a work order (or a claim for one) goes
     * on as deleted (its work order is cancelled); without one it ends here (outcome skipped): no deletion ever
     * creates a work order.
     */
    public Dispatch start(Exchange exchange) {
        Transaction e = InboxWorker.Context.transaction(exchange);
        long ticketId = e.ticketId();
        Dispatch d = new Dispatch(e, ticketId);
        d.link = links.find(ticketId).orElse(null);
        if (DELETED_EVENT.equals(e.eventType())) {
            if (d.link == null) {
                Outcome.skipped(exchange, "ticket " + ticketId + " was deleted in ConnectWise and has no work order; "
                        + "nothing to do");
                return null;
            }
            d.deleted = true;
            d.kind = TicketKind.of(d.link.recordType());
            d.board = d.link.board();
        }
        return d;
    }

    /** The event type of a deletion: a callback with {@code Action: deleted}, or one reconciliation found. */
    public static final String DELETED_EVENT = "ticket.deleted";

    /**
     * Reads the ticket (null passes through); null (outcome skipped) when it does not exist. Newer callbacks of the
     * ticket received until now are covered by this read and are not worked again.
     */
    public Dispatch read(Dispatch d, Exchange exchange) {
        if (d == null) {
            return null;
        }
        Transaction e = d.transaction;
        long ticketId = d.ticketId;
        inbox.coalesce(e);
        if (d.deleted) {
            return d; // ConnectWise said so in a signed callback (or reconciliation found it gone): nothing to read
        }
        TicketKind hint = d.link != null ? TicketKind.of(d.link.recordType()) : kindFromCallback(e.payload());
        var ticket = cw.ticket(ticketId, hint);
        if (ticket.isEmpty() && d.link != null) {
            d.deleted = true; // a deletion whose callback this read covered, or never came
            d.kind = TicketKind.of(d.link.recordType());
            d.board = d.link.board();
            return d;
        }
        if (ticket.isEmpty()) {
            Outcome.skipped(exchange, "ticket " + ticketId + " does not exist in ConnectWise (deleted?); nothing to do");
            return null;
        }
        found(d, ticket.get());
        return d;
    }

    /**
     * Reads a ticket and everything the mapping needs, the way a dispatch does, without an inbox event (the admin
     * preview); empty when the ticket does not exist. Only reads.
     */
    public Optional<Dispatch> readForPreview(long ticketId) {
        Dispatch d = new Dispatch(null, ticketId);
        d.link = links.find(ticketId).orElse(null);
        var ticket = cw.ticket(ticketId, d.link != null ? TicketKind.of(d.link.recordType()) : null);
        if (ticket.isEmpty()) {
            return Optional.empty();
        }
        found(d, ticket.get());
        return Optional.of(readParts(d));
    }

    private static void found(Dispatch d, ObjectNode ticket) {
        d.ticket = ticket;
        d.kind = TicketKind.of(Json.text(ticket, "recordType"));
        d.board = Json.text(ticket, "board/name");
    }

    /** Reads what the mapping and the copies need ({@link PartsToRead}), in parallel, and builds the mapping document. */
    public Dispatch readParts(Dispatch d) {
        if (d.deleted) {
            return d;
        }
        ObjectNode t = d.ticket;
        Long companyId = Json.number(t, "company/id");
        Long contactId = Json.number(t, "contact/id");
        Long siteId = Json.number(t, "site/id");
        PartsToRead parts = PartsToRead.of(t, mappings.current().sourceRoots(d.board), settings.documentsImport());
        var company = async(parts.company(), () -> orNull(() -> cw.company(companyId)));
        var contact = async(parts.contact(), () -> orNull(() -> cw.contact(contactId)));
        var site = async(parts.site(), () -> orNull(() -> cw.site(companyId, siteId)));
        var notes = async(true, () -> cw.notes(d.kind, d.ticketId));
        var documents = async(parts.documents(), () -> parts.documentsMapped() ? cw.documents(d.ticketId)
                : cw.documents(d.ticketId, PartsToRead.DOCUMENT_FIELDS));
        var schedule = async(parts.scheduleEntries(), () -> cw.scheduleEntries(d.ticketId));
        d.company = join(company);
        d.contact = join(contact);
        d.site = join(site);
        d.notes = join(notes);
        d.documents = orEmpty(join(documents));
        d.scheduleEntries = orEmpty(join(schedule));
        d.document = TicketDocument.build(t, d.company, d.contact, d.site, objects(d.notes), objects(d.documents),
                objects(d.scheduleEntries));
        return d;
    }

    /** Reads on the pool when {@code needed}; a part not needed is null at once, and costs no call. */
    private <T> CompletableFuture<T> async(boolean needed, Supplier<T> s) {
        return needed ? CompletableFuture.supplyAsync(() -> {
            InboxWorker.behindIntake();
            return s.get();
        }, executor) : CompletableFuture.completedFuture(null);
    }

    private static List<JsonNode> orEmpty(List<JsonNode> l) {
        return l == null ? List.of() : l;
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** A referenced record that is gone (404) reads as absent. */
    private static ObjectNode orNull(Supplier<ObjectNode> s) {
        try {
            return s.get();
        } catch (RemoteCallException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    private static List<ObjectNode> objects(List<JsonNode> l) {
        return l.stream().filter(JsonNode::isObject).map(n -> (ObjectNode) n).toList();
    }

    static TicketKind kindFromCallback(String payload) {
        String rt = Json.text(DispatchRules.entity(payload), "recordType");
        return rt == null ? null : TicketKind.of(rt); // no hint: the service ticket path is tried first
    }
}
