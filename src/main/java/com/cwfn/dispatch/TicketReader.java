package com.cwfn.dispatch;

import com.cwfn.connectwise.ConnectWiseClient.TicketKind;
import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.http.RemoteCallException;
import com.cwfn.inbox.InboxWorker;
import com.cwfn.inbox.Outcome;
import com.cwfn.json.Json;
import com.cwfn.mapping.TicketDocument;
import com.cwfn.settings.Settings;
import com.cwfn.store.InboxEvent;
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
 * Reads a ticket from ConnectWise, then its company, contact, site, notes, documents and schedule entries in
 * parallel (one round trip for all of them), and assembles the document the mapping reads.
 */
public class TicketReader {
    private final ConnectWiseClient cw;
    private final LinkStore links;
    private final Settings settings;
    private final ExecutorService executor;

    public TicketReader(ConnectWiseClient cw, LinkStore links, Settings settings, ExecutorService executor) {
        this.cw = cw;
        this.links = links;
        this.settings = settings;
        this.executor = executor;
    }

    /** The ticket of the event, or null (outcome skipped) when it was deleted or does not exist. */
    public Dispatch read(Exchange exchange) {
        InboxEvent e = InboxWorker.Context.event(exchange);
        long ticketId = e.ticketId();
        Dispatch d = new Dispatch(e, ticketId);
        d.link = links.find(ticketId).orElse(null);
        if ("ticket.deleted".equals(e.eventType())) {
            Outcome.skipped(exchange, "ticket " + ticketId + " was deleted in ConnectWise; nothing to do");
            return null;
        }
        TicketKind hint = d.link != null ? TicketKind.of(d.link.recordType()) : kindFromCallback(e.payload());
        var ticket = cw.ticket(ticketId, hint);
        if (ticket.isEmpty()) {
            Outcome.skipped(exchange, "ticket " + ticketId + " does not exist in ConnectWise (deleted?); nothing to do");
            return null;
        }
        d.ticket = ticket.get();
        d.kind = TicketKind.of(Json.text(d.ticket, "recordType"));
        d.board = Json.text(d.ticket, "board/name");
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
        d.ticket = ticket.get();
        d.kind = TicketKind.of(Json.text(d.ticket, "recordType"));
        d.board = Json.text(d.ticket, "board/name");
        return Optional.of(readParts(d));
    }

    /** Reads everything the mapping and the copies need, in parallel, and builds the mapping document. */
    public Dispatch readParts(Dispatch d) {
        ObjectNode t = d.ticket;
        Long companyId = Json.number(t, "company/id");
        Long contactId = Json.number(t, "contact/id");
        Long siteId = Json.number(t, "site/id");
        var company = async(() -> companyId == null ? null : orNull(() -> cw.company(companyId)));
        var contact = async(() -> contactId == null ? null : orNull(() -> cw.contact(contactId)));
        var site = async(() -> siteId == null || companyId == null ? null : orNull(() -> cw.site(companyId, siteId)));
        var notes = async(() -> cw.notes(d.kind, d.ticketId));
        var documents = async(() -> settings.documentsImport() ? cw.documents(d.ticketId) : List.<JsonNode>of());
        var schedule = async(() -> cw.scheduleEntries(d.ticketId));
        d.company = join(company);
        d.contact = join(contact);
        d.site = join(site);
        d.notes = join(notes);
        d.documents = join(documents);
        d.scheduleEntries = join(schedule);
        d.document = TicketDocument.build(t, d.company, d.contact, d.site, objects(d.notes), objects(d.documents),
                objects(d.scheduleEntries));
        return d;
    }

    private <T> CompletableFuture<T> async(Supplier<T> s) {
        return CompletableFuture.supplyAsync(s, executor);
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
        try {
            JsonNode cb = Json.parse(payload);
            String entity = Json.text(cb, "Entity");
            if (entity != null && !entity.isBlank()) {
                String rt = Json.text(Json.parse(entity), "recordType");
                if (rt != null) {
                    return TicketKind.of(rt);
                }
            }
        } catch (RuntimeException e) {
            // no hint: the service ticket path is tried first
        }
        return null;
    }
}
