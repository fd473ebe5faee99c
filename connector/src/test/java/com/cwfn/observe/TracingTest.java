package com.cwfn.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.cwfn.inbox.InboxWorker;
import com.cwfn.sandbox.Fault;
import com.cwfn.store.Transaction;
import com.cwfn.store.InboxStore;
import com.cwfn.testing.Env;
import com.cwfn.testing.OtlpReceiver;
import com.cwfn.testing.OtlpReceiver.ReceivedSpan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * OpenTelemetry tracing against a real OTLP/HTTP receiver, switched on by the standard otel.* settings: one
 * dispatched ticket is one trace from the callback through the inbox row to the Field Nation create; each attempt at
 * an event continues the trace it was recorded in (a retry is linked to it, a replay too); log lines carry the trace.
 */
class TracingTest {
    static OtlpReceiver otlp;
    static Env env;
    static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

    @BeforeAll
    static void start() {
        otlp = OtlpReceiver.start();
        LoggerContext lc = (LoggerContext) LoggerFactory.getILoggerFactory();
        LOG.setContext(lc);
        LOG.start();
        lc.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(LOG);
        env = Env.start(Map.of("otel.exporter.otlp.endpoint", otlp.endpoint(), "otel.bsp.schedule.delay", "100",
                "otel.service.name", "connector-under-test"));
        // the first reconciliation must not take the tests' tickets: their dispatch must come from the callback
        env.settle();
    }

    @AfterAll
    static void stop() {
        env.close();
        otlp.close();
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(LOG);
    }

    @Test
    void oneDispatchedTicketIsOneTraceFromTheCallbackToTheFieldNationCreate() {
        long wo = env.dispatchedWorkOrder("Traced ticket");
        long ticket = env.workOrdersOfTicket(wo);
        Transaction event = dispatchOf(ticket);
        assertThat(event.traceContext()).as("the trace context stored with the event").startsWith("00-");
        String traceId = event.traceContext().split("-")[1];

        List<ReceivedSpan> trace = await().atMost(Duration.ofSeconds(60)).until(() -> spansOf(traceId),
                t -> names(t).containsAll(List.of("record-callback", "create-or-update-work-order", "write-dispatched-note"))
                        && t.stream().anyMatch(s -> s.name().equals("Field Nation POST /api/rest/v2/workorders")));
        assertThat(trace).allMatch(s -> s.service().equals("connector-under-test"));
        // intake: Camel's span of the callback route, its steps, the inbox row written in record-callback
        ReceivedSpan intake = root(trace);
        assertThat(intake.name()).isEqualTo("POST");
        assertThat(intake.attribute("component")).isEqualTo("camel-platform-http");
        assertThat(intake.attribute("http.url")).as("the callback token is a secret: masked")
                .contains("/callbacks/connectwise/***").doesNotContain(env.connector.setting("connectwise.callback-token"));
        ReceivedSpan record = one(trace, "record-callback");
        assertThat(names(childrenOf(trace, intake))).contains("check-token", "check-signature", "record-callback",
                "answer-callback");
        // the attempt: a child of the span the event was recorded in
        ReceivedSpan attempt = one(trace, "transaction cw-fn " + event.eventType());
        assertThat(attempt.parentSpanId()).isEqualTo(record.spanId());
        assertThat(attempt.attribute("connector.ticket")).isEqualTo(String.valueOf(ticket));
        assertThat(attempt.attribute("connector.attempt")).isEqualTo("1");
        assertThat(attempt.links()).isEmpty();
        // dispatch: Camel's span of the flow, each step, each call to ConnectWise and Field Nation
        ReceivedSpan dispatch = trace.stream().filter(s -> s.name().equals("dispatch")).findFirst().orElseThrow();
        assertThat(ancestors(trace, dispatch)).contains(attempt.spanId());
        assertThat(names(childrenOf(trace, dispatch))).containsSubsequence("find-link", "read-ticket",
                "check-board-and-status");
        ReceivedSpan create = one(trace, "create-or-update-work-order");
        ReceivedSpan fnCreate = one(trace, "Field Nation POST /api/rest/v2/workorders");
        assertThat(fnCreate.parentSpanId()).isEqualTo(create.spanId());
        assertThat(fnCreate.kind()).isEqualTo("SPAN_KIND_CLIENT");
        assertThat(fnCreate.attribute("http.response.status_code")).isEqualTo("200");
        assertThat(fnCreate.attribute("connector.system")).isEqualTo("Field Nation");
        assertThat(trace).anyMatch(s -> s.name().equals("ConnectWise GET /v4_6_release/apis/3.0/service/tickets/{id}")
                && s.parentSpanId().equals(one(trace, "read-ticket").spanId()));
        assertThat(trace).anyMatch(s -> s.name().startsWith("ConnectWise POST ") && s.name().endsWith("/notes"));
        // every span of the work is one trace: nothing of it went to another
        Set<String> otherTraces = attemptsOf(event.id()).stream().map(ReceivedSpan::traceId)
                .filter(t -> !t.equals(traceId)).collect(Collectors.toSet());
        assertThat(otherTraces).as("attempts of this dispatch in other traces").isEmpty();

        // no configured secret reaches the tracing backend
        for (ReceivedSpan s : otlp.spans()) {
            for (String secret : List.of(env.connector.setting("connectwise.callback-token"), env.cw.privateKey(),
                    env.fn.password(), env.fn.clientSecret(), Env.WEBHOOK_SECRET)) {
                assertThat(s.toString()).doesNotContain(secret);
            }
        }

        // log lines of the dispatch carry its trace id
        assertThat(List.copyOf(LOG.list)).anyMatch(e -> e.getFormattedMessage().startsWith(
                "step create-or-update-work-order ok") && traceId.equals(e.getMDCPropertyMap().get("trace_id")));
    }

    @Test
    void aRetriedEventsAttemptsAndAReplayContinueItsTrace() {
        env.fn.inject(Fault.status("POST", "/api/rest/v2/workorders", 503, 1));
        long wo = env.dispatchedWorkOrder("Traced ticket retried");
        long ticket = env.workOrdersOfTicket(wo);
        Transaction event = dispatchOf(ticket);
        assertThat(event.attempts()).isEqualTo(2);
        String traceId = event.traceContext().split("-")[1];
        String recordedIn = event.traceContext().split("-")[2];
        List<ReceivedSpan> attempts = await().atMost(Duration.ofSeconds(60)).until(() -> attemptsOf(event.id()),
                a -> a.size() == 2);
        ReceivedSpan first = attempts.stream().filter(a -> "1".equals(a.attribute("connector.attempt"))).findFirst()
                .orElseThrow();
        ReceivedSpan second = attempts.stream().filter(a -> "2".equals(a.attribute("connector.attempt"))).findFirst()
                .orElseThrow();
        assertThat(first.traceId()).isEqualTo(traceId);
        assertThat(first.statusCode()).as("failed, to be retried").isEqualTo(2);
        assertThat(first.attribute("connector.outcome")).isEqualTo("retry");
        assertThat(second.traceId()).isEqualTo(traceId);
        assertThat(second.parentSpanId()).isEqualTo(recordedIn);
        assertThat(second.links()).as("the retry is linked to the callback it continues")
                .containsExactly(traceId + "/" + recordedIn);
        assertThat(spansOf(traceId)).anyMatch(s -> s.name().equals("Field Nation POST /api/rest/v2/workorders")
                && "503".equals(s.attribute("http.response.status_code")) && s.statusCode() == 2);

        // a replay, later: its attempt continues the same trace
        InboxStore inbox = env.connector.bean("inboxStore", InboxStore.class);
        assertThat(inbox.replay(event.id())).isTrue();
        env.connector.bean("inboxWorker", InboxWorker.class).wake(event.id());
        await().atMost(Duration.ofSeconds(60)).until(() -> attemptsOf(event.id()).size() == 3);
        assertThat(attemptsOf(event.id())).allMatch(a -> a.traceId().equals(traceId));
    }

    /** The ticket's callback event that dispatched it (done; the ones before it were skipped). */
    private static Transaction dispatchOf(long ticket) {
        return env.connector.bean("inboxStore", InboxStore.class).list(InboxStore.DONE, ticket, null, 100).stream()
                .filter(e -> "connectwise".equals(e.source())).reduce((a, b) -> a.id() < b.id() ? a : b)
                .orElseThrow();
    }

    private static List<ReceivedSpan> attemptsOf(long eventId) {
        return otlp.spans().stream().filter(s -> String.valueOf(eventId).equals(s.attribute("connector.transaction.id")))
                .toList();
    }

    private static List<ReceivedSpan> spansOf(String traceId) {
        return otlp.spans().stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    private static List<String> names(List<ReceivedSpan> spans) {
        return spans.stream().map(ReceivedSpan::name).toList();
    }

    private static ReceivedSpan one(List<ReceivedSpan> trace, String name) {
        List<ReceivedSpan> found = trace.stream().filter(s -> s.name().equals(name)).toList();
        assertThat(found).as("spans named %s in %s", name, names(trace)).hasSize(1);
        return found.get(0);
    }

    private static ReceivedSpan root(List<ReceivedSpan> trace) {
        List<ReceivedSpan> roots = trace.stream().filter(s -> s.parentSpanId().isEmpty()).toList();
        assertThat(roots).as("one root in %s", names(trace)).hasSize(1);
        return roots.get(0);
    }

    private static List<ReceivedSpan> childrenOf(List<ReceivedSpan> trace, ReceivedSpan parent) {
        return trace.stream().filter(s -> s.parentSpanId().equals(parent.spanId())).toList();
    }

    private static List<String> ancestors(List<ReceivedSpan> trace, ReceivedSpan span) {
        Map<String, ReceivedSpan> byId = trace.stream().collect(Collectors.toMap(ReceivedSpan::spanId, s -> s,
                (a, b) -> a));
        java.util.List<String> out = new java.util.ArrayList<>();
        for (ReceivedSpan s = byId.get(span.parentSpanId()); s != null; s = byId.get(s.parentSpanId())) {
            out.add(s.spanId());
        }
        return out;
    }
}
