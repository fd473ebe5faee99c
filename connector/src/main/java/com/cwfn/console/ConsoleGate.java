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
    private final TrustedProxies proxies;

    public ConsoleGate(ConsoleSessions sessions, TrustedProxies proxies) {
        this.sessions = sessions;
        this.proxies = proxies;
    }

    /** Where the request came from: the client's address, HTTPS or not, the host (see {@link TrustedProxies}). */
    public TrustedProxies.Origin origin(Exchange ex) {
        return proxies.of(ex);
    }

    /** True when the request's Origin (or Referer) is this site. */
    public boolean fromThisSite(Exchange ex) {
        return WebRequest.fromThisSite(ex, origin(ex).host());
    }

    /** True when the request names a site as its Origin (or Referer), and that is another site. */
    public boolean fromAnotherSite(Exchange ex) {
        return WebRequest.fromAnotherSite(ex, origin(ex).host());
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
    public String crossSiteRefusal(Exchange ex, ConsoleSessions.Session s) {
        if (!WebRequest.changesState(ex)) {
            return null;
        }
        if (!fromThisSite(ex)) {
            return "refused: a request that changes something must come from a page of this site (its Origin or "
                    + "Referer names another site, or neither is sent)";
        }
        if (!ConsoleSessions.csrfMatches(s, WebRequest.header(ex, CSRF_HEADER))) {
            return "refused: the request has no or a wrong " + CSRF_HEADER + " for this session; reload the page";
        }
        return null;
    }
}
