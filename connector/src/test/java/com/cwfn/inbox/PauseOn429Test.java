package com.cwfn.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.cwfn.sandbox.Fault;
import com.cwfn.store.Transaction;
import com.cwfn.store.InboxStore;
import com.cwfn.store.SyncLog;
import com.cwfn.testing.Env;
import com.cwfn.testing.ThrottledBurst;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * One pause per 429: ConnectWise answers 429 (Retry-After 1) to the first ticket reads of a burst. Every call to it
 * pauses; the events that met the pause go back to the inbox and finish after it without an attempt counted; the
 * storm is logged once per pause, not per call, and shows in the metrics.
 */
class PauseOn429Test {

    @Test
    void a429StormIsOnePauseAndCostsTheEventsNoAttempt() throws Exception {
        LoggerContext lc = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = lc.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        long pausesCounted;
        captured.setContext(lc);
        captured.start();
        root.addAppender(captured);
        try (Env env = Env.start(Map.of())) {
            env.settle();
            ThrottledBurst burst = new ThrottledBurst(env, 10).prepare();
            env.cw.clearRequests();
            env.cw.inject(Fault.throttle("GET", ".*/service/tickets/\\d+", 1, 4));
            burst.send(env.connector.setting("connectwise.callback-token"), env.connector.url(""));
            burst.awaitExactlyOnce();
            env.quiesce();

            assertThat(env.cw.requests(r -> r.status() == 429)).hasSize(4);
            InboxStore inbox = env.connector.bean("inboxStore", InboxStore.class);
            SyncLog log = env.connector.bean("syncLog", SyncLog.class);
            long paused = 0;
            for (long id : burst.tickets()) {
                Transaction e = inbox.list(null, id, null, 10).stream().filter(x -> x.source().equals("connectwise"))
                        .findFirst().orElseThrow();
                assertThat(e.status()).isEqualTo(InboxStore.DONE);
                assertThat(e.attempts()).as("a pause costs no attempt (event %d)", e.id()).isEqualTo(1);
                long steps = log.forTransaction(e.id()).stream().filter(x -> x.outcome().equals("paused")).count();
                if (steps > 0) {
                    paused++;
                    assertThat(e.pausedMs()).as("its wait is paused time").isPositive();
                }
            }
            assertThat(paused).as("events that met the pause").isPositive();
            // the metric counts every paused step, also of a transaction the burst caused (a work order's webhook
            // writing back to the ticket while ConnectWise is paused): the sync log of all transactions is the match
            long allPausedSteps = 0;
            for (Transaction t : inbox.list(null, null, null, 10_000)) {
                allPausedSteps += log.forTransaction(t.id()).stream().filter(x -> x.outcome().equals("paused")).count();
            }

            MeterRegistry meters = env.connector.bean("metricsRegistry", MeterRegistry.class);
            double pauses = meters.get("connector_pauses").tag("resource", "ConnectWise").counter().count();
            assertThat(pauses).isBetween(1.0, 4.0);
            assertThat(meters.get("connector_paused_seconds").tag("resource", "ConnectWise").counter().count())
                    .isGreaterThanOrEqualTo(pauses);
            assertThat(meters.get("connector_transactions").tag("outcome", "paused").counters().stream()
                    .mapToDouble(c -> c.count()).sum()).isEqualTo((double) allPausedSteps);
            assertThat(meters.find("connector_requests_waiting").tag("system", "ConnectWise").gauge()).isNotNull();
            pausesCounted = (long) pauses;
        } finally {
            root.detachAppender(captured);
        }
        List<ILoggingEvent> warnings = captured.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
        long pauseLines = warnings.stream().filter(e -> e.getFormattedMessage().startsWith("ConnectWise paused for"))
                .count();
        assertThat(pauseLines).as("logged once per pause").isEqualTo(pausesCounted);
        assertThat(warnings).as("no event logs its 429 as a failure")
                .noneMatch(e -> e.getFormattedMessage().contains("429") && !e.getFormattedMessage().startsWith(
                        "ConnectWise paused for"));
    }
}
