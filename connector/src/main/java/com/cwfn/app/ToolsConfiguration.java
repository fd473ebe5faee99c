package com.cwfn.app;

import com.cwfn.console.BasicLogin;
import com.cwfn.console.Credentials;
import com.cwfn.console.LoginThrottle;
import com.cwfn.observe.MaskingDevConsoles;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.apache.camel.console.DevConsoleResolver;
import org.apache.camel.spi.CliConnectorFactory;
import org.apache.camel.spi.ProcessorFactory;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.HomeHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an integration engineer's own tools see of the connector (docs/operations.md, "Camel's own tools"): Camel
 * JBang through the CLI connector ({@code connector.camel-cli.enabled}), the developer console and Jolokia on the
 * management port behind the admin login, every console with the configured secrets masked, and a route step that
 * cannot be built named with its route and file. JMX, the consoles and the tracer are switched by
 * {@link CamelToolsSwitch} before Camel configures itself.
 */
public class ToolsConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(ToolsConfiguration.class);

    @Override
    public void configure(CamelContext context) {
        context.getCamelContextExtension().addContextPlugin(ProcessorFactory.class,
                new StepNamingProcessorFactory(PluginHelper.getProcessorFactory(context)));
        Registry registry = context.getRegistry();
        Settings settings = registry.findSingleByType(Settings.class);
        boolean cli = settings.flag(Catalog.CAMEL_CLI);
        boolean console = settings.flag(Catalog.DEV_CONSOLE);
        boolean jolokia = settings.flag(Catalog.JOLOKIA);

        CliConnectorFactory connector = context.getCamelContextExtension().getContextPlugin(CliConnectorFactory.class);
        if (connector != null) {
            boolean reachable = cli && ownersOnly(Path.of(HomeHelper.resolveHomeDir(), ".camel"));
            connector.setEnabled(reachable);
            if (reachable) {
                connector.setRuntimeStartClass(Application.class.getName());
            }
        }
        if (cli || console) {
            context.getCamelContextExtension().addContextPlugin(DevConsoleResolver.class,
                    new MaskingDevConsoles(PluginHelper.getDevConsoleResolver(context), settings::mask));
        }
        ManagementHttpServer management = context.hasService(ManagementHttpServer.class);
        if (management != null && (console || jolokia)) {
            BasicLogin login = new BasicLogin(registry.findSingleByType(Credentials.class),
                    registry.findSingleByType(LoginThrottle.class));
            AuthenticationConfig auth = management.getConfiguration().getAuthenticationConfig();
            if (console) {
                auth.getEntries().add(ManagementLogin.entry("/q/dev*", login));
            }
            if (jolokia) {
                auth.getEntries().add(ManagementLogin.entry(management.getJolokiaPath() + "*", login));
            }
            auth.setEnabled(true);
        }
    }

    /**
     * The CLI's status files (route status, traced messages) are for the connector's user: ~/.camel made 0700. False
     * when it cannot be made (a read-only file system, as in a container run with --read-only): the connector runs on
     * without the CLI connector, and says so, since Camel JBang is a tool and not the connector's work.
     */
    private static boolean ownersOnly(Path dir) {
        if (Files.isDirectory(dir)) {
            return true; // Camel JBang made it already
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: as the system makes it
        } catch (IOException e) {
            LOG.warn("Camel JBang cannot see this connector ({} is on): its status directory {} cannot be made ({}); "
                    + "give the connector's user a writable home directory (HOME) to use it", Catalog.CAMEL_CLI.key(),
                    dir, e.toString());
            return false;
        }
        return true;
    }
}
