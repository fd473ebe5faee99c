package com.cwfn.notify;

import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Settings;
import com.cwfn.store.NoticeStore;
import com.cwfn.store.NoticeStore.Notice;
import com.cwfn.store.StateStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mails what {@link FailureMailer} noted, gathered: the first mail goes at once, then at most one per
 * {@code notify.email.batch-window-ms}, each listing every ticket, work order, step and error since the one before,
 * and what recovered. Instances sharing the database agree on the window through one state row, and each notice is
 * taken by one mail. A mail server that fails is logged and counted, and the notices wait for the next window.
 */
public class FailureDigest {
    static final String LAST_MAIL = "notify.last-mail-at";
    private static final Logger LOG = LoggerFactory.getLogger(FailureDigest.class);
    private static final int MAX_NOTICES = 500;

    private final Settings settings;
    private final NoticeStore notices;
    private final StateStore state;
    private final ConnectWiseClient cw;
    private final ProducerTemplate template;
    private final MeterRegistry meters;
    private final Clock clock;
    private final long windowMs;
    private final List<String> to;

    public FailureDigest(Settings settings, NoticeStore notices, StateStore state, ConnectWiseClient cw,
            ProducerTemplate template, MeterRegistry meters, Clock clock) {
        this.settings = settings;
        this.notices = notices;
        this.state = state;
        this.cw = cw;
        this.template = template;
        this.meters = meters;
        this.clock = clock;
        this.windowMs = settings.number(Catalog.NOTIFY_BATCH_WINDOW_MS);
        this.to = settings.list(Catalog.NOTIFY_EMAIL_TO);
    }

    /** One look: sends a mail when something waits to be told and the window allows one. */
    public int run() {
        if (to.isEmpty() || !notices.anyUnmailed()) {
            return 0;
        }
        long now = clock.millis();
        String last = state.get(LAST_MAIL).orElse(null);
        if (last != null && now < Long.parseLong(last) + windowMs) {
            return 0; // the window of the last mail is still open: these go in the next one
        }
        if (!state.compareAndSet(LAST_MAIL, last, String.valueOf(now))) {
            return 0; // another instance sends this one
        }
        List<Notice> batch = notices.takeUnmailed(now, MAX_NOTICES);
        if (batch.isEmpty()) {
            return 0;
        }
        Map<Long, String> labels = labels(batch);
        DigestMail.Mail mail = DigestMail.of(batch, labels::get, publicUrl());
        try {
            template.sendBodyAndHeaders(endpoint(), mail.body(), Map.of(
                    "Subject", mail.subject(),
                    "To", String.join(",", to),
                    "From", settings.text(Catalog.NOTIFY_EMAIL_FROM),
                    "Content-Type", "text/plain; charset=UTF-8"));
            count("sent");
            LOG.info("failure mail sent to {}: {}", to, mail.subject());
            return batch.size();
        } catch (RuntimeException e) {
            count("failed");
            notices.untake(batch);
            LOG.error("could not send the failure mail ({} notices) to {}: {}", batch.size(), to,
                    settings.mask(e.getMessage()));
            return 0;
        }
    }

    /** Summaries and companies of the tickets the notices do not name, in one ConnectWise read (best effort). */
    private Map<Long, String> labels(List<Notice> batch) {
        List<Long> unnamed = batch.stream().filter(n -> n.label() == null).map(Notice::ticketId)
                .filter(Objects::nonNull).distinct().toList();
        if (unnamed.isEmpty()) {
            return Map.of();
        }
        try {
            return cw.ticketLabels(unnamed, Labelled::of);
        } catch (RuntimeException e) {
            LOG.debug("ticket summaries for the failure mail could not be read: {}", e.getMessage());
            return Map.of();
        }
    }

    private String publicUrl() {
        String url = settings.text(Catalog.PUBLIC_URL);
        return (url.isEmpty() ? "http://<connector>:" + settings.text(Catalog.SERVER_PORT) : url).replaceAll("/+$", "");
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
