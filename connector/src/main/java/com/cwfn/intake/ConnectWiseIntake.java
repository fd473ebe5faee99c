package com.cwfn.intake;

import com.cwfn.connectwise.CallbackSignature;
import com.cwfn.connectwise.SigningKeys;
import com.cwfn.http.HttpAnswer;
import com.cwfn.http.Refusal;
import com.cwfn.http.RemoteCallException;
import com.cwfn.json.Json;
import com.cwfn.pause.Pause;
import com.cwfn.store.NewTransaction;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks of a ConnectWise callback, one step each in routes/intake.camel.yaml: the token, the size, the JSON,
 * the signature, the ticket it names. Each throws a {@link Refusal} naming what is wrong; none calls ConnectWise or
 * Field Nation (only the signing key is fetched, once per key, to verify).
 */
public class ConnectWiseIntake {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectWiseIntake.class);

    private final byte[] token;
    private final boolean verifySignature;
    private final SigningKeys keys;

    public ConnectWiseIntake(String callbackToken, boolean verifySignature, SigningKeys keys) {
        this.token = callbackToken.getBytes(StandardCharsets.UTF_8);
        this.verifySignature = verifySignature;
        this.keys = keys;
    }

    /** The path's token is the configured one (compared in constant time), else 404. */
    public IncomingTransaction checkToken(Exchange exchange) {
        String pathToken = exchange.getIn().getHeader("token", String.class);
        if (pathToken == null || !MessageDigest.isEqual(token, pathToken.getBytes(StandardCharsets.UTF_8))) {
            throw new Refusal(404, "not found", null);
        }
        return new IncomingTransaction(HttpAnswer.body(exchange));
    }

    public void checkSize(IncomingTransaction a) {
        if (a.body.length > IncomingTransaction.MAX_BODY) {
            throw new Refusal(413, "body too large", "a callback is at most 1 MiB");
        }
    }

    /** A JSON object; an empty body is a trigger by hand (only accepted unsigned, see {@link #checkSignature}). */
    public void parse(IncomingTransaction a) {
        if (a.body.length == 0) {
            return;
        }
        try {
            a.json = Json.MAPPER.readTree(a.body);
        } catch (Exception e) {
            throw new Refusal(400, "malformed JSON", "the body is not JSON: " + firstLine(e.getMessage()));
        }
        if (a.json == null || !a.json.isObject()) {
            throw new Refusal(400, "not a callback",
                    "expected a ConnectWise callback JSON object (MessageId, Action, Type, ID, Metadata.key_url)");
        }
    }

    /** x-content-signature over the body, with the key at Metadata.key_url on the ConnectWise host (when verifying). */
    public void checkSignature(IncomingTransaction a, Exchange exchange) {
        if (!verifySignature) {
            return;
        }
        if (a.json == null) {
            throw new Refusal(401, "missing signature", "a callback without a signed body cannot be verified; "
                    + "trigger a ticket by hand with POST /admin/dispatch/{ticketId}");
        }
        String signature = HttpAnswer.header(exchange, "x-content-signature");
        String keyUrl = Json.text(a.json, "Metadata/key_url");
        if (signature == null || signature.isBlank()) {
            throw new Refusal(401, "missing signature", "the x-content-signature header is required");
        }
        if (keyUrl == null || !keys.isTrusted(keyUrl)) {
            throw new Refusal(401, "untrusted key URL",
                    "Metadata.key_url must be on the ConnectWise host configured in connectwise.url");
        }
        try {
            if (CallbackSignature.verify(keys.keyFor(keyUrl), a.body, signature)) {
                return;
            }
            keys.forget(keyUrl); // the key may have been rotated: one fresh fetch
            if (CallbackSignature.verify(keys.keyFor(keyUrl), a.body, signature)) {
                return;
            }
        } catch (RemoteCallException e) {
            LOG.warn("could not fetch the callback signing key: {}", e.getMessage());
            throw new Refusal(429, "signing key unavailable",
                    "the signing key could not be fetched from ConnectWise; please retry").retryAfter(Refusal.SOON);
        } catch (Pause paused) {
            // ConnectWise is throttling the API member: the key fetch never waits, the callback is asked again
            throw new Refusal(429, "signing key unavailable", "ConnectWise is pausing this integration's calls; "
                    + "please retry").retryAfter(paused);
        }
        throw new Refusal(401, "bad signature", "x-content-signature does not match the body");
    }

    /**
     * A ticket callback naming its ticket in the body or the query, or a schedule callback naming a schedule entry
     * ({@link #readScheduleEntry}); the event to record, deduplicated.
     */
    public void readTicket(IncomingTransaction a, Exchange exchange) {
        JsonNode cb = a.json;
        String type = cb == null ? null : Json.text(cb, "Type");
        if (type != null && type.equalsIgnoreCase("schedule")) {
            readScheduleEntry(a, cb);
            return;
        }
        if (type != null && !type.equalsIgnoreCase("ticket")) {
            throw new Refusal(400, "not a ticket callback", "Type is '" + type + "'; only ticket and schedule "
                    + "callbacks sync");
        }
        Long ticketId = cb == null ? null : Json.number(cb, "ID");
        if (ticketId == null) {
            ticketId = parseId(HttpAnswer.header(exchange, "recordId"));
        }
        if (ticketId == null) {
            ticketId = parseId(HttpAnswer.header(exchange, "id"));
        }
        if (ticketId == null || ticketId <= 0) {
            throw new Refusal(400, "missing ticket id",
                    "no ticket id: expected a numeric ID in the body or an id/recordId query parameter");
        }
        String payload = cb == null ? Json.write(Json.object().put("ID", ticketId).put("Type", "ticket")
                .put("Action", "triggered")) : new String(a.body, StandardCharsets.UTF_8);
        a.transaction = NewTransaction.forTicket("connectwise", dedup(a, cb), "ticket." + action(cb), ticketId, payload);
    }

    /**
     * A schedule callback: its {@code ID} is the schedule entry, its signed {@code Entity} the entry, whose
     * {@code objectId} is the ticket of a service entry (type S). Recorded as an event of that ticket, so it runs in
     * order with the ticket's other events (type {@code schedule.<action>}). A deleted entry (no Entity) or one that
     * is not a ticket's is answered 202 and not recorded: there is no ticket to sync.
     */
    private void readScheduleEntry(IncomingTransaction a, JsonNode cb) {
        Long entryId = Json.number(cb, "ID");
        JsonNode entity = cb.get("Entity");
        try {
            entity = entity != null && entity.isTextual() ? Json.parse(entity.asText()) : entity;
        } catch (RuntimeException e) {
            throw new Refusal(400, "malformed Entity", "the schedule callback's Entity is not JSON");
        }
        if (entity == null || !entity.isObject()) {
            a.ignored = "schedule entry " + entryId + " was " + action(cb) + "; no ticket to sync";
            return;
        }
        Long ticketId = Json.number(entity, "objectId");
        boolean service = "S".equalsIgnoreCase(Json.text(entity, "type/identifier"))
                || Long.valueOf(4).equals(Json.number(entity, "type/id"));
        if (!service || ticketId == null || ticketId <= 0) {
            a.ignored = "schedule entry " + entryId + " is not a service ticket's entry; nothing to sync";
            return;
        }
        a.transaction = NewTransaction.forTicket("connectwise", dedup(a, cb), "schedule." + action(cb), ticketId,
                new String(a.body, StandardCharsets.UTF_8));
    }

    private static String action(JsonNode cb) {
        return Optional.ofNullable(cb == null ? null : Json.text(cb, "Action")).orElse("updated")
                .toLowerCase(Locale.ROOT);
    }

    /** Once per MessageId; without one, once per body (or every time for a trigger by hand). */
    private static String dedup(IncomingTransaction a, JsonNode cb) {
        String messageId = cb == null ? null : Json.text(cb, "MessageId");
        return messageId != null && !messageId.isBlank() ? "cw:msg:" + messageId
                : cb == null ? "cw:trigger:" + UUID.randomUUID() : "cw:body:" + Recorder.sha256(a.body);
    }

    static Long parseId(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
