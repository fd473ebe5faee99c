package com.cwfn.sandbox.fieldnation;

import com.cwfn.sandbox.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A tiny webhook endpoint for tests: records every request and answers scripted statuses (then 200). */
final class WebhookReceiver implements AutoCloseable {
    record Received(String method, String path, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name);
        }

        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> script = new ArrayDeque<>();
    private volatile int defaultStatus = 200;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "test-webhook-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", ex -> {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            ex.getRequestHeaders().forEach((k, v) -> h.put(k, v.isEmpty() ? "" : v.get(0)));
            received.add(new Received(ex.getRequestMethod(), ex.getRequestURI().getPath(), h, body));
            int status;
            synchronized (script) {
                Integer s = script.poll();
                status = s == null ? defaultStatus : s;
            }
            byte[] resp = "ok".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, resp.length);
            ex.getResponseBody().write(resp);
            ex.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/fn/webhook";
    }

    /** The next requests are answered with these statuses, in order; afterwards the default. */
    WebhookReceiver answer(Integer... statuses) {
        synchronized (script) {
            script.addAll(List.of(statuses));
        }
        return this;
    }

    WebhookReceiver answerByDefault(int status) {
        this.defaultStatus = status;
        return this;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
