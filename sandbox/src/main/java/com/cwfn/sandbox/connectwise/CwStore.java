package com.cwfn.sandbox.connectwise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The ConnectWise sandbox's shared state and its one lock: the setup tables and ticket rules, tickets, notes,
 * documents, schedule entries, callback registrations, the id counters and the clock, plus the resource classes
 * that work on them and the rendering they share. Every read and change of this state holds {@code lock}.
 */
final class CwStore {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;
    final String api;

    final Object lock = new Object();
    ReferenceData ref;
    TicketRules rules;
    final TreeMap<Long, ObjectNode> ticketById = new TreeMap<>();
    final TreeMap<Long, ObjectNode> noteById = new TreeMap<>();
    final TreeMap<Long, Doc> documentById = new TreeMap<>();
    final TreeMap<Long, ObjectNode> entryById = new TreeMap<>();
    final TreeMap<Long, ObjectNode> callbackById = new TreeMap<>();
    long nextTicketId;
    long nextNoteId;
    long nextDocumentId;
    long nextScheduleId;
    long nextCallbackId;
    boolean demoSeeded;
    volatile Clock clock = Clock.systemUTC();
    final CallbackSender sender;

    /** Who makes a change: the API member (REST) or a person in the UI (control API). */
    record Actor(long memberId, String identifier, boolean api) {
    }

    record Doc(ObjectNode info, String recordType, long recordId, String contentType, byte[] content) {
    }

    final Actor apiActor = new Actor(ReferenceData.API_MEMBER_ID, ConnectWiseSandbox.API_MEMBER, true);
    final Actor uiActor = new Actor(ReferenceData.UI_MEMBER_ID, ConnectWiseSandbox.UI_MEMBER, false);

    final ConnectWiseSandbox sandbox;

    // ---- the resources, each working on this state under this lock
    final CwCallbackEvents callbackEvents = new CwCallbackEvents(this);
    final CwCallbacks callbacks = new CwCallbacks(this);
    final CwScheduleEntries schedule = new CwScheduleEntries(this);
    final CwDocuments documents = new CwDocuments(this);
    final CwNotes notes = new CwNotes(this);
    final CwTickets tickets = new CwTickets(this);
    final CwSetupTables setupTables = new CwSetupTables(this);
    final CwCharges charges = new CwCharges(this);

    CwStore(ConnectWiseSandbox sandbox, String api, CallbackSender sender) {
        this.sandbox = sandbox;
        this.api = api;
        this.sender = sender;
        clearData();
    }

    void clearData() {
        synchronized (lock) {
            ref = new ReferenceData();
            rules = new TicketRules(ref);
            ticketById.clear();
            noteById.clear();
            documentById.clear();
            entryById.clear();
            callbackById.clear();
            nextTicketId = ConnectWiseSandbox.DEMO_TICKET_ID + 1; // 100 is kept for the demo ticket
            nextNoteId = 500;
            nextDocumentId = 800;
            nextScheduleId = 900;
            nextCallbackId = 1;
            demoSeeded = false;
            charges.clear();
        }
    }

    /** Calls {@code routes} for service tickets, then project tickets, with the kind and the path of its list. */
    void bothTicketKinds(BiConsumer<Boolean, String> routes) {
        for (boolean project : new boolean[] {false, true}) {
            routes.accept(project, api + (project ? "/project/tickets" : "/service/tickets"));
        }
    }

    <T> T locked(Supplier<T> s) {
        synchronized (lock) {
            return s.get();
        }
    }

    static String iso(Instant i) {
        return ISO.format(i.truncatedTo(ChronoUnit.SECONDS));
    }

    String now() {
        return iso(clock.instant());
    }

    String apiBase() {
        try {
            return sandbox.apiBaseUrl();
        } catch (RuntimeException notStarted) {
            return "http://127.0.0.1:0" + api;
        }
    }

    /** A copy with stored {@code @api} hrefs made absolute. */
    ObjectNode render(JsonNode stored) {
        ObjectNode copy = (ObjectNode) stored.deepCopy();
        absolutize(copy, apiBase());
        return copy;
    }

    private static void absolutize(JsonNode n, String base) {
        if (n.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            List<Map.Entry<String, JsonNode>> fix = new ArrayList<>();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isTextual() && e.getValue().textValue().startsWith(ReferenceData.API)) {
                    fix.add(e);
                } else {
                    absolutize(e.getValue(), base);
                }
            }
            for (Map.Entry<String, JsonNode> e : fix) {
                ((ObjectNode) n).put(e.getKey(), base + e.getValue().textValue().substring(ReferenceData.API
                        .length()));
            }
        } else if (n.isArray()) {
            for (JsonNode c : n) {
                absolutize(c, base);
            }
        }
    }
}
