package com.cwfn.app;

import java.nio.file.Path;
import org.apache.camel.main.Main;

/**
 * The connector's wiring, one configuration class per area, in the order their beans depend on each other. Camel
 * Main binds each class's {@code @BindToRegistry} methods by name (the names the route files use), resolving their
 * parameters from the beans bound before, then calls their {@code configure} methods.
 */
public final class ConnectorConfiguration {
    private ConnectorConfiguration() {
    }

    public static void addTo(Main main, Path home) {
        var c = main.configure();
        c.addConfiguration(new SettingsConfiguration(home));
        c.addConfiguration(new TracingConfiguration());
        c.addConfiguration(new StoreConfiguration());
        c.addConfiguration(new BudgetConfiguration());
        c.addConfiguration(new ClientsConfiguration());
        c.addConfiguration(new InboxConfiguration());
        c.addConfiguration(new FailuresConfiguration());
        c.addConfiguration(new IntakeConfiguration());
        c.addConfiguration(new DispatchConfiguration());
        c.addConfiguration(new RoutingConfiguration());
        c.addConfiguration(new SyncBackConfiguration());
        c.addConfiguration(new RegistrationsConfiguration());
        c.addConfiguration(new ConsoleConfiguration());
        c.addConfiguration(new AdminConfiguration());
        c.addConfiguration(new JobsConfiguration(home));
        c.addConfiguration(new ObserveConfiguration());
        c.addConfiguration(new ToolsConfiguration());
    }
}
