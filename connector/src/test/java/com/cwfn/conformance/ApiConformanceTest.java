package com.cwfn.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cwfn.admin.CallbackRegistration;
import com.cwfn.admin.ConnectionCheck;
import com.cwfn.admin.FieldsRefresh;
import com.cwfn.admin.RoundTrip;
import com.cwfn.admin.WebhookRegistration;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.jobs.ChargeReconciler;
import com.cwfn.jobs.Reconciler;
import com.cwfn.json.Json;
import com.cwfn.sandbox.Fault;
import com.cwfn.sandbox.SandboxServer.Received;
import com.cwfn.testing.Connector;
import com.cwfn.testing.Env;
import com.cwfn.testing.TestDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every request the connector sends follows the project's JSON Schemas, written from the published descriptions
 * (docs/api-conformance.md): the calls come from the client classes; every request any test's connector sends to
 * the sandboxes is validated as the sandbox receives it ({@link ConformanceCheck}, installed by {@code testing.Env},
 * failing that test through {@link ConformanceExtension}); and this class drives every call on its own connectors,
 * so that each is seen here whatever else runs, and in whatever order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiConformanceTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final DateTimeFormatter FN_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private Env env;

    @BeforeAll
    void start() throws IOException {
        Path mappings = Files.createTempFile("mappings", ".yaml");
        mappings.toFile().deleteOnExit();
        // the shipped mapping plus a custom field, and one that reads the company and the contact records (a dispatch
        // reads only what its mapping reads, and the shipped one needs neither)
        // and on Field Services, status actions that send Work Done back and approve it
        Files.writeString(mappings, Files.readString(Path.of("mappings.yaml")).replace(
                "    # - { target: \"custom_fields.Site Access\", source: \"customFields.Site Access\" }",
                "    - { target: \"custom_fields.Site Access\", source: \"customFields.Site Access\" }\n"
                        + "    - { target: \"custom_fields.PO Number\", action: concat, sources: [company.name, "
                        + "contact.lastName] }").replace("\nboards: {}\n", "\nboards:\n  \"Field Services\":\n"
                + "    statusActions: { \"In Progress\": incomplete, Closed: approve }\n"));
        Map<String, String> s = new HashMap<>();
        s.put("db.url", TestDatabases.h2());
        s.put("sync.mappings", mappings.toString());
        s.put("sync.outbound-create.enabled", "true");
        s.put("sync.template-ticket-id", "100");
        s.put("connectwise.schedule-member", "dtech");
        s.put("notify.email.to", "ops@msp.example");
        s.put("fieldnation.webhook-secret", "");
        env = Env.start(s);
    }

    @AfterAll
    void stop() {
        env.close();
    }

    // ------------------------------------------------------------------------------------------------ the calls

    @Test
    @Order(1)
    void theClientsCallsAreTheRowsOfTheDocumentEachWithItsSchema() {
        Set<String> fromClients = ClientCalls.all().stream().map(c -> c.method() + " "
                + c.template().replaceAll("\\{[^}]*}", "{}")).collect(Collectors.toCollection(TreeSet::new));
        List<Conformance.Row> rows = Conformance.rows();
        Set<String> documented = rows.stream().map(Conformance.Row::normalized)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(fromClients).as("the client classes make calls").hasSizeGreaterThan(40);
        assertThat(new TreeSet<>(fromClients)).as("calls of the clients without a row in docs/api-conformance.md")
                .containsAll(documented).hasSameElementsAs(documented);
        for (Conformance.Row row : rows) {
            if (row.kind() == Conformance.Kind.NONE) {
                assertThat(row.method()).as(row + ": a call that sends a body needs a schema").isNotIn("PUT", "PATCH");
                continue;
            }
            JsonNode schema = Json.parse(read(Path.of("connector/src/test/resources/schemas", row.schema())));
            assertThat(schema.path("$comment").asText()).as(row.schema() + " cites the published schema")
                    .contains(row.publishedName());
            assertClosed(row.schema(), schema);
        }
    }

    /** Every object with properties forbids others, however deep. */
    private static void assertClosed(String file, JsonNode n) {
        if (n.isObject()) {
            if (n.has("properties") && !n.path("properties").isEmpty()) {
                assertThat(n.path("additionalProperties").asBoolean(true)).as(file + ": closed at " + n.path(
                        "properties").fieldNames().next()).isFalse();
            }
            n.forEach(c -> assertClosed(file, c));
        } else if (n.isArray()) {
            n.forEach(c -> assertClosed(file, c));
        }
    }

    // ------------------------------------------------------------------------------------------------ the check bites

    @Test
    @Order(2)
    void theCheckRefusesAMisspelledFieldAMissingRequiredOneBadEnumsAndFormatsAndUnknownCalls() {
        List<Conformance.Row> rows = Conformance.rows();
        String good = "{\"title\":\"t\",\"incident_id\":\"7\",\"custom_fields\":{\"id\":129,\"value\":\"7\"}}";
        assertThat(problems(rows, json("POST", "/api/rest/v2/workorders", good))).isEmpty();
        assertThat(problems(rows, json("POST", "/api/rest/v2/workorders", good.replace("\"title\"", "\"titel\""))))
                .anyMatch(p -> p.contains("titel")).anyMatch(p -> p.contains("title"));
        assertThat(problems(rows, json("POST", "/api/rest/v2/workorders",
                "{\"title\":\"t\",\"location\":{\"adress1\":\"1 Main St\"}}"))).anyMatch(p -> p.contains("adress1"));
        assertThat(problems(rows, json("POST", "/api/rest/v2/workorders",
                "{\"title\":\"t\",\"custom_fields\":{\"results\":[{\"id\":129,\"value\":\"7\"}]}}")))
                .as("the other texts' custom_fields shape").anyMatch(p -> p.contains("results"));
        String window = "{\"service_window\":{\"mode\":\"exact\",\"start\":{\"utc\":\"2026-07-01 14:00:00\","
                + "\"local\":{\"date\":\"2026-07-01\",\"time\":\"09:00:00\"}}}}";
        assertThat(problems(rows, json("PUT", "/api/rest/v2/workorders/20001/schedule", window)))
                .anyMatch(p -> p.contains("end"));
        assertThat(problems(rows, json("PUT", "/api/rest/v2/workorders/20001/location",
                "{\"mode\":\"custom\",\"address1\":\"\",\"city\":\"\",\"state\":\"\",\"zip\":\"\",\"country\":\"US\"}")))
                .anyMatch(p -> p.contains("saved_location"));
        String hook = "{\"url\":\"https://c.example.com/webhooks/fieldnation\",\"method\":\"post\",\"status\":\"active\","
                + "\"events\":[\"workorder.status.assigned\"],\"secret\":\"SECRET\"}";
        assertThat(problems(rows, json("POST", "/api/v1/webhooks", hook.replace("SECRET",
                "0d1f6a52-3c3e-4a53-9d8e-1f2a3b4c5d6e")))).isEmpty();
        assertThat(problems(rows, json("POST", "/api/v1/webhooks", hook.replace("SECRET", "not-a-uuid"))))
                .anyMatch(p -> p.contains("secret"));
        assertThat(problems(rows, json("POST", "/api/v1/webhooks", hook.replace("https://c.example.com",
                "http://c.example.com").replace(",\"secret\":\"SECRET\"", "")))).anyMatch(p -> p.contains("url"));
        assertThat(problems(rows, json("POST", "/api/v1/webhooks", hook.replace("\"post\"", "\"POST\"")
                .replace(",\"secret\":\"SECRET\"", "")))).anyMatch(p -> p.contains("method"));
        assertThat(problems(rows, json("POST", "/v4_6_release/apis/3.0/schedule/entries", "{\"objectId\":5}")))
                .as("the model's one required field").anyMatch(p -> p.contains("type"));
        assertThat(problems(rows, json("PATCH", "/v4_6_release/apis/3.0/service/tickets/5",
                "[{\"op\":\"replace\",\"path\":\"statuss\",\"value\":{\"id\":1}}]"))).anyMatch(p -> p.contains("path"));
        assertThat(problems(rows, json("POST", "/api/rest/v2/workorders/20001/messages",
                "{\"message\":\"m\",\"type\":\"PUBLIC\"}"))).anyMatch(p -> p.contains("type"));
        String boundary = "b0undary";
        String noFile = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n--" + boundary
                + "--\r\n";
        Received upload = new Received("fieldnation", "POST", "/api/rest/v2/workorders/20001/attachments/1001", "",
                Map.of("content-type", "multipart/form-data; boundary=" + boundary, "user-agent",
                        FieldNationClient.USER_AGENT), noFile.getBytes(StandardCharsets.UTF_8), 200);
        assertThat(problems(rows, upload)).anyMatch(p -> p.contains("file")).anyMatch(p -> p.contains("note"));
        assertThat(problems(rows, new Received("fieldnation", "GET", "/api/rest/v2/workorders",
                "access_token=x&f_custom_field=7", Map.of(), new byte[0], 200))).anyMatch(p -> p.contains("f_custom_field"));
        assertThat(problems(rows, json("POST", "/api/rest/v2/workorders/20001/tags", "{}")))
                .anyMatch(p -> p.contains("no call"));
        assertThat(problems(rows, new Received("fieldnation", "DELETE", "/api/rest/v2/workorders/20001",
                "access_token=x", Map.of(), new byte[0], 200))).as("the cancel's required reason")
                .anyMatch(p -> p.contains("cancel_reason"));
        assertThat(problems(rows, json("POST", "/api/rest/v2/workorders/20001/mass-route", "{\"talent_pool_id\":35}")))
                .as("the newer page's pool shape, not the spec's").anyMatch(p -> p.contains("talent_pool_id"))
                .anyMatch(p -> p.contains("ids"));
        assertThat(problems(rows, new Received("fieldnation", "GET", "/api/rest/v2/providers/select-all",
                "access_token=x", Map.of(), new byte[0], 200))).as("the group is required")
                .anyMatch(p -> p.contains("f_preferred_groups"));
        assertThat(problems(rows, new Received("fieldnation", "GET", "/api/rest/v2/talent-pool-groups",
                "access_token=x&limit=500", Map.of(), new byte[0], 200))).as("at most 100 a page")
                .anyMatch(p -> p.contains("limit"));
        assertThat(problems(rows, new Received("fieldnation", "DELETE", "/api/rest/v2/workorders/20001/complete",
                "access_token=x&reason=Photos", Map.of(), new byte[0], 200))).as("the incomplete's reason id")
                .anyMatch(p -> p.contains("reason_id"));
        assertThat(problems(rows, new Received("connectwise", "GET", "/v4_6_release/apis/3.0/time/entries",
                "conditions=chargeToId%3D5&pagesize=1000", Map.of(), new byte[0], 200))).as("a list's parameters")
                .anyMatch(p -> p.contains("pagesize"));
        assertThat(problems(rows, json("POST", "/v4_6_release/apis/3.0/time/entries",
                "{\"chargeToId\":5,\"chargeToType\":\"ServiceTicket\",\"timeEnd\":\"2026-07-01T15:00:00Z\"}")))
                .anyMatch(p -> p.contains("timeStart"));
        assertThat(problems(rows, json("POST", "/v4_6_release/apis/3.0/expense/entries",
                "{\"type\":{\"name\":\"Materials\"},\"amount\":\"12.5\",\"date\":\"2026-07-01T15:00:00Z\"}")))
                .as("an amount is a number").anyMatch(p -> p.contains("amount"));
        assertThat(problems(rows, json("POST", "/v4_6_release/apis/3.0/procurement/products",
                "{\"catalogItem\":{\"identifer\":\"FN-EXPENSE\"},\"billableOption\":\"Billable\"}")))
                .anyMatch(p -> p.contains("identifer"));
        assertThat(problems(rows, json("PATCH", "/v4_6_release/apis/3.0/procurement/products/3001",
                "[{\"op\":\"replace\",\"path\":\"prices\",\"value\":1}]"))).anyMatch(p -> p.contains("path"));
    }

    private static List<String> problems(List<Conformance.Row> rows, Received r) {
        return Conformance.problems(rows, r);
    }

    private static Received json(String method, String path, String body) {
        return new Received(path.startsWith("/api") ? "fieldnation" : "connectwise", method, path, "",
                Map.of("content-type", "application/json", "user-agent", FieldNationClient.USER_AGENT),
                body.getBytes(StandardCharsets.UTF_8), 200);
    }

    // ------------------------------------------------------------------------------------------------ the requests

    @Test
    @Order(3)
    void everyRequestConformsAndEveryCallIsMade() throws Exception {
        List<ConformanceCheck> checks = new ArrayList<>();
        checks.add(env.conformance());
        drive(checks);
        env.quiesce();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        int checked = 0;
        for (ConformanceCheck c : checks) {
            problems.addAll(c.takeProblems());
            seen.addAll(c.seen());
            checked += c.checked();
        }
        assertThat(checked).as("requests checked").isGreaterThan(100);
        assertThat(problems.stream().distinct().limit(40).toList()).as("requests that do not conform").isEmpty();
        Set<String> never = Conformance.rows().stream().map(Conformance.Row::normalized).filter(c -> !seen.contains(c))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(never).as("calls this class did not make").isEmpty();
    }

    /** The connector's whole life on one ticket and a few more, including what the rest of the suite skips. */
    private void drive(List<ConformanceCheck> checks) throws Exception {
        Instant start = LocalDate.now(ZoneOffset.UTC).plusDays(3).atTime(15, 0).toInstant(ZoneOffset.UTC);
        // a ticket with everything: created, custom fields per field, published, a message, an attachment
        long full = env.newTicket("Conformance: everything", t -> {
            t.putObject("contact").put("id", 2);
            t.putObject("site").put("id", 28);
            t.put("initialDescription", "All the parts");
            t.putArray("customFields").addObject().put("id", 9).put("value", "Side door");
        });
        env.cw.addScheduleEntry(full, start, start.plus(Duration.ofHours(2)));
        env.cw.addNote(full, "A note for the technician", false);
        env.cw.addDocument(full, "plan.pdf", "application/pdf", "PDF".getBytes(StandardCharsets.UTF_8));
        long wo = dispatch(full);
        waitFor(() -> env.fn.attachments(wo).size() == 1 && !env.fn.messages(wo).isEmpty());

        // updates: title and custom field, location (site gone, the ticket's own address), contact (the ticket's
        // own contact fields), an earlier schedule
        ArrayNode ops = Json.array();
        ops.addObject().put("op", "replace").put("path", "summary").put("value", "Conformance: changed");
        ops.addObject().put("op", "replace").put("path", "customFields").putArray("value").addObject().put("id", 9)
                .put("value", "Back door");
        ops.addObject().put("op", "replace").put("path", "site").putNull("value");
        ops.addObject().put("op", "replace").put("path", "addressLine1").put("value", "9 Side St");
        ops.addObject().put("op", "replace").put("path", "city").put("value", "Orlando");
        ops.addObject().put("op", "replace").put("path", "zip").put("value", "32801");
        ops.addObject().put("op", "replace").put("path", "contact").putNull("value");
        ops.addObject().put("op", "replace").put("path", "contactName").put("value", "Sam Site");
        ops.addObject().put("op", "replace").put("path", "contactPhoneNumber").put("value", "4075550100");
        env.cw.patchTicket(full, ops);
        Instant earlier = start.minus(Duration.ofDays(1));
        env.cw.addScheduleEntry(full, earlier, earlier.plus(Duration.ofHours(1)));
        env.cw.setStatus(full, "In Progress");
        waitFor(() -> {
            JsonNode w = env.fn.workOrder(wo).orElseThrow();
            return w.path("title").asText().equals("Conformance: changed")
                    && w.path("location").path("address1").asText().equals("9 Side St")
                    && w.path("contacts").path("results").get(0).path("name").asText().equals("Sam Site")
                    && w.path("schedule").path("service_window").path("start").path("utc").asText()
                    .equals(FN_UTC.format(earlier));
        });

        // an exact arrival (requiredDate only, no contact), then moved, and a contact added
        Instant due = start.plus(Duration.ofDays(2));
        long exact = env.newTicket("Conformance: exact", t -> {
            t.put("requiredDate", due.toString());
            t.putNull("contact");
        });
        long woExact = dispatch(exact);
        ArrayNode move = Json.array();
        move.addObject().put("op", "replace").put("path", "requiredDate").put("value", due.plus(Duration.ofHours(3))
                .toString());
        move.addObject().put("op", "replace").put("path", "contactName").put("value", "Kim Desk");
        env.cw.patchTicket(exact, move);
        waitFor(() -> env.fn.workOrder(woExact).orElseThrow().path("schedule").path("service_window").path("start")
                .path("utc").asText().equals(FN_UTC.format(due.plus(Duration.ofHours(3))))
                && env.fn.workOrder(woExact).orElseThrow().path("contacts").path("results").size() == 1);

        // a project ticket, its status synced back
        ObjectNode project = Json.object().put("summary", "Conformance: project").put("recordType", "ProjectTicket");
        project.putObject("board").put("name", "Projects");
        project.putObject("project").put("id", 12);
        project.putObject("company").put("identifier", "ACME");
        long projectTicket = env.cw.createTicket(project).path("id").asLong();
        long woProject = dispatch(projectTicket);
        env.fn.assignProvider(woProject, env.fn.defaultProviderId());

        // sync back on the first: assigned, a message, an upload, a new schedule, work done with closing notes
        env.fn.assignProvider(wo, env.fn.defaultProviderId());
        env.fn.providerMessage(wo, "On my way");
        env.fn.providerUpload(wo, "after.jpg", "image/jpeg", new byte[] {1, 2, 3});
        ObjectNode window = Json.object().put("mode", "between");
        Instant later = start.plus(Duration.ofDays(4)).truncatedTo(ChronoUnit.HOURS);
        window.putObject("start").put("utc", FN_UTC.format(later));
        window.putObject("end").put("utc", FN_UTC.format(later.plus(Duration.ofHours(2))));
        env.fn.updateSchedule(wo, window);
        // the exact one has no schedule entry yet: one is created, naming connectwise.schedule-member
        env.fn.updateSchedule(woExact, window.deepCopy());
        waitFor(() -> env.cw.scheduleEntries(exact).size() == 1);
        assertThat(env.cw.scheduleEntries(exact).get(0).path("member").path("identifier").asText()).isEqualTo("dtech");
        env.fn.completeWork(wo, "Replaced the part");
        waitFor(() -> env.notesContaining(full, "Replaced the part") == 1
                && env.cw.documents(full).stream().anyMatch(d -> d.toString().contains("after.jpg")));

        // status actions: sent back (the company's incomplete reasons read), done again, approved
        env.quiesce();
        env.cw.setStatus(full, "In Progress");
        waitFor(() -> env.fn.workOrder(wo).orElseThrow().path("status").path("name").asText().equals("Assigned"));
        env.fn.completeWork(wo, "Replaced the part, with photos");
        waitFor(() -> env.cw.ticket(full).orElseThrow().path("status").path("name").asText().equals("Completed"));
        env.quiesce();
        env.cw.setStatus(full, "Closed");
        waitFor(() -> env.fn.workOrder(wo).orElseThrow().path("status").path("name").asText().equals("Approved"));

        // a work order made in Field Nation becomes a ticket
        ObjectNode outside = Json.object().put("title", "Conformance: made in Field Nation");
        long woOutside = env.fn.createWorkOrderAsUser(outside).path("id").asLong();
        waitFor(() -> Env.ticketIdOf(env.fn.workOrder(woOutside).orElseThrow()) > 0);

        // a create whose answer is lost: found again by f_created
        env.fn.inject(Fault.lostAnswer("POST", "/api/rest/v2/workorders", 1));
        long lost = env.newTicket("Conformance: lost answer", t -> { });
        dispatch(lost);

        // registration: a webhook made inactive is updated, a second one at our URL deleted; callbacks removed and
        // registered again
        WebhookRegistration webhooks = env.connector.bean("webhookRegistration", WebhookRegistration.class);
        String ours = env.connector.url("/webhooks/fieldnation");
        String id = env.fn.webhooks().stream().filter(w -> w.path("url").asText().equals(ours)).findFirst()
                .orElseThrow().path("webhookId").asText();
        fnWebhooks("PUT", "/" + id, Json.object().put("status", "inactive"));
        ObjectNode twin = Json.object().put("url", ours).put("method", "post").put("status", "inactive");
        twin.putArray("events").add("workorder.status.assigned");
        fnWebhooks("POST", "", twin);
        JsonNode registered = webhooks.register();
        assertThat(registered.path("status").asText()).isEqualTo("updated");
        assertThat(registered.path("removedDuplicates")).hasSize(1);
        CallbackRegistration callbacks = env.connector.bean("callbackRegistration", CallbackRegistration.class);
        callbacks.remove();
        callbacks.register();

        // the setup calls: connection check, Refresh Fields, reconciliation, the round trip (its draft cancelled)
        env.connector.bean("connectionCheck", ConnectionCheck.class).run();
        env.connector.bean("fieldsRefresh", FieldsRefresh.class).refresh();
        env.connector.bean("reconciler", Reconciler.class).run();
        RoundTrip roundTrip = env.connector.bean("roundTrip", RoundTrip.class);
        roundTrip.start();
        waitFor(() -> !"running".equals(roundTrip.last().path("state").asText()));
        assertThat(roundTrip.last().path("state").asText()).as(roundTrip.last().toString()).isEqualTo("passed");

        // time and expenses back on the ticket, the expenses once as expense entries and once as products
        checks.add(charges("expense"));
        checks.add(charges("product"));
        // a dispatch rule's routing: a preferred provider group, a talent pool group, then the marketplace
        checks.add(routing());
    }

    /**
     * A routed dispatch on a world of its own: mass-routed to a preferred provider group's providers (their ids by
     * providers/select-all) and a talent pool group's (its providers, page by page), then published.
     */
    private static ConformanceCheck routing() throws IOException {
        Path mappings = Files.createTempFile("mappings-routing", ".yaml");
        mappings.toFile().deleteOnExit();
        Files.writeString(mappings, Files.readString(Path.of("mappings.yaml")).replaceFirst("(?m)^  rules: \\[].*$",
                "  rules:\n    - routing:\n        - { pool: \"Tampa Preferred\", wait: 1s }\n"
                        + "        - { pool: \"Florida Network\", wait: 1s }\n        - { marketplace: true }"));
        Map<String, String> s = new HashMap<>();
        s.put("db.url", TestDatabases.h2());
        s.put("sync.mappings", mappings.toString());
        try (Env e = Env.start(s)) {
            long ticket = e.newTicket("Conformance: routed", t -> { });
            Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
            e.cw.addScheduleEntry(ticket, start, start.plus(Duration.ofHours(2)));
            e.cw.setStatus(ticket, "Dispatch to FN");
            await().atMost(Duration.ofSeconds(60)).until(() -> e.notesContaining(ticket, "published to the "
                    + "marketplace") == 1);
            long wo = e.workOrdersOf(ticket).get(0).path("id").asLong();
            assertThat(e.fn.routedProviders(wo)).contains(1068L, 1074L, 1075L);
            e.quiesce();
            return e.conformance();
        }
    }

    /**
     * A time log and an approved expense on a world of their own ({@code sync.expenses.target} = {@code target}):
     * copied, then changed (the entry read again and patched), then gone (deleted); Refresh Fields with a time member.
     */
    private static ConformanceCheck charges(String target) {
        Map<String, String> s = new HashMap<>();
        s.put("db.url", TestDatabases.h2());
        s.put("sync.time.enabled", "true");
        s.put("sync.time.member", "dtech");
        s.put("sync.expenses.enabled", "true");
        s.put("sync.expenses.target", target);
        s.put("sync.expenses.catalog-item", "FN-EXPENSE");
        s.put("connector.reconcile-interval-ms", "3600000");
        try (Env e = Env.start(s)) {
            long wo = e.dispatchedWorkOrder("Conformance: charges as " + target);
            long ticket = e.workOrdersOfTicket(wo);
            BooleanSupplier none = () -> e.cw.timeEntries(ticket).isEmpty() && charged(e, target, ticket).isEmpty();
            e.fn.assignProvider(wo, e.fn.defaultProviderId());
            e.fn.checkIn(wo);
            e.fn.checkOut(wo);
            waitFor(() -> e.cw.timeEntries(ticket).size() == 1);
            e.quiesce();
            long cable = e.fn.addExpense(wo, 2, "Patch cable", "12.50").path("id").asLong();
            e.fn.decideExpense(wo, cable, true);
            ChargeReconciler reconciler = e.connector.bean("chargeReconciler", ChargeReconciler.class);
            reconciler.run();
            waitFor(() -> charged(e, target, ticket).size() == 1);
            e.quiesce();

            long log = e.fn.timeLogs(wo).get(0).path("id").asLong();
            Instant in = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
            e.fn.editTimeLog(wo, log, in, in.plus(Duration.ofHours(2)));
            e.fn.changeExpenseAmount(wo, cable, "15");
            reconciler.run();
            waitFor(() -> e.cw.timeEntries(ticket).get(0).path("timeStart").asText().equals(in.toString())
                    && charged(e, target, ticket).get(0).path(target.equals("product") ? "price" : "amount")
                    .asDouble() == 15.0);
            e.quiesce();

            e.fn.deleteTimeLog(wo, log);
            e.fn.decideExpense(wo, cable, false);
            reconciler.run();
            waitFor(none);
            e.quiesce();
            e.connector.bean("fieldsRefresh", FieldsRefresh.class).refresh();
            return e.conformance();
        }
    }

    private static List<ObjectNode> charged(Env e, String target, long ticket) {
        return target.equals("product") ? e.cw.products(ticket) : e.cw.expenseEntries(ticket);
    }

    private long dispatch(long ticketId) {
        env.cw.setStatus(ticketId, "Dispatch to FN");
        waitFor(() -> env.workOrdersOf(ticketId).size() == 1 && env.notesContaining(ticketId, "work order #") == 1);
        env.quiesce();
        return env.workOrdersOf(ticketId).get(0).path("id").asLong();
    }

    private static void waitFor(BooleanSupplier condition) {
        await().atMost(WAIT).until(condition::getAsBoolean);
    }

    private void fnWebhooks(String method, String path, ObjectNode body) {
        String tokenBody = "{\"grant_type\":\"password\",\"client_id\":\"" + env.fn.clientId()
                + "\",\"client_secret\":\"" + env.fn.clientSecret() + "\",\"username\":\"" + env.fn.username()
                + "\",\"password\":\"" + env.fn.password() + "\"}";
        var t = Connector.send(HttpRequest.newBuilder(URI.create(env.fn.tokenUrl())).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(tokenBody)).build());
        var r = Connector.send(HttpRequest.newBuilder(URI.create(env.fn.webhooksApiUrl() + path))
                .header("Authorization", "Bearer " + Json.text(Json.parse(t.body()), "access_token"))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString())).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
