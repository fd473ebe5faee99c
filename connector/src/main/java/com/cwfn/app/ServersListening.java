package com.cwfn.app;

import com.cwfn.settings.SettingsException;
import io.vertx.core.net.impl.TCPServerBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;

/**
 * Start-up stops when an HTTP server does not listen. Camel's Vert.x server only logs a warning when its port is
 * taken and the context starts anyway: a connector would then look healthy on its management port while another
 * process answers ConnectWise's callbacks (with 404s) on the port it was given. (Vert.x says whether a server
 * listens only on its implementation class; its {@code actualPort()} answers the configured port either way.)
 */
final class ServersListening implements StartupListener {
    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the servers start with the context's services; they are checked once everything has started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        Set<VertxPlatformHttpServer> servers = context.hasServices(VertxPlatformHttpServer.class);
        List<String> notListening = new ArrayList<>();
        for (VertxPlatformHttpServer s : servers) {
            if (!(s.getServer() instanceof TCPServerBase tcp) || !tcp.isListening()) {
                notListening.add(describe(context, s.getConfigurationPort(), s.getHost()));
            }
        }
        if (!notListening.isEmpty()) {
            throw new SettingsException(String.join("; ", notListening) + ": is another process listening there? "
                    + "Stop it or choose another port");
        }
    }

    /** Names the setting that gave the port, as operators set it. */
    private static String describe(CamelContext context, int port, String host) {
        String key = "a port";
        for (String k : List.of("camel.server.port", "camel.management.port")) {
            if (context.getPropertiesComponent().resolveProperty(k).map(String::trim).filter(
                    v -> v.equals(String.valueOf(port))).isPresent()) {
                key = k;
            }
        }
        return key + " " + port + " is not listening (" + host + ":" + port + " is taken)";
    }
}
