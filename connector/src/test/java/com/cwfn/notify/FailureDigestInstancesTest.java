package com.cwfn.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.cwfn.settings.Settings;
import com.cwfn.store.Database;
import com.cwfn.store.NoticeStore;
import com.cwfn.store.StateStore;
import com.cwfn.testing.Connector;
import com.cwfn.testing.Ports;
import com.cwfn.testing.TestDatabases;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The failure mail runs on every instance's own timer (routes/schedules.camel.yaml): three digests and a connector's
 * own mail job on one PostgreSQL, racing while failures are noted, over real SMTP (GreenMail). Every notice is mailed exactly once, and with a batch
 * window the three together send at most one mail per window.
 */
class FailureDigestInstancesTest {

    @Test
    void threeInstancesMailEveryNoticeOnceAndKeepOneWindow() throws Exception {
        GreenMail mail = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", "smtp"));
        mail.start();
        Map<String, String> settingsMap = Map.of("db.url", TestDatabases.postgres(), "db.username", "postgres",
                "notify.email.to", "dispatch@msp.example", "mail.smtp.host", "127.0.0.1",
                "mail.smtp.port", String.valueOf(mail.getSmtp().getPort()), "notify.email.batch-window-ms", "1500");
        // a connector (its own mail job on its timer is one more instance) gives the database and the SMTP endpoint
        try (Connector connector = Connector.start(settingsMap)) {
            Database db = connector.bean("database", Database.class);
            NoticeStore notices = new NoticeStore(db.dataSource(), Clock.systemUTC());
            Settings settings = new Settings(settingsMap::get);
            List<FailureDigest> instances = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                // each instance its own stores on the shared database, as separate processes would have
                instances.add(new FailureDigest(settings, new NoticeStore(db.dataSource(), Clock.systemUTC()),
                        new StateStore(db.dataSource(), Clock.systemUTC()), null,
                        connector.context().createProducerTemplate(), null, Clock.systemUTC()));
            }
            int total = 120;
            long deadline = System.currentTimeMillis() + 60_000;
            ExecutorService pool = Executors.newFixedThreadPool(3);
            List<Future<?>> runs = new ArrayList<>();
            for (FailureDigest d : instances) {
                runs.add(pool.submit(() -> {
                    while (System.currentTimeMillis() < deadline && mailedTickets(mail).size() < total) {
                        d.run();
                        Thread.sleep(20);
                    }
                    return null;
                }));
            }
            long started = System.currentTimeMillis();
            for (int i = 0; i < total; i++) {
                notices.add(NoticeStore.FAILED, (long) i, "cw-fn", 5000L + i, null, "Ticket " + i, "dispatch",
                        "Field Nation answered 503", "503 Service Unavailable", 3, System.currentTimeMillis());
                Thread.sleep(25);
            }
            for (Future<?> f : runs) {
                f.get();
            }
            long took = System.currentTimeMillis() - started;
            pool.shutdown();
            List<Long> told = mailedTickets(mail);
            assertThat(told).as("every notice in a mail; the first:%n%s", mail.getReceivedMessages().length == 0
                    ? "none" : mail.getReceivedMessages()[0].getContent()).hasSize(total);
            assertThat(told).as("and in one mail only").doesNotHaveDuplicates();
            MimeMessage[] mails = mail.getReceivedMessages();
            assertThat(mails.length).as("at most one mail per 1.5 s window over %d ms, from four instances",
                    took).isLessThanOrEqualTo((int) (took / 1500) + 2);
            assertThat(mails.length).as("more than one mail: the window is shared, not one instance's")
                    .isGreaterThan(1);
        } finally {
            mail.stop();
        }
    }

    /** The ticket ids the received mails name, one entry per mention. */
    static List<Long> mailedTickets(GreenMail mail) {
        List<Long> out = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (MimeMessage message : mail.getReceivedMessages()) {
            try {
                all.append(message.getContent()).append('\n'); // decoded (the wire form may break long lines)
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        Matcher m = Pattern.compile("(?i)ticket:?\\s+(5\\d{3}) \"Ticket").matcher(all);
        while (m.find()) {
            out.add(Long.parseLong(m.group(1)));
        }
        return out;
    }
}
