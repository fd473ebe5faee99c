package com.cwfn.console;

import com.cwfn.store.LoginFailureStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows password guessing on the admin login (console form and HTTP Basic on {@code /admin}): after
 * {@code admin.login-failures-before-delay} failures in a row from one address, further tries from it are refused,
 * without looking at the credentials, until a wait is over: 1 s after the first failure past the limit, doubling with
 * each further failure, at most 15 minutes. A success clears the address; failures an hour old are forgotten. Kept in
 * the database, so it holds across instances and restarts. The log names the address and the count, never what was
 * typed.
 */
public class LoginThrottle {
    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);
    static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofHours(1);

    private final LoginFailureStore store;
    private final Clock clock;
    private final int failuresBeforeDelay;

    public LoginThrottle(LoginFailureStore store, Clock clock, int failuresBeforeDelay) {
        this.store = store;
        this.clock = clock;
        this.failuresBeforeDelay = failuresBeforeDelay;
    }

    /** How long tries from {@code address} must still wait, or empty when it may try now. */
    public Optional<Duration> waiting(String address) {
        long now = clock.millis();
        return store.find(address).filter(r -> r.waitUntil() > now)
                .map(r -> Duration.ofMillis(r.waitUntil() - now));
    }

    /** Counts a failed login from {@code address}; answers the wait it now has (zero below the limit). */
    public Duration failed(String address) {
        long now = clock.millis();
        store.find(address).filter(r -> r.lastFailureAt() < now - FORGET_AFTER.toMillis())
                .ifPresent(r -> store.clear(address));
        LoginFailureStore.Row row = store.countFailure(address, now);
        int over = row.failures() - failuresBeforeDelay;
        if (over < 0) {
            LOG.info("admin login failed from {} ({} of {} failures before tries from it wait)", address,
                    row.failures(), failuresBeforeDelay);
            return Duration.ZERO;
        }
        Duration wait = waitFor(over);
        store.waitUntil(address, now + wait.toMillis());
        LOG.warn("admin login failed from {} ({} failures in a row); further tries from it wait {} s", address,
                row.failures(), Math.max(1, wait.toSeconds()));
        return wait;
    }

    public void succeeded(String address) {
        store.clear(address);
    }

    /** The wait after the {@code over}-th failure past the limit (0-based): 1 s, 2 s, 4 s, ... at most 15 min. */
    static Duration waitFor(int over) {
        long ms = FIRST_WAIT.toMillis() << Math.min(over, 20);
        return Duration.ofMillis(Math.min(ms, LONGEST_WAIT.toMillis()));
    }
}
