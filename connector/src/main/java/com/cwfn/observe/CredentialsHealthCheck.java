package com.cwfn.observe;

import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.fieldnation.TokenProvider;
import com.cwfn.http.RemoteCallException;
import com.cwfn.http.RequestBudget;
import com.cwfn.pause.Pause;
import com.cwfn.store.StoreException;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: DOWN while ConnectWise or Field Nation rejects the connector's credentials (401/403, a refused
 * clientId); an API that does not answer leaves it UP (events are still recorded and retried later). Checked at
 * most once a minute, counted in the request budgets without waiting for a slot; while an API is paused (429) the
 * last answer stands, and so while the database does not answer. Liveness is not affected.
 */
public class CredentialsHealthCheck extends AbstractHealthCheck {
    private static final long EVERY_MS = 60_000;
    private final ConnectWiseClient cw;
    private final Supplier<TokenProvider> freshTokens;
    private final Clock clock;
    private volatile long checkedAt = Long.MIN_VALUE / 2;
    private volatile String problem;

    public CredentialsHealthCheck(ConnectWiseClient cw, Supplier<TokenProvider> freshTokens, Clock clock) {
        super("connector", "credentials");
        this.cw = cw;
        this.freshTokens = freshTokens;
        this.clock = clock;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        long now = clock.millis();
        if (now - checkedAt >= EVERY_MS) {
            try {
                problem = RequestBudget.withoutWaiting(this::check);
            } catch (Pause | StoreException paused) {
                // a throttled API, or a database that does not answer (where instances share the request budget),
                // says nothing about the credentials: the last answer stands
            }
            checkedAt = now;
        }
        if (problem == null) {
            builder.up();
        } else {
            builder.message(problem).down();
        }
    }

    String check() {
        try {
            cw.systemInfo();
        } catch (RemoteCallException e) {
            if (e.status() == 401 || e.status() == 403) {
                return "ConnectWise rejects the API member's keys (" + e.status() + "): check connectwise.company-id, "
                        + "public-key and private-key";
            }
            if (e.status() == 400 && String.valueOf(e.responseBody()).toLowerCase().contains("clientid")) {
                return "ConnectWise rejects connectwise.client-id";
            }
        }
        try {
            freshTokens.get().token();
        } catch (RemoteCallException e) {
            if (e.status() == 400 || e.status() == 401 || e.status() == 403) {
                return "Field Nation rejects the OAuth credentials (" + e.status() + "): check fieldnation.client-id, "
                        + "client-secret, username and password";
            }
        }
        return null;
    }
}
