package com.cwfn.app;

import com.cwfn.settings.Catalog;
import com.cwfn.settings.Settings;
import com.cwfn.tracing.MaskingSpanExporter;
import com.cwfn.tracing.Tracing;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.opentelemetry2.OpenTelemetryTracer;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * OpenTelemetry tracing (docs/operations.md, Tracing), on when {@code otel.exporter.otlp.endpoint} is set: the SDK
 * configured by the standard {@code otel.*} settings (from any of the connector's sources, -D, OTEL_* environment
 * variables or application.properties), exporting spans over OTLP/HTTP; Camel's tracer (camel-opentelemetry2) makes a
 * span of each route an exchange runs and each send, the connector its step, call and attempt spans
 * ({@link Tracing}). Every configured secret is masked in what is exported ({@link MaskingSpanExporter}). Off,
 * nothing is made.
 */
public class TracingConfiguration implements CamelConfiguration {
    /**
     * What Camel's tracer leaves to the connector's spans or out: the worker queue (an attempt continues its event's
     * trace instead), the calls to the APIs (a span each, with the path), the scheduled jobs (a trace a second).
     */
    static final String NOT_TRACED_BY_CAMEL = "seda:*,http:*,https:*,quartz:*,timer:*";

    @BindToRegistry
    public Tracing tracing(Settings settings, CamelContext context) throws Exception {
        if (settings.text(Catalog.OTLP_ENDPOINT).isEmpty()) {
            return Tracing.OFF;
        }
        Properties camel = context.getPropertiesComponent().loadProperties(k -> k.startsWith("otel."));
        Map<String, String> otel = new HashMap<>();
        camel.stringPropertyNames().forEach(k -> {
            if (!camel.getProperty(k).isBlank()) {
                otel.put(k, camel.getProperty(k).trim());
            }
        });
        otel.putIfAbsent("otel.service.name", settings.text(Catalog.OTEL_SERVICE_NAME));
        otel.putIfAbsent("otel.traces.exporter", "otlp");
        otel.putIfAbsent("otel.exporter.otlp.protocol", "http/protobuf");
        // a dispatch is some 25 spans: at dispatches' full speed the SDK's defaults (a queue of 2,048, sent every 5 s)
        // drop spans; a larger queue sent every second keeps them (about 2 KB a span)
        otel.putIfAbsent("otel.bsp.schedule.delay", "1000");
        otel.putIfAbsent("otel.bsp.max.queue.size", "16384");
        // traces only: Prometheus has the metrics (/observe/metrics), the log has the lines
        otel.putIfAbsent("otel.metrics.exporter", "none");
        otel.putIfAbsent("otel.logs.exporter", "none");
        // the SDK logs through java.util.logging: into the connector's log and its format (json: one object a line)
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder().addPropertiesSupplier(() -> otel)
                .addSpanExporterCustomizer((exporter, config) -> new MaskingSpanExporter(exporter, settings::mask))
                .disableShutdownHook().build().getOpenTelemetrySdk();
        context.addService(new Closer(sdk)); // the spans still buffered are sent when the connector stops
        return new Tracing(sdk, "cw-fn-connector");
    }

    @Override
    public void configure(CamelContext context) {
        Tracing tracing = context.getRegistry().findSingleByType(Tracing.class);
        if (tracing == null || !tracing.on()) {
            return;
        }
        // camel-opentelemetry2 takes the SDK's tracer and propagators from the registry
        context.getRegistry().bind("openTelemetryTracer", Tracer.class, tracing.tracer());
        context.getRegistry().bind("openTelemetryPropagators", ContextPropagators.class,
                tracing.openTelemetry().getPropagators());
        OpenTelemetryTracer camel = new OpenTelemetryTracer();
        camel.setExcludePatterns(NOT_TRACED_BY_CAMEL);
        camel.init(context);
    }
}
