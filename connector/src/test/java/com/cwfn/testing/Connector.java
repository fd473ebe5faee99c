package com.cwfn.testing;

import com.cwfn.app.Application;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The connector started in-process the way the jar starts it (Camel Main, the route files, the properties),
 * on free ports, with test overrides winning over the properties file.
 */
public final class Connector implements AutoCloseable {
    public static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Main main;
    private final int port;
    private final int managementPort;
    private final Map<String, String> settings;

    private Connector(Main main, int port, int managementPort, Map<String, String> settings) {
        this.main = main;
        this.port = port;
        this.managementPort = managementPort;
        this.settings = settings;
    }

    /** Base settings every test needs; callers add the sandbox URLs and what they test. */
    public static Map<String, String> baseSettings() {
        Map<String, String> s = new HashMap<>();
        s.put("db.url", TestDatabases.h2());
        s.put("connectwise.callback-token", "test-callback-token");
        s.put("connector.retry.first-delay-ms", "200");
        s.put("connector.poll-interval-ms", "200");
        s.put("camel.main.shutdown-timeout", "5");
        // paced (the budget is on every call) but far above what a test asks for; tests of the budget set their own
        s.put("connectwise.requests-per-minute", "60000");
        return s;
    }

    public static Connector start(Map<String, String> overrides) {
        return start(overrides, Path.of("").toAbsolutePath());
    }

    public static Connector start(Map<String, String> overrides, Path home) {
        Map<String, String> s = new HashMap<>(baseSettings());
        s.putAll(overrides);
        int port = Integer.parseInt(s.computeIfAbsent("camel.server.port", k -> String.valueOf(Ports.free())));
        int mgmt = Integer.parseInt(s.computeIfAbsent("camel.management.port", k -> String.valueOf(Ports.free())));
        Properties p = new Properties();
        p.putAll(s);
        Main main = Application.create(p, home);
        try {
            main.start();
        } catch (Exception e) {
            throw new IllegalStateException("connector did not start: " + e.getMessage(), e);
        }
        return new Connector(main, port, mgmt, s);
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public <T> T bean(String name, Class<T> type) {
        return context().getRegistry().lookupByNameAndType(name, type);
    }

    public String setting(String key) {
        return settings.get(key);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public String managementUrl(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    public HttpResponse<String> post(String path, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        headers.forEach(b::header);
        return send(b.build());
    }

    public HttpResponse<String> postBytes(String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return send(b.build());
    }

    public HttpResponse<String> get(String fullUrl) {
        return send(HttpRequest.newBuilder(URI.create(fullUrl)).timeout(Duration.ofSeconds(60)).GET().build());
    }

    public static HttpResponse<String> send(HttpRequest r) {
        try {
            return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            main.stop();
        } catch (Exception e) {
            // best effort
        }
    }
}
