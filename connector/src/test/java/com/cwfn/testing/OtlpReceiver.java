package com.cwfn.testing;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP trace receiver in the test: what a collector (Jaeger, Tempo, the OpenTelemetry Collector) receives at
 * {@code POST /v1/traces}, protobuf as the SDK's exporter sends it, decoded with OpenTelemetry's own proto classes.
 */
public final class OtlpReceiver implements AutoCloseable {
    /** One received span, ids in hex as backends show them. */
    public record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
            String kind, Map<String, String> attributes, List<String> links, int statusCode) {
        public String attribute(String key) {
            return attributes.get(key);
        }
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
    private volatile int requests;

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    public static OtlpReceiver start() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            OtlpReceiver r = new OtlpReceiver(s);
            s.createContext("/v1/traces", ex -> {
                try (InputStream raw = ex.getRequestBody()) {
                    InputStream in = "gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))
                            ? new GZIPInputStream(raw) : raw;
                    r.receive(ExportTraceServiceRequest.parseFrom(in.readAllBytes()));
                    byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
                    ex.getResponseHeaders().add("Content-Type", "application/x-protobuf");
                    ex.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
                    if (answer.length > 0) {
                        try (OutputStream out = ex.getResponseBody()) {
                            out.write(answer);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    ex.sendResponseHeaders(400, -1);
                } finally {
                    ex.close();
                }
            });
            s.start();
            return r;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The endpoint to configure as otel.exporter.otlp.endpoint. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    public int requests() {
        return requests;
    }

    private void receive(ExportTraceServiceRequest request) {
        requests++;
        HexFormat hex = HexFormat.of();
        for (ResourceSpans rs : request.getResourceSpansList()) {
            String service = rs.getResource().getAttributesList().stream()
                    .filter(a -> a.getKey().equals("service.name")).map(a -> a.getValue().getStringValue())
                    .findFirst().orElse("");
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span s : ss.getSpansList()) {
                    Map<String, String> attributes = new LinkedHashMap<>();
                    for (KeyValue kv : s.getAttributesList()) {
                        var v = kv.getValue();
                        attributes.put(kv.getKey(), v.hasIntValue() ? String.valueOf(v.getIntValue())
                                : v.hasBoolValue() ? String.valueOf(v.getBoolValue()) : v.getStringValue());
                    }
                    List<String> links = new ArrayList<>();
                    s.getLinksList().forEach(l -> links.add(hex.formatHex(l.getTraceId().toByteArray()) + "/"
                            + hex.formatHex(l.getSpanId().toByteArray())));
                    spans.add(new ReceivedSpan(service, hex.formatHex(s.getTraceId().toByteArray()),
                            hex.formatHex(s.getSpanId().toByteArray()), hex.formatHex(s.getParentSpanId().toByteArray()),
                            s.getName(), s.getKind().name(), attributes, links, s.getStatus().getCodeValue()));
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
