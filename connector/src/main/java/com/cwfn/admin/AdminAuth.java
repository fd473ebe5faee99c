package com.cwfn.admin;

import com.cwfn.console.BasicLogin;
import com.cwfn.console.ConsoleGate;
import com.cwfn.console.ConsoleSessions;
import com.cwfn.console.Credentials;
import com.cwfn.console.LoginThrottle;
import com.cwfn.console.WebRequest;
import com.cwfn.http.HttpAnswer;
import com.cwfn.http.Refusal;
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
 * A request that may not go on is refused with a {@link Refusal}, answered by routes/refusals.camel.yaml.
 */
public class AdminAuth {
    public static final String REALM = "cw-fn-connector";
    private final BasicLogin login;
    private final ConsoleGate gate;

    public AdminAuth(Credentials credentials, LoginThrottle throttle, ConsoleGate gate) {
        this.login = new BasicLogin(credentials, throttle);
        this.gate = gate;
    }

    /** Lets the request go on, or throws the {@link Refusal} that answers it (routes/refusals.camel.yaml). */
    public void check(Exchange exchange) {
        try {
            authenticate(exchange);
        } catch (StoreException e) {
            // failed logins and console sessions are kept in the database: while it does not answer, nobody is let
            // in unchecked
            throw Refusal.databaseUnavailable();
        }
    }

    /** 401 with the Basic challenge: what a script without (right) credentials is told. */
    public static Refusal challenge() {
        return new Refusal(401, "unauthorized", "HTTP Basic credentials admin.username / admin.password are required")
                .header("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
    }

    private void authenticate(Exchange exchange) {
        if (!login.enabled()) {
            throw new Refusal(403, "admin API disabled", "the admin API is off while admin.password is "
                    + "empty: set admin.password (environment variable ADMIN_PASSWORD, or -Dadmin.password=...) and "
                    + "restart the connector");
        }
        if (WebRequest.changesState(exchange) && gate.fromAnotherSite(exchange)) {
            throw new Refusal(403, "forbidden", "refused: a request that changes something may not come from another "
                    + "site's page (Origin / Referer)");
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
                throw new Refusal(403, "forbidden", refusal);
            }
            return;
        }
        throw unauthorized(exchange);
    }

    private void basic(Exchange exchange, String authorization) {
        BasicLogin.Verdict verdict = login.check(gate.origin(exchange).address(), authorization);
        if (verdict.throttled()) {
            throw new Refusal(429, "too many failed logins", "too many failed logins from this address: wait "
                    + Refusal.seconds(verdict.waitFor()) + " s before trying again").retryAfter(verdict.waitFor());
        } else if (!verdict.accepted()) {
            throw unauthorized(exchange);
        }
    }

    /** 401: the console's pages are told to log in again (no challenge: the browser shows no login box of its own). */
    private static Refusal unauthorized(Exchange exchange) {
        boolean console = ConsoleGate.hasCookie(exchange) || HttpAnswer.header(exchange, "HX-Request") != null;
        return console ? new Refusal(401, "unauthorized", "the console session has ended: log in again at "
                + "/console/login") : challenge();
    }
}
