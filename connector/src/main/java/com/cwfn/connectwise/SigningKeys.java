package com.cwfn.connectwise;

import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The callback signing keys, fetched from {@code Metadata.key_url} only when that URL is on the ConnectWise
 * host (anything else would let a caller make the connector fetch arbitrary URLs), and cached for an hour. A fetch is
 * counted in the ConnectWise request budget but never waits for a slot ({@link ConnectWiseClient#signingKey}).
 */
public class SigningKeys {
    private static final long TTL_MS = 3_600_000;

    private record Cached(String key, long fetchedAt) {
    }

    private final ConnectWiseClient client;
    private final URI connectWise;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public SigningKeys(ConnectWiseClient client, String connectWiseUrl, Clock clock) {
        this.client = client;
        this.connectWise = URI.create(connectWiseUrl);
        this.clock = clock;
    }

    /** True when the key URL has the scheme, host and port of connectwise.url. */
    public boolean isTrusted(String keyUrl) {
        try {
            URI u = URI.create(keyUrl);
            return u.getScheme() != null && u.getHost() != null
                    && u.getScheme().equalsIgnoreCase(connectWise.getScheme())
                    && u.getHost().toLowerCase(Locale.ROOT).equals(connectWise.getHost().toLowerCase(Locale.ROOT))
                    && port(u) == port(connectWise)
                    && u.getRawUserInfo() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI u) {
        if (u.getPort() != -1) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /** The key at a trusted key URL, from the cache when fresh; callbacks arriving together share one fetch. */
    public String keyFor(String keyUrl) {
        String fresh = fresh(keyUrl);
        if (fresh != null) {
            return fresh;
        }
        synchronized (this) {
            fresh = fresh(keyUrl);
            if (fresh != null) {
                return fresh;
            }
            String key = client.signingKey(keyUrl);
            cache.put(keyUrl, new Cached(key, clock.millis()));
            return key;
        }
    }

    private String fresh(String keyUrl) {
        Cached c = cache.get(keyUrl);
        return c != null && clock.millis() - c.fetchedAt < TTL_MS ? c.key : null;
    }

    /** Drops a cached key (e.g. when a signature did not verify with it, the key may have been rotated). */
    public void forget(String keyUrl) {
        cache.remove(keyUrl);
    }
}
