package com.cwfn.console;

import com.cwfn.json.Json;
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
 * Anything else is 404, or 405 for a method the path does not take.
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
            ConsoleAnswer.html(ex, 503, "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                    + "Database unavailable</title></head><body><main><h1>Database unavailable</h1><p>The "
                    + "connector's database does not answer. Try again in a few seconds.</p></main></body></html>");
            ConsoleAnswer.header(ex, "Retry-After", "5");
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
                    notAllowed(ex, "GET, POST");
                }
                return;
            }
            case "logout" -> {
                if (method.equals("POST")) {
                    login.logout(ex);
                } else {
                    notAllowed(ex, "POST");
                }
                return;
            }
            case "session" -> {
                if (read) {
                    login.session(ex);
                } else {
                    notAllowed(ex, "GET");
                }
                return;
            }
            default -> {
            }
        }
        if (!read) {
            notAllowed(ex, "GET");
            return;
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

    private static void notAllowed(Exchange ex, String allowed) {
        ConsoleAnswer.json(ex, 405, Json.write(Json.object().put("status", 405).put("error", "method not allowed")
                .put("detail", "this console path takes " + allowed)));
        ConsoleAnswer.header(ex, "Allow", allowed);
    }
}
