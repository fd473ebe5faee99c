package com.cwfn.intake;

import com.cwfn.connectwise.CallbackSignature;
import com.cwfn.connectwise.SigningKeys;
import com.cwfn.http.HttpAnswer;
import com.cwfn.http.RemoteCallException;
import com.cwfn.inbox.InboxWorker;
import com.cwfn.json.Json;
import com.cwfn.store.InboxStore;
import com.cwfn.store.NewEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives ConnectWise callbacks: checks the token, the size, the signature and the shape, records the event
 * in the inbox and answers 202, all before any call to ConnectWise or Field Nation (only the signing key is
 * fetched, once per key, to verify). Every refusal is a JSON answer naming what is wrong, and records nothing.
 */
public class ConnectWiseIntake {

    static final int MAX_BODY = 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ConnectWiseIntake.class);

    private final byte[] token;
    private final boolean verifySignature;
    private final SigningKeys keys;
    private final InboxStore inbox;

    public ConnectWiseIntake(String callbackToken, boolean verifySignature, SigningKeys keys, InboxStore inbox) {
        this.token = callbackToken.getBytes(StandardCharsets.UTF_8);
        this.verifySignature = verifySignature;
        this.keys = keys;
        this.inbox = inbox;
    }

    public void receive(Exchange exchange) {
        String pathToken = exchange.getIn().getHeader("token", String.class);
        if (pathToken == null || !MessageDigest.isEqual(token, pathToken.getBytes(StandardCharsets.UTF_8))) {
            HttpAnswer.error(exchange, 404, "not found", null);
            return;
        }
        byte[] body = HttpAnswer.body(exchange);
        if (body.length > MAX_BODY) {
            HttpAnswer.error(exchange, 413, "body too large", "a callback is at most 1 MiB");
            return;
        }
        JsonNode cb = null;
        if (body.length > 0) {
            try {
                cb = Json.MAPPER.readTree(body);
            } catch (Exception e) {
                HttpAnswer.error(exchange, 400, "malformed JSON", "the body is not JSON: " + firstLine(e.getMessage()));
                return;
            }
            if (cb == null || !cb.isObject()) {
                HttpAnswer.error(exchange, 400, "not a callback",
                        "expected a ConnectWise callback JSON object (MessageId, Action, Type, ID, Metadata.key_url)");
                return;
            }
        }
        if (verifySignature) {
            if (cb == null) {
                HttpAnswer.error(exchange, 401, "missing signature", "a callback without a signed body cannot be "
                        + "verified; trigger a ticket by hand with POST /admin/dispatch/{ticketId}");
                return;
            }
            if (!signatureOk(exchange, cb, body)) {
                return;
            }
        }
        String type = cb == null ? null : Json.text(cb, "Type");
        if (type != null && !type.equalsIgnoreCase("ticket")) {
            HttpAnswer.error(exchange, 400, "not a ticket callback", "Type is '" + type + "'; only ticket callbacks sync");
            return;
        }
        Long ticketId = cb == null ? null : Json.number(cb, "ID");
        if (ticketId == null) {
            ticketId = parseId(HttpAnswer.header(exchange, "recordId"));
        }
        if (ticketId == null) {
            ticketId = parseId(HttpAnswer.header(exchange, "id"));
        }
        if (ticketId == null || ticketId <= 0) {
            HttpAnswer.error(exchange, 400, "missing ticket id",
                    "no ticket id: expected a numeric ID in the body or an id/recordId query parameter");
            return;
        }
        String messageId = cb == null ? null : Json.text(cb, "MessageId");
        String action = Optional.ofNullable(cb == null ? null : Json.text(cb, "Action")).orElse("updated")
                .toLowerCase();
        String dedup = messageId != null && !messageId.isBlank() ? "cw:msg:" + messageId
                : cb == null ? "cw:trigger:" + java.util.UUID.randomUUID() : "cw:body:" + sha256(body);
        String payload = cb == null ? Json.write(Json.object().put("ID", ticketId).put("Type", "ticket")
                .put("Action", "triggered")) : new String(body, StandardCharsets.UTF_8);
        Optional<Long> id = inbox.record(NewEvent.forTicket("connectwise", dedup, "ticket." + action, ticketId,
                payload));
        if (id.isEmpty()) {
            LOG.info("callback {} for ticket {} was received before; not processed twice", messageId, ticketId);
            HttpAnswer.json(exchange, 202, Json.object().put("status", "duplicate").put("ticket", ticketId));
            return;
        }
        HttpAnswer.json(exchange, 202, Json.object().put("status", "accepted").put("event", id.get())
                .put("ticket", ticketId));
        exchange.getMessage().setHeader(InboxWorker.EVENT_ID_HEADER, id.get());
    }

    private boolean signatureOk(Exchange exchange, JsonNode cb, byte[] body) {
        String signature = HttpAnswer.header(exchange, "x-content-signature");
        String keyUrl = Json.text(cb, "Metadata/key_url");
        if (signature == null || signature.isBlank()) {
            HttpAnswer.error(exchange, 401, "missing signature", "the x-content-signature header is required");
            return false;
        }
        if (keyUrl == null || !keys.isTrusted(keyUrl)) {
            HttpAnswer.error(exchange, 401, "untrusted key URL",
                    "Metadata.key_url must be on the ConnectWise host configured in connectwise.url");
            return false;
        }
        try {
            if (CallbackSignature.verify(keys.keyFor(keyUrl), body, signature)) {
                return true;
            }
            keys.forget(keyUrl); // the key may have been rotated: one fresh fetch
            if (CallbackSignature.verify(keys.keyFor(keyUrl), body, signature)) {
                return true;
            }
        } catch (RemoteCallException e) {
            LOG.warn("could not fetch the callback signing key: {}", e.getMessage());
            HttpAnswer.error(exchange, 429, "signing key unavailable",
                    "the signing key could not be fetched from ConnectWise; please retry");
            exchange.getMessage().setHeader("Retry-After", "2");
            return false;
        }
        HttpAnswer.error(exchange, 401, "bad signature", "x-content-signature does not match the body");
        return false;
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

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
