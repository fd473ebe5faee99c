package com.cwfn.app;

import com.cwfn.settings.Catalog;
import com.cwfn.settings.Setting;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.main.MainListenerSupport;

/**
 * Switches Camel's own machinery for its tools on only when a tool is: JMX (camel-management is on the class path for
 * the CLI connector and Jolokia, and Camel would turn JMX on for every connector) for the CLI's route counters and for
 * Jolokia; the developer consoles for the CLI and {@code /q/dev}; the message tracer, on standby, for
 * {@code camel trace}. Decided before Camel configures itself, so an explicit {@code camel.main.*} setting still wins.
 */
final class CamelToolsSwitch extends MainListenerSupport {

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        boolean cli = on(context, Catalog.CAMEL_CLI);
        boolean console = on(context, Catalog.DEV_CONSOLE);
        boolean jolokia = on(context, Catalog.JOLOKIA);
        MainConfigurationProperties camel = main.configure();
        camel.setJmxEnabled(cli || jolokia);
        camel.setDevConsoleEnabled(cli || console);
        if (cli) {
            camel.tracerConfig().setStandby(true);
        }
    }

    private static boolean on(CamelContext context, Setting s) {
        return "true".equalsIgnoreCase(context.getPropertiesComponent().resolveProperty(s.key()).orElse("").trim());
    }
}
