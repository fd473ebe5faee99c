package com.cwfn.admin;

import static com.cwfn.admin.AdminHttp.check;
import static com.cwfn.admin.AdminHttp.json;
import static com.cwfn.admin.AdminHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;
import com.cwfn.testing.Connector;
import com.cwfn.testing.Env;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Setups that are wrong in one way each, against one pair of sandboxes: each test starts its own connector with the
 * mistake and asks /admin what is wrong.
 */
class AdminSetupProblemsTest {
    static Env env;
    static final List<CompletableFuture<Void>> closing = new ArrayList<>();

    @BeforeAll
    static void start() {
        env = Env.start(Map.of("admin.password", AdminHttp.PASSWORD));
    }

    @AfterAll
    static void stop() {
        env.close();
        CompletableFuture.allOf(closing.toArray(new CompletableFuture[0])).join();
    }

    @AfterEach
    void allowAll() {
        env.cw.allowAll();
    }

    private Connector connector(Map<String, String> overrides) {
        // stopping a connector takes about two seconds; the next one (own port, own database) need not wait
        Connector previous = env.connector;
        closing.add(CompletableFuture.runAsync(previous::close));
        Map<String, String> s = new HashMap<>(overrides);
        s.putIfAbsent("admin.password", AdminHttp.PASSWORD);
        return env.startConnector(s, false);
    }

    private JsonNode connection(Connector c) {
        HttpResponse<String> r = AdminHttp.get(c, "/admin/connection");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode n = json(r);
        System.out.println(n.toPrettyString());
        return n;
    }

    @Test
    void aWrongPrivateKeyIsNamed() {
        JsonNode n = connection(connector(Map.of("connectwise.private-key", "not-the-key")));
        assertThat(n.path("ok").asBoolean()).isFalse();
        assertThat(check(n, ConnectionCheck.CW_COMPANY).path("ok").asBoolean()).isTrue();
        JsonNode login = check(n, ConnectionCheck.CW_LOGIN);
        assertThat(login.path("ok").asBoolean()).isFalse();
        assertThat(login.path("detail").asText()).contains("401").contains("keys");
        assertThat(login.path("fix").asText()).contains("connectwise.private-key").contains("connectwise.public-key");
        assertThat(n.toString()).doesNotContain("not-the-key");
        assertThat(n.path("skipped").toString()).contains("permissions");
    }

    @Test
    void aWrongClientIdIsNamed() {
        JsonNode n = connection(connector(Map.of("connectwise.client-id", "11111111-2222-3333-4444-555555555555")));
        JsonNode login = check(n, ConnectionCheck.CW_LOGIN);
        assertThat(login.path("ok").asBoolean()).isFalse();
        assertThat(login.path("detail").asText()).contains("InvalidClientId");
        assertThat(login.path("fix").asText()).contains("connectwise.client-id");
    }

    @Test
    void unreachableServersAreNamedWithTheSettingToCheck() {
        int closed = com.cwfn.testing.Ports.free();
        JsonNode n = connection(connector(Map.of("connectwise.url", "http://127.0.0.1:" + closed,
                "notify.email.to", "ops@msp.example", "mail.smtp.host", "127.0.0.1",
                "mail.smtp.port", String.valueOf(closed))));
        JsonNode company = check(n, ConnectionCheck.CW_COMPANY);
        assertThat(company.path("ok").asBoolean()).isFalse();
        assertThat(company.path("detail").asText()).contains("did not answer");
        assertThat(company.path("fix").asText()).contains("connectwise.url");
        JsonNode smtp = check(n, ConnectionCheck.SMTP);
        assertThat(smtp.path("ok").asBoolean()).isFalse();
        assertThat(smtp.path("fix").asText()).contains("mail.smtp.host").contains("mail.smtp.port");
        assertThat(check(n, ConnectionCheck.FN_LOGIN).path("ok").asBoolean()).isTrue();
    }

    @Test
    void fieldsBeforeTheFirstRefreshAre404() {
        HttpResponse<String> r = AdminHttp.get(connector(Map.of()), "/admin/fields");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).path("detail").asText()).contains("/admin/fields/refresh");
    }

    @Test
    void aWrongCodebaseIsNamedWithTheRightOne() {
        JsonNode n = connection(connector(Map.of("connectwise.codebase", "v2019_9")));
        assertThat(check(n, ConnectionCheck.CW_COMPANY).path("ok").asBoolean()).isTrue();
        JsonNode login = check(n, ConnectionCheck.CW_LOGIN);
        assertThat(login.path("ok").asBoolean()).isFalse();
        assertThat(login.path("detail").asText()).contains("404").contains("connectwise.codebase is wrong");
        assertThat(login.path("fix").asText()).contains("set connectwise.codebase to v4_6_release");
    }

    @Test
    void anUnknownCompanyIsNamed() {
        JsonNode n = connection(connector(Map.of("connectwise.company-id", "nosuchco")));
        JsonNode company = check(n, ConnectionCheck.CW_COMPANY);
        assertThat(company.path("ok").asBoolean()).isFalse();
        assertThat(company.path("fix").asText()).contains("connectwise.company-id");
    }

    @Test
    void aWrongFieldNationPasswordIsNamedWithoutEchoingIt() {
        JsonNode n = connection(connector(Map.of("fieldnation.password", "wrong-fn-password")));
        JsonNode login = check(n, ConnectionCheck.FN_LOGIN);
        assertThat(login.path("ok").asBoolean()).isFalse();
        assertThat(login.path("detail").asText()).contains("401");
        assertThat(login.path("fix").asText()).contains("fieldnation.password").contains("fieldnation.username");
        assertThat(n.toString()).doesNotContain("wrong-fn-password");
        // ConnectWise is fine meanwhile
        assertThat(check(n, ConnectionCheck.CW_LOGIN).path("ok").asBoolean()).isTrue();
    }

    @Test
    void aWrongFieldNationClientSecretPointsAtTheClientCredentials() {
        JsonNode n = connection(connector(Map.of("fieldnation.client-secret", "wrong-client-secret")));
        JsonNode login = check(n, ConnectionCheck.FN_LOGIN);
        assertThat(login.path("ok").asBoolean()).isFalse();
        assertThat(login.path("fix").asText()).contains("fieldnation.client-secret");
        assertThat(n.toString()).doesNotContain("wrong-client-secret");
    }

    @Test
    void withoutAnAdminPasswordEveryEndpointAnswers403WithAHint() {
        Connector c = connector(Map.of("admin.password", ""));
        for (String[] e : AdminEndpointsTest.ENDPOINTS) {
            HttpResponse<String> r = AdminHttp.call(c, e[0], e[1]);
            assertThat(r.statusCode()).as(e[0] + " " + e[1]).isEqualTo(403);
            assertThat(json(r).path("detail").asText()).contains("admin.password").contains("ADMIN_PASSWORD");
        }
        // credentials do not help while no password is configured
        assertThat(AdminHttp.call(c, "GET", "/admin/connection", "admin", "").statusCode()).isEqualTo(403);
    }

    @Test
    void aMappingThatNamesMissingThingsIsReportedWithItsLines(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("mappings.yaml"), StandardCharsets.UTF_8));
        int caption = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("# - { target: \"custom_fields.Site Access\"")) {
                lines.set(i, "    - { target: \"custom_fields.Site Access\", source: \"customFields.Gate Code\" }");
                caption = i + 1;
            }
        }
        final int fnField = caption + 1;
        lines.add(caption, "    - { target: \"custom_fields.Gate Code\", source: \"customFields.Site Access\" }");
        int board = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).equals("boards: {}")) {
                lines.set(i, "boards:");
                lines.add(i + 1, "  \"Field Services\":");
                lines.add(i + 2, "    statusMap:");
                lines.add(i + 3, "      Work Done: Resolved");
                board = i + 4;
                break;
            }
        }
        assertThat(caption).isPositive();
        Path file = dir.resolve("mappings.yaml");
        Files.write(file, lines, StandardCharsets.UTF_8);
        Connector c = connector(Map.of("sync.mappings", file.toString(), "sync.template-ticket-id", "100",
                "sync.boards", "Field Services"));
        JsonNode f = ok(AdminHttp.post(c, "/admin/fields/refresh"));
        JsonNode problems = f.path("mappings").path("problems");
        System.out.println(problems.toPrettyString());
        assertThat(problems).hasSize(3);
        int captionLine = caption;
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.path("line").asInt()).isEqualTo(captionLine);
            assertThat(p.path("kind").asText()).isEqualTo("CUSTOM_FIELD_CAPTION");
            assertThat(p.path("value").asText()).isEqualTo("Gate Code");
            assertThat(p.path("problem").asText()).contains("template ticket 100");
        });
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.path("line").asInt()).isEqualTo(fnField);
            assertThat(p.path("kind").asText()).isEqualTo("FN_CUSTOM_FIELD");
            assertThat(p.path("value").asText()).isEqualTo("Gate Code");
        });
        int statusLine = board;
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.path("line").asInt()).isEqualTo(statusLine);
            assertThat(p.path("kind").asText()).isEqualTo("STATUS_NAME");
            assertThat(p.path("value").asText()).isEqualTo("Resolved");
            assertThat(p.path("problem").asText()).contains("Field Services");
        });
        // the stored fields are checked again on GET
        assertThat(ok(AdminHttp.get(c, "/admin/fields")).path("mappings").path("problems")).isEqualTo(problems);
    }

    @Test
    void aStatusActionOnAStatusTheBoardDoesNotHaveIsReportedWithItsLine(@TempDir Path dir) throws Exception {
        String shipped = Files.readString(Path.of("mappings.yaml"), StandardCharsets.UTF_8);
        String text = shipped.replace("    Cancelled: cancel\n", "    Cancelled: cancel\n    Resolved: approve\n")
                .replace("\nboards: {}\n", "\nboards:\n  \"Help Desk\":\n    statusActions:\n      Assigned: cancel\n"
                        + "    rules:\n      - name: \"Lead approves\"\n        publish: on-approval\n"
                        + "        statusActions:\n          \"In Progress\": publish\n          \"Approved\": publish\n");
        assertThat(text).isNotEqualTo(shipped);
        List<String> lines = List.of(text.split("\n", -1));
        int resolved = lines.indexOf("    Resolved: approve") + 1;
        int assigned = lines.indexOf("      Assigned: cancel") + 1;
        int approved = lines.indexOf("          \"Approved\": publish") + 1;
        Path file = dir.resolve("mappings.yaml");
        Files.writeString(file, text);
        // all boards sync: Help Desk and Projects have no Cancelled, which is fine for a status action (no ticket
        // there ever moves to it) as long as one board has it
        Connector c = connector(Map.of("sync.mappings", file.toString(), "sync.boards", ""));
        JsonNode problems = ok(AdminHttp.post(c, "/admin/fields/refresh")).path("mappings").path("problems");
        System.out.println(problems.toPrettyString());
        List<JsonNode> actions = new ArrayList<>();
        problems.forEach(p -> {
            if (p.path("kind").asText().equals("STATUS_ACTION")) {
                actions.add(p);
            }
        });
        assertThat(actions).as("a rule's statusActions are checked like its board's").hasSize(3);
        assertThat(actions).anySatisfy(p -> {
            assertThat(p.path("line").asInt()).isEqualTo(approved);
            assertThat(p.path("problem").asText()).isEqualTo("board 'Help Desk' has no status 'Approved' (statusActions)");
        });
        assertThat(actions).anySatisfy(p -> {
            assertThat(p.path("line").asInt()).isEqualTo(resolved);
            assertThat(p.path("value").asText()).isEqualTo("Resolved");
            assertThat(p.path("problem").asText()).contains("on none of the boards that sync");
        });
        assertThat(actions).anySatisfy(p -> {
            assertThat(p.path("line").asInt()).isEqualTo(assigned);
            assertThat(p.path("value").asText()).isEqualTo("Assigned");
            assertThat(p.path("problem").asText()).isEqualTo("board 'Help Desk' has no status 'Assigned' (statusActions)");
        });
    }

    @Test
    void theDefaultsAreCheckedOnEveryBoardThatSyncs() {
        // all boards sync: Help Desk has no Assigned, Completed or Cancelled; Projects has no Cancelled
        Connector c = connector(Map.of("sync.boards", ""));
        JsonNode problems = ok(AdminHttp.post(c, "/admin/fields/refresh")).path("mappings").path("problems");
        System.out.println(problems.toPrettyString());
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.path("value").asText()).isEqualTo("Cancelled");
            assertThat(p.path("problem").asText()).contains("Help Desk").contains("Projects");
        });
        assertThat(problems).noneSatisfy(p -> assertThat(p.path("value").asText()).isEqualTo("Closed"));
        assertThat(ok(AdminHttp.get(c, "/admin/fields")).path("mappings").path("unchecked").toString())
                .contains("sync.template-ticket-id");
    }
}
