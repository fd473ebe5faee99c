package com.cwfn.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Masks every configured secret in what leaves for the tracing backend: Camel's span of a callback records its URL,
 * whose path holds the callback token; an error's message may quote a request. Span names, attributes, event
 * attributes and status descriptions pass through {@code mask} (the settings' masking) before export.
 */
public final class MaskingSpanExporter implements SpanExporter {
    private final SpanExporter exporter;
    private final UnaryOperator<String> mask;

    public MaskingSpanExporter(SpanExporter exporter, UnaryOperator<String> mask) {
        this.exporter = exporter;
        this.mask = mask;
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return exporter.export(spans.stream().map(this::masked).toList());
    }

    @Override
    public CompletableResultCode flush() {
        return exporter.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return exporter.shutdown();
    }

    private SpanData masked(SpanData span) {
        Attributes attributes = masked(span.getAttributes());
        List<EventData> events = span.getEvents().stream().map(e -> EventData.create(e.getEpochNanos(),
                mask.apply(e.getName()), masked(e.getAttributes()), e.getTotalAttributeCount())).toList();
        String name = mask.apply(span.getName());
        StatusData status = span.getStatus().getStatusCode() == StatusCode.UNSET ? span.getStatus()
                : StatusData.create(span.getStatus().getStatusCode(), mask.apply(span.getStatus().getDescription()));
        return new DelegatingSpanData(span) {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public Attributes getAttributes() {
                return attributes;
            }

            @Override
            public List<EventData> getEvents() {
                return events;
            }

            @Override
            public StatusData getStatus() {
                return status;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private Attributes masked(Attributes attributes) {
        AttributesBuilder b = Attributes.builder();
        attributes.forEach((k, v) -> {
            if (v instanceof String s) {
                b.put((AttributeKey<String>) k, mask.apply(s));
            } else {
                b.put((AttributeKey<Object>) k, v);
            }
        });
        return b.build();
    }
}
