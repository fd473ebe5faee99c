package com.cwfn.console;

import com.cwfn.http.Refusal;
import com.cwfn.store.StoreException;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * Routes a request under {@code /console} (routes/console.camel.yaml) to what answers it:
 * <ul>
 *   <li>{@code GET /console} and {@code /console/}: the Setup page; other {@code GET /console/<page>.html}: that page
 *       (each only with a session, else 303 to the login page);</li>
 *   <li>{@code GET, POST /console/login}, {@code POST /console/logout}, {@code GET /console/session}:
 *       {@link ConsoleLogin};</li>
 *   <li>{@code GET /console/<file>.js|.css|.svg} and {@code /console/lib/...}: the files, no session needed (they hold
 *       no data).</li>
 * </ul>
 * Anything else is 404, or 405 for a method the path does not take: refusals, thrown as {@link Refusal} and answered by
 * routes/refusals.camel.yaml (a database that does not answer is the 503 page, with Retry-After).
 */
public class ConsoleHttp {
    private final ConsoleGate gate;
    private final ConsoleLogin login;
    private final ConsoleFiles files;

    public ConsoleHttp(ConsoleGate gate, ConsoleLogin login, ConsoleFiles files) {
        this.gate = gate;
        this.login = login;
        this.files = files;
    }

    public void handle(Exchange ex) {
        try {
            answer(ex);
        } catch (StoreException e) {
            // sessions and failed logins are kept in the database
            throw ConsoleAnswer.refusedPage(503, "database unavailable", "the database does not answer",
                    "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Database unavailable</title>"
                    + "</head><body><main><h1>Database unavailable</h1><p>The connector's database does not answer. "
                    + "Try again in a few seconds.</p></main></body></html>").retryAfter(Refusal.DATABASE_DOWN);
        }
    }

    private void answer(Exchange ex) {
        String path = path(ex);
        String method = WebRequest.method(ex);
        boolean read = method.equals("GET") || method.equals("HEAD");
        switch (path) {
            case "" -> {
                ConsoleAnswer.redirect(ex, "/console/");
                return;
            }
            case "login" -> {
                if (method.equals("POST")) {
                    login.login(ex);
                } else if (read) {
                    login.page(ex);
                } else {
                    throw notAllowed("GET, POST");
                }
                return;
            }
            case "logout" -> {
                if (method.equals("POST")) {
                    login.logout(ex);
                } else {
                    throw notAllowed("POST");
                }
                return;
            }
            case "session" -> {
                if (read) {
                    login.session(ex);
                } else {
                    throw notAllowed("GET");
                }
                return;
            }
            default -> {
            }
        }
        if (!read) {
            throw notAllowed("GET");
        }
        String name = path.equals("/") ? "index.html" : path.substring(1);
        if (name.endsWith(".html") && !name.equals("login.html")) {
            Optional<ConsoleSessions.Session> s = gate.session(ex);
            if (s.isEmpty()) {
                ConsoleAnswer.redirect(ex, "/console/login?next=" + java.net.URLEncoder.encode("/console/"
                        + (name.equals("index.html") ? "" : name), java.nio.charset.StandardCharsets.UTF_8));
                return;
            }
        }
        if (name.equals("login.html")) {
            login.page(ex);
            return;
        }
        files.serve(ex, name);
    }

    /** The request path after /console: "", "/", "login", "logout", "session", or "/name". */
    static String path(Exchange ex) {
        String uri = WebRequest.header(ex, Exchange.HTTP_PATH);
        if (uri == null) {
            uri = WebRequest.header(ex, Exchange.HTTP_URI);
        }
        if (uri == null) {
            return "";
        }
        int q = uri.indexOf('?');
        if (q >= 0) {
            uri = uri.substring(0, q);
        }
        if (uri.startsWith("/console")) {
            uri = uri.substring("/console".length());
        }
        return switch (uri) {
            case "/login", "/logout", "/session" -> uri.substring(1);
            default -> uri;
        };
    }

    private static Refusal notAllowed(String allowed) {
        return ConsoleAnswer.refusal(405, "method not allowed", "this console path takes " + allowed)
                .header("Allow", allowed);
    }
}
