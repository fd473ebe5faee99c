package com.cwfn.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import org.slf4j.MDC;

/**
 * A span made current on this thread, with its trace and span id in the log MDC ({@code trace_id}, {@code span_id}):
 * {@link #leave()} on the thread that opened it (in the order opened), {@link #end} when its work is done, which may
 * be later or on another thread.
 */
public final class TraceScope {
    private final Span span;
    private final Scope scope;
    private final String traceBefore;
    private final String spanBefore;

    private TraceScope(Span span) {
        this.span = span;
        this.scope = span.makeCurrent();
        this.traceBefore = MDC.get("trace_id");
        this.spanBefore = MDC.get("span_id");
        MDC.put("trace_id", span.getSpanContext().getTraceId());
        MDC.put("span_id", span.getSpanContext().getSpanId());
    }

    static TraceScope open(Span span) {
        return new TraceScope(span);
    }

    public Span span() {
        return span;
    }

    /** No longer current on this thread; the MDC is as before. */
    public void leave() {
        scope.close();
        restore("trace_id", traceBefore);
        restore("span_id", spanBefore);
    }

    /** Ends the span, failed when {@code failure} is not null. */
    public void end(Throwable failure) {
        if (failure != null) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
        }
        span.end();
    }

    /** Ends the span with an HTTP answer's status (0 = none): 400 and above is an error. */
    public void endWithStatus(int status, Throwable failure) {
        if (status > 0) {
            span.setAttribute("http.response.status_code", (long) status);
            if (status >= 400 && failure == null) {
                span.setStatus(StatusCode.ERROR, "HTTP " + status);
            }
        }
        end(failure);
    }

    /** Ends the span as failed with {@code reason}, without an exception. */
    public void endFailed(String reason) {
        span.setStatus(StatusCode.ERROR, reason);
        span.end();
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
