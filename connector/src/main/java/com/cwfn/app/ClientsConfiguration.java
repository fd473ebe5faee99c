package com.cwfn.app;

import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.connectwise.SigningKeys;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.fieldnation.ProviderPools;
import com.cwfn.fieldnation.TokenProvider;
import com.cwfn.http.ReferenceCache;
import com.cwfn.http.RemoteApi;
import com.cwfn.http.RequestBudgets;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Settings;
import com.cwfn.tracing.Tracing;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/**
 * The ConnectWise and Field Nation clients, over camel-http, each through its request budget, counted in the metrics,
 * each call a span when tracing is on.
 */
public class ClientsConfiguration implements CamelConfiguration {

    @BindToRegistry
    public ConnectWiseClient connectWiseClient(Settings settings, CamelContext context, PrometheusMeterRegistry meters,
            RequestBudgets budgets, Clock clock, Tracing tracing) {
        RemoteApi api = new RemoteApi(ConnectWiseClient.SYSTEM, settings.connectWiseUrl(), context, meters,
                budgets.of(ConnectWiseClient.SYSTEM));
        api.tracing(tracing);
        return new ConnectWiseClient(api, settings.text(Catalog.CONNECTWISE_COMPANY_ID),
                settings.text(Catalog.CONNECTWISE_PUBLIC_KEY), settings.text(Catalog.CONNECTWISE_PRIVATE_KEY),
                settings.text(Catalog.CONNECTWISE_CLIENT_ID), settings.connectWiseCodebase(),
                new ReferenceCache(settings.integer(Catalog.CONNECTWISE_CACHE_TTL_MS), clock));
    }

    /** The Field Nation login (OAuth password grant), shared by every call. */
    @BindToRegistry
    public TokenProvider tokenProvider(Settings settings, CamelContext context, PrometheusMeterRegistry meters,
            Clock clock, RequestBudgets budgets, Tracing tracing) {
        RemoteApi api = new RemoteApi(FieldNationClient.SYSTEM, settings.fieldNationUrl(), context, meters,
                budgets.of(FieldNationClient.SYSTEM));
        api.tracing(tracing);
        return new TokenProvider(api, settings.text(Catalog.FIELDNATION_CLIENT_ID),
                settings.text(Catalog.FIELDNATION_CLIENT_SECRET), settings.text(Catalog.FIELDNATION_USERNAME),
                settings.text(Catalog.FIELDNATION_PASSWORD), clock);
    }

    @BindToRegistry
    public FieldNationClient fieldNationClient(TokenProvider tokens) {
        return new FieldNationClient(tokens.api(), tokens);
    }

    /** Field Nation provider pools by name (routing stages), kept like ConnectWise's reference records. */
    @BindToRegistry
    public ProviderPools providerPools(FieldNationClient fn, Settings settings, Clock clock) {
        return new ProviderPools(fn, new ReferenceCache(settings.integer(Catalog.CONNECTWISE_CACHE_TTL_MS), clock));
    }

    /** Callback signing keys, fetched only from the ConnectWise host and cached. */
    @BindToRegistry
    public SigningKeys signingKeys(ConnectWiseClient cw, Settings settings, Clock clock) {
        return new SigningKeys(cw, settings.connectWiseUrl(), clock);
    }
}
