package com.cwfn.console;

import java.util.Optional;
import org.apache.camel.Exchange;

/**
 * Who a browser request belongs to and whether it may change something: the console session named by its cookie,
 * and for every state-changing request both the session's CSRF token in {@code X-CSRF-Token} and an
 * {@code Origin} (or {@code Referer}) of this same site. Used by the console's own endpoints and by the admin API,
 * which the console's pages call with the session instead of HTTP Basic.
 */
public class ConsoleGate {
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private final ConsoleSessions sessions;

    public ConsoleGate(ConsoleSessions sessions) {
        this.sessions = sessions;
    }

    public ConsoleSessions sessions() {
        return sessions;
    }

    /** The live session of this request's cookie, if any (counts as activity). */
    public Optional<ConsoleSessions.Session> session(Exchange ex) {
        return sessions.find(WebRequest.cookie(ex, ConsoleSessions.COOKIE));
    }

    /** True when the request carries a console cookie at all (live or not): a browser, not a script. */
    public static boolean hasCookie(Exchange ex) {
        return WebRequest.cookie(ex, ConsoleSessions.COOKIE) != null;
    }

    /**
     * Null when this request of session {@code s} may go on; else why not. Requests that change nothing always
     * may.
     */
    public static String crossSiteRefusal(Exchange ex, ConsoleSessions.Session s) {
        if (!WebRequest.changesState(ex)) {
            return null;
        }
        if (!WebRequest.fromThisSite(ex)) {
            return "refused: a request that changes something must come from a page of this site (its Origin or "
                    + "Referer names another site, or neither is sent)";
        }
        if (!ConsoleSessions.csrfMatches(s, WebRequest.header(ex, CSRF_HEADER))) {
            return "refused: the request has no or a wrong " + CSRF_HEADER + " for this session; reload the page";
        }
        return null;
    }
}
