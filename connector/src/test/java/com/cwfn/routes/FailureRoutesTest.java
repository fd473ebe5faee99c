package com.cwfn.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import com.cwfn.failure.PermanentFailure;
import com.cwfn.failure.RetryPolicy;
import com.cwfn.http.RemoteCallException;
import com.cwfn.inbox.DatabaseOutage;
import com.cwfn.inbox.FailureHandler;
import com.cwfn.inbox.InboxWorker;
import com.cwfn.mapping.MappingException;
import com.cwfn.notify.FailureMailer;
import com.cwfn.observe.ConnectorMetrics;
import com.cwfn.pause.Pauses;
import com.cwfn.settings.Settings;
import com.cwfn.store.Database;
import com.cwfn.store.Transaction;
import com.cwfn.store.InboxStore;
import com.cwfn.store.NewTransaction;
import com.cwfn.store.NoticeStore;
import com.cwfn.store.SyncLog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.spi.CliConnectorFactory;
import org.apache.camel.spi.Registry;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * routes/inbox.camel.yaml and routes/failures.camel.yaml with the real worker and failure handler on an in-memory H2,
 * and a flow that fails as each test asks: what the failure becomes (a retry kept in the inbox, or a dead letter that
 * is noted once for the failure mail) is decided by the route files as shipped. No sandbox: the flow stands in for dispatch.
 */
class FailureRoutesTest extends CamelMainTestSupport {
    private final Database db = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "", "", 4);
    private final InboxStore inbox = new InboxStore(db.dataSource(), Clock.systemUTC());
    private final SyncLog log = new SyncLog(db.dataSource(), Clock.systemUTC());
    private final NoticeStore notices = new NoticeStore(db.dataSource(), Clock.systemUTC());
    private final Map<String, RuntimeException> failures = Map.of(
            "503", new RemoteCallException("Field Nation", "POST /workorders", 503, 7, "busy", null),
            "404", new RemoteCallException("ConnectWise", "GET /service/tickets/1", 404, null, "gone", null),
            "mapping", new MappingException("mappings.yaml line 3: no such status"),
            "permanent", new PermanentFailure("no custom field named 'Ticket'"),
            "pause", new com.cwfn.pause.Pause("ConnectWise", System.currentTimeMillis() + 60_000,
                    "ConnectWise answered 429 to GET /service/tickets/1", null));

    @Override
    protected void configure(MainConfigurationProperties configuration) {
        configuration.addConfiguration(new org.apache.camel.CamelConfiguration() {
            @Override
            public void configure(CamelContext camelContext) {
                // camel-cli-connector is on the class path and on by default in a context the connector did not
                // configure: its thread registers developer consoles while the context starts them, and Camel 4.18
                // then throws ConcurrentModificationException at start-up (seen with six test JVMs)
                camelContext.getCamelContextExtension().getContextPlugin(CliConnectorFactory.class).setEnabled(false);
                bind(camelContext);
            }
        });
        configuration.withRoutesIncludePattern("file:routes/inbox.camel.yaml,file:routes/failures.camel.yaml");
        configuration.addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:dispatch").routeId("dispatch").errorHandler(noErrorHandler())
                        .process(e -> {
                            throw failures.get(InboxWorker.Context.transaction(e).payload());
                        }).id("create-or-update-work-order");
                from("direct:sync-back").routeId("sync-back").log("unused");
            }
        });
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = new Properties();
        p.put("connector.workers", "2");
        return p;
    }

    /** The worker and the failure handler as the connector wires them; a mailer that counts. */
    private void bind(CamelContext context) {
        Registry registry = context.getRegistry();
        Settings settings = new Settings(Map.of("notify.email.to", "ops@msp.example", "notify.stuck-after-ms", "0")::get);
        InboxWorker worker = new InboxWorker(inbox, "test", 60_000, context.createProducerTemplate());
        ConnectorMetrics metrics = new ConnectorMetrics(new SimpleMeterRegistry(), inbox, Clock.systemUTC());
        registry.bind("inboxWorker", worker);
        DatabaseOutage outage = new DatabaseOutage(db, inbox, "test", new Pauses(Clock.systemUTC()),
                Clock.systemUTC(), 1_000);
        registry.bind("databaseOutage", outage);
        registry.bind("failureHandler", new FailureHandler(inbox, log, new RetryPolicy(2000, 600_000, 3_600_000),
                settings, Clock.systemUTC(), metrics, worker, outage));
        registry.bind("failureMailer", new FailureMailer(settings, notices, Clock.systemUTC()));
        context.getCamelContextExtension().addInterceptStrategy(new com.cwfn.inbox.StepTracker(com.cwfn.tracing.Tracing.OFF));
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @Test
    void aPassingFailureIsRetriedAtTheServersRetryAfterAndNotedOnlyOnceStuck() {
        Transaction e = run("503");
        assertThat(e.status()).isEqualTo(InboxStore.PENDING);
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.step()).isEqualTo("create-or-update-work-order");
        assertThat(e.lastError()).contains("Field Nation answered 503 to POST /workorders");
        assertThat(e.nextAttemptAt() - e.updatedAt()).as("Retry-After 7 s beats the 2 s (±20%) first delay")
                .isGreaterThan(6500);
        assertThat(log.forTransaction(e.id())).extracting(SyncLog.Entry::outcome).containsExactly("retry");
        // the notice is the route's step after the event goes back to pending: wait for it, not for the status only
        await().atMost(Duration.ofSeconds(60)).until(() -> !notices.all().isEmpty());
        assertThat(notices.all()).as("failing longer than notify.stuck-after-ms (0 here): noted as still failing")
                .singleElement().satisfies(n -> {
                    assertThat(n.kind()).isEqualTo(NoticeStore.STUCK);
                    assertThat(n.cause()).isEqualTo("Field Nation answered 503");
                });
    }

    @Test
    void aPermanentAnswerAMappingErrorOrAPermanentFailureIsADeadLetterNotedOnce() {
        for (String kind : List.of("404", "mapping", "permanent")) {
            Transaction e = run(kind);
            assertThat(e.status()).as(kind).isEqualTo(InboxStore.FAILED);
            assertThat(e.step()).as(kind).isEqualTo("create-or-update-work-order");
            // the notice is the route's step after the event is marked failed: wait for it, not for the status only
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(notices.all()).as(kind)
                    .filteredOn(n -> n.transactionId() == e.id()).extracting(NoticeStore.Notice::kind)
                    .containsExactly(NoticeStore.FAILED));
        }
        assertThat(notices.all()).hasSize(3);
    }

    @Test
    void anEventThatMeetsAPauseGoesBackUntilItsEndWithoutAnAttemptABackoffOrANotice() {
        long id = record("pause");
        context.getRegistry().lookupByNameAndType("inboxWorker", InboxWorker.class).wake(id);
        await().atMost(Duration.ofSeconds(60)).until(() -> inbox.find(id).orElseThrow().step() != null);
        Transaction e = inbox.find(id).orElseThrow();
        long until = ((com.cwfn.pause.Pause) failures.get("pause")).until();
        assertThat(e.status()).isEqualTo(InboxStore.PENDING);
        assertThat(e.attempts()).as("the attempt is not counted").isZero();
        assertThat(e.nextAttemptAt()).as("due at the pause's end, no backoff").isEqualTo(until);
        assertThat(e.pausedMs()).as("the wait is paused time").isBetween(until - e.updatedAt() - 10, until - e.updatedAt());
        assertThat(e.lastError()).contains("ConnectWise is paused until").contains("429");
        assertThat(log.forTransaction(e.id())).extracting(SyncLog.Entry::outcome).containsExactly("paused");
        assertThat(notices.all()).as("a pause is no failure: nothing to tell, even with notify.stuck-after-ms 0")
                .isEmpty();
    }

    @Test
    void timeSpentPausedDoesNotCountTowardGivingUp() throws Exception {
        long pausedLong = record("503");
        long notPaused = record("503");
        try (var c = db.dataSource().getConnection()) {
            // both received two hours ago (give-up is after one); one of them spent those hours paused
            c.createStatement().executeUpdate("UPDATE inbox_event SET received_at = received_at - 7200000 WHERE id IN ("
                    + pausedLong + ", " + notPaused + ")");
            c.createStatement().executeUpdate("UPDATE inbox_event SET paused_ms = 7200000 WHERE id = " + pausedLong);
        }
        InboxWorker worker = context.getRegistry().lookupByNameAndType("inboxWorker", InboxWorker.class);
        worker.wake(pausedLong);
        worker.wake(notPaused);
        await().atMost(Duration.ofSeconds(60)).until(() -> inbox.find(pausedLong).orElseThrow().attempts() > 0
                && inbox.find(notPaused).orElseThrow().attempts() > 0
                && !InboxStore.PROCESSING.equals(inbox.find(pausedLong).orElseThrow().status())
                && !InboxStore.PROCESSING.equals(inbox.find(notPaused).orElseThrow().status()));
        assertThat(inbox.find(pausedLong).orElseThrow().status()).isEqualTo(InboxStore.PENDING);
        assertThat(inbox.find(notPaused).orElseThrow().status()).isEqualTo(InboxStore.FAILED);
    }

    private long record(String kind) {
        return inbox.record(NewTransaction.forTicket("connectwise", "cw:msg:" + UUID.randomUUID(), "ticket.updated",
                1 + inbox.count(InboxStore.PENDING) + inbox.count(InboxStore.FAILED), kind)).orElseThrow();
    }

    /** Records an event whose flow fails with {@code kind}, wakes the worker and waits for the attempt to end. */
    private Transaction run(String kind) {
        long id = inbox.record(NewTransaction.forTicket("connectwise", "cw:msg:" + UUID.randomUUID(), "ticket.updated",
                1 + inbox.count(InboxStore.PENDING) + inbox.count(InboxStore.FAILED), kind)).orElseThrow();
        context.getRegistry().lookupByNameAndType("inboxWorker", InboxWorker.class).wake(id);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Transaction e = inbox.find(id).orElseThrow();
            return e.attempts() > 0 && !InboxStore.PROCESSING.equals(e.status());
        });
        return inbox.find(id).orElseThrow();
    }
}
