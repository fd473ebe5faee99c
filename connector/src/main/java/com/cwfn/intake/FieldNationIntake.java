package com.cwfn.intake;

import com.cwfn.fieldnation.WebhookEvent;
import com.cwfn.fieldnation.WebhookSecrets;
import com.cwfn.fieldnation.WebhookSignature;
import com.cwfn.http.HttpAnswer;
import com.cwfn.http.Refusal;
import com.cwfn.json.Json;
import com.cwfn.store.NewTransaction;
import com.cwfn.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * The checks of a Field Nation webhook, one step each in routes/intake.camel.yaml: the size, the signature (with
 * the configured secret, else the one registration keeps in the database), the shape. Repeats of a delivery (same
 * X-FN-Delivery-Id, whatever the attempt suffix) are recorded once. Events of work orders the connector does not
 * know are recorded and ignored later, not refused.
 */
public class FieldNationIntake {
    private final WebhookSecrets secrets;

    public FieldNationIntake(WebhookSecrets secrets) {
        this.secrets = secrets;
    }

    public IncomingTransaction checkSize(Exchange exchange) {
        IncomingTransaction a = new IncomingTransaction(HttpAnswer.body(exchange));
        if (a.body.length > IncomingTransaction.MAX_BODY) {
            throw new Refusal(413, "body too large", "a webhook is at most 1 MiB");
        }
        return a;
    }

    /**
     * X-FN-Signature: sha256=HMAC of the raw body with the webhook secret. A mismatch reads the stored secret once
     * more before refusing: another instance may have just registered a new one.
     */
    public void checkSignature(IncomingTransaction a, Exchange exchange) {
        String sig = HttpAnswer.header(exchange, "X-FN-Signature");
        if (sig == null || sig.isBlank()) {
            throw new Refusal(401, "missing signature", "the X-FN-Signature header is required");
        }
        try {
            verify(a, sig);
        } catch (StoreException e) {
            // the secret is kept in the database, which does not answer: Field Nation retries a 503
            throw new Refusal(503, "database unavailable", "the webhook secret cannot be read; please retry")
                    .retryAfter(Refusal.SOON);
        }
    }

    private void verify(IncomingTransaction a, String sig) {
        Optional<String> secret = secrets.current();
        if (secret.isPresent() && WebhookSignature.verify(secret.get(), a.body, sig)) {
            return;
        }
        Optional<String> again = secrets.isConfigured() ? secret : secrets.reload();
        if (again.isEmpty()) {
            throw new Refusal(401, "no webhook secret", "no webhook secret is configured or registered yet: "
                    + "register the webhook (admin webhooks register)");
        }
        if (again.equals(secret) || !WebhookSignature.verify(again.get(), a.body, sig)) {
            throw new Refusal(401, "bad signature", "X-FN-Signature does not match the body");
        }
    }

    /** The v3 envelope or the flat shape, naming an event and a work order; the event to record, deduplicated. */
    public void parse(IncomingTransaction a, Exchange exchange) {
        try {
            a.json = Json.MAPPER.readTree(a.body);
        } catch (Exception e) {
            throw new Refusal(400, "unreadable body", "the body is not JSON");
        }
        Optional<WebhookEvent> parsed = WebhookEvent.parse(a.json);
        if (parsed.isEmpty()) {
            throw new Refusal(400, "not a webhook",
                    "expected event.name and a work order id (v3 envelope) or eventName and workOrderId");
        }
        WebhookEvent event = parsed.get();
        String delivery = HttpAnswer.header(exchange, "X-FN-Delivery-Id");
        String dedup = delivery != null && !delivery.isBlank()
                ? "fn:del:" + delivery.trim().replaceFirst(":\\d+$", "")
                : "fn:body:" + Recorder.sha256(a.body);
        a.transaction = NewTransaction.forWorkOrder("fieldnation", dedup, event.name(), event.workOrderId(),
                new String(a.body, StandardCharsets.UTF_8));
    }
}
