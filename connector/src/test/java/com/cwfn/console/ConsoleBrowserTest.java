package com.cwfn.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cwfn.json.Json;
import com.cwfn.sandbox.Fault;
import com.cwfn.store.InboxStore;
import com.cwfn.testing.Connector;
import com.cwfn.testing.Env;
import com.cwfn.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (headless Chromium through Selenium) against both sandboxes: log in; a wrong Field
 * Nation password shows that stage red with its fix, and after the correction (and a restart, which the session
 * survives) green; a preview shows the ticket's summary as the title with its source; a failed transaction replayed
 * from the page ends done; a request without the session or with a forged origin changes nothing; a held
 * cancellation is confirmed on Needs attention; a draft a rule holds for approval stays a draft until Publish on
 * Waiting for approval. Every page is
 * checked with axe-core, at 390 px wide for sideways scrolling, and for errors in the browser's console, and saved as a
 * screenshot under target/console-screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    static final String PASSWORD = "Console-Br0wser!";
    static final List<String> PAGES = List.of("/console/", "/console/transactions.html", "/console/preview.html",
            "/console/activity.html", "/console/attention.html", "/console/approvals.html");
    static Chromium browser;
    static Env env;
    static String db;

    @BeforeAll
    static void start() {
        browser = Chromium.start();
        db = TestDatabases.h2();
        env = Env.sandboxesOnly();
        Map<String, String> s = settings();
        s.put("fieldnation.password", "wrong-fn-password");
        env.startConnector(s, false);
    }

    static Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        s.put("db.url", db);
        s.put("admin.password", PASSWORD);
        s.put("sync.template-ticket-id", "100");
        s.put("sync.boards", "Field Services");
        s.put("sync.mappings", withARuleForTicket100().toString());
        s.put("sync.cancel.when-assigned", "hold");
        return s;
    }

    /**
     * The shipped mapping plus a dispatch rule that holds for ticket 100 and changes nothing it sends, and one that
     * holds the drafts of tickets marked [approval] for approval.
     */
    static java.nio.file.Path withARuleForTicket100() {
        try {
            String shipped = java.nio.file.Files.readString(java.nio.file.Path.of("mappings.yaml"));
            String rules = shipped.replaceFirst("(?m)^  rules: \\[].*$", "  rules:\n    - name: \"Store 114\"\n"
                    + "      if: 'ticket.id = 100'\n      statusActions: { Closed: approve }\n"
                    + "    - name: \"Lead approves\"\n      if: '\\$contains(ticket.summary, \"[approval]\")'\n"
                    + "      publish: on-approval");
            assertThat(rules).isNotEqualTo(shipped);
            java.nio.file.Path p = java.nio.file.Files.createTempFile("mappings-console", ".yaml");
            p.toFile().deleteOnExit();
            java.nio.file.Files.writeString(p, rules);
            return p;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (env != null) {
            env.close();
        }
    }

    static Connector c() {
        return env.connector;
    }

    static WebDriverWait within(int seconds) {
        // parts of a page are re-drawn by swaps: an element found a moment ago may be gone, so look again
        return (WebDriverWait) new WebDriverWait(browser.driver, Duration.ofSeconds(seconds))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    }

    static WebElement waitFor(String css) {
        try {
            return within(60).until(d -> {
                List<WebElement> e = d.findElements(By.cssSelector(css));
                return e.isEmpty() || !e.get(0).isDisplayed() ? null : e.get(0);
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            browser.screenshot("timeout");
            throw new AssertionError("no " + css + " on " + browser.driver.getCurrentUrl() + "; browser console: "
                    + browser.errors() + "; page: " + browser.driver.findElement(By.tagName("main")).getAttribute("outerHTML"));
        }
    }

    /** Waits until an element matching {@code css} shows {@code text} (found again each time: parts get re-drawn). */
    static void waitForText(String css, String text) {
        waitFor(css);
        within(60).until(d -> d.findElements(By.cssSelector(css)).stream().anyMatch(e -> {
            try {
                return e.getText().contains(text);
            } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                return false;
            }
        }));
    }

    /** An element that is in the page (shown or folded away). */
    static WebElement waitForPresent(String css) {
        return within(60).until(d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
    }

    /** Clicks the element matching {@code css}, finding it again when a swap replaced it meanwhile. */
    static void click(String css) {
        waitFor(css);
        within(60).until(d -> {
            try {
                d.findElement(By.cssSelector(css)).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException
                    | org.openqa.selenium.NoSuchElementException gone) {
                return false;
            }
        });
    }

    static void open(String path) {
        browser.driver.get(c().url(path));
        if (!path.contains("login")) {
            waitFor("body[data-ready]");
        }
    }

    /** The page's checks: no serious accessibility problem, nothing blocked or broken in the console. */
    static void checkPage(String name) {
        browser.assertAccessible(name);
        assertThat(browser.errors()).as("browser console on " + name).isEmpty();
        browser.screenshot(name);
    }

    @Test
    @Order(1)
    void logInAndSeeTheWrongFieldNationPasswordRedWithItsFix() {
        browser.driver.get(c().url("/console/"));
        within(60).until(d -> d.getCurrentUrl().contains("/console/login"));
        assertThat(browser.driver.getTitle()).contains("Log in");
        checkPage("login");
        browser.driver.findElement(By.id("password")).sendKeys("not-it" + Keys.ENTER);
        assertThat(waitFor("#login-message").getText()).contains("Wrong user name or password");
        assertThat(browser.errors()).singleElement().asString().contains("401"); // the refused login's answer
        assertThat(browser.driver.getPageSource()).doesNotContain("not-it");
        browser.driver.findElement(By.id("password")).sendKeys(PASSWORD + Keys.ENTER);
        WebElement fn = waitFor("#stage-field-nation");
        assertThat(fn.getAttribute("class")).contains("bad");
        assertThat(fn.getText()).contains("Needs attention").contains("Field Nation refused the login");
        assertThat(fn.findElement(By.cssSelector(".fix")).getText()).contains("fieldnation.password");
        assertThat(fn.getText()).doesNotContain("wrong-fn-password");
        assertThat(waitFor("#stage-connectwise").getAttribute("class")).contains("ok");
        assertThat(browser.driver.findElement(By.id("who")).getText()).contains("admin");
        // the keyboard reaches the skip link first
        browser.driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertThat(browser.driver.switchTo().activeElement().getText()).isEqualTo("Skip to content");
        checkPage("setup-wrong-fieldnation-password");
    }

    @Test
    @Order(2)
    void correctedAndRestartedTheStageIsGreenAndTheSessionSurvived() {
        c().close();
        env.startConnector(settings(), true);
        // a new process on another port, the same database: no login asked
        open("/console/");
        WebElement fn = waitFor("#stage-field-nation");
        assertThat(fn.getAttribute("class")).contains("ok");
        assertThat(fn.getAttribute("textContent")).contains("issued a token");
        // the settings in use: secrets only as set / not set
        String settings = waitForPresent("#settings").getAttribute("textContent");
        assertThat(settings).contains("fieldnation.password").contains("set (secret)")
                .contains("mail.smtp.password").contains("not set (secret)")
                .doesNotContain(env.fn.password()).doesNotContain(PASSWORD);
        assertThat(waitFor("#stage-callback").getAttribute("class")).contains("ok");
        assertThat(waitFor("#stage-webhook").getAttribute("class")).contains("ok");
        assertThat(waitFor("#stage-fields").getAttribute("class")).contains("bad");
        click("#stage-fields-admin-fields-refresh");
        within(60).until(d -> d.findElement(By.id("stage-fields")).getAttribute("class").contains("ok")
                && d.findElement(By.id("stage-mappings")).getAttribute("class").contains("ok"));
        assertThat(waitFor("#action-result").getText()).contains("Refresh Fields").contains("fields refreshed");
        // the round trip: a test ticket whose work order stays a draft, is cancelled, and comes back by webhook
        int published = env.fn.requests(r -> r.path().endsWith("/publish")).size();
        click("#stage-round-trip-admin-roundtrip-start");
        waitForText("#round-trip[data-state='passed']", "webhook-back");
        within(60).until(d -> d.findElement(By.id("stage-round-trip")).getAttribute("class").contains("ok"));
        assertThat(env.fn.requests(r -> r.path().endsWith("/publish"))).hasSize(published);
        checkPage("setup");
    }

    @Test
    @Order(3)
    void aPreviewShowsTheTicketsSummaryAsTheTitleWithItsSource() {
        open("/console/preview.html");
        browser.driver.findElement(By.id("ticket-id")).sendKeys("100" + Keys.ENTER);
        waitFor("#fl-h");
        WebElement title = browser.driver.findElements(By.cssSelector("#preview table tbody tr")).stream()
                .filter(r -> r.findElement(By.cssSelector("td")).getText().equals("title")).findFirst().orElseThrow();
        List<WebElement> cells = title.findElements(By.tagName("td"));
        assertThat(cells.get(1).getText()).contains("POS terminal offline at Store 114");
        assertThat(cells.get(2).getText()).isEqualTo("ticket.summary");
        assertThat(cells.get(3).getText()).contains("sync").contains("mappings.yaml line");
        assertThat(waitFor("#preview").getText()).contains("create a work order");
        assertThat(waitFor("#rl-h").getText()).isEqualTo("Dispatch rule");
        assertThat(waitFor("#preview").getText()).as("which rule applies and why")
                .contains("rule \"Store 114\"").contains("its if holds (ticket.id = 100)")
                .contains("Closed: approve");
        checkPage("preview");
    }

    @Test
    @Order(4)
    void aFailedTransactionReplayedFromThePageEndsDone() {
        // Field Nation refuses every create until the ticket's transactions have failed (a 422 is not retried)
        env.fn.inject(Fault.status("POST", "/api/rest/v2/workorders", 422, -1));
        long ticket = env.newTicket("Console replay test", t -> { });
        Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
        env.cw.addScheduleEntry(ticket, start, start.plus(Duration.ofHours(2)));
        env.cw.setStatus(ticket, "Dispatch to FN");
        InboxStore inbox = c().bean("inboxStore", InboxStore.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> !inbox.list(InboxStore.FAILED, ticket, null, 5).isEmpty()
                && inbox.list(null, ticket, null, 10).stream().allMatch(e -> e.status().equals(InboxStore.FAILED)
                        || e.status().equals(InboxStore.SKIPPED) || e.status().equals(InboxStore.COALESCED)));
        env.fn.clearFaults();
        long id = inbox.list(InboxStore.FAILED, ticket, null, 5).get(0).id();
        assertThat(env.workOrdersOf(ticket)).isEmpty();

        open("/console/transactions.html");
        new Select(browser.driver.findElement(By.id("f-status"))).selectByVisibleText("failed");
        browser.driver.findElement(By.id("f-ticket")).sendKeys(String.valueOf(ticket));
        browser.driver.findElement(By.id("show")).click();
        click("#replay-" + id);
        waitForText("#transaction-" + id + "[data-status='done']", "created for ticket");
        assertThat(env.workOrdersOf(ticket)).hasSize(1);
        // the list (of failed ones) is drawn again and no longer has it
        within(60).until(d -> d.findElements(By.cssSelector("#details-" + id)).isEmpty());
        waitFor("#detail-replay-" + id);
        checkPage("transactions");
    }

    @Test
    @Order(5)
    void aRequestWithoutTheSessionOrWithAForgedOriginChangesNothing() {
        open("/console/");
        Cookie cookie = browser.driver.manage().getCookieNamed(ConsoleSessions.COOKIE);
        assertThat(cookie).isNotNull();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        String session = ConsoleSessions.COOKIE + "=" + cookie.getValue();
        String csrf = Json.parse(send("GET", "/console/session", "Cookie", session).body()).path("csrfToken").asText();
        InboxStore inbox = c().bean("inboxStore", InboxStore.class);
        int before = inbox.list(null, null, null, 1000).size();
        assertThat(send("POST", "/admin/dispatch/100").statusCode()).isEqualTo(401);
        assertThat(send("POST", "/admin/transactions/replay-failed").statusCode()).isEqualTo(401);
        assertThat(send("POST", "/admin/dispatch/100", "Cookie", session, "X-CSRF-Token", csrf, "Origin",
                "http://attacker.example").statusCode()).isEqualTo(403);
        assertThat(send("POST", "/console/logout", "Cookie", session, "X-CSRF-Token", csrf, "Origin",
                "http://attacker.example").statusCode()).isEqualTo(403);
        // from inside the page, a request without the CSRF token (what a forged form would send) is refused too
        Object status = ((JavascriptExecutor) browser.driver).executeAsyncScript("var done = arguments[0];"
                + "fetch('/admin/dispatch/100', {method: 'POST'}).then(function (r) { done(r.status); });");
        assertThat(((Number) status).intValue()).isEqualTo(403);
        assertThat(inbox.list(null, null, null, 1000)).hasSize(before);
        // the session is still good
        assertThat(send("GET", "/console/session", "Cookie", session).statusCode()).isEqualTo(200);
        browser.errors(); // the refused fetch is logged as a failed load
    }

    @Test
    @Order(6)
    void activityDrawsTheLastDayAsCharts() {
        open("/console/activity.html");
        waitFor("#chart-outcomes canvas");
        waitFor("#chart-queue canvas");
        waitFor("#chart-latency canvas");
        assertThat(waitFor("#activity-summary").getText()).contains("transactions were received");
        checkPage("activity");
    }

    @Test
    @Order(7)
    void aHeldCancellationShowsWhatFieldNationWillDoBeforeCancelWorkOrderIsPressed() {
        long wo = env.dispatchedWorkOrder("Console: cancelled while assigned");
        long ticket = env.workOrdersOfTicket(wo);
        env.fn.assignProvider(wo, 1068);
        env.quiesce();
        env.cw.setStatus(ticket, "Cancelled");
        com.cwfn.store.AttentionStore items = c().bean("attentionStore", com.cwfn.store.AttentionStore.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> items.list(com.cwfn.store.AttentionStore.OPEN, ticket, 5)
                .size() == 1);
        long id = items.list(com.cwfn.store.AttentionStore.OPEN, ticket, 5).get(0).id();

        open("/console/attention.html");
        String preview = "Field Nation cancels work order #" + wo + " (now Assigned, assigned to Pat Tech); a "
                + "cancellation fee may apply.";
        waitForText("#preview-" + id, preview);
        assertThat(waitFor("#act-" + id).getText()).isEqualTo("Cancel work order");
        assertThat(env.fn.workOrder(wo).orElseThrow().path("status").path("name").asText()).isEqualTo("Assigned");
        checkPage("attention");
        click("#act-" + id);
        org.openqa.selenium.Alert confirm = within(60).until(org.openqa.selenium.support.ui.ExpectedConditions
                .alertIsPresent());
        assertThat(confirm.getText()).contains("Cancel work order").contains(preview);
        confirm.accept();
        waitForText("#attention-result", "under way");
        await().atMost(Duration.ofSeconds(60)).until(() -> env.fn.workOrder(wo).orElseThrow().path("status")
                .path("name").asText().equals("Cancelled") && env.notesContaining(ticket, "confirmed in the "
                + "connector's console") == 1);
        assertThat(env.fn.requests(r -> r.method().equals("DELETE") && r.path().endsWith("/workorders/" + wo)))
                .hasSize(1);
    }

    @Test
    @Order(8)
    void onApprovalStaysADraftUntilTheConsolesPublish() {
        long ticket = env.newTicket("[approval] Console: new rack", t -> t.putObject("site").put("id", 28));
        Instant start = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);
        env.cw.addScheduleEntry(ticket, start, start.plus(Duration.ofHours(2)));
        env.cw.setStatus(ticket, "Dispatch to FN");
        await().atMost(Duration.ofSeconds(60)).until(() -> env.notesContaining(ticket, "is a draft waiting for "
                + "approval") == 1);
        long wo = env.workOrdersOf(ticket).get(0).path("id").asLong();
        env.quiesce();
        assertThat(env.fn.workOrder(wo).orElseThrow().path("status").path("name").asText()).isEqualTo("Draft");

        open("/console/approvals.html");
        String draft = waitFor("#draft-" + wo).getText();
        assertThat(draft).contains("Work order #" + wo + ": [approval] Console: new rack").contains("#" + ticket)
                .contains("Acme Corp").contains("Most held in escrow").contains("$150.00")
                .contains("between " + start.toString().replace("T", " ").replace("Z", "") + " UTC")
                .contains("Routing plan").contains("the marketplace").contains("rule \"Lead approves\"");
        assertThat(waitFor("#cancel-" + wo).getText()).isEqualTo("Cancel");
        checkPage("approvals");
        assertThat(env.fn.workOrder(wo).orElseThrow().path("status").path("name").asText()).as("still a draft")
                .isEqualTo("Draft");
        click("#publish-" + wo);
        org.openqa.selenium.Alert confirm = within(60).until(org.openqa.selenium.support.ui.ExpectedConditions
                .alertIsPresent());
        assertThat(confirm.getText()).contains("Publish work order #" + wo).contains("$150.00");
        confirm.accept();
        waitForText("#approvals-result", "published");
        await().atMost(Duration.ofSeconds(60)).until(() -> env.fn.workOrder(wo).orElseThrow().path("status")
                .path("name").asText().equals("Published") && env.notesContaining(ticket, "published to the "
                + "marketplace") == 1);
        within(60).until(d -> d.findElements(By.cssSelector("#draft-" + wo)).isEmpty());
        assertThat(env.fn.requests(r -> r.path().endsWith("/workorders/" + wo + "/publish"))).hasSize(1);
    }

    @Test
    @Order(9)
    void everyPageFitsAPhoneWithoutScrollingSideways() {
        browser.phoneWidth(true);
        try {
            for (String page : PAGES) {
                open(page);
                waitFor("main h1");
                if (page.endsWith("/")) {
                    waitFor("#stages .stage");
                } else if (page.contains("transactions")) {
                    waitFor("#transactions table");
                }
                browser.assertNoSidewaysScroll(page);
                String name = page.equals("/console/") ? "setup" : page.substring(9, page.length() - 5);
                checkPage(name + "-390px");
            }
        } finally {
            browser.phoneWidth(false);
        }
    }

    @Test
    @Order(10)
    void logOutEndsTheSession() {
        open("/console/");
        click("#logout");
        within(60).until(d -> d.getCurrentUrl().contains("/console/login"));
        browser.driver.get(c().url("/console/transactions.html"));
        within(60).until(d -> d.getCurrentUrl().contains("/console/login"));
    }

    static HttpResponse<String> send(String method, String path, String... headers) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(c().url(path)))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return Connector.send(r.build());
    }
}
