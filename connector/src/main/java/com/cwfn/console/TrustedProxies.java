package com.cwfn.console;

import com.cwfn.settings.Cidrs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.camel.Exchange;

/**
 * Who made a request, as {@code connector.trusted-proxies} allows it to be known. A request whose connection comes
 * from a trusted proxy is taken at that proxy's word: the client is the nearest address its {@code Forwarded} (RFC
 * 7239) or, without one, its {@code X-Forwarded-For} names that is not itself a trusted proxy (read from the right,
 * since every proxy appends the address it was called from), and the scheme and host are the ones that hop names
 * ({@code proto=}/{@code host=}, or {@code X-Forwarded-Proto}/{@code X-Forwarded-Host}). A request from anywhere else
 * is taken as it came: the connection's address, and those headers change nothing, whoever wrote them.
 */
public final class TrustedProxies {
    private final Cidrs proxies;

    public TrustedProxies(Cidrs proxies) {
        this.proxies = proxies;
    }

    /** None trusted: every request is the connection's. */
    public static TrustedProxies none() {
        return new TrustedProxies(Cidrs.parse(""));
    }

    /** Where a request came from, as far as it can be believed: the client's address, HTTPS or not, the host asked for. */
    public record Origin(String address, boolean https, String host) {
    }

    /** The request's origin: its forwarding headers when its connection is a trusted proxy's, else its connection. */
    public Origin of(Exchange ex) {
        String peer = WebRequest.peerAddress(ex);
        boolean direct = "https".equalsIgnoreCase(WebRequest.header(ex, "CamelHttpScheme"));
        String host = WebRequest.requestHost(ex);
        if (!proxies.contains(peer)) {
            return new Origin(peer, direct, host);
        }
        List<Hop> hops = hops(ex);
        if (hops.isEmpty()) {
            return new Origin(peer, direct, host); // a proxy's own request (a health check): its address
        }
        int i = hops.size() - 1;
        while (i > 0 && proxies.contains(hops.get(i).address())) {
            i--;
        }
        Hop client = hops.get(i);
        String proto = client.proto() != null ? client.proto() : first(WebRequest.header(ex, "X-Forwarded-Proto"));
        String forwardedHost = client.host() != null ? client.host() : first(WebRequest.header(ex, "X-Forwarded-Host"));
        return new Origin(client.address() == null ? peer : client.address(),
                proto == null ? direct : proto.equalsIgnoreCase("https"), forwardedHost == null ? host : forwardedHost);
    }

    /** One hop a forwarding header names: the address it came from and, in {@code Forwarded}, its scheme and host. */
    private record Hop(String address, String proto, String host) {
    }

    /** The hops of {@code Forwarded} when present, else of {@code X-Forwarded-For}, client first. */
    private static List<Hop> hops(Exchange ex) {
        List<Hop> out = new ArrayList<>();
        String forwarded = WebRequest.header(ex, "Forwarded");
        if (forwarded != null) {
            for (String element : forwarded.split(",")) {
                String address = null;
                String proto = null;
                String host = null;
                for (String pair : element.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        continue;
                    }
                    String name = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                    String value = unquote(pair.substring(eq + 1).trim());
                    switch (name) {
                        case "for" -> address = nodeAddress(value);
                        case "proto" -> proto = value;
                        case "host" -> host = value;
                        default -> { }
                    }
                }
                out.add(new Hop(address, proto, host));
            }
            return out;
        }
        String xff = WebRequest.header(ex, "X-Forwarded-For");
        if (xff != null) {
            for (String a : xff.split(",")) {
                if (!a.isBlank()) {
                    out.add(new Hop(nodeAddress(a.trim()), null, null));
                }
            }
        }
        return out;
    }

    /**
     * The address of a node as forwarding headers write it: {@code 192.0.2.43}, {@code 192.0.2.43:4711},
     * {@code [2001:db8::17]:4711} or a bare IPv6 address, without its port; an obfuscated or {@code unknown} node as
     * written (the client is then that name, shared by all the proxy calls so).
     */
    static String nodeAddress(String v) {
        String s = v.trim();
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            return end > 0 ? s.substring(1, end) : s;
        }
        int colon = s.indexOf(':');
        if (colon > 0 && colon == s.lastIndexOf(':')) {
            return s.substring(0, colon); // IPv4 with a port
        }
        return s;
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    private static String first(String list) {
        if (list == null) {
            return null;
        }
        String f = list.split(",")[0].trim();
        return f.isEmpty() ? null : f;
    }
}
