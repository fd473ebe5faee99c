package com.cwfn.sandbox.fieldnation;

import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxException;
import com.cwfn.sandbox.SandboxRequest;
import com.cwfn.sandbox.SandboxResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OAuth of the Field Nation sandbox: the token endpoint (grant types password, client_credentials, refresh_token)
 * and the check of the access token REST v2 and Webhooks v3 calls carry.
 */
final class FnOAuth {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String clientId;
    private final String clientSecret;
    private final String username;
    private final String password;
    private final long apiUserId;

    private record Token(String value, Instant expires, long userId) {
    }

    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, Long> refreshTokens = new ConcurrentHashMap<>();
    private final Set<String> expiredTokens = ConcurrentHashMap.newKeySet();
    private volatile Duration tokenTtl = Duration.ofSeconds(3600);

    FnOAuth(String clientId, String clientSecret, String username, String password, long apiUserId) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.username = username;
        this.password = password;
        this.apiUserId = apiUserId;
    }

    void tokenTtl(Duration ttl) {
        this.tokenTtl = ttl;
    }

    Duration tokenTtl() {
        return tokenTtl;
    }

    /** Every token issued so far stops working (answers 401 "expired"); new token requests work. */
    void expireAllTokens() {
        expiredTokens.addAll(tokens.keySet());
        tokens.clear();
    }

    /**
     * Why a REST v2 or Webhooks v3 call is refused (401), or null when it carries a valid token or needs none.
     * REST v2 takes {@code ?access_token=} (documented), else {@code Authorization: Bearer}; webhooks v3 Bearer only.
     */
    String problem(SandboxRequest req) {
        String path = req.path();
        boolean rest = path.startsWith(FieldNationSandbox.REST_PREFIX + "/")
                || path.equals(FieldNationSandbox.REST_PREFIX);
        boolean hooks = path.startsWith(FieldNationSandbox.WEBHOOKS_PREFIX);
        if (!rest && !hooks) {
            return null;
        }
        String token = rest ? req.query("access_token") : null;
        String auth = req.header("Authorization");
        if ((token == null || token.isEmpty()) && auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = auth.substring(7).trim();
        }
        if (token == null || token.isEmpty()) {
            return hooks ? "Unauthorized: missing Bearer token" : "The request is missing a valid access token";
        }
        Token t = tokens.get(token);
        if (t == null) {
            return expiredTokens.contains(token) ? "The access token provided has expired"
                    : "The access token provided is invalid";
        }
        return Instant.now().isBefore(t.expires()) ? null : "The access token provided has expired";
    }

    SandboxResponse token(SandboxRequest r) {
        Map<String, String> p = new HashMap<>();
        String text = r.bodyText().trim();
        if (r.isFormEncoded() || (!text.isEmpty() && !text.startsWith("{"))) {
            r.form().forEach((k, v) -> {
                if (!v.isEmpty()) {
                    p.put(k, v.get(0));
                }
            });
        } else if (!text.isEmpty()) {
            JsonNode j = r.json();
            if (!j.isObject()) {
                throw new SandboxException(400, "Request body must be a JSON object");
            }
            j.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    p.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        String basic = r.header("Authorization");
        if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String dec = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = dec.indexOf(':');
                if (colon > 0) {
                    p.putIfAbsent("client_id", dec.substring(0, colon));
                    p.putIfAbsent("client_secret", dec.substring(colon + 1));
                }
            } catch (IllegalArgumentException e) {
                // not Basic credentials: ignored
            }
        }
        String grant = p.get("grant_type");
        if (grant == null || grant.isBlank()) {
            throw new SandboxException(400, "Missing Parameter: grant_type");
        }
        switch (grant) {
            case "password":
                require(p, "client_id", "client_secret", "username", "password");
                checkClient(p);
                if (!username.equalsIgnoreCase(p.get("username")) || !password.equals(p.get("password"))) {
                    throw new SandboxException(401, "Invalid username or password");
                }
                return issue();
            case "client_credentials":
                require(p, "client_id", "client_secret");
                checkClient(p);
                return issue();
            case "refresh_token":
                require(p, "refresh_token");
                if (p.containsKey("client_id") || p.containsKey("client_secret")) {
                    require(p, "client_id", "client_secret");
                    checkClient(p);
                }
                if (refreshTokens.remove(p.get("refresh_token")) == null) {
                    throw new SandboxException(401, "Invalid refresh token");
                }
                return issue();
            default:
                throw new SandboxException(400, "Unsupported grant type: " + grant);
        }
    }

    private static void require(Map<String, String> p, String... names) {
        List<String> missing = new ArrayList<>();
        for (String n : names) {
            if (p.get(n) == null || p.get(n).isBlank()) {
                missing.add(n);
            }
        }
        if (!missing.isEmpty()) {
            throw new SandboxException(400, "Missing Parameter: " + String.join(", ", missing));
        }
    }

    private void checkClient(Map<String, String> p) {
        if (!clientId.equals(p.get("client_id")) || !clientSecret.equals(p.get("client_secret"))) {
            throw new SandboxException(401, "Client authentication failed");
        }
    }

    private SandboxResponse issue() {
        byte[] raw = new byte[24];
        RANDOM.nextBytes(raw);
        String access = HexFormat.of().formatHex(raw);
        RANDOM.nextBytes(raw);
        String refresh = HexFormat.of().formatHex(raw);
        Duration ttl = tokenTtl;
        tokens.put(access, new Token(access, Instant.now().plus(ttl), apiUserId));
        refreshTokens.put(refresh, apiUserId);
        ObjectNode o = Json.object();
        o.put("access_token", access);
        o.put("expires_in", ttl.toSeconds());
        o.put("token_type", "Bearer");
        o.put("scope", "basic");
        o.put("refresh_token", refresh);
        o.putObject("user").put("id", apiUserId);
        return SandboxResponse.ok(o).header("Cache-Control", "no-store");
    }
}
