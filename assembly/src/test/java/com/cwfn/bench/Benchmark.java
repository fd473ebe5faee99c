package com.cwfn.bench;

import com.cwfn.connectwise.CallbackSignature;
import com.cwfn.json.Json;
import com.cwfn.sandbox.LoggedRequest;
import com.cwfn.sandbox.fieldnation.FnEvent;
import com.cwfn.testing.Env;
import com.cwfn.testing.Ports;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The connector's speed, measured in one run and printed as one table: the ConnectWise and Field Nation sandboxes
 * in this JVM (real HTTP on loopback, with injected latency), the built jar as its own process with
 * {@code -Xmx256m} and default settings. Not a test: {@code mvn -B -Pbench verify} runs it (see
 * docs/performance.md).
 *
 * <p>Phases, in this order, on one connector process: start-up; warm-up (not measured); dispatch latency (50 ms
 * injected, tickets one at a time); throughput (20 ms injected, callbacks sent as fast as they go) and its exactly-once
 * check; the ceiling (a bare HTTP client replaying the same calls, same concurrency, same sandboxes); intake
 * acknowledgements at a fixed open-loop rate; back-sync of provider assignments; footprint at the end. These run with
 * the connector unpaced ({@code connectwise.requests-per-minute=0}). Then, on fresh sandboxes and a second connector
 * process, the throttled run ({@link ThrottledRun}): ConnectWise's budget at 1,000 a minute, the connector's at 960.
 *
 * <p>Times come from the sandboxes' request logs (when a work order create or a ticket status write was answered)
 * and from the sandbox's event log (when a Field Nation event happened); callbacks are timed by the sender. All
 * clocks are this JVM's.
 */
public final class Benchmark {
    static final String TOKEN = "bench-callback-token";
    static final String TRIGGER = "Dispatch to FN";
    static final long CRITICAL_PATH_MS = 150;
    static final String FN_CREATE = "/api/rest/v2/workorders";
    static final Pattern CW_TICKET_PATCH = Pattern.compile(".*/service/tickets/(\\d+)$");

    final Env env;
    final Path dir;
    private final int workers;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(8, daemon("bench-http")))
            .build();
    private final List<String[]> rows = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    ConnectorJvm jar;
    private int nextMessage;

    Benchmark(Env env, Path dir, int workers) {
        this.env = env;
        this.dir = dir;
        this.workers = workers;
    }

    public static void main(String[] args) throws Exception {
        int latencyTickets = Integer.getInteger("bench.latency-tickets", 50);
        int tickets = Integer.getInteger("bench.tickets", 1000);
        int intakeRate = Integer.getInteger("bench.intake-rate", 200);
        int intakeSeconds = Integer.getInteger("bench.intake-seconds", 10);
        int backSync = Integer.getInteger("bench.back-sync", 1000);
        int warmup = Integer.getInteger("bench.warmup", 100);
        int intakeLatency = Integer.getInteger("bench.intake-latency", 20);
        int throttledTickets = Integer.getInteger("bench.throttled-tickets", 60);
        int pacedTickets = Integer.getInteger("bench.paced-tickets", 50);
        boolean jfr = Boolean.getBoolean("bench.jfr");
        Path jarFile = Path.of(System.getProperty("connector.jar", "target/cw-fn-connector.jar")).toAbsolutePath();
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench")).toAbsolutePath();
        deleteTree(dir);
        Files.createDirectories(dir);
        String loadBefore = loadAverage();

        try (Env env = Env.sandboxesOnly()) {
            // a measurement, not a test: the sandboxes answer without checking each request against its schema
            env.conformance().disable();
            env.cw.dropCallbacks(true); // the benchmark sends the callbacks itself, signed as ConnectWise signs them
            Benchmark b = new Benchmark(env, dir, 16);
            b.startConnector(jarFile);
            try {
                b.warmup(warmup);
                b.dispatchLatency(latencyTickets);
                List<Long> dispatched = b.throughput(tickets, jfr);
                b.intake(intakeRate, intakeSeconds, intakeLatency, jfr);
                b.backSync(dispatched.subList(0, Math.min(backSync, dispatched.size())));
                b.footprint();
            } finally {
                b.jar.close();
            }
            new PacedRun(b).run(jarFile, pacedTickets, warmup);
            new ThrottledRun(b).run(jarFile, throttledTickets);
            b.print(loadBefore, loadAverage());
        }
        System.exit(0);
    }

    // ================================================================== phases

    private void startConnector(Path jarFile) throws IOException {
        // the connector itself is measured here, unpaced; the throttled run (ThrottledRun) paces it
        startJar(jarFile, "connector", Map.of("connectwise.requests-per-minute", "0"));
        row("start-up: process start to health UP", fmtMs(jar.startupMs()), "≤ 5 s", jar.startupMs() <= 5000);
    }

    /** Starts the jar in {@code target/bench/<name>} with {@code settings}, its webhook registered; it becomes {@link #jar}. */
    void startJar(Path jarFile, String name, Map<String, String> settings) throws IOException {
        int port = Ports.free();
        Map<String, String> s = new HashMap<>(env.sandboxSettings(port));
        s.put("connectwise.callback-token", TOKEN);
        s.putAll(settings);
        // experiments: -Dbench.connector=key=value,key=value become settings of the connector (reported below)
        for (String pair : System.getProperty("bench.connector", "").split(",")) {
            int eq = pair.indexOf('=');
            if (pair.isBlank()) {
                continue;
            }
            if (eq <= 0) {
                throw new IllegalArgumentException("bench.connector: expected key=value, got " + pair);
            }
            s.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            notes.add("Connector setting changed for the " + name + " run: " + pair.trim());
        }
        jar = ConnectorJvm.start(jarFile, dir.resolve(name), s);
        // the webhook, registered the way an administrator does it: through the connector's admin API
        jar.admin("POST", "/admin/webhooks");
    }

    private void warmup(int n) throws Exception {
        if (n == 0) {
            return;
        }
        env.cw.latency(0);
        env.fn.latency(0);
        List<Long> t = prepare(n, "Warm-up");
        sendAll(callbacks(t), 8);
        waitUntil(() -> created(t).size() == n, 120, "warm-up work orders");
        quiesce();
        notes.add("Warm-up: " + n + " dispatches without injected latency before measuring (JIT, connection pools,"
                + " token and signing-key caches).");
    }

    private void dispatchLatency(int n) throws Exception {
        if (n == 0) {
            return;
        }
        env.cw.latency(50);
        env.fn.latency(50);
        List<Long> tickets = prepare(n, "Latency");
        CpuUse cpu = CpuUse.start(jar.pid());
        List<Double> ms = latencies(tickets, 0, "calls.txt");
        note("CPU during the latency phase: " + cpu.stop() + ".");
        double p50 = percentile(ms, 50);
        double p99 = percentile(ms, 99);
        row("dispatch latency, median (50 ms per call, " + n + " tickets one at a time)",
                fmt(p50) + " ms = " + ratio(p50 / CRITICAL_PATH_MS) + " × 150 ms", "≤ 1.5×",
                p50 <= 1.5 * CRITICAL_PATH_MS);
        row("dispatch latency, p99", fmt(p99) + " ms = " + ratio(p99 / CRITICAL_PATH_MS) + " × 150 ms", "≤ 2×",
                p99 <= 2 * CRITICAL_PATH_MS);
    }

    /**
     * Dispatches the tickets one at a time: each callback is sent when the connector is idle again and at least
     * {@code gapMs} after the one before. Answers each dispatch's time from sending the signed callback to Field
     * Nation answering the work order create; every call of the first goes to {@code traceFile}.
     */
    List<Double> latencies(List<Long> tickets, long gapMs, String traceFile) throws Exception {
        List<Double> ms = new ArrayList<>();
        Instant previous = Instant.EPOCH;
        for (long id : tickets) {
            Callback cb = callbacks(List.of(id)).get(0);
            long rest = gapMs - Duration.between(previous, Instant.now()).toMillis();
            if (rest > 0) {
                sleep(rest);
            }
            Instant t0 = Instant.now();
            previous = t0;
            post(cb);
            waitUntil(() -> created(List.of(id)).containsKey(id), 30, "work order of ticket " + id);
            ms.add(millis(t0, created(List.of(id)).get(id)));
            quiesce();
            if (id == tickets.get(0)) {
                trace(t0, traceFile);
            }
        }
        return ms;
    }

    private List<Long> throughput(int n, boolean jfr) throws Exception {
        env.cw.latency(20);
        env.fn.latency(20);
        List<Long> tickets = prepare(n, "Throughput");
        List<Callback> cbs = callbacks(tickets);
        if (jfr) {
            jar.startRecording(dir.resolve("throughput.jfr"));
        }
        double allocatedBefore = ConnectorJvm.sum(jar.metrics(), "jvm_gc_memory_allocated_bytes_total");
        CpuUse cpu = CpuUse.start(jar.pid());
        Instant t0 = Instant.now();
        sendAll(cbs, 8);
        waitUntil(() -> created(tickets).size() == n, 600, "throughput work orders");
        quiesce();
        double connectorCalls = callsBetween(t0, Instant.now()) / (double) n;
        double cpuMs = cpu.connectorSeconds() * 1000 / n;
        double allocatedMb = (ConnectorJvm.sum(jar.metrics(), "jvm_gc_memory_allocated_bytes_total")
                - allocatedBefore) / 1e6 / n;
        note("CPU during the throughput phase: " + cpu.stop() + ".");
        if (jfr) {
            jar.stopRecording();
            notes.add("JFR recording of the throughput phase: " + dir.resolve("throughput.jfr"));
        }
        Map<Long, Instant> at = created(tickets);
        double seconds = millis(t0, at.values().stream().max(Comparator.naturalOrder()).orElseThrow()) / 1000;
        double rate = n / seconds;

        // exactly once: one work order per ticket in Field Nation, one dispatched note per ticket in ConnectWise
        Map<Long, Integer> perTicket = new HashMap<>();
        for (ObjectNode wo : env.fn.workOrders()) {
            perTicket.merge(Env.ticketIdOf(wo), 1, Integer::sum);
        }
        long exactlyOne = tickets.stream().filter(id -> perTicket.getOrDefault(id, 0) == 1).count();
        long duplicates = tickets.stream().filter(id -> perTicket.getOrDefault(id, 0) > 1).count();
        long oneNote = tickets.stream().filter(id -> env.notesContaining(id, "Dispatched to Field Nation") == 1)
                .count();
        int failed = Json.parse(jar.admin("GET", "/admin/transactions?status=failed&limit=1000")).path("count").asInt();
        boolean once = exactlyOne == n && duplicates == 0 && oneNote == n && failed == 0;

        // the ceiling: the same calls from a bare client, same concurrency, same sandboxes, same latency
        List<Long> bare = prepare(n, "Ceiling");
        ObjectNode body = createBodyOf(tickets.get(0));
        env.fn.dropWebhooks(true); // the bare client subscribes to nothing; spare the connector the webhooks
        CpuUse bareCpu = CpuUse.start(jar.pid());
        Instant b0 = Instant.now();
        int bareFailed = new BareClient(env.cw, env.fn, body).run(bare, workers);
        double bareCalls = callsBetween(b0, Instant.now()) / (double) n;
        note("CPU during the ceiling run: " + bareCpu.stop() + ".");
        Map<Long, Instant> bareAt = created(bare);
        double bareSeconds = millis(b0, bareAt.values().stream().max(Comparator.naturalOrder()).orElseThrow()) / 1000;
        env.fn.dropWebhooks(false);
        double ceiling = bareAt.size() / bareSeconds;

        row("throughput (20 ms per call, " + n + " tickets)", fmt(rate) + " dispatches/s (" + fmt(seconds) + " s)",
                "≥ 50/s", rate >= 50);
        row("ceiling: bare java.net.http client, same calls, " + workers + " concurrent", fmt(ceiling)
                + " dispatches/s" + (bareFailed > 0 ? " (" + bareFailed + " failed)" : ""), "", null);
        row("  calls per dispatch (ConnectWise and Field Nation): connector, ceiling", fmt(connectorCalls) + ", "
                + fmt(bareCalls), "the same", Math.abs(connectorCalls - bareCalls) < 0.1);
        row("throughput ÷ ceiling", ratio(rate / ceiling), "≥ 0.8", rate / ceiling >= 0.8);
        row("  the connector's CPU and allocation per dispatch (with its webhook)", fmt(cpuMs) + " ms, "
                + fmt(allocatedMb) + " MB", "", null);
        row("exactly once", exactlyOne + "/" + n + " tickets with one work order, " + duplicates + " with more, "
                + oneNote + " with one dispatched note, " + failed + " failed transactions", "all", once);
        return tickets;
    }

    private void intake(int rate, int seconds, int latency, boolean jfr) throws Exception {
        if (rate * seconds == 0) {
            return;
        }
        env.cw.latency(latency);
        env.fn.latency(latency);
        int n = rate * seconds;
        List<Long> tickets = prepare(n, "Intake");
        List<Callback> cbs = callbacks(tickets);
        double[] ackMs = new double[n];
        int[] status = new int[n];
        long period = 1_000_000_000L / rate;
        CountDownLatch done = new CountDownLatch(n);
        AtomicInteger next = new AtomicInteger();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(daemon("bench-open-loop"));
        if (jfr) {
            jar.startRecording(dir.resolve("intake.jfr"));
        }
        CpuUse cpu = CpuUse.start(jar.pid());
        long start = System.nanoTime() + 20_000_000L;
        Instant t0 = Instant.now().plusMillis(20);
        ScheduledFuture<?> task = clock.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= n) {
                return;
            }
            long intended = start + i * period; // open loop: a late send counts from when it was due
            http.sendAsync(cbs.get(i).request(jar), HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                ackMs[i] = (System.nanoTime() - intended) / 1e6;
                status[i] = r == null ? 0 : r.statusCode();
                done.countDown();
            });
        }, start - System.nanoTime(), period, TimeUnit.NANOSECONDS);
        if (!done.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("intake: " + done.getCount() + " callbacks unanswered after 120 s");
        }
        task.cancel(false);
        clock.shutdown();
        note("CPU while callbacks arrived at " + rate + "/s: " + cpu.stop() + ".");
        if (jfr) {
            jar.stopRecording();
            notes.add("JFR recording of the intake phase: " + dir.resolve("intake.jfr"));
        }
        waitUntil(() -> created(tickets).size() == n, 600, "intake work orders");
        quiesce();
        List<Double> acks = new ArrayList<>();
        for (double a : ackMs) {
            acks.add(a);
        }
        long refused = java.util.Arrays.stream(status).filter(s -> s != 202).count();
        double p99 = percentile(acks, 99);
        Instant last = created(tickets).values().stream().max(Comparator.naturalOrder()).orElseThrow();
        row("intake: callback acknowledgement at " + rate + "/s open loop (" + n + " callbacks, " + latency
                + " ms per call)",
                "p50 " + fmt(percentile(acks, 50)) + " ms, p99 " + fmt(p99) + " ms, max " + fmt(percentile(acks, 100))
                        + " ms" + (refused > 0 ? ", " + refused + " not 202" : ""), "p99 ≤ 50 ms",
                p99 <= 50 && refused == 0);
        row("  the same " + n + " dispatches behind it", fmt(n / (millis(t0, last) / 1000)) + " dispatches/s, all "
                + n + " work orders created", "", null);
    }

    private void backSync(List<Long> tickets) throws Exception {
        if (tickets.isEmpty()) {
            return;
        }
        env.cw.latency(20);
        env.fn.latency(20);
        Map<Long, Long> ticketOfWo = new HashMap<>();
        for (ObjectNode wo : env.fn.workOrders()) {
            ticketOfWo.put(wo.path("id").asLong(), Env.ticketIdOf(wo));
        }
        Set<Long> wanted = new HashSet<>(tickets);
        List<Long> wos = ticketOfWo.entrySet().stream().filter(e -> wanted.contains(e.getValue()))
                .map(Map.Entry::getKey).toList();
        CpuUse cpu = CpuUse.start(jar.pid());
        Instant t0 = Instant.now();
        ExecutorService pool = Executors.newFixedThreadPool(4, daemon("bench-assign"));
        ConcurrentLinkedQueue<Long> queue = new ConcurrentLinkedQueue<>(wos);
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fs.add(pool.submit(() -> {
                for (Long wo = queue.poll(); wo != null; wo = queue.poll()) {
                    env.fn.assignProvider(wo, 1068);
                }
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        waitUntil(() -> statusWrites(wanted).size() == wanted.size(), 600, "ticket status writes");
        quiesce();
        note("CPU during back-sync: " + cpu.stop() + ".");
        Map<Long, Instant> written = statusWrites(wanted);
        Map<Long, Instant> event = new HashMap<>();
        for (FnEvent e : env.fn.events()) {
            if (e.name().equals("workorder.status.assigned") && !e.at().isBefore(t0)) {
                Long ticket = ticketOfWo.get(e.workOrderId());
                if (ticket != null && wanted.contains(ticket)) {
                    event.merge(ticket, e.at(), (a, b) -> a.isBefore(b) ? a : b);
                }
            }
        }
        List<Double> ms = new ArrayList<>();
        written.forEach((ticket, at) -> ms.add(millis(event.get(ticket), at)));
        Instant first = event.values().stream().min(Comparator.naturalOrder()).orElseThrow();
        Instant last = written.values().stream().max(Comparator.naturalOrder()).orElseThrow();
        double rate = written.size() / (millis(first, last) / 1000);
        long assigned = tickets.stream().filter(id -> "Assigned".equals(env.cw.ticket(id).orElseThrow()
                .path("status").path("name").asText())).count();
        row("back-sync: " + wos.size() + " assigned webhooks -> ConnectWise status (20 ms per call)",
                fmt(rate) + " events/s; p50 " + fmt(percentile(ms, 50)) + " ms, p99 " + fmt(percentile(ms, 99))
                        + " ms; " + assigned + "/" + tickets.size() + " tickets Assigned", "", null);
    }

    private void footprint() {
        String m = jar.metrics();
        double gcSeconds = ConnectorJvm.sum(m, "jvm_gc_pause_seconds_sum");
        double gcCount = ConnectorJvm.sum(m, "jvm_gc_pause_seconds_count");
        double uptime = ConnectorJvm.sum(m, "process_uptime_seconds");
        String wall = uptime > 0 ? ", " + fmt(100 * gcSeconds / uptime) + " % of " + fmt(uptime) + " s up" : "";
        row("peak RSS (VmHWM), " + String.join(" ", ConnectorJvm.jvmOptions()), jar.peakRssMib() + " MiB", "≤ 384 MiB",
                jar.peakRssMib() <= 384);
        row("GC pauses over the whole run", fmt(gcSeconds * 1000) + " ms in " + (long) gcCount + " pauses" + wall,
                "≤ 1466 ms (half of 2932)", gcSeconds * 1000 <= 1466);
        if (Boolean.getBoolean("bench.nmt")) {
            jar.nativeMemory(dir.resolve("nmt.txt"));
            notes.add("Native memory summary at the end of the run (NMT): " + dir.resolve("nmt.txt"));
        }
    }

    // ================================================================== tickets and callbacks

    /** Tickets on Field Services with a description and a schedule entry, status New (the connector knows nothing). */
    List<Long> prepare(int n, String label) {
        Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long id = env.newTicket(label + " ticket " + i + ": POS terminal offline", t -> t.put("initialDescription",
                    "The POS terminal at register 3 shows no power light.\nPlease check the power supply."));
            env.cw.addScheduleEntry(id, start, start.plus(Duration.ofHours(2)));
            ids.add(id);
        }
        return ids;
    }

    record Callback(long ticketId, byte[] body, String signature) {
        HttpRequest request(ConnectorJvm jar) {
            return HttpRequest.newBuilder(URI.create(jar.url("/callbacks/connectwise/" + TOKEN)))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("x-content-signature", signature).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
        }
    }

    /** Moves the tickets to the trigger status (silently) and builds their callbacks, signed as ConnectWise does. */
    List<Callback> callbacks(List<Long> tickets) {
        List<Callback> out = new ArrayList<>();
        for (long id : tickets) {
            env.cw.setStatus(id, TRIGGER);
            byte[] body = env.callbackBody(id, "bench-" + (++nextMessage), "updated").getBytes(StandardCharsets.UTF_8);
            out.add(new Callback(id, body, CallbackSignature.sign(env.cw.signingKey(), body)));
        }
        return out;
    }

    private void post(Callback cb) {
        try {
            HttpResponse<String> r = http.send(cb.request(jar), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202) {
                throw new IllegalStateException("callback for ticket " + cb.ticketId() + ": " + r.statusCode() + " "
                        + r.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends callbacks as fast as {@code senders} threads can. */
    void sendAll(List<Callback> cbs, int senders) throws Exception {
        ConcurrentLinkedQueue<Callback> queue = new ConcurrentLinkedQueue<>(cbs);
        ExecutorService pool = Executors.newFixedThreadPool(senders, daemon("bench-sender"));
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            fs.add(pool.submit(() -> {
                for (Callback cb = queue.poll(); cb != null; cb = queue.poll()) {
                    post(cb);
                }
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
    }

    // ================================================================== what the sandboxes saw

    /** When Field Nation answered the create call of each ticket's work order (the first, if there were more). */
    Map<Long, Instant> created(Collection<Long> tickets) {
        Set<Long> wanted = tickets instanceof Set<Long> s ? s : new HashSet<>(tickets);
        Map<Long, Instant> at = new HashMap<>();
        for (LoggedRequest r : env.fn.requests(r -> r.path().equals(FN_CREATE) && r.method().equals("POST")
                && r.status() / 100 == 2)) {
            long ticket = ticketIdInCreateBody(r.body());
            if (wanted.contains(ticket)) {
                at.merge(ticket, r.at(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return at;
    }

    private static long ticketIdInCreateBody(String body) {
        try {
            String incident = Json.parse(body).path("incident_id").asText("");
            if (!incident.isEmpty()) {
                return Long.parseLong(incident);
            }
        } catch (RuntimeException e) {
            // not a create body we can read
        }
        return -1;
    }

    /** The connector's create body for a ticket, as Field Nation received it. */
    private ObjectNode createBodyOf(long ticketId) {
        for (LoggedRequest r : env.fn.requests(r -> r.path().equals(FN_CREATE) && r.method().equals("POST"))) {
            if (ticketIdInCreateBody(r.body()) == ticketId) {
                return (ObjectNode) Json.parse(r.body());
            }
        }
        throw new IllegalStateException("no create body for ticket " + ticketId);
    }

    /** Calls both sandboxes answered from {@code from} to {@code to}. */
    private long callsBetween(Instant from, Instant to) {
        return env.cw.requests(r -> !r.at().isBefore(from) && !r.at().isAfter(to)).size()
                + env.fn.requests(r -> !r.at().isBefore(from) && !r.at().isAfter(to)).size();
    }

    /** When ConnectWise answered the status write (PATCH) of each ticket. */
    private Map<Long, Instant> statusWrites(Set<Long> tickets) {
        Map<Long, Instant> at = new HashMap<>();
        for (LoggedRequest r : env.cw.requests(r -> r.method().equals("PATCH") && r.status() / 100 == 2)) {
            Matcher m = CW_TICKET_PATCH.matcher(r.path());
            if (m.matches() && tickets.contains(Long.parseLong(m.group(1)))) {
                at.merge(Long.parseLong(m.group(1)), r.at(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return at;
    }

    /** Every call both sandboxes answered since {@code t0}, in order, into {@code file} (what one dispatch costs). */
    private void trace(Instant t0, String file) throws IOException {
        List<String> lines = new ArrayList<>();
        List<LoggedRequest> all = new ArrayList<>();
        env.cw.requests(r -> !r.at().isBefore(t0)).forEach(all::add);
        env.fn.requests(r -> !r.at().isBefore(t0)).forEach(all::add);
        all.sort(Comparator.comparing(LoggedRequest::at));
        for (LoggedRequest r : all) {
            lines.add(String.format(java.util.Locale.ROOT, "+%6.1f ms  %s  (%d other requests in flight when it "
                    + "arrived)", millis(t0, r.at()), r, r.inFlight()));
        }
        Files.write(dir.resolve(file), lines);
    }

    /** Until nothing is in flight: no webhook being delivered, no transaction pending or being worked. */
    void quiesce() {
        waitUntil(() -> env.fn.pendingDeliveries() == 0 && count("pending") == 0 && count("processing") == 0, 300,
                "the connector to go idle");
    }

    private int count(String status) {
        return Json.parse(jar.admin("GET", "/admin/transactions?status=" + status + "&limit=1")).path("count").asInt();
    }

    // ================================================================== output

    void note(String text) {
        notes.add(text);
        System.out.println("bench: " + text);
    }

    void row(String what, String result, String target, Boolean met) {
        rows.add(new String[] {what, result, target, met == null ? "" : met ? "met" : "**missed**"});
        System.out.println("bench: " + what + ": " + result);
    }

    private void print(String loadBefore, String loadAfter) {
        StringBuilder sb = new StringBuilder("\n");
        sb.append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(memTotalGib()).append(" GiB RAM, Java ").append(System.getProperty("java.version")).append(" (")
                .append(System.getProperty("java.vm.name")).append("), ").append(System.getProperty("os.name"))
                .append(' ').append(System.getProperty("os.arch")).append(". Load average (1/5/15 min) before: ")
                .append(loadBefore).append(", after: ").append(loadAfter).append(".\n\n");
        sb.append("| measure | result | target | |\n|---|---|---|---|\n");
        for (String[] r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        sb.append('\n');
        notes.forEach(n -> sb.append(n).append('\n'));
        System.out.println(sb);
    }

    // ================================================================== small helpers

    static double percentile(List<Double> values, double p) {
        List<Double> s = new ArrayList<>(values);
        s.sort(Comparator.naturalOrder());
        int rank = (int) Math.ceil(p / 100 * s.size());
        return s.get(Math.max(0, Math.min(s.size() - 1, rank - 1)));
    }

    static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    static String fmt(double v) {
        return v >= 100 ? String.valueOf(Math.round(v)) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }

    static String fmtMs(long ms) {
        return String.format(java.util.Locale.ROOT, "%.2f s", ms / 1000.0);
    }

    static String ratio(double r) {
        return String.format(java.util.Locale.ROOT, "%.2f", r);
    }

    static void waitUntil(BooleanSupplier condition, int seconds, String what) {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("waited " + seconds + " s for " + what);
            }
            sleep(10);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String loadAverage() {
        try {
            String[] p = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return p[0] + " / " + p[1] + " / " + p[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static long memTotalGib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Math.round(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0);
                }
            }
        } catch (IOException e) {
            // unknown
        }
        return -1;
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
