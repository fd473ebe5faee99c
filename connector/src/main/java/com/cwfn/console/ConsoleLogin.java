package com.cwfn.console;

import com.cwfn.http.Refusal;
import com.cwfn.json.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * The console's login page and form, logout, and the session's description for the pages ({@code GET
 * /console/session}: who is logged in, the CSRF token, the idle timeout). The form takes {@code admin.username} /
 * {@code admin.password}; a wrong one counts against the address in {@link LoginThrottle}; a login from another
 * site's page is refused. Messages never repeat what was typed.
 */
public class ConsoleLogin {
    static final String MESSAGE_SLOT = "<!--message-->";
    private final Credentials credentials;
    private final LoginThrottle throttle;
    private final ConsoleGate gate;
    private final ConsoleFiles files;

    public ConsoleLogin(Credentials credentials, LoginThrottle throttle, ConsoleGate gate, ConsoleFiles files) {
        this.credentials = credentials;
        this.throttle = throttle;
        this.gate = gate;
        this.files = files;
    }

    /** GET /console/login: the form (or, when logged in already, the console). */
    public void page(Exchange ex) {
        if (gate.session(ex).isPresent()) {
            ConsoleAnswer.redirect(ex, "/console/");
            return;
        }
        if (!credentials.enabled()) {
            throw refused(403, "console disabled", disabled());
        }
        ConsoleAnswer.html(ex, 200, loginPage(null));
    }

    /** POST /console/login with {@code username}, {@code password} and an optional {@code next} page. */
    public void login(Exchange ex) {
        if (!credentials.enabled()) {
            throw refused(403, "console disabled", disabled());
        }
        if (!gate.fromThisSite(ex)) {
            throw refused(403, "forbidden", "This login was not sent from the console's own page, so it was refused. "
                    + "Open the console's address and log in there.");
        }
        TrustedProxies.Origin origin = gate.origin(ex);
        String address = origin.address();
        Optional<Duration> wait = throttle.waiting(address);
        if (wait.isPresent()) {
            throw tooMany(wait.get());
        }
        Map<String, String> form = form(ex);
        if (!credentials.matches(form.get("username"), form.get("password"))) {
            Duration now = throttle.failed(address);
            if (!now.isZero()) {
                throw tooMany(now);
            }
            throw refused(401, "unauthorized", "Wrong user name or password. The login is admin.username / "
                    + "admin.password of the connector's settings.");
        }
        throttle.succeeded(address);
        String id = gate.sessions().start(credentials.username());
        String next = form.getOrDefault("next", "");
        boolean https = origin.https();
        ConsoleAnswer.redirect(ex, next.matches("/console/[a-z0-9-]*(\\.html)?") ? next : "/console/");
        ConsoleAnswer.header(ex, "Set-Cookie", gate.sessions().cookie(id, https));
    }

    /** POST /console/logout (with the CSRF token): ends the session and forgets the cookie. */
    public void logout(Exchange ex) {
        Optional<ConsoleSessions.Session> s = gate.session(ex);
        if (s.isPresent()) {
            String refusal = gate.crossSiteRefusal(ex, s.get());
            if (refusal != null) {
                throw ConsoleAnswer.refusal(403, "forbidden", refusal);
            }
            gate.sessions().end(WebRequest.cookie(ex, ConsoleSessions.COOKIE));
        }
        boolean https = gate.origin(ex).https();
        boolean htmx = WebRequest.header(ex, "HX-Request") != null;
        if (htmx) {
            // the page's own request: htmx follows HX-Redirect (a 303 would only be followed inside the request)
            ConsoleAnswer.send(ex, 204, "text/plain", new byte[0]);
            ConsoleAnswer.header(ex, "HX-Redirect", "/console/login");
        } else {
            ConsoleAnswer.redirect(ex, "/console/login");
        }
        ConsoleAnswer.header(ex, "Set-Cookie", ConsoleSessions.expiredCookie(https));
    }

    /** GET /console/session: who is logged in and the token the pages send with changes; 401 without a session. */
    public void session(Exchange ex) {
        Optional<ConsoleSessions.Session> s = gate.session(ex);
        if (s.isEmpty()) {
            throw ConsoleAnswer.refusal(401, "unauthorized", "no console session: log in at /console/login");
        }
        ConsoleAnswer.json(ex, 200, Json.write(Json.object().put("user", s.get().username())
                .put("csrfToken", s.get().csrfToken()).put("csrfHeader", ConsoleGate.CSRF_HEADER)
                .put("idleMinutes", gate.sessions().idle().toMinutes())));
    }

    private Refusal tooMany(Duration wait) {
        long s = Refusal.seconds(wait);
        return refused(429, "too many failed logins", "Too many failed logins from your address. Wait " + s
                + " second" + (s == 1 ? "" : "s") + " before you try again.").retryAfter(wait);
    }

    private static String disabled() {
        return "The console is off while admin.password is empty: set admin.password (environment variable "
                + "ADMIN_PASSWORD, or -Dadmin.password=...) and restart the connector.";
    }

    /** The login page refusing with {@code message} shown on it (routes/refusals.camel.yaml answers it). */
    private Refusal refused(int status, String error, String message) {
        return ConsoleAnswer.refusedPage(status, error, message, loginPage(message));
    }

    /** The login page, with {@code message} (or none) in its slot. */
    private String loginPage(String message) {
        String page = new String(files.file("login.html").orElseThrow(), StandardCharsets.UTF_8);
        String slot = message == null ? "" : "<p class=\"message error\" role=\"alert\" id=\"login-message\">"
                + ConsoleAnswer.escape(message) + "</p>";
        return page.replace(MESSAGE_SLOT, slot);
    }

    static final List<String> FIELDS = List.of("username", "password", "next");

    /**
     * The login form's fields. The HTTP server hands a form-encoded body over as message headers; they are taken out
     * here, so the password travels no further (not into a log, not back as an answer header).
     */
    static Map<String, String> form(Exchange ex) {
        Map<String, String> out = new HashMap<>();
        for (String f : FIELDS) {
            Object v = ex.getIn().removeHeader(f);
            if (v != null) {
                out.put(f, v.toString());
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        String body = ex.getIn().getBody(String.class);
        if (body == null || body.length() > 10_000) {
            return out;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    out.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // a malformed pair is left out, like a missing field
                }
            }
        }
        return out;
    }
}
