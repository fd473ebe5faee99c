package com.cwfn.admin;

import static com.cwfn.admin.AdminHttp.check;
import static com.cwfn.admin.AdminHttp.json;
import static com.cwfn.admin.AdminHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import com.cwfn.json.Json;
import com.cwfn.sandbox.LoggedRequest;
import com.cwfn.sandbox.connectwise.ConnectWisePermissions;
import com.cwfn.sandbox.fieldnation.FieldNationSandbox;
import com.cwfn.store.InboxStore;
import com.cwfn.store.NewTransaction;
import com.cwfn.testing.Connector;
import com.cwfn.testing.Env;
import com.cwfn.testing.Ports;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The /admin endpoints and the admin command against both sandboxes over real HTTP, one test world for the class.
 * The connector syncs board Field Services, uses ticket 100 as the template and mails failures through a local SMTP
 * server, so every check of the connection answer can pass.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminEndpointsTest {
    /** Every admin endpoint (method, path), for the 401/403 and secrets tests. */
    static final List<String[]> ENDPOINTS = List.of(
            new String[] {"GET", "/admin/connection"},
            new String[] {"POST", "/admin/fields/refresh"},
            new String[] {"GET", "/admin/fields"},
            new String[] {"GET", "/admin/preview/100"},
            new String[] {"POST", "/admin/callbacks"},
            new String[] {"GET", "/admin/callbacks"},
            new String[] {"DELETE", "/admin/callbacks"},
            new String[] {"POST", "/admin/webhooks"},
            new String[] {"GET", "/admin/webhooks"},
            new String[] {"DELETE", "/admin/webhooks"},
            new String[] {"GET", "/admin/transactions"},
            new String[] {"GET", "/admin/transactions/1"},
            new String[] {"POST", "/admin/transactions/1/replay"},
            new String[] {"GET", "/admin/links/100"},
            new String[] {"POST", "/admin/dispatch/100"},
            new String[] {"GET", "/admin/setup"},
            new String[] {"GET", "/admin/activity"},
            new String[] {"POST", "/admin/transactions/replay-failed"},
            new String[] {"GET", "/admin/roundtrip"},
            new String[] {"POST", "/admin/roundtrip"},
            new String[] {"GET", "/admin/approvals"},
            new String[] {"POST", "/admin/approvals/20001/publish"},
            new String[] {"POST", "/admin/approvals/20001/cancel"},
            new String[] {"GET", "/admin/attention"},
            new String[] {"POST", "/admin/attention/1/act"},
            new String[] {"POST", "/admin/attention/1/dismiss"});

    static final String SMTP_PASSWORD = "Smtp-Pa55word!";
    static Env env;
    static GreenMail smtp;
    static Connector c;
    /** ConnectWise calls this test made itself (not the connector), e.g. deactivating a callback. */
    static final Set<String> testCalls = new java.util.concurrent.CopyOnWriteArraySet<>();

    @BeforeAll
    static void start() {
        smtp = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Map<String, String> s = new HashMap<>();
        s.put("admin.password", AdminHttp.PASSWORD);
        // this test sends wrong credentials on purpose, dozens of times: no login delay here (ConsoleHttpTest has it)
        s.put("admin.login-failures-before-delay", "1000000");
        s.put("sync.template-ticket-id", "100");
        s.put("sync.boards", "Field Services");
        s.put("notify.email.to", "ops@msp.example");
        s.put("mail.smtp.host", "127.0.0.1");
        s.put("mail.smtp.port", String.valueOf(smtp.getSmtp().getPort()));
        s.put("mail.smtp.username", "mailer");
        s.put("mail.smtp.password", SMTP_PASSWORD);
        env = Env.start(s);
        c = env.connector;
    }

    @AfterAll
    static void stop() {
        env.close();
        smtp.stop();
    }

    // ------------------------------------------------------------------------------------------------ auth

    @Test
    @Order(1)
    void withoutOrWithWrongCredentialsEveryEndpointAnswers401() {
        for (String[] e : ENDPOINTS) {
            for (String[] cred : new String[][] {{null, null}, {"admin", "wrong"}, {"root", AdminHttp.PASSWORD}}) {
                HttpResponse<String> r = AdminHttp.call(c, e[0], e[1], cred[0], cred[1]);
                assertThat(r.statusCode()).as(e[0] + " " + e[1] + " as " + cred[0]).isEqualTo(401);
                assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"cw-fn-connector\"");
                assertThat(json(r).path("error").asText()).isEqualTo("unauthorized");
            }
        }
        // nothing was done on the way: no callback removed, no dispatch recorded
        assertThat(ours(env.cw.callbacks())).hasSize(2);
        assertThat(c.bean("inboxStore", InboxStore.class).list(null, null, null, 100))
                .noneMatch(t -> "admin".equals(t.source()));
    }

    // ------------------------------------------------------------------------------------------------ connection

    @Test
    @Order(2)
    void theConnectionCheckPassesWhenAllIsWell() {
        JsonNode n = ok(AdminHttp.get(c, "/admin/connection"));
        System.out.println(n.toPrettyString());
        for (JsonNode check : n.path("checks")) {
            assertThat(check.path("ok").asBoolean()).as(check.toString()).isTrue();
        }
        assertThat(n.path("ok").asBoolean()).isTrue();
        assertThat(check(n, ConnectionCheck.SMTP).path("detail").asText()).contains("220");
        assertThat(n.path("notProbed")).hasSize(RequiredPermissions.notProbed().size());
    }

    @Test
    @Order(3)
    void eachMissingPermissionIsNamedInConnectWiseWords() {
        for (RequiredPermissions.Permission p : RequiredPermissions.probed()) {
            env.cw.allowAll();
            env.cw.deny(p.words());
            try {
                JsonNode n = ok(AdminHttp.get(c, "/admin/connection"));
                assertThat(n.path("ok").asBoolean()).isFalse();
                List<JsonNode> failed = new ArrayList<>();
                n.path("checks").forEach(x -> {
                    if (!x.path("ok").asBoolean()) {
                        failed.add(x);
                    }
                });
                assertThat(failed).as(p.words()).hasSize(1);
                JsonNode f = failed.get(0);
                assertThat(f.path("name").asText()).isEqualTo(ConnectionCheck.CW_PERMISSION + p.words());
                assertThat(f.path("detail").asText()).contains("403").contains(p.words());
                assertThat(f.path("fix").asText()).contains(p.module()).contains(p.function()).contains(p.level());
            } finally {
                env.cw.allowAll();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ fields

    @Test
    @Order(4)
    void refreshFieldsListsTheTemplateTicketsCustomFieldsAndStoresThem() {
        JsonNode f = ok(AdminHttp.post(c, "/admin/fields/refresh"));
        System.out.println(f.path("connectwise").path("templateTicket").toPrettyString());
        assertThat(f.path("errors")).isEmpty();
        JsonNode template = f.path("connectwise").path("templateTicket");
        assertThat(template.path("id").asLong()).isEqualTo(100);
        Map<String, String> captions = new HashMap<>();
        template.path("customFields").forEach(x -> captions.put(x.path("caption").asText(), x.path("type").asText()));
        assertThat(captions).containsEntry("Ext Ref", "Text").containsEntry("Site Access", "Text")
                .containsEntry("Story Points", "Number");
        assertThat(template.path("fields").toString()).contains("\"ticket.summary\"").contains("\"ticket.board.name\"")
                .doesNotContain("_info");
        JsonNode boards = f.path("connectwise").path("boards");
        JsonNode fs = null;
        for (JsonNode b : boards) {
            if (b.path("name").asText().equals("Field Services")) {
                fs = b;
            }
        }
        assertThat(fs).isNotNull();
        assertThat(fs.path("statuses").toString()).contains("Dispatch to FN").contains("Cancelled");
        assertThat(fs.path("types").toString()).contains("Point of Sale");
        assertThat(fs.path("subtypes").toString()).contains("POS Terminal");
        assertThat(f.path("connectwise").path("priorities").toString()).contains("Priority 3 - Normal Response");
        assertThat(f.path("fieldnation").path("customFields").toString()).contains("ConnectWise Ticket ID");
        assertThat(f.path("fieldnation").path("typesOfWork").toString()).contains("Point of Sale");
        assertThat(f.path("mappings").path("problems")).isEmpty();

        JsonNode stored = ok(AdminHttp.get(c, "/admin/fields"));
        assertThat(stored).isEqualTo(f);
    }

    // ------------------------------------------------------------------------------------------------ preview

    @Test
    @Order(5)
    void previewEqualsWhatDispatchThenSendsAndWritesNothing() {
        int cwBefore = env.cw.requests().size();
        int fnBefore = env.fn.requests().size();
        JsonNode p = ok(AdminHttp.get(c, "/admin/preview/100"));
        System.out.println(p.toPrettyString());
        assertThat(env.cw.requests().subList(cwBefore, env.cw.requests().size())).noneMatch(LoggedRequest::isWrite);
        assertThat(env.fn.requests().subList(fnBefore, env.fn.requests().size()))
                .noneMatch(r -> r.isWrite() && !r.path().equals(FieldNationSandbox.TOKEN_PATH));
        assertThat(env.fn.workOrders()).isEmpty();
        assertThat(p.path("action").asText()).isEqualTo("create");
        assertThat(p.path("dispatches").asBoolean()).isFalse();
        assertThat(p.path("reason").asText()).contains("Dispatch to FN");
        JsonNode preview = p.path("workOrder");
        assertThat(preview.path("title").asText()).isEqualTo("POS terminal offline at Store 114");

        env.cw.setStatus(100, "Dispatch to FN");
        await().atMost(Duration.ofSeconds(60)).until(() -> !creates().isEmpty());
        assertThat(creates()).hasSize(1);
        JsonNode sent = Json.parse(creates().get(0).body());
        assertThat(preview).isEqualTo(sent);

        // linked now: the preview says so and still shows the same body
        await().atMost(Duration.ofSeconds(60)).until(() -> AdminHttp.get(c, "/admin/links/100").statusCode() == 200
                && json(AdminHttp.get(c, "/admin/links/100")).path("link").path("state").asText().equals("linked"));
        JsonNode again = ok(AdminHttp.get(c, "/admin/preview/100"));
        assertThat(again.path("action").asText()).isEqualTo("update");
        assertThat(again.path("workOrderId").asLong()).isEqualTo(env.fn.workOrders().get(0).path("id").asLong());
        assertThat(again.path("workOrder")).isEqualTo(sent);
    }

    private static List<LoggedRequest> creates() {
        return env.fn.requests(r -> r.method().equals("POST") && r.path().equals("/api/rest/v2/workorders"));
    }

    @Test
    @Order(6)
    void previewOfAMissingTicketIs404AndABadIdIs400() {
        HttpResponse<String> r = AdminHttp.get(c, "/admin/preview/987654");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).path("detail").asText()).contains("987654");
        assertThat(AdminHttp.get(c, "/admin/preview/abc").statusCode()).isEqualTo(400);
        assertThat(AdminHttp.get(c, "/admin/preview/-5").statusCode()).isEqualTo(400);
    }

    // ------------------------------------------------------------------------------------------------ registration

    @Test
    @Order(10)
    void registeringTwiceLeavesOneCallbackAndOneWebhook() {
        for (int i = 0; i < 2; i++) {
            JsonNode cb = ok(AdminHttp.post(c, "/admin/callbacks"));
            assertThat(cb.path("callbacks")).hasSize(2);
            assertThat(cb.path("callbacks")).allSatisfy(e -> assertThat(e.path("status").asText()).isEqualTo("kept"));
            JsonNode wh = ok(AdminHttp.post(c, "/admin/webhooks"));
            assertThat(wh.path("webhook").path("status").asText()).isEqualTo("kept");
        }
        List<ObjectNode> callbacks = ours(env.cw.callbacks());
        assertThat(callbacks).hasSize(2);
        assertThat(callbacks.get(0).path("type").asText()).isEqualTo("ticket");
        assertThat(callbacks.get(0).path("level").asText()).isEqualToIgnoringCase("board");
        assertThat(callbacks.get(0).path("objectId").asLong()).isEqualTo(1);
        // the schedule callback: owner level (a schedule entry has no board), the connector's own writes suppressed
        assertThat(callbacks.get(1).path("type").asText()).isEqualTo("schedule");
        assertThat(callbacks.get(1).path("level").asText()).isEqualToIgnoringCase("owner");
        assertThat(callbacks).allSatisfy(e -> assertThat(e.path("isSelfSuppressedFlag").asBoolean()).isTrue());
        assertThat(env.fn.webhooks().stream().filter(w -> w.path("url").asText().equals(c.url("/webhooks/fieldnation"))))
                .hasSize(1);

        JsonNode list = ok(AdminHttp.get(c, "/admin/callbacks"));
        assertThat(list.path("callbacks")).hasSize(2);
        assertThat(list.path("callbacks").get(0).path("url").asText()).contains("/callbacks/connectwise/***?recordId=");
        JsonNode hooks = ok(AdminHttp.get(c, "/admin/webhooks"));
        assertThat(hooks.path("webhooks")).hasSize(1);
        assertThat(hooks.path("webhooks").get(0).path("signed").asBoolean()).isTrue();
    }

    @Test
    @Order(11)
    void removeTakesOnlyOursAndRegisterBringsThemBack() {
        // a staging connector registered in the same ConnectWise company, with the same description
        ObjectNode foreign = Json.object().put("url", "https://staging.example.com/callbacks/connectwise/x?recordId=")
                .put("objectId", 1).put("type", "ticket").put("level", "owner").put("description", "cw-fn-connector");
        long foreignId = cwRest("POST", "/system/callbacks", foreign).path("id").asLong();
        try {
            JsonNode removed = ok(AdminHttp.delete(c, "/admin/callbacks"));
            assertThat(removed.path("callbacks")).hasSize(2);
            assertThat(ours(env.cw.callbacks())).isEmpty();
            assertThat(env.cw.callbacks()).anyMatch(e -> e.path("id").asLong() == foreignId);
            ok(AdminHttp.delete(c, "/admin/webhooks"));
            assertThat(env.fn.webhooks()).noneMatch(w -> w.path("url").asText().startsWith(c.url("/")));
        } finally {
            JsonNode cb = ok(AdminHttp.post(c, "/admin/callbacks"));
            assertThat(cb.path("callbacks")).allSatisfy(e -> assertThat(e.path("status").asText()).isEqualTo("created"));
            assertThat(ok(AdminHttp.post(c, "/admin/webhooks")).path("webhook").path("status").asText())
                    .isEqualTo("created");
            cwRest("DELETE", "/system/callbacks/" + foreignId, null);
        }
        assertThat(ours(env.cw.callbacks())).hasSize(2);
    }

    @Test
    @Order(12)
    void aCallbackConnectWiseDeactivatedIsReplacedAndStaleOnesRemoved() {
        long id = ours(env.cw.callbacks()).get(0).path("id").asLong();
        var ops = Json.array();
        ops.addObject().put("op", "replace").put("path", "inactiveFlag").put("value", true);
        cwRest("PATCH", "/system/callbacks/" + id, ops);
        // an entry at our URL with an old token
        ObjectNode stale = Json.object().put("url", c.url("/callbacks/connectwise/old-token?recordId="))
                .put("objectId", 1).put("type", "ticket").put("level", "board").put("description", "cw-fn-connector");
        cwRest("POST", "/system/callbacks", stale);

        JsonNode r = ok(AdminHttp.post(c, "/admin/callbacks"));
        System.out.println(r.toPrettyString());
        assertThat(r.path("callbacks").get(0).path("status").asText()).startsWith("replaced");
        assertThat(r.path("callbacks").toString()).contains("removed");
        List<ObjectNode> now = ours(env.cw.callbacks());
        assertThat(now).hasSize(2);
        assertThat(now).allSatisfy(e -> assertThat(e.path("inactiveFlag").asBoolean()).isFalse());
        assertThat(now.get(0).path("url").asText()).contains(c.setting("connectwise.callback-token"));
    }

    @Test
    @Order(13)
    void ourWebhookIsFoundBeyondTheFirstPageOfTheList() {
        // more than a page (25) of other, newer webhooks: the list answers newest first
        String token = fnToken();
        for (int i = 0; i < 30; i++) {
            ObjectNode body = Json.object().put("url", "https://other" + i + ".example.com/hook").put("method", "post")
                    .put("status", "inactive");
            body.putArray("events").add("workorder.status.assigned");
            HttpResponse<String> r = Connector.send(HttpRequest.newBuilder(URI.create(env.fn.webhooksApiUrl()))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
            assertThat(r.statusCode()).isLessThan(300);
        }
        JsonNode wh = ok(AdminHttp.post(c, "/admin/webhooks"));
        assertThat(wh.path("webhook").path("status").asText()).isEqualTo("kept");
        assertThat(env.fn.webhooks().stream().filter(w -> w.path("url").asText().equals(c.url("/webhooks/fieldnation"))))
                .hasSize(1);
        assertThat(ok(AdminHttp.get(c, "/admin/webhooks")).path("webhooks")).hasSize(1);
    }

    // ------------------------------------------------------------------------------------------------ transactions

    @Test
    @Order(20)
    void aManualDispatchIsRecordedListedAndReplayable() {
        long ticket = newTicket("New");
        JsonNode d = ok(AdminHttp.post(c, "/admin/dispatch/" + ticket));
        long id = d.path("transaction").asLong();
        JsonNode t = awaitFinished(id);
        assertThat(t.path("source").asText()).isEqualTo("admin");
        assertThat(t.path("ticket").asLong()).isEqualTo(ticket);
        assertThat(t.path("status").asText()).isEqualTo("skipped");
        assertThat(t.path("outcome").asText()).contains("trigger status");
        assertThat(t.path("payload").path("Source").asText()).isEqualTo("admin");

        JsonNode list = ok(AdminHttp.get(c, "/admin/transactions?ticket=" + ticket));
        assertThat(list.path("transactions")).anyMatch(x -> x.path("id").asLong() == id);
        assertThat(ok(AdminHttp.get(c, "/admin/transactions?status=skipped&ticket=" + ticket)).path("transactions"))
                .anyMatch(x -> x.path("id").asLong() == id);
        assertThat(ok(AdminHttp.get(c, "/admin/transactions?status=done&ticket=" + ticket)).path("transactions"))
                .noneMatch(x -> x.path("id").asLong() == id);
        String future = Instant.now().plusSeconds(3600).toString();
        assertThat(ok(AdminHttp.get(c, "/admin/transactions?since=" + future)).path("transactions")).isEmpty();
        String withOffset = java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(2)).minusMinutes(5).toString();
        assertThat(ok(AdminHttp.get(c, "/admin/transactions?ticket=" + ticket + "&since="
                + java.net.URLEncoder.encode(withOffset, StandardCharsets.UTF_8))).path("transactions"))
                .anyMatch(x -> x.path("id").asLong() == id);
        assertThat(ok(AdminHttp.get(c, "/admin/transactions?since=2999-01-01")).path("transactions")).isEmpty();
        assertThat(ok(AdminHttp.get(c, "/admin/transactions?limit=1")).path("transactions")).hasSize(1);

        // now in the trigger status: a replay does the work
        env.cw.dropCallbacks(true);
        try {
            env.cw.setStatus(ticket, "Dispatch to FN");
        } finally {
            env.cw.dropCallbacks(false);
        }
        HttpResponse<String> replay = AdminHttp.post(c, "/admin/transactions/" + id + "/replay");
        assertThat(replay.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> "done".equals(json(AdminHttp.get(c,
                "/admin/transactions/" + id)).path("status").asText()));
        JsonNode done = ok(AdminHttp.get(c, "/admin/transactions/" + id));
        assertThat(done.path("steps").toString()).contains("create-or-update-work-order")
                .contains("created for ticket");
        JsonNode link = ok(AdminHttp.get(c, "/admin/links/" + ticket));
        assertThat(link.path("link").path("state").asText()).isEqualTo("linked");
        assertThat(link.path("link").path("workOrderId").asLong()).isEqualTo(done.path("workOrder").asLong());
        assertThat(link.path("syncedItems")).isNotEmpty();
    }

    @Test
    @Order(21)
    void replayOfAPendingOrProcessingTransactionIs409() {
        InboxStore inbox = c.bean("inboxStore", InboxStore.class);
        long id = -1;
        for (int i = 0; i < 5 && id < 0; i++) {
            long recorded = inbox.record(NewTransaction.forTicket("test", "test:" + UUID.randomUUID(), "ticket.updated",
                    900_000 + i, "{}")).orElseThrow();
            if (inbox.claim(recorded, "someone-else", 3_600_000).isPresent()) {
                id = recorded;
            }
        }
        assertThat(id).isPositive();
        try {
            HttpResponse<String> r = AdminHttp.post(c, "/admin/transactions/" + id + "/replay");
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(json(r).path("detail").asText()).contains("pending or processing");
        } finally {
            inbox.finish(id, InboxStore.DONE, "test");
        }
    }

    @Test
    @Order(22)
    void unknownIdsAre404AndBadValues400() {
        assertThat(AdminHttp.get(c, "/admin/transactions/99999999").statusCode()).isEqualTo(404);
        assertThat(AdminHttp.post(c, "/admin/transactions/99999999/replay").statusCode()).isEqualTo(404);
        assertThat(AdminHttp.get(c, "/admin/links/99999999").statusCode()).isEqualTo(404);
        for (String bad : List.of("/admin/transactions?status=bogus", "/admin/transactions?ticket=abc",
                "/admin/transactions?since=yesterday", "/admin/transactions?limit=0",
                "/admin/transactions?limit=100000", "/admin/transactions/abc", "/admin/links/x",
                "/admin/transactions/0")) {
            HttpResponse<String> r = AdminHttp.get(c, bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(json(r).path("detail").asText()).as(bad).isNotBlank();
        }
        assertThat(AdminHttp.post(c, "/admin/dispatch/abc").statusCode()).isEqualTo(400);
    }

    // ------------------------------------------------------------------------------------------------ command

    @Test
    @Order(30)
    void theCommandCallsTheRunningConnector() {
        Map<String, String> settings = Map.of("camel.server.port", String.valueOf(URI.create(c.url("/")).getPort()),
                "admin.password", AdminHttp.PASSWORD);
        Run r = command(settings, "connection");
        assertThat(r.code).as(r.err).isZero();
        assertThat(Json.parse(r.out).path("ok").asBoolean()).isTrue();

        r = command(settings, "preview", "100");
        assertThat(r.code).isZero();
        assertThat(Json.parse(r.out).path("workOrder").path("title").asText()).contains("POS terminal");

        r = command(settings, "callbacks", "register");
        assertThat(r.code).isZero();
        assertThat(ours(env.cw.callbacks())).hasSize(2);

        r = command(settings, "transactions", "--status", "done", "--limit", "5");
        assertThat(r.code).isZero();
        assertThat(Json.parse(r.out).path("transactions").size()).isBetween(1, 5);

        r = command(settings, "transactions", "--status", "bogus");
        assertThat(r.code).isEqualTo(1);
        assertThat(r.err).contains("400");

        r = command(settings, "transaction", "99999999");
        assertThat(r.code).isEqualTo(1);
        assertThat(r.err).contains("404");

        r = command(Map.of("camel.server.port", settings.get("camel.server.port"), "admin.password", "wrong"),
                "fields");
        assertThat(r.code).isEqualTo(1);
        assertThat(r.err).contains("401");

        assertThat(command(settings, "frobnicate").code).isEqualTo(2);
        assertThat(command(settings, "preview").code).isEqualTo(2);
        assertThat(command(settings, "callbacks", "zap").code).isEqualTo(2);
        assertThat(command(settings).code).isZero();

        // denied permission: the check fails, and so does the command
        env.cw.deny(ConnectWisePermissions.SCHEDULING_INQUIRE);
        try {
            r = command(settings, "connection");
            assertThat(r.code).isEqualTo(1);
            assertThat(r.out).contains("Resource Scheduling");
        } finally {
            env.cw.allowAll();
        }
        // nothing listens there
        Run down = command(Map.of("camel.server.port", String.valueOf(Ports.free())), "connection");
        assertThat(down.code).isEqualTo(1);
        assertThat(down.err).contains("cannot reach the connector");
    }

    record Run(int code, String out, String err) {
    }

    private static Run command(Map<String, String> settings, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AdminCommand.run(List.of(args), settings::get, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------------------------------------ secrets

    @Test
    @Order(40)
    void noAnswerShowsAConfiguredSecret() {
        List<String> secrets = List.of(env.cw.privateKey(), c.setting("connectwise.callback-token"),
                env.fn.clientSecret(), env.fn.password(), Env.WEBHOOK_SECRET, AdminHttp.PASSWORD, SMTP_PASSWORD);
        long someTransaction = c.bean("inboxStore", InboxStore.class).list(null, null, null, 1).get(0).id();
        List<String[]> calls = new ArrayList<>(ENDPOINTS.stream().filter(e -> !e[0].equals("DELETE")).toList());
        calls.add(new String[] {"GET", "/admin/transactions/" + someTransaction});
        calls.add(new String[] {"GET", "/admin/transactions?status=done"});
        calls.add(new String[] {"GET", "/admin/preview/999999"});
        calls.add(new String[] {"DELETE", "/admin/callbacks"});
        calls.add(new String[] {"POST", "/admin/callbacks"});
        calls.add(new String[] {"DELETE", "/admin/webhooks"});
        calls.add(new String[] {"POST", "/admin/webhooks"});
        List<String> bodies = new ArrayList<>();
        for (String[] e : calls) {
            HttpResponse<String> r = AdminHttp.call(c, e[0], e[1]);
            bodies.add(e[0] + " " + e[1] + " -> " + r.statusCode() + " " + r.headers().map() + " " + r.body());
            for (String[] cred : new String[][] {{null, null}, {"admin", "wrong"}}) {
                HttpResponse<String> u = AdminHttp.call(c, e[0], e[1], cred[0], cred[1]);
                bodies.add(u.headers().map() + " " + u.body());
            }
        }
        // the register/remove round trip left the world as it was
        assertThat(ours(env.cw.callbacks())).hasSize(2);
        for (String b : bodies) {
            for (String s : secrets) {
                assertThat(b).as("a secret in: " + b).doesNotContain(s);
            }
            assertThat(b).doesNotContainIgnoringCase("Authorization");
        }
    }

    // ------------------------------------------------------------------------------- docs/administration.md

    @Test
    @Order(50)
    void theAdministrationPageListsExactlyThePermissionsTheConnectorNeedsAndEveryEndpointAndVerb() throws Exception {
        // the administration guide moved out of the README into its own page; the whole page is the section
        String section = Files.readString(Path.of("docs", "administration.md"), StandardCharsets.UTF_8);
        assertThat(section).startsWith("# Administration");

        Set<String> table = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(?m)^\\| ([A-Z][A-Za-z ]+) \\| ([A-Z][A-Za-z ]+) \\| (Inquire|Add|Edit|Delete) \\|")
                .matcher(section);
        while (m.find()) {
            table.add(m.group(1).trim() + RequiredPermissions.SEP + m.group(2).trim() + RequiredPermissions.SEP
                    + m.group(3));
        }
        Set<String> code = new LinkedHashSet<>();
        RequiredPermissions.ALL.forEach(p -> code.add(p.words()));
        assertThat(table).containsExactlyInAnyOrderElementsOf(code);
        assertThat(code).containsExactlyInAnyOrderElementsOf(ConnectWisePermissions.CONNECTOR_NEEDS);
        for (RequiredPermissions.Permission p : RequiredPermissions.probed()) {
            assertThat(ConnectWisePermissions.required("GET", p.probePath())).contains(p.words());
        }
        // every ConnectWise call this test world saw needs nothing beyond the table
        String api = "/" + env.cw.codebase() + "/apis/3.0";
        for (LoggedRequest r : env.cw.requests(x -> x.path().startsWith(api))) {
            if (testCalls.contains(r.method() + " " + r.path().substring(api.length()))) {
                continue;
            }
            Optional<String> needed = ConnectWisePermissions.required(r.method(), r.path().substring(api.length()));
            needed.ifPresent(n -> assertThat(table).as(r.toString()).contains(n));
        }
        for (String path : List.of("GET /admin/connection", "POST /admin/fields/refresh", "GET /admin/fields",
                "GET /admin/preview/{ticketId}", "POST /admin/callbacks", "GET /admin/callbacks",
                "DELETE /admin/callbacks", "POST /admin/webhooks", "GET /admin/webhooks", "DELETE /admin/webhooks",
                "GET /admin/transactions", "GET /admin/transactions/{id}", "POST /admin/transactions/{id}/replay",
                "GET /admin/links/{ticketId}", "POST /admin/dispatch/{ticketId}", "GET /admin/setup",
                "GET /admin/activity", "POST /admin/transactions/replay-failed", "GET /admin/roundtrip",
                "POST /admin/roundtrip")) {
            assertThat(section).contains(path);
        }
        for (String verb : List.of("connection", "fields-refresh", "fields", "preview", "callbacks", "webhooks",
                "transactions", "transaction", "replay", "link", "dispatch")) {
            assertThat(section).contains("admin " + verb);
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static List<ObjectNode> ours(List<ObjectNode> callbacks) {
        String prefix = c.url("/callbacks/connectwise/");
        Predicate<ObjectNode> mine = e -> e.path("url").asText().startsWith(prefix);
        return callbacks.stream().filter(mine).toList();
    }

    private static JsonNode awaitFinished(long id) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            String s = json(AdminHttp.get(c, "/admin/transactions/" + id)).path("status").asText();
            return !s.equals("pending") && !s.equals("processing");
        });
        return ok(AdminHttp.get(c, "/admin/transactions/" + id));
    }

    /** A new ticket on Field Services, created without a callback reaching the connector. */
    private static long newTicket(String status) {
        ObjectNode t = Json.object().put("summary", "Admin test ticket");
        t.putObject("board").put("id", 1);
        t.putObject("status").put("name", status);
        t.putObject("company").put("identifier", "ACME");
        env.cw.dropCallbacks(true);
        try {
            return env.cw.createTicket(t).path("id").asLong();
        } finally {
            env.cw.dropCallbacks(false);
        }
    }

    private static JsonNode cwRest(String method, String path, JsonNode body) {
        testCalls.add(method + " " + path);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(env.cw.apiBaseUrl() + path))
                .header("Authorization", env.cw.authorizationHeader()).header("clientId", env.cw.clientId())
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        HttpResponse<String> r = Connector.send(b.build());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isLessThan(300);
        return r.body().isBlank() ? Json.object() : Json.parse(r.body());
    }

    private static String fnToken() {
        ObjectNode body = Json.object().put("grant_type", "password").put("client_id", env.fn.clientId())
                .put("client_secret", env.fn.clientSecret()).put("username", env.fn.username())
                .put("password", env.fn.password());
        HttpResponse<String> r = Connector.send(HttpRequest.newBuilder(URI.create(env.fn.tokenUrl()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build());
        return Json.parse(r.body()).path("access_token").asText();
    }
}
