package com.cwfn.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side shared by both sandboxes: a real HTTP/1.1 server on loopback (the JDK's HttpServer),
 * a small router with {var} path patterns, fault injection (status, count, latency, Retry-After)
 * and a log of every request and its answer, so tests can assert what a client did and did not call; and
 * listeners ({@link #onRequest}) that see each request whole as it is answered, e.g. to check it against a
 * published description.
 */
public abstract class SandboxServer implements AutoCloseable {
    static {
        // The JDK HttpServer sends headers and body in separate writes; with Nagle on, every small answer waits
        // ~40 ms for the client's delayed ACK. Read once, when the JVM creates its first HttpServer.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private static final int MAX_LOG = 200_000;
    private final Logger log = LoggerFactory.getLogger(getClass());
    private final List<Route> routes = new ArrayList<>();
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedDeque<LoggedRequest> requests = new ConcurrentLinkedDeque<>();
    private final List<RequestListener> listeners = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger serving = new java.util.concurrent.atomic.AtomicInteger();
    private final String name;
    private HttpServer server;
    private ExecutorService executor;
    private volatile long latencyMs;

    /** A handler for one route. */
    @FunctionalInterface
    public interface Handler {
        SandboxResponse handle(SandboxRequest request) throws Exception;
    }

    /**
     * One request as this sandbox received it: which sandbox ({@code connectwise} or {@code fieldnation}), what was
     * sent (raw body, headers by lower-case name without {@code Authorization}, query with tokens redacted) and the
     * status answered.
     */
    public record Received(String sandbox, String method, String path, String query, Map<String, String> headers,
            byte[] body, int status) {

        /** A header by name, any case, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return sandbox + ": " + method + " " + path + (query == null || query.isEmpty() ? "" : "?" + query)
                    + " -> " + status;
        }
    }

    /** Sees each request a sandbox answers, on the thread serving it, before the answer is sent. */
    @FunctionalInterface
    public interface RequestListener {
        void received(Received request);
    }

    private record Route(String method, Pattern pattern, List<String> vars, Handler handler) {
    }

    protected SandboxServer(String name) {
        this.name = name;
    }

    /** Registers a route; {@code pattern} is a path with {name} variables, e.g. /service/tickets/{id}. */
    protected final void route(String method, String pattern, Handler handler) {
        List<String> vars = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([a-zA-Z_]+)}").matcher(pattern);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(pattern.substring(last, m.start()))).append("([^/]+)");
            vars.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(pattern.substring(last)));
        routes.add(new Route(method, Pattern.compile(regex.toString()), vars, handler));
    }

    /** Starts on 127.0.0.1 and the given port (0 = any free port). */
    public synchronized SandboxServer start(int port) {
        if (server != null) {
            return this;
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        } catch (IOException e) {
            throw new IllegalStateException(name + " sandbox cannot listen on port " + port, e);
        }
        executor = Executors.newFixedThreadPool(64, r -> {
            Thread t = new Thread(r, name + "-sandbox");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
        log.info("{} sandbox listening on {}", name, baseUrl());
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** http://127.0.0.1:port */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            try {
                executor.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    // ---------------------------------------------------------------- faults and request log

    /** Adds a fault; the newest matching fault with uses left applies. */
    public void inject(Fault fault) {
        faults.add(0, fault);
    }

    /** Removes every injected fault and the global latency. */
    public void clearFaults() {
        faults.clear();
        latencyMs = 0;
    }

    /** Delays every request by {@code ms} (0 = none). */
    public void latency(long ms) {
        this.latencyMs = ms;
    }

    public List<LoggedRequest> requests() {
        return List.copyOf(requests);
    }

    public List<LoggedRequest> requests(Predicate<LoggedRequest> filter) {
        return requests.stream().filter(filter).toList();
    }

    /** Requests that changed something (not GET/HEAD), sandbox control calls excluded. */
    public List<LoggedRequest> writes() {
        return requests(LoggedRequest::isWrite);
    }

    public void clearRequests() {
        requests.clear();
    }

    /** Adds a listener that sees every request this sandbox answers from now on. */
    public void onRequest(RequestListener listener) {
        listeners.add(listener);
    }

    // ---------------------------------------------------------------- serving

    private void serve(HttpExchange ex) {
        int inFlight = serving.getAndIncrement();
        try {
            serveCounted(ex, inFlight);
        } finally {
            serving.decrementAndGet();
        }
    }

    private void serveCounted(HttpExchange ex, int inFlight) {
        String method = ex.getRequestMethod().toUpperCase();
        String path = ex.getRequestURI().getRawPath();
        String query = ex.getRequestURI().getRawQuery();
        SandboxResponse response;
        byte[] body = new byte[0];
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
            response = faultOrServe(method, path, query, ex, body);
        } catch (Throwable t) {
            log.warn("{} sandbox failed on {} {}", name, method, path, t);
            response = error(500, "sandbox failure: " + t, path);
        }
        requests.addLast(new LoggedRequest(Instant.now(), method, path, redact(query), response.status(),
                logBody(ex, body), inFlight));
        if (!listeners.isEmpty()) {
            tell(new Received(name, method, path, redact(query), withoutAuthorization(headers(ex)), body,
                    response.status()));
        }
        while (requests.size() > MAX_LOG) {
            requests.pollFirst();
        }
        send(ex, response);
    }

    private SandboxResponse faultOrServe(String method, String path, String query, HttpExchange ex, byte[] body)
            throws Exception {
        long wait = latencyMs;
        Fault hit = null;
        for (Fault f : faults) {
            if (f.matches(method, path) && f.take()) {
                hit = f;
                break;
            }
        }
        if (hit != null) {
            wait += hit.latencyMs();
        }
        if (wait > 0) {
            Thread.sleep(wait);
        }
        if (hit != null && hit.status() != 0 && !hit.afterServing()) {
            SandboxResponse r = error(hit.status(), "injected fault " + hit.status(), path);
            if (hit.retryAfterSeconds() != null) {
                r.header("Retry-After", String.valueOf(hit.retryAfterSeconds()));
            }
            return r;
        }
        SandboxRequest req = new SandboxRequest(method, path, query, headers(ex), body);
        SandboxResponse served = dispatch(req);
        if (hit != null && hit.afterServing()) {
            log.info("{} sandbox served {} {} ({}) and loses the answer: {}", name, method, path, served.status(),
                    hit.status());
            return error(hit.status(), "injected fault " + hit.status() + ": the answer was lost", path);
        }
        return served;
    }

    private void tell(Received r) {
        for (RequestListener l : listeners) {
            try {
                l.received(r);
            } catch (RuntimeException e) {
                log.warn("{} sandbox: a request listener failed on {}", name, r, e);
            }
        }
    }

    private static Map<String, String> withoutAuthorization(Map<String, String> headers) {
        Map<String, String> h = new TreeMap<>();
        headers.forEach((k, v) -> {
            if (!"authorization".equalsIgnoreCase(k)) {
                h.put(k.toLowerCase(Locale.ROOT), v);
            }
        });
        return h;
    }

    private static Map<String, String> headers(HttpExchange ex) {
        Map<String, String> headers = new HashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k, v.isEmpty() ? "" : v.get(0)));
        return headers;
    }

    /** Authenticates (subclass hook) and routes a request. */
    protected SandboxResponse dispatch(SandboxRequest req) throws Exception {
        boolean pathKnown = false;
        for (Route r : routes) {
            Matcher m = r.pattern.matcher(req.path());
            if (!m.matches()) {
                continue;
            }
            pathKnown = true;
            if (!r.method.equals(req.method())) {
                continue;
            }
            Map<String, String> vars = new HashMap<>();
            for (int i = 0; i < r.vars.size(); i++) {
                vars.put(r.vars.get(i), java.net.URLDecoder.decode(m.group(i + 1), java.nio.charset.StandardCharsets.UTF_8));
            }
            req.pathVars(vars);
            try {
                SandboxResponse denied = authenticate(req);
                if (denied != null) {
                    return denied;
                }
                return r.handler.handle(req);
            } catch (SandboxException e) {
                return e.body() != null ? SandboxResponse.json(e.status(), e.body())
                        : error(e.status(), e.getMessage(), req.path());
            }
        }
        return pathKnown ? error(405, "method not allowed", req.path())
                : error(404, "The endpoint does not exist.", req.path());
    }

    /** Checks credentials; answers the refusal, or null to go on. Default: no authentication. */
    protected SandboxResponse authenticate(SandboxRequest req) {
        return null;
    }

    /** Renders an error in this API's own error shape. */
    protected abstract SandboxResponse error(int status, String message);

    /**
     * Renders an error for a request path; for APIs whose error shape differs by path. Defaults to
     * {@link #error(int, String)}.
     */
    protected SandboxResponse error(int status, String message, String path) {
        return error(status, message);
    }

    /** Removes secrets from a logged query string. */
    private static String redact(String query) {
        if (query == null) {
            return "";
        }
        return query.replaceAll("(access_token=)[^&]*", "$1***");
    }

    private static String logBody(HttpExchange ex, byte[] body) {
        String ct = ex.getRequestHeaders().getFirst("Content-Type");
        if (body.length == 0 || body.length > 64 * 1024 || ct == null || !ct.contains("json")) {
            return body.length == 0 ? "" : "<" + body.length + " bytes>";
        }
        return new String(body, java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll("\"(password|client_secret|secret)\"\\s*:\\s*\"[^\"]*\"", "\"$1\":\"***\"");
    }

    private static void send(HttpExchange ex, SandboxResponse r) {
        try {
            r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            byte[] b = r.body();
            boolean empty = b.length == 0 || r.status() == 204 || "HEAD".equals(ex.getRequestMethod());
            ex.sendResponseHeaders(r.status(), empty ? -1 : b.length);
            if (!empty) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(b);
                }
            }
        } catch (IOException e) {
            // the client went away; nothing to do
        } finally {
            ex.close();
        }
    }
}
