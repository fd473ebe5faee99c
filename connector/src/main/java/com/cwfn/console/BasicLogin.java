package com.cwfn.console;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * HTTP Basic with the admin login ({@code admin.username} / {@code admin.password}), throttled per client address
 * ({@link LoginThrottle}): what the admin API asks of a Basic header, and what the management port asks before its
 * developer console and Jolokia. Reads and writes the database (the throttle): not for an event loop.
 */
public class BasicLogin {
    private final Credentials credentials;
    private final LoginThrottle throttle;

    /** What a Basic header from an address gets: in, refused (401), or a wait (429) before the next try. */
    public record Verdict(boolean accepted, Duration waitFor) {
        static final Verdict IN = new Verdict(true, Duration.ZERO);
        static final Verdict REFUSED = new Verdict(false, Duration.ZERO);

        /** Refused, and tries from the address must wait this long (429 with Retry-After). */
        public boolean throttled() {
            return !waitFor.isZero();
        }
    }

    public BasicLogin(Credentials credentials, LoginThrottle throttle) {
        this.credentials = credentials;
        this.throttle = throttle;
    }

    /** False while admin.password is empty: then nobody logs in (403). */
    public boolean enabled() {
        return credentials.enabled();
    }

    /**
     * Checks an Authorization header from {@code address}: past the failures allowed, tries wait without their
     * credentials being looked at; a wrong one counts against the address, a right one clears it.
     */
    public Verdict check(String address, String authorization) {
        Optional<Duration> waiting = throttle.waiting(address);
        if (waiting.isPresent()) {
            return new Verdict(false, waiting.get());
        }
        String[] userAndPassword = decode(authorization);
        if (userAndPassword != null && credentials.matches(userAndPassword[0], userAndPassword[1])) {
            throttle.succeeded(address);
            return Verdict.IN;
        }
        Duration now = throttle.failed(address);
        return now.isZero() ? Verdict.REFUSED : new Verdict(false, now);
    }

    /** User and password of a Basic header, or null when it is not one. */
    static String[] decode(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
}
