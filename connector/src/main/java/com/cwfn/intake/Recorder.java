package com.cwfn.intake;

import com.cwfn.http.HttpAnswer;
import com.cwfn.http.Refusal;
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
 * The last two steps of both intake routes: record the transaction durably in the inbox (once per dedup key), then
 * answer 202, naming the new transaction, or saying it is a repeat of one recorded before.
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
     * Records the transaction; while the database does not answer, refuses it with the answer its sender retries (429 to
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
            a.transactionId = inbox.record(a.transaction).orElse(null);
        } catch (StoreException e) {
            throw unavailable(a, outage.met(e).orElseThrow(() -> e));
        }
        if (a.transactionId == null) {
            LOG.info("{} {} ({}) was received before; not processed twice", a.transaction.source(), a.transaction.dedupKey(),
                    a.transaction.eventType());
        }
    }

    /**
     * 202 with the transaction's id ({@code transaction}; {@code event}, the same id, is kept for callers that read the
     * older name); the header tells the next step which transaction to wake the worker for.
     */
    public void answer(IncomingTransaction a, Exchange exchange) {
        if (a.ignored != null) {
            HttpAnswer.json(exchange, 202, Json.object().put("status", "ignored").put("detail", a.ignored));
            return;
        }
        ObjectNode b = Json.object().put("status", a.transactionId == null ? "duplicate" : "accepted");
        if (a.transactionId != null) {
            b.put("transaction", a.transactionId).put("event", a.transactionId);
        }
        if (a.transaction.ticketId() != null) {
            b.put("ticket", a.transaction.ticketId());
        }
        HttpAnswer.json(exchange, 202, b);
        if (a.transactionId != null) {
            exchange.getMessage().setHeader(InboxWorker.TRANSACTION_ID_HEADER, a.transactionId);
        }
    }

    private static Refusal unavailable(IncomingTransaction a, Pause pause) {
        int status = "connectwise".equals(a.transaction.source()) ? 429 : 503;
        return new Refusal(status, "database unavailable", "the connector's database does not answer; please retry")
                .retryAfter(pause);
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
