package com.cwfn.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.cwfn.json.Json;
import com.cwfn.store.InboxStore;
import com.cwfn.testing.Connector;
import com.cwfn.testing.TestDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console's HTTP side without a browser: the login form, the session cookie and its attributes, the CSRF token
 * and Origin check on every change (also on the admin API the pages call), the headers of every answer, and the
 * login throttle shared through the database (two connectors on one PostgreSQL).
 */
class ConsoleHttpTest {
    static final String PASSWORD = "Console-Pa55word!";
    static Connector a;
    static Connector b;

    @BeforeAll
    static void start() {
        String db = TestDatabases.postgres();
        Map<String, String> s = new HashMap<>();
        s.put("db.url", db);
        s.put("admin.password", PASSWORD);
        s.put("admin.login-failures-before-delay", "3");
        s.put("console.session-idle-minutes", "30");
        a = Connector.start(s);
        b = Connector.start(s);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    static HttpResponse<String> send(Connector c, String method, String path, String body, String... headers) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(c.url(path)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return Connector.send(r.build());
    }

    static String origin(Connector c) {
        return c.url("");
    }

    static HttpResponse<String> login(Connector c, String user, String password, String... more) {
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        String[] h = new String[more.length + 4];
        h[0] = "Content-Type";
        h[1] = "application/x-www-form-urlencoded";
        h[2] = "Origin";
        h[3] = origin(c);
        System.arraycopy(more, 0, h, 4, more.length);
        return send(c, "POST", "/console/login", form, h);
    }

    /** The session cookie's name=value from a login answer. */
    static String cookie(HttpResponse<String> r) {
        String set = r.headers().firstValue("Set-Cookie").orElseThrow();
        return set.substring(0, set.indexOf(';'));
    }

    @Test
    void aLoginStartsASessionWithAStrictHttpOnlyCookieThatWorksOnTheOtherInstanceToo() {
        HttpResponse<String> r = login(a, "admin", PASSWORD);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).contains("/console/");
        String set = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(set).startsWith(ConsoleSessions.COOKIE + "=").contains("HttpOnly").contains("SameSite=Strict")
                .contains("Path=/").doesNotContain("Secure");
        String cookie = cookie(r);
        // the other instance knows the session: it is in the database, as a hash only
        HttpResponse<String> page = send(b, "GET", "/console/", null, "Cookie", cookie);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<main").contains("href=\"/console/\" aria-current=\"page\">Setup")
                .doesNotContain("#include");
        assertThat(send(b, "GET", "/console/_header.html", null, "Cookie", cookie).statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Security-Policy")).contains(ConsoleAnswer.CSP);
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        JsonNode session = Json.parse(send(b, "GET", "/console/session", null, "Cookie", cookie).body());
        assertThat(session.path("user").asText()).isEqualTo("admin");
        assertThat(session.path("csrfToken").asText()).hasSizeGreaterThan(20);
        String id = cookie.substring(cookie.indexOf('=') + 1);
        assertThat(ConsoleSessions.hash(id)).isNotEqualTo(id);
        // a proxy's word on HTTPS counts only from a trusted proxy (connector.trusted-proxies, empty here):
        // TrustedProxiesTest has the cookie Secure behind one
        assertThat(login(a, "admin", PASSWORD, "X-Forwarded-Proto", "https").headers().firstValue("Set-Cookie")
                .orElseThrow()).doesNotContain("Secure");
    }

    @Test
    void withoutASessionPagesSendYouToTheLoginAndTheApiAnswers401() {
        HttpResponse<String> r = send(a, "GET", "/console/transactions.html", null);
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location").orElseThrow()).startsWith("/console/login?next=");
        HttpResponse<String> forged = send(a, "GET", "/console/", null, "Cookie", ConsoleSessions.COOKIE + "=forged");
        assertThat(forged.statusCode()).isEqualTo(303);
        HttpResponse<String> api = send(a, "GET", "/admin/transactions", null, "Cookie",
                ConsoleSessions.COOKIE + "=forged");
        assertThat(api.statusCode()).isEqualTo(401);
        // a console request gets no Basic challenge, so the browser shows no login box of its own
        assertThat(api.headers().firstValue("WWW-Authenticate")).isEmpty();
        // the login page, scripts and libraries need no session
        assertThat(send(a, "GET", "/console/login", null).statusCode()).isEqualTo(200);
        assertThat(send(a, "GET", "/console/lib/htmx.min.js", null).body()).contains("htmx");
        assertThat(send(a, "GET", "/console/lib/uPlot.iife.min.js", null).statusCode()).isEqualTo(200);
        assertThat(send(a, "GET", "/console/lib/other.js", null).statusCode()).isEqualTo(404);
        assertThat(send(a, "GET", "/console/../application.properties", null).statusCode()).isNotEqualTo(200);
    }

    @Test
    void aChangeNeedsTheSessionsCsrfTokenAndThisSitesOrigin() {
        String cookie = cookie(login(a, "admin", PASSWORD));
        String csrf = Json.parse(send(a, "GET", "/console/session", null, "Cookie", cookie).body())
                .path("csrfToken").asText();
        InboxStore inbox = a.bean("inboxStore", InboxStore.class);
        int before = inbox.list(null, null, null, 1000).size();
        // no token, a wrong token, a forged origin, no origin at all: all refused, nothing recorded
        String[][] refused = {
            {"Cookie", cookie, "Origin", origin(a)},
            {"Cookie", cookie, "Origin", origin(a), "X-CSRF-Token", "wrong"},
            {"Cookie", cookie, "Origin", "http://evil.example", "X-CSRF-Token", csrf},
            {"Cookie", cookie, "Referer", "http://evil.example/page", "X-CSRF-Token", csrf},
            {"Cookie", cookie, "X-CSRF-Token", csrf}};
        for (String[] h : refused) {
            HttpResponse<String> r = send(a, "POST", "/admin/dispatch/4242", "", h);
            assertThat(r.statusCode()).as(String.join(" ", h)).isEqualTo(403);
            assertThat(Json.parse(r.body()).path("detail").asText()).startsWith("refused");
        }
        // Basic from another site's page is refused too
        String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(
                StandardCharsets.UTF_8));
        assertThat(send(a, "POST", "/admin/dispatch/4242", "", "Authorization", basic, "Origin",
                "http://evil.example").statusCode()).isEqualTo(403);
        assertThat(inbox.list(null, null, null, 1000)).hasSize(before);
        // the real thing: token and origin
        HttpResponse<String> ok = send(a, "POST", "/admin/dispatch/4242", "", "Cookie", cookie, "Origin", origin(a),
                "X-CSRF-Token", csrf);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
        // reads need no token
        assertThat(send(a, "GET", "/admin/transactions?ticket=4242", null, "Cookie", cookie).statusCode())
                .isEqualTo(200);
        // a login form from another site is refused
        assertThat(send(a, "POST", "/console/login", "username=admin&password=" + PASSWORD, "Content-Type",
                "application/x-www-form-urlencoded", "Origin", "http://evil.example").statusCode()).isEqualTo(403);
        // logout ends the session on every instance
        HttpResponse<String> out = send(a, "POST", "/console/logout", "", "Cookie", cookie, "Origin", origin(a),
                "X-CSRF-Token", csrf);
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(send(b, "GET", "/console/session", null, "Cookie", cookie).statusCode()).isEqualTo(401);
    }

    @Test
    void repeatedFailuresFromOneAddressWaitOnEveryInstanceAndTheLogNamesNoPassword() {
        String address = "127.0.0.1";
        a.bean("loginThrottle", LoginThrottle.class).succeeded(address);
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(LoginThrottle.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log =
                new ch.qos.logback.core.read.ListAppender<>();
        log.start();
        logger.addAppender(log);
        for (int i = 0; i < 3; i++) {
            Connector c = i % 2 == 0 ? a : b;
            HttpResponse<String> r = i == 2 ? login(c, "admin", "guess-" + i)
                    : send(c, "GET", "/admin/connection", null, "Authorization", "Basic " + Base64.getEncoder()
                            .encodeToString(("admin:guess-" + i).getBytes(StandardCharsets.UTF_8)));
            assertThat(r.statusCode()).as("try " + i).isIn(401, 429);
            assertThat(r.body()).doesNotContain("guess-");
        }
        // the third failure started the wait: the right password does not help now, on either instance
        HttpResponse<String> waiting = login(b, "admin", PASSWORD);
        assertThat(waiting.statusCode()).isEqualTo(429);
        assertThat(waiting.headers().firstValue("Retry-After")).isPresent();
        assertThat(waiting.headers().firstValue("Content-Security-Policy")).as("a refusal of the console")
                .hasValue(ConsoleAnswer.CSP);
        assertThat(waiting.body()).contains("Too many failed logins");
        HttpResponse<String> basic = send(a, "GET", "/admin/connection", null, "Authorization", "Basic "
                + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        assertThat(basic.statusCode()).isEqualTo(429);
        assertThat(basic.headers().firstValue("Retry-After")).as("the admin API's lockout").isPresent();
        // requests without credentials are not logins: they get the usual 401
        assertThat(send(a, "GET", "/admin/connection", null).statusCode()).isEqualTo(401);
        logger.detachAppender(log);
        // the log names the address and the count, never what was typed
        assertThat(log.list).hasSize(3);
        assertThat(log.list).allSatisfy(e -> assertThat(e.getFormattedMessage()).contains("from " + address)
                .doesNotContain("guess-").doesNotContain(PASSWORD));
        assertThat(log.list.get(2).getFormattedMessage()).contains("3 failures in a row").contains("wait 1 s");
        a.bean("loginThrottle", LoginThrottle.class).succeeded(address);
        assertThat(login(b, "admin", PASSWORD).statusCode()).isEqualTo(303);
    }

    @Test
    void thePagesFindTheOperationsTheyCallInTheOpenApiDocument() {
        String cookie = cookie(login(a, "admin", PASSWORD));
        JsonNode doc = Json.parse(send(a, "GET", "/admin/openapi.json", null, "Cookie", cookie).body());
        System.out.println(doc.path("servers") + " " + doc.path("paths").path("/transactions/{id}/replay"));
        java.util.Set<String> ids = new java.util.TreeSet<>();
        doc.path("paths").forEach(p -> p.forEach(op -> ids.add(op.path("operationId").asText())));
        assertThat(ids).contains("admin-setup", "admin-activity", "admin-transactions", "admin-transaction",
                "admin-replay", "admin-replay-failed", "admin-preview", "admin-link", "admin-fields-refresh",
                "admin-callbacks-register", "admin-webhooks-register");
    }

    @Test
    void theWaitGrowsAndHasACeiling() {
        assertThat(LoginThrottle.waitFor(0)).hasSeconds(1);
        assertThat(LoginThrottle.waitFor(1)).hasSeconds(2);
        assertThat(LoginThrottle.waitFor(5)).hasSeconds(32);
        assertThat(LoginThrottle.waitFor(40)).isEqualTo(LoginThrottle.LONGEST_WAIT);
    }
}
