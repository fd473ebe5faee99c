package com.cwfn.notify;

import com.cwfn.settings.Catalog;
import com.cwfn.failure.Failures;
import com.cwfn.inbox.FailureHandler;
import com.cwfn.settings.Settings;
import com.cwfn.store.InboxEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the people in {@code notify.email.to} about a failed transaction, once, by SMTP (camel-mail): which
 * ticket and work order, which direction and step, the error, and how to replay it. A mail server that fails
 * is logged and counted; the transaction stays failed and listed either way.
 */
public class FailureMailer {
    private static final Logger LOG = LoggerFactory.getLogger(FailureMailer.class);
    private final Settings settings;
    private final ProducerTemplate template;
    private final MeterRegistry meters;
    private final List<String> to;

    public FailureMailer(Settings settings, ProducerTemplate template, MeterRegistry meters) {
        this.settings = settings;
        this.template = template;
        this.meters = meters;
        this.to = settings.list(Catalog.NOTIFY_EMAIL_TO);
    }

    public boolean enabled() {
        return !to.isEmpty();
    }

    /** Sends the mail for the failed transaction on the exchange; never throws. */
    public void send(Exchange exchange) {
        InboxEvent e = com.cwfn.inbox.InboxWorker.Context.event(exchange);
        if (e == null || !enabled()) {
            return;
        }
        String step = exchange.getProperty(FailureHandler.FAILED_STEP,
                exchange.getProperty(FailureHandler.STEP, "process", String.class), String.class);
        String error = settings.mask(Failures.describe(exchange.getProperty(Exchange.EXCEPTION_CAUGHT,
                Throwable.class)));
        try {
            template.sendBodyAndHeaders(endpoint(), body(e, step, error), java.util.Map.of(
                    "Subject", subject(e),
                    "To", String.join(",", to),
                    "From", settings.text(Catalog.NOTIFY_EMAIL_FROM),
                    "Content-Type", "text/plain; charset=UTF-8"));
            count("sent");
        } catch (RuntimeException ex) {
            count("failed");
            LOG.error("could not send the failure mail for transaction {} to {}: {}", e.id(), to,
                    settings.mask(ex.getMessage()));
        }
    }

    String subject(InboxEvent e) {
        return "[cw-fn-connector] sync failed: " + (e.ticketId() != null ? "ticket " + e.ticketId() : "")
                + (e.workOrderId() != null ? (e.ticketId() != null ? ", " : "") + "work order " + e.workOrderId() : "");
    }

    String body(InboxEvent e, String step, String error) {
        String dir = e.isConnectWiseToFieldNation() ? "ConnectWise -> Field Nation" : "Field Nation -> ConnectWise";
        String publicUrl = settings.text(Catalog.PUBLIC_URL).isEmpty()
                ? "http://<connector>:" + settings.text(Catalog.SERVER_PORT) : settings.text(Catalog.PUBLIC_URL);
        return "A sync transaction failed and was set aside; nothing else was lost.\n\n"
                + "Transaction: " + e.id() + "\n"
                + "Event:       " + e.eventType() + " (received " + Instant.ofEpochMilli(e.receivedAt()) + ")\n"
                + "Direction:   " + dir + "\n"
                + "Ticket:      " + (e.ticketId() == null ? "-" : e.ticketId()) + "\n"
                + "Work order:  " + (e.workOrderId() == null ? "-" : e.workOrderId()) + "\n"
                + "Step:        " + step + "\n"
                + "Attempts:    " + e.attempts() + "\n"
                + "Error:       " + error + "\n\n"
                + "After fixing the cause, replay it:\n"
                + "  curl -u admin -X POST " + publicUrl.replaceAll("/+$", "") + "/admin/transactions/" + e.id()
                + "/replay\n"
                + "  or: java -jar cw-fn-connector.jar admin replay " + e.id() + "\n";
    }

    private String endpoint() {
        StringBuilder uri = new StringBuilder("smtp://").append(settings.text(Catalog.SMTP_HOST))
                .append(':').append(settings.text(Catalog.SMTP_PORT))
                .append("?connectionTimeout=10000");
        String user = settings.text(Catalog.SMTP_USERNAME);
        if (!user.isEmpty()) {
            uri.append("&username=").append(URLEncoder.encode(user, StandardCharsets.UTF_8))
                    .append("&password=RAW(").append(settings.text(Catalog.SMTP_PASSWORD)).append(')');
        }
        if (settings.flag(Catalog.SMTP_STARTTLS)) {
            uri.append("&mail.smtp.starttls.enable=true&mail.smtp.starttls.required=true");
        }
        return uri.toString();
    }

    private void count(String outcome) {
        if (meters != null) {
            meters.counter("connector_failure_mails", "outcome", outcome).increment();
        }
    }
}
