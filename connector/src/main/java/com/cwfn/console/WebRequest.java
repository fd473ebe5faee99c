package com.cwfn.console;

import java.net.URI;
import java.util.Locale;
import org.apache.camel.Exchange;

/**
 * What the console reads off a browser's request: a cookie, the connection's address, and whether it was sent by a
 * page of this same site ({@code Origin}, else {@code Referer}, against the host it was sent to). What a proxy in
 * front says about the client (its address, HTTPS, the host) is read by {@link TrustedProxies}, and believed only
 * from the proxies it trusts.
 */
public final class WebRequest {
    /** Where the Vert.x HTTP server puts the peer's address. */
    static final String REMOTE_ADDRESS = "CamelVertxPlatformHttpRemoteAddress";

    private WebRequest() {
    }

    public static String header(Exchange ex, String name) {
        String v = ex.getIn().getHeader(name, String.class);
        return v == null || v.isBlank() ? null : v.trim();
    }

    public static String method(Exchange ex) {
        String m = header(ex, Exchange.HTTP_METHOD);
        return m == null ? "GET" : m.toUpperCase(Locale.ROOT);
    }

    /** GET, HEAD and OPTIONS change nothing; every other method does. */
    public static boolean changesState(Exchange ex) {
        String m = method(ex);
        return !(m.equals("GET") || m.equals("HEAD") || m.equals("OPTIONS"));
    }

    /** The value of cookie {@code name}, or null. */
    public static String cookie(Exchange ex, String name) {
        String all = header(ex, "Cookie");
        if (all == null) {
            return null;
        }
        for (String part : all.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equals(name)) {
                String v = part.substring(eq + 1).trim();
                return v.isEmpty() ? null : v;
            }
        }
        return null;
    }

    /** The peer's IP address (without port); the connection's, not a header a client could set. */
    public static String peerAddress(Exchange ex) {
        Object a = ex.getIn().getHeader(REMOTE_ADDRESS);
        if (a instanceof io.vertx.core.net.SocketAddress s) {
            return s.hostAddress() != null ? s.hostAddress() : s.toString();
        }
        return a == null ? "unknown" : a.toString();
    }

    /**
     * True when the request names this site as where it came from: its {@code Origin} (or, without one, its
     * {@code Referer}) has {@code host}, the host and port the request was sent to (as {@link TrustedProxies} knows
     * it). A request naming neither is not same-origin.
     */
    public static boolean fromThisSite(Exchange ex, String host) {
        String from = header(ex, "Origin");
        if (from == null) {
            from = header(ex, "Referer");
        }
        if (from == null || from.equals("null")) {
            return false;
        }
        if (host == null) {
            return false;
        }
        try {
            URI u = URI.create(from);
            if (u.getHost() == null) {
                return false;
            }
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
            String named = u.getHost().toLowerCase(Locale.ROOT) + ":" + port;
            return named.equals(withPort(host.toLowerCase(Locale.ROOT), scheme));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** True when the request says where it came from (Origin or Referer) and that is another site. */
    public static boolean fromAnotherSite(Exchange ex, String host) {
        return (header(ex, "Origin") != null || header(ex, "Referer") != null) && !fromThisSite(ex, host);
    }

    /** The host and port the request was sent to: its Host header (which the server's request URL is made of). */
    static String requestHost(Exchange ex) {
        String host = header(ex, "Host");
        if (host != null) {
            return host;
        }
        String url = header(ex, Exchange.HTTP_URL);
        if (url == null) {
            return null;
        }
        try {
            return URI.create(url).getRawAuthority();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String withPort(String host, String scheme) {
        boolean hasPort = host.startsWith("[") ? !host.endsWith("]") : host.indexOf(':') > 0;
        if (hasPort) {
            return host;
        }
        return host + ":" + (scheme.equals("https") ? 443 : 80);
    }
}
