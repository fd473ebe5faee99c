package com.cwfn.intake;

import com.cwfn.http.HttpAnswer;
import com.cwfn.inbox.DatabaseOutage;
import com.cwfn.inbox.InboxWorker;
import com.cwfn.json.Json;
import com.cwfn.pause.Pause;
import com.cwfn.store.InboxStore;
import com.cwfn.store.StoreException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last two steps of both intake routes: record the event durably in the inbox (once per dedup key), then answer
 * 202, naming the new event, or saying it is a repeat of one recorded before.
 */
public class Recorder {
    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
    private final InboxStore inbox;
    private final DatabaseOutage outage;

    public Recorder(InboxStore inbox, DatabaseOutage outage) {
        this.inbox = inbox;
        this.outage = outage;
    }

    /**
     * Records the event; while the database does not answer, refuses it with the answer its sender retries (429 to
     * ConnectWise, which retries no 5xx; 503 to Field Nation) and a Retry-After, recording nothing.
     */
    public void record(IncomingTransaction a) {
        if (a.ignored != null) {
            LOG.debug("callback not recorded: {}", a.ignored);
            return;
        }
        if (outage.isDown()) {
            throw unavailable(a, outage.signal());
        }
        try {
            a.eventId = inbox.record(a.event).orElse(null);
        } catch (StoreException e) {
            throw unavailable(a, outage.met(e).orElseThrow(() -> e));
        }
        if (a.eventId == null) {
            LOG.info("{} {} ({}) was received before; not processed twice", a.event.source(), a.event.dedupKey(),
                    a.event.eventType());
        }
    }

    /** 202 with the event id; the header tells the next step which event to wake the worker for. */
    public void answer(IncomingTransaction a, Exchange exchange) {
        if (a.ignored != null) {
            HttpAnswer.json(exchange, 202, Json.object().put("status", "ignored").put("detail", a.ignored));
            return;
        }
        ObjectNode b = Json.object().put("status", a.eventId == null ? "duplicate" : "accepted");
        if (a.eventId != null) {
            b.put("event", a.eventId);
        }
        if (a.event.ticketId() != null) {
            b.put("ticket", a.event.ticketId());
        }
        HttpAnswer.json(exchange, 202, b);
        if (a.eventId != null) {
            exchange.getMessage().setHeader(InboxWorker.EVENT_ID_HEADER, a.eventId);
        }
    }

    private static Refusal unavailable(IncomingTransaction a, Pause pause) {
        int status = "connectwise".equals(a.event.source()) ? 429 : 503;
        return new Refusal(status, "database unavailable", "the connector's database does not answer; please retry",
                pause.retryAfterSeconds());
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
