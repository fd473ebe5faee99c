package com.cwfn.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.Map;

/**
 * The connector's own spans, on top of Camel's route spans (camel-opentelemetry2): one per route step that does
 * work, one per call to ConnectWise or Field Nation, and one per attempt at an inbox event. An event keeps the trace
 * context it was recorded in (W3C {@code traceparent}, {@link #currentContext()}), so each attempt, a retry an hour
 * later or a replay, continues that trace as its child ({@link #attempt}). Off ({@link #OFF}) unless an OTLP
 * endpoint is configured: then nothing is made and nothing is stored.
 */
public final class Tracing {
    public static final Tracing OFF = new Tracing(null, null);
    static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("connector.system");
    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final OpenTelemetry openTelemetry;
    private final Tracer tracer;

    public Tracing(OpenTelemetry openTelemetry, String instrumentation) {
        this.openTelemetry = openTelemetry;
        this.tracer = openTelemetry == null ? null : openTelemetry.getTracer(instrumentation);
    }

    public boolean on() {
        return tracer != null;
    }

    /** The SDK, when on (for Camel's tracer). */
    public OpenTelemetry openTelemetry() {
        return openTelemetry;
    }

    public Tracer tracer() {
        return tracer;
    }

    /** The W3C traceparent of the span current on this thread, or null (off, or no trace here). */
    public String currentContext() {
        if (tracer == null || !Span.current().getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.get("traceparent");
    }

    /** A span for a route step, child of the current span; null when off or not within a trace. */
    public TraceScope step(String stepId, String routeId) {
        if (tracer == null || !Span.current().getSpanContext().isValid()) {
            return null;
        }
        return TraceScope.open(tracer.spanBuilder(stepId).setAttribute("camel.route.id", String.valueOf(routeId))
                .setAttribute("connector.step", stepId).startSpan());
    }

    /** A client span for one call to an API, child of the current span; null when off or not within a trace. */
    public TraceScope call(String system, String method, String url, String path) {
        if (tracer == null || !Span.current().getSpanContext().isValid()) {
            return null;
        }
        return TraceScope.open(tracer.spanBuilder(system + " " + method + " " + path).setSpanKind(SpanKind.CLIENT)
                .setAttribute(SYSTEM, system).setAttribute("http.request.method", method)
                .setAttribute("url.full", url).setAttribute("url.path", path).startSpan());
    }

    /**
     * The span of one attempt at an inbox event: a child of the context the event was recorded in (the same trace as
     * its callback or webhook), and after the first attempt also linked to it, so a backend shows a retry as one.
     * Without a stored context (tracing was off when it was recorded, or reconciliation recorded it) a trace of its
     * own. Null when off.
     */
    public TraceScope attempt(String storedContext, String name, int attempt, Map<String, Object> attributes) {
        if (tracer == null) {
            return null;
        }
        SpanBuilder b = tracer.spanBuilder(name).setSpanKind(SpanKind.CONSUMER).setAttribute("connector.attempt",
                (long) attempt);
        attributes.forEach((k, v) -> {
            if (v instanceof Number n) {
                b.setAttribute(k, n.longValue());
            } else if (v != null) {
                b.setAttribute(k, v.toString());
            }
        });
        SpanContext stored = stored(storedContext);
        if (stored.isValid()) {
            b.setParent(Context.root().with(Span.wrap(stored)));
            if (attempt > 1) {
                b.addLink(stored);
            }
        } else {
            b.setNoParent();
        }
        return TraceScope.open(b.startSpan());
    }

    private static SpanContext stored(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return SpanContext.getInvalid();
        }
        Context c = W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of("traceparent", traceparent),
                MAP);
        return Span.fromContext(c).getSpanContext();
    }
}
