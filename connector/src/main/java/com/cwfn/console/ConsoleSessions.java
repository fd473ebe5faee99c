package com.cwfn.console;

import com.cwfn.store.ConsoleSessionStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Console sessions: a random 256-bit id in an HttpOnly, SameSite=Strict cookie ({@code Secure} over HTTPS), kept in
 * the database as a SHA-256 hash only, ended after {@code console.session-idle-minutes} without a request. Each
 * session has a CSRF token derived from its id (so it needs no storage and dies with the session); the pages send it
 * in {@code X-CSRF-Token} with every request that changes something.
 */
public class ConsoleSessions {
    public static final String COOKIE = "cwfn_console";
    /** A session's last-seen time is written at most this often (not on every request). */
    static final Duration TOUCH_EVERY = Duration.ofSeconds(30);

    /** A live session: who, and the CSRF token its pages must send. */
    public record Session(String idHash, String username, String csrfToken, long expiresAt) {
    }

    private final ConsoleSessionStore store;
    private final Clock clock;
    private final Duration idle;
    private final SecureRandom random = new SecureRandom();

    public ConsoleSessions(ConsoleSessionStore store, Clock clock, Duration idle) {
        this.store = store;
        this.clock = clock;
        this.idle = idle;
    }

    public Duration idle() {
        return idle;
    }

    /** Starts a session for {@code username}; answers the id, the cookie's value (never stored as such). */
    public String start(String username) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        long now = clock.millis();
        store.deleteIdleSince(now - idle.toMillis());
        store.create(hash(id), username, now);
        return id;
    }

    /** The live session with this cookie value; an idle one is ended here. Counts as activity. */
    public Optional<Session> find(String id) {
        if (id == null || id.length() > 100) {
            return Optional.empty();
        }
        String h = hash(id);
        Optional<ConsoleSessionStore.Row> row = store.find(h);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        long now = clock.millis();
        long seen = row.get().lastSeenAt();
        if (seen + idle.toMillis() <= now) {
            store.delete(h);
            return Optional.empty();
        }
        if (now - seen >= TOUCH_EVERY.toMillis()) {
            store.touch(h, now);
            seen = now;
        }
        return Optional.of(new Session(h, row.get().username(), csrfToken(id), seen + idle.toMillis()));
    }

    public void end(String id) {
        if (id != null) {
            store.delete(hash(id));
        }
    }

    /** The Set-Cookie value that carries a new session's id. */
    public String cookie(String id, boolean https) {
        return COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Strict" + (https ? "; Secure" : "");
    }

    /** The Set-Cookie value that makes the browser forget its session cookie. */
    public static String expiredCookie(boolean https) {
        return COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (https ? "; Secure" : "");
    }

    /** True when {@code sent} is the CSRF token of the session with this id (constant time). */
    public static boolean csrfMatches(Session s, String sent) {
        return sent != null && MessageDigest.isEqual(s.csrfToken().getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8));
    }

    static String hash(String id) {
        return HexFormat.of().formatHex(Credentials.sha256(id));
    }

    /** Bound to the session: a hash of its id under another label than the stored one, so neither gives the other. */
    static String csrfToken(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Credentials.sha256("csrf:" + id));
    }
}
