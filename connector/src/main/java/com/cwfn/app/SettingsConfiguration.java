package com.cwfn.app;

import com.cwfn.mapping.Mappings;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Settings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;

/** What everything else reads: the checked settings, mappings.yaml, the clock and the meter registry. */
public class SettingsConfiguration implements CamelConfiguration {
    private final Path home;

    SettingsConfiguration(Path home) {
        this.home = home;
    }

    /** The settings from Camel's property sources; start-up stops here, naming every setting to fix. */
    @BindToRegistry
    public Settings settings(CamelContext context) {
        Settings settings = new Settings(key -> context.getPropertiesComponent().resolveProperty(key).orElse(""));
        settings.validate();
        return settings;
    }

    @BindToRegistry
    public Clock clock() {
        return Clock.systemUTC();
    }

    /** The registry Camel's metrics (camel.metrics.*) expose on /observe/metrics: Camel's when it made one. */
    @BindToRegistry
    public PrometheusMeterRegistry metricsRegistry(Registry registry) {
        PrometheusMeterRegistry meters = registry.lookupByNameAndType("metricsRegistry", PrometheusMeterRegistry.class);
        return meters != null ? meters : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /** mappings.yaml, loaded and checked; a broken file stops start-up naming each problem and its line. */
    @BindToRegistry
    public Mappings mappings(Settings settings) {
        return new Mappings(home, settings.text(Catalog.SYNC_MAPPINGS));
    }
}
