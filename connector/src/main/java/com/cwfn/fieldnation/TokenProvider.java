package com.cwfn.fieldnation;

import com.cwfn.http.RemoteApi;
import com.cwfn.http.RemoteCallException;
import com.cwfn.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Map;

/**
 * Field Nation OAuth: a password-grant token, cached and renewed a minute before it expires, or at once
 * when a call answers 401 ({@link #invalidate(String)}).
 */
public class TokenProvider {
    private static final long RENEW_BEFORE_MS = 60_000;
    private final RemoteApi api;
    private final String clientId;
    private final String clientSecret;
    private final String username;
    private final String password;
    private final Clock clock;
    private String token;
    private long expiresAt;
    private Long userId;

    public TokenProvider(RemoteApi api, String clientId, String clientSecret, String username, String password,
            Clock clock) {
        this.api = api;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.username = username;
        this.password = password;
        this.clock = clock;
    }

    /** The API this provider logs in to. */
    public RemoteApi api() {
        return api;
    }

    /** A new provider for the same credentials, with no token yet: a login of its own (credential checks). */
    public TokenProvider fresh() {
        return new TokenProvider(api, clientId, clientSecret, username, password, clock);
    }

    /** A valid access token, fetched when there is none or it is about to expire. */
    public synchronized String token() {
        if (token == null || clock.millis() >= expiresAt - RENEW_BEFORE_MS) {
            fetch();
        }
        return token;
    }

    /** Forgets {@code rejected} so the next call fetches a new token (another thread may have renewed already). */
    public synchronized void invalidate(String rejected) {
        if (rejected != null && rejected.equals(token)) {
            token = null;
        }
    }

    /** The Field Nation user id of the API user, when the token answer told it. */
    public synchronized Long userId() {
        if (token == null) {
            fetch();
        }
        return userId;
    }

    private void fetch() {
        String body = Json.write(Json.object()
                .put("grant_type", "password")
                .put("client_id", clientId)
                .put("client_secret", clientSecret)
                .put("username", username)
                .put("password", password));
        JsonNode n = api.call("POST", "/authentication/api/oauth/token", null,
                Map.of("Content-Type", "application/json", "Accept", "application/json", "User-Agent",
                        FieldNationClient.USER_AGENT), body,
                "POST /authentication/api/oauth/token").json();
        String t = Json.text(n, "access_token");
        if (t == null || t.isEmpty()) {
            throw new RemoteCallException(FieldNationClient.SYSTEM, "POST /authentication/api/oauth/token", 200, null,
                    "no access_token in the answer", null);
        }
        Long ttl = Json.number(n, "expires_in");
        token = t;
        expiresAt = clock.millis() + (ttl == null ? 3600 : ttl) * 1000L;
        Long uid = Json.number(n, "user/id");
        if (uid != null) {
            userId = uid;
        }
    }
}
