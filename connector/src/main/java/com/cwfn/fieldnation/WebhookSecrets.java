package com.cwfn.fieldnation;

import com.cwfn.store.StateStore;
import com.cwfn.store.StoreException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * The secret Field Nation signs webhooks with: {@code fieldnation.webhook-secret} when it is set, else the one kept in
 * the database, which registration generated (a UUID, the format Webhooks v3 requires) or adopted from the webhook
 * Field Nation already had. Every instance on one database reads the same row; each keeps it for a short while and
 * reads it again when a signature does not match, so a secret registration just changed is not refused.
 */
public class WebhookSecrets {
    /** The name of the row in {@code connector_state}. */
    public static final String STATE_KEY = "fieldnation.webhook-secret";
    private static final long CACHE_MS = 30_000;

    private final String configured;
    private final StateStore state;
    private final Clock clock;
    private volatile String cached;
    private volatile long readAt = Long.MIN_VALUE / 2; // never read: now - readAt must not overflow

    /** @param configured {@code fieldnation.webhook-secret}, or empty */
    public WebhookSecrets(String configured, StateStore state, Clock clock) {
        this.configured = configured == null ? "" : configured.trim();
        this.state = state;
        this.clock = clock;
    }

    /** True when the secret comes from the settings (registration then sends it, whatever Field Nation has). */
    public boolean isConfigured() {
        return !configured.isEmpty();
    }

    /** The secret in use, if there is one yet. */
    public Optional<String> current() {
        if (isConfigured()) {
            return Optional.of(configured);
        }
        if (clock.millis() - readAt > CACHE_MS) {
            return reload();
        }
        return Optional.ofNullable(cached);
    }

    /**
     * The secret as the database has it now (the configured one when set). While the database does not answer, the
     * secret read last stands (read again at the next call); with none read yet, the failure is thrown.
     */
    public Optional<String> reload() {
        if (isConfigured()) {
            return Optional.of(configured);
        }
        try {
            cached = state.get(STATE_KEY).filter(s -> !s.isBlank()).orElse(null);
        } catch (StoreException e) {
            if (cached == null) {
                throw e;
            }
            return Optional.of(cached);
        }
        readAt = clock.millis();
        return Optional.ofNullable(cached);
    }

    /** The stored secret, or a new UUID stored now (one per database, whichever instance stores first). */
    public String generated() {
        String s = state.putIfAbsent(STATE_KEY, UUID.randomUUID().toString());
        remember(s);
        return s;
    }

    /** Keeps the secret Field Nation holds for our webhook, so intake verifies with it. */
    public String adopt(String secret) {
        state.put(STATE_KEY, secret);
        remember(secret);
        return secret;
    }

    private void remember(String s) {
        cached = s;
        readAt = clock.millis();
    }
}
