package com.cwfn.app;

import com.cwfn.admin.RegistrationHealthCheck;
import com.cwfn.admin.RegistrationWatch;
import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.fieldnation.TokenProvider;
import com.cwfn.inbox.DatabaseOutage;
import com.cwfn.inbox.StepTracker;
import com.cwfn.observe.CredentialsHealthCheck;
import com.cwfn.observe.DatabaseHealthCheck;
import com.cwfn.store.Database;
import com.cwfn.tracing.Tracing;
import java.time.Clock;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;

/** Readiness (the database, the credentials) on /observe/health, and a log line (and, traced, a span) per route step. */
public class ObserveConfiguration implements CamelConfiguration {

    /** Checks the credentials at most once a minute with logins of its own. */
    @BindToRegistry
    public CredentialsHealthCheck credentialsHealthCheck(ConnectWiseClient cw, TokenProvider tokens, Clock clock) {
        return new CredentialsHealthCheck(cw, tokens::fresh, clock);
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        context.addStartupListener(new ServersListening());
        context.getCamelContextExtension().addInterceptStrategy(new StepTracker(
                context.getRegistry().findSingleByType(Tracing.class)));
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null) {
            DatabaseOutage outage = context.getRegistry().findSingleByType(DatabaseOutage.class);
            DatabaseHealthCheck database = new DatabaseHealthCheck(context.getRegistry().findSingleByType(
                    Database.class), outage::isDown);
            database.setCamelContext(context);
            health.register(database);
            CredentialsHealthCheck credentials = context.getRegistry().findSingleByType(CredentialsHealthCheck.class);
            credentials.setCamelContext(context);
            health.register(credentials);
            RegistrationHealthCheck registrations = new RegistrationHealthCheck(context.getRegistry()
                    .findSingleByType(RegistrationWatch.class));
            registrations.setCamelContext(context);
            health.register(registrations);
        }
    }
}
