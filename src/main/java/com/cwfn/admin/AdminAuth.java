package com.cwfn.admin;

import com.cwfn.http.HttpAnswer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.apache.camel.Exchange;

/**
 * HTTP Basic for {@code /admin/*}: the one authentication step before every operation of the admin API (the
 * Rest DSL in routes/admin.camel.yaml) and its OpenAPI document. No or wrong credentials answer 401 with a
 * Basic challenge; while {@code admin.password} is empty every admin request answers 403 saying how to enable it.
 * Either way the route stops there. Credentials are compared in constant time (digests of equal length).
 */
public class AdminAuth {
    public static final String REALM = "cw-fn-connector";
    private final byte[] username;
    private final byte[] password;
    private final boolean enabled;

    public AdminAuth(String username, String password) {
        this.enabled = password != null && !password.isEmpty();
        this.username = digest(username == null ? "" : username);
        this.password = digest(password == null ? "" : password);
    }

    public void check(Exchange exchange) {
        if (!enabled) {
            HttpAnswer.error(exchange, 403, "admin API disabled", "the admin API is off while admin.password is "
                    + "empty: set admin.password (environment variable ADMIN_PASSWORD, or -Dadmin.password=...) and "
                    + "restart the connector");
            exchange.setRouteStop(true);
            return;
        }
        if (!valid(HttpAnswer.header(exchange, "Authorization"))) {
            HttpAnswer.error(exchange, 401, "unauthorized", "HTTP Basic credentials admin.username / admin.password "
                    + "are required");
            exchange.getMessage().setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
            exchange.setRouteStop(true);
        }
    }

    boolean valid(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        boolean user = MessageDigest.isEqual(username, digest(decoded.substring(0, colon)));
        boolean pass = MessageDigest.isEqual(password, digest(decoded.substring(colon + 1)));
        return user & pass;
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
