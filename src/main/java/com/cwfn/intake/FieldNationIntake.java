package com.cwfn.intake;

import com.cwfn.fieldnation.WebhookEvent;
import com.cwfn.fieldnation.WebhookSignature;
import com.cwfn.http.HttpAnswer;
import com.cwfn.inbox.InboxWorker;
import com.cwfn.json.Json;
import com.cwfn.store.InboxStore;
import com.cwfn.store.NewEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives Field Nation webhooks: checks the signature (when a secret is configured) and the shape, records
 * the event and answers 202. Repeats of a delivery (same X-FN-Delivery-Id, whatever the attempt suffix) are
 * recorded once. Events of work orders the connector does not know are recorded and ignored later, not refused.
 */
public class FieldNationIntake {
    private static final Logger LOG = LoggerFactory.getLogger(FieldNationIntake.class);
    private final String secret;
    private final InboxStore inbox;

    public FieldNationIntake(String webhookSecret, InboxStore inbox) {
        this.secret = webhookSecret == null || webhookSecret.isEmpty() ? null : webhookSecret;
        this.inbox = inbox;
    }

    public void receive(Exchange exchange) {
        byte[] body = HttpAnswer.body(exchange);
        if (body.length > ConnectWiseIntake.MAX_BODY) {
            HttpAnswer.error(exchange, 413, "body too large", "a webhook is at most 1 MiB");
            return;
        }
        if (secret != null) {
            String sig = HttpAnswer.header(exchange, "X-FN-Signature");
            if (sig == null || sig.isBlank()) {
                HttpAnswer.error(exchange, 401, "missing signature", "the X-FN-Signature header is required");
                return;
            }
            if (!WebhookSignature.verify(secret, body, sig)) {
                HttpAnswer.error(exchange, 401, "bad signature", "X-FN-Signature does not match the body");
                return;
            }
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (Exception e) {
            HttpAnswer.error(exchange, 400, "unreadable body", "the body is not JSON");
            return;
        }
        Optional<WebhookEvent> parsed = WebhookEvent.parse(json);
        if (parsed.isEmpty()) {
            HttpAnswer.error(exchange, 400, "not a webhook",
                    "expected event.name and a work order id (v3 envelope) or eventName and workOrderId");
            return;
        }
        WebhookEvent event = parsed.get();
        String delivery = HttpAnswer.header(exchange, "X-FN-Delivery-Id");
        String dedup = delivery != null && !delivery.isBlank()
                ? "fn:del:" + delivery.trim().replaceFirst(":\\d+$", "")
                : "fn:body:" + ConnectWiseIntake.sha256(body);
        Optional<Long> id = inbox.record(NewEvent.forWorkOrder("fieldnation", dedup, event.name(),
                event.workOrderId(), new String(body, StandardCharsets.UTF_8)));
        if (id.isEmpty()) {
            LOG.info("webhook delivery {} ({}) was received before; not processed twice", delivery, event.name());
            HttpAnswer.json(exchange, 202, Json.object().put("status", "duplicate"));
            return;
        }
        HttpAnswer.json(exchange, 202, Json.object().put("status", "accepted").put("event", id.get()));
        exchange.getMessage().setHeader(InboxWorker.EVENT_ID_HEADER, id.get());
    }
}
