package com.cwfn.demo;

import com.cwfn.settings.Catalog;
import com.cwfn.settings.PropertySources;
import java.nio.file.Path;
import com.cwfn.admin.CallbackRegistration;
import com.cwfn.admin.WebhookRegistration;
import com.cwfn.sandbox.connectwise.ConnectWiseSandbox;
import com.cwfn.sandbox.fieldnation.FieldNationSandbox;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.LoggerFactory;

/**
 * {@code --sandbox}: starts the ConnectWise and Field Nation sandboxes in this process, points the connector
 * at them (in-memory database, fresh secrets), registers the callback and the webhook once the connector is
 * up, and plays a demo: a ticket is dispatched and the work order's life flows back, then a second ticket is
 * dispatched and cancelled in ConnectWise, which cancels its work order; printed as a timeline.
 * The connector and the sandboxes then keep running until Ctrl+C.
 */
public final class SandboxMode extends MainListenerSupport {
    private static final long DEMO_TICKET = ConnectWiseSandbox.DEMO_TICKET_ID;
    private final ConnectWiseSandbox cw;
    private final FieldNationSandbox fn;
    private final PrintStream out;
    private final String port;
    private final String managementPort;
    private final String login;
    private Instant t0;

    private SandboxMode(ConnectWiseSandbox cw, FieldNationSandbox fn, PrintStream out, String port,
            String managementPort, String login) {
        this.login = login;
        this.cw = cw;
        this.fn = fn;
        this.out = out;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** Starts both sandboxes and puts the settings that wire the connector to them into {@code overrides}. */
    public static SandboxMode start(Properties overrides) {
        if (!Boolean.getBoolean("sandbox.verbose")) {
            quiet("com.cwfn");
            quiet("org.apache.camel");
        }
        ConnectWiseSandbox cw = ConnectWiseSandbox.withDefaults();
        cw.start(0);
        cw.seedDemo();
        cw.callbackRetryDelay(Duration.ofMillis(500));
        cw.defineCustomField(11, DemoMapping.TECHNICIAN_FIELD, "Text");
        FieldNationSandbox fn = FieldNationSandbox.withDefaults();
        fn.start(0);
        fn.seedDemo();
        fn.webhookRetryBaseDelay(Duration.ofSeconds(1));

        String port = setting("camel.server.port", "8080");
        String mgmt = setting("camel.management.port", "9876");
        overrides.put("connectwise.url", cw.baseUrl());
        overrides.put("connectwise.company-id", cw.companyId());
        overrides.put("connectwise.public-key", cw.publicKey());
        overrides.put("connectwise.private-key", cw.privateKey());
        overrides.put("connectwise.client-id", cw.clientId());
        overrides.put("connectwise.callback-token", UUID.randomUUID().toString());
        overrides.put("fieldnation.url", fn.baseUrl());
        overrides.put("fieldnation.client-id", fn.clientId());
        overrides.put("fieldnation.client-secret", fn.clientSecret());
        overrides.put("fieldnation.username", fn.username());
        overrides.put("fieldnation.password", fn.password());
        overrides.put("fieldnation.webhook-secret", UUID.randomUUID().toString());
        overrides.put("connector.public-url", "http://127.0.0.1:" + port);
        overrides.put("camel.server.port", port);
        overrides.put("camel.management.port", mgmt);
        // the demo touches nothing configured: a database of its own, gone when it stops, and no mail to anyone
        // (override properties win over -D, environment variables and application.properties)
        overrides.put("db.url", "jdbc:h2:mem:sandbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        overrides.put("db.username", "");
        overrides.put("db.password", "");
        overrides.put("notify.email.to", "");
        for (String smtp : List.of("mail.smtp.host", "mail.smtp.port", "mail.smtp.username", "mail.smtp.password",
                "mail.smtp.starttls")) {
            overrides.put(smtp, Catalog.find(smtp).orElseThrow().defaultValue());
        }
        overrides.put("sync.template-ticket-id", String.valueOf(DEMO_TICKET));
        // the provider's time, approved expenses and the technician come back to the ticket (docs/charges.md)
        overrides.put("sync.time.enabled", "true");
        overrides.put("sync.time.member", "dtech");
        overrides.put("sync.expenses.enabled", "true");
        overrides.put("sync.mappings", DemoMapping.write().toString());
        // Camel's own tools see the demo: Camel JBang (camel get route ...) and the developer console, unless turned off
        for (String tool : List.of("connector.camel-cli.enabled", "camel.management.dev-console-enabled")) {
            overrides.put(tool, onUnlessTurnedOff(tool));
        }
        String password = setting("admin.password", "sandbox");
        overrides.put("admin.password", password);
        // the demo's own password is shown; one the operator configured is a secret and is only named
        String login = setting("admin.username", "admin") + " / " + (password.equals("sandbox") ? "sandbox"
                : "admin.password as configured");
        // Camel reads -D before override properties: what the demo sets must not be overridden by a -D of the host
        overrides.stringPropertyNames().forEach(System::clearProperty);
        return new SandboxMode(cw, fn, System.out, port, mgmt, login);
    }

    /** "true", unless -D or the environment says false (the jar's own application.properties says false). */
    private static String onUnlessTurnedOff(String key) {
        String v = System.getProperty(key, System.getenv(PropertySources.environmentVariable(key)));
        return v != null && v.trim().equalsIgnoreCase("false") ? "false" : "true";
    }

    /** A setting the way the connector reads it, or {@code fallback} when it is not set. */
    private static String setting(String key, String fallback) {
        String v = PropertySources.lookup(Path.of("")).apply(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private static void quiet(String logger) {
        org.slf4j.Logger l = LoggerFactory.getLogger(logger);
        if (l instanceof ch.qos.logback.classic.Logger lb) {
            lb.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        CamelContext ctx = main.getCamelContext();
        ctx.getRegistry().lookupByNameAndType("callbackRegistration", CallbackRegistration.class).register();
        ctx.getRegistry().lookupByNameAndType("webhookRegistration", WebhookRegistration.class).register();
        Thread demo = new Thread(this::demo, "sandbox-demo");
        demo.setDaemon(true);
        demo.start();
    }

    @Override
    public void afterStop(BaseMainSupport main) {
        cw.close();
        fn.close();
    }

    void demo() {
        try {
            out.println();
            out.println("=== ConnectWise <-> Field Nation connector: sandbox demo ===");
            out.println("Its own in-memory database, and no mail: db.*, notify.email.to and mail.smtp.* of your "
                    + "settings are not used");
            out.println("ConnectWise sandbox   " + cw.baseUrl() + "  (company " + cw.companyId() + ")");
            out.println("Field Nation sandbox  " + fn.baseUrl());
            out.println("Connector             http://127.0.0.1:" + port + "   health http://127.0.0.1:" + managementPort
                    + "/observe/health   admin: " + login);
            out.println("Console               http://127.0.0.1:" + port + "/console/   log in with " + login);
            out.println("Camel's own tools     camel get route (Camel JBang), dev console http://127.0.0.1:" + managementPort
                    + "/q/dev  (docs/operations.md, \"Camel's own tools\")");
            out.println();
            t0 = Instant.now();
            JsonNode ticket = cw.ticket(DEMO_TICKET).orElseThrow();
            say("ConnectWise", "ticket #" + DEMO_TICKET + " \"" + ticket.path("summary").asText() + "\" on board "
                    + ticket.path("board").path("name").asText() + " moves to status \"Dispatch to FN\"");
            cw.setStatus(DEMO_TICKET, "Dispatch to FN");

            ObjectNode wo = await("the work order", () -> fn.workOrders().stream()
                    .filter(w -> fieldValue(w).equals(String.valueOf(DEMO_TICKET))).findFirst().orElse(null));
            long woId = wo.path("id").asLong();
            JsonNode window = wo.path("schedule").path("service_window");
            say("Field Nation", "work order #" + woId + " created: \"" + wo.path("title").asText() + "\", "
                    + wo.path("location").path("city").asText() + " " + wo.path("location").path("state").asText()
                    + ", " + window.path("mode").asText() + " " + window.path("start").path("utc").asText()
                    + " UTC, contact " + wo.path("contacts").path("results").path(0).path("name").asText());
            // the dispatch rule of the demo's mapping: Tampa's preferred providers first, the marketplace after 5 s
            await("routing", () -> fn.routedProviders(woId).size() == 4 ? "ok" : null);
            say("Field Nation", "work order #" + woId + " routed to 4 providers of \"" + DemoMapping.POOL + "\": "
                    + String.join(", ", fn.routedProviders(woId).stream().map(fn::userName).toList()));
            await("the dispatched note", () -> note("Dispatched to Field Nation as work order #" + woId));
            say("ConnectWise", "internal note on ticket #" + DEMO_TICKET + ": \""
                    + note("Dispatched to Field Nation as work order #" + woId) + "\"");
            await("the routing note", () -> note("routed to 4 providers"));
            say("ConnectWise", "internal note on ticket #" + DEMO_TICKET + ": \"" + note("routed to 4 providers") + "\"");
            say("Field Nation", "nobody of \"" + DemoMapping.POOL + "\" takes it within " + DemoMapping.WAIT);
            await("publishing", () -> "Published".equals(status(woId)) ? "ok" : null);
            say("Field Nation", "work order #" + woId + " published to the marketplace");
            await("the publishing note", () -> note("published to the marketplace"));
            say("ConnectWise", "internal note on ticket #" + DEMO_TICKET + ": \"" + note("published to the marketplace")
                    + "\"");

            step("Field Nation", "provider Pat Tech is assigned", () -> fn.assignProvider(woId, 1068));
            await("the ticket status", () -> "Assigned".equals(ticketStatus()) ? "ok" : null);
            say("ConnectWise", "ticket #" + DEMO_TICKET + " status -> Assigned");
            await("the technician note", () -> note("Field Nation technician"));
            say("ConnectWise", "internal note on ticket #" + DEMO_TICKET + ": \"" + note("Field Nation technician")
                    + "\"");
            say("ConnectWise", "ticket #" + DEMO_TICKET + " custom field " + DemoMapping.TECHNICIAN_FIELD + ": \""
                    + await("the custom field", this::technicianField) + "\"");

            step("Field Nation", "Pat Tech posts \"On my way, ETA 25 minutes\"",
                    () -> fn.providerMessage(woId, "On my way, ETA 25 minutes"));
            await("the note", () -> note("ETA 25 minutes"));
            say("ConnectWise", "note on ticket #" + DEMO_TICKET + ": \"" + note("ETA 25 minutes").replace("\n", " ")
                    + "\"");

            step("Field Nation", "Pat Tech checks in on site", () -> fn.checkIn(woId));
            byte[] photo = ("demo photo of the repaired terminal " + Instant.now()).getBytes();
            step("Field Nation", "Pat Tech uploads terminal-fixed.jpg (" + photo.length + " bytes)",
                    () -> fn.providerUpload(woId, "terminal-fixed.jpg", "image/jpeg", photo));
            JsonNode doc = await("the document", () -> cw.documents(DEMO_TICKET).stream()
                    .filter(d -> d.path("fileName").asText().equals("terminal-fixed.jpg")).findFirst().orElse(null));
            say("ConnectWise", "private document terminal-fixed.jpg on ticket #" + DEMO_TICKET + " (private: "
                    + doc.path("privateFlag").asBoolean() + ", same bytes: "
                    + java.util.Arrays.equals(photo, cw.documentContent(doc.path("id").asLong())) + ")");

            step("Field Nation", "Pat Tech adds an expense: replacement power supply, $45.00 (Materials)",
                    () -> fn.addExpense(woId, 2, "Replacement power supply", "45.00"));
            step("Field Nation", "the buyer approves the expense", () -> fn.decideExpense(woId,
                    fn.expenses(woId).get(0).path("id").asLong(), true));
            step("Field Nation", "Pat Tech checks out", () -> fn.checkOut(woId));
            JsonNode time = await("the time entry", () -> cw.timeEntries(DEMO_TICKET).stream().findFirst().orElse(null));
            say("ConnectWise", "time entry #" + time.path("id").asText() + " on ticket #" + DEMO_TICKET + ": "
                    + span(time) + ", member " + time.path("member").path("identifier").asText() + ", "
                    + time.path("billableOption").asText());
            JsonNode expense = await("the expense entry", () -> cw.expenseEntries(DEMO_TICKET).stream().findFirst()
                    .orElse(null));
            say("ConnectWise", "expense entry #" + expense.path("id").asText() + " on ticket #" + DEMO_TICKET + ": $"
                    + String.format(java.util.Locale.ROOT, "%.2f", expense.path("amount").asDouble()) + " "
                    + expense.path("type").path("name").asText() + ", \"Replacement power supply\"");

            long logId = fn.timeLogs(woId).get(0).path("id").asLong();
            Instant in = Instant.now().minus(Duration.ofMinutes(135)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
            step("Field Nation", "Pat Tech corrects the time log to 2 h 15 min (Field Nation sends no event for it)",
                    () -> fn.editTimeLog(woId, logId, in, in.plus(Duration.ofMinutes(135))));
            step("Field Nation", "work done; closing notes \"Replaced the power supply, terminal back online\"",
                    () -> fn.completeWork(woId, "Replaced the power supply, terminal back online"));
            await("the ticket status", () -> "Completed".equals(ticketStatus()) ? "ok" : null);
            JsonNode corrected = await("the corrected time entry", () -> cw.timeEntries(DEMO_TICKET).stream()
                    .filter(t -> t.path("timeStart").asText().equals(in.toString())).findFirst().orElse(null));
            say("ConnectWise", "time entry #" + corrected.path("id").asText() + " updated: " + span(corrected));
            say("ConnectWise", "ticket #" + DEMO_TICKET + " status -> Completed, resolution note: \""
                    + note("Replaced the power supply").replace("\n", " ") + "\"");

            step("Field Nation", "the buyer approves the work", () -> fn.approve(woId));
            await("the ticket status", () -> "Closed".equals(ticketStatus()) ? "ok" : null);
            say("ConnectWise", "ticket #" + DEMO_TICKET + " status -> Closed");

            cancelled();
            out.println();
            out.println("Demo complete: two tickets, two work orders, every step synced without anyone typing it twice.");
            out.println("The connector keeps running against the sandboxes. Try: curl -u admin:sandbox "
                    + "http://127.0.0.1:" + port + "/admin/transactions   (Ctrl+C to stop)");
        } catch (RuntimeException e) {
            out.println("Demo stopped: " + e.getMessage());
        }
    }

    /**
     * A second ticket is dispatched (at the same Tampa site, so the same rule routes it to the preferred group first),
     * then cancelled in ConnectWise: its work order is cancelled (statusActions), and its routing stops.
     */
    private void cancelled() {
        out.println();
        ObjectNode body = (ObjectNode) com.cwfn.json.Json.parse("{\"summary\": \"Receipt printer jammed at Store 7\", "
                + "\"board\": {\"name\": \"Field Services\"}, \"company\": {\"identifier\": \"ACME\"}, "
                + "\"contact\": {\"id\": 2}, \"site\": {\"id\": 28}, \"type\": {\"name\": \"Hardware\"}}");
        long ticket = cw.createTicket(body).path("id").asLong();
        Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        cw.addScheduleEntry(ticket, start, start.plus(Duration.ofHours(2)));
        step("ConnectWise", "ticket #" + ticket + " \"" + body.path("summary").asText() + "\" moves to status "
                + "\"Dispatch to FN\"", () -> cw.setStatus(ticket, "Dispatch to FN"));
        ObjectNode wo = await("the second work order", () -> fn.workOrders().stream()
                .filter(w -> fieldValue(w).equals(String.valueOf(ticket))).findFirst().orElse(null));
        long woId = wo.path("id").asLong();
        String offered = await("routing", () -> "Routed".equals(status(woId)) || "Published".equals(status(woId))
                ? status(woId) : null);
        say("Field Nation", "work order #" + woId + " created and " + ("Routed".equals(offered)
                ? "routed to the providers of \"Tampa Preferred\" (the same rule)" : "published to the marketplace"));
        step("ConnectWise", "the customer calls it off: ticket #" + ticket + " moves to status \"Cancelled\"",
                () -> cw.setStatus(ticket, "Cancelled"));
        await("the cancellation", () -> "Cancelled".equals(status(woId)) ? "ok" : null);
        say("Field Nation", "work order #" + woId + " cancelled, before any provider drove to the site");
        String note = await("the cancel note", () -> cw.notes(ticket).stream().map(n -> n.path("text").asText())
                .filter(t -> t.contains("cancelled:")).findFirst().orElse(null));
        say("ConnectWise", "internal note on ticket #" + ticket + ": \"" + note + "\"");
    }

    private void step(String side, String what, Runnable action) {
        sleep(700);
        say(side, what);
        action.run();
    }

    private void say(String side, String what) {
        long ms = Duration.between(t0, Instant.now()).toMillis();
        out.printf("[+%5.1fs] %-12s %s%n", ms / 1000.0, side, what);
    }

    private <T> T await(String what, Supplier<T> probe) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            T v = probe.get();
            if (v != null) {
                return v;
            }
            sleep(50);
        }
        throw new IllegalStateException("waited 30 s for " + what);
    }

    /** "14:00-16:15 UTC (2.25 h)" of a time entry. */
    private static String span(JsonNode time) {
        return time.path("timeStart").asText().substring(11, 16) + "-" + time.path("timeEnd").asText().substring(11, 16)
                + " UTC (" + time.path("actualHours").asText() + " h)";
    }

    private String technicianField() {
        for (JsonNode f : cw.ticket(DEMO_TICKET).orElseThrow().path("customFields")) {
            if (DemoMapping.TECHNICIAN_FIELD.equals(f.path("caption").asText()) && !f.path("value").isNull()) {
                return f.path("value").asText();
            }
        }
        return null;
    }

    private String ticketStatus() {
        return cw.ticket(DEMO_TICKET).orElseThrow().path("status").path("name").asText();
    }

    private String status(long woId) {
        return fn.workOrder(woId).map(w -> w.path("status").path("name").asText()).orElse("");
    }

    private String note(String containing) {
        return cw.notes(DEMO_TICKET).stream().map(n -> n.path("text").asText()).filter(t -> t.contains(containing))
                .findFirst().orElse(null);
    }

    private static String fieldValue(JsonNode wo) {
        for (JsonNode f : com.cwfn.fieldnation.FieldNationClient.flattenFields(wo.path("custom_fields"))) {
            if (f.path("id").asLong() == 129) {
                return f.path("value").asText("");
            }
        }
        return "";
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }
}
