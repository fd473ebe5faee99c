package com.cwfn.admin;

import com.cwfn.console.BasicLogin;
import com.cwfn.console.ConsoleGate;
import com.cwfn.console.ConsoleSessions;
import com.cwfn.console.Credentials;
import com.cwfn.console.LoginThrottle;
import com.cwfn.console.WebRequest;
import com.cwfn.http.HttpAnswer;
import com.cwfn.store.StoreException;
import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * The one authentication step before every operation of the admin API (the Rest DSL in routes/admin.camel.yaml) and
 * its OpenAPI document: HTTP Basic with {@code admin.username} / {@code admin.password}, or a console session (the
 * console's pages call this API), and the request stops here when neither holds.
 * <ul>
 *   <li>While {@code admin.password} is empty every admin request answers 403 saying how to enable it.</li>
 *   <li>No or wrong credentials answer 401 with a Basic challenge (not to the console's pages, so the browser shows
 *       no login box of its own). Wrong ones count against the client's address ({@link LoginThrottle}): past the
 *       limit, tries from it answer 429 with {@code Retry-After} without their credentials being looked at.</li>
 *   <li>A state-changing request that names another site as its origin is refused (403) however it authenticates;
 *       one made with a console session must also carry the session's CSRF token from a page of this site.</li>
 * </ul>
 */
public class AdminAuth {
    public static final String REALM = "cw-fn-connector";
    private final BasicLogin login;
    private final ConsoleGate gate;

    public AdminAuth(Credentials credentials, LoginThrottle throttle, ConsoleGate gate) {
        this.login = new BasicLogin(credentials, throttle);
        this.gate = gate;
    }

    public void check(Exchange exchange) {
        try {
            authenticate(exchange);
        } catch (StoreException e) {
            // failed logins and console sessions are kept in the database: while it does not answer, nobody is let
            // in unchecked
            stop(exchange, 503, "database unavailable", "the connector's database does not answer; please retry");
            exchange.getMessage().setHeader("Retry-After", "5");
        }
    }

    private void authenticate(Exchange exchange) {
        if (!login.enabled()) {
            stop(exchange, 403, "admin API disabled", "the admin API is off while admin.password is "
                    + "empty: set admin.password (environment variable ADMIN_PASSWORD, or -Dadmin.password=...) and "
                    + "restart the connector");
            return;
        }
        if (WebRequest.changesState(exchange) && gate.fromAnotherSite(exchange)) {
            stop(exchange, 403, "forbidden", "refused: a request that changes something may not come from another "
                    + "site's page (Origin / Referer)");
            return;
        }
        String authorization = HttpAnswer.header(exchange, "Authorization");
        if (authorization != null) {
            basic(exchange, authorization);
            return;
        }
        Optional<ConsoleSessions.Session> session = gate.session(exchange);
        if (session.isPresent()) {
            String refusal = gate.crossSiteRefusal(exchange, session.get());
            if (refusal != null) {
                stop(exchange, 403, "forbidden", refusal);
            }
            return;
        }
        unauthorized(exchange);
    }

    private void basic(Exchange exchange, String authorization) {
        BasicLogin.Verdict verdict = login.check(gate.origin(exchange).address(), authorization);
        if (verdict.throttled()) {
            tooMany(exchange, verdict.retryAfterSeconds());
        } else if (!verdict.accepted()) {
            unauthorized(exchange);
        }
    }

    private void unauthorized(Exchange exchange) {
        boolean console = ConsoleGate.hasCookie(exchange) || HttpAnswer.header(exchange, "HX-Request") != null;
        stop(exchange, 401, "unauthorized", console ? "the console session has ended: log in again at /console/login"
                : "HTTP Basic credentials admin.username / admin.password are required");
        if (!console) {
            exchange.getMessage().setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
        }
    }

    private static void tooMany(Exchange exchange, long s) {
        stop(exchange, 429, "too many failed logins", "too many failed logins from this address: wait " + s
                + " s before trying again");
        exchange.getMessage().setHeader("Retry-After", String.valueOf(s));
    }

    private static void stop(Exchange exchange, int status, String error, String detail) {
        HttpAnswer.error(exchange, status, error, detail);
        exchange.setRouteStop(true);
    }

}
