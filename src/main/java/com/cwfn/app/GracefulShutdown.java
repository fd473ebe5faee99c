package com.cwfn.app;

import com.cwfn.inbox.InboxWorker;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM: stop intake first (new requests are refused, nothing accepted is lost), take no more work from
 * the inbox, let work in flight finish within Camel's shutdown timeout (unfinished claims go back to the
 * inbox when the worker stops, see ConnectorConfiguration), and exit 0.
 */
public final class GracefulShutdown {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);
    private static final List<String> INTAKE_ROUTES = List.of("intake-connectwise", "intake-fieldnation");
    private static volatile boolean exitRequested;

    private GracefulShutdown() {
    }

    /** Installs the hook; the process then exits 0 on SIGTERM once the connector has stopped. */
    public static void install(Main main) {
        if (main.getShutdownStrategy() instanceof org.apache.camel.main.DefaultMainShutdownStrategy d) {
            d.disableHangupSupport(); // this hook does the stopping, in the order above
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (exitRequested) {
                return; // the application is exiting by itself (System.exit) with its own code
            }
            stop(main);
            Runtime.getRuntime().halt(0);
        }, "connector-shutdown"));
    }

    /** Marks an exit the application asked for, so the hook keeps its exit code. */
    public static void exiting() {
        exitRequested = true;
    }

    public static void stop(Main main) {
        CamelContext ctx = main.getCamelContext();
        if (ctx == null || !ctx.isStarted()) {
            return;
        }
        LOG.info("stopping: intake first, then work in flight");
        for (String id : INTAKE_ROUTES) {
            try {
                ctx.getRouteController().stopRoute(id);
            } catch (Exception e) {
                LOG.warn("could not stop route {}: {}", id, e.getMessage());
            }
        }
        InboxWorker worker = ctx.getRegistry().lookupByNameAndType("inboxWorker", InboxWorker.class);
        if (worker != null) {
            worker.stopAccepting();
        }
        try {
            main.stop();
        } catch (Exception e) {
            LOG.warn("stopping Camel: {}", e.getMessage());
        }
        LOG.info("stopped");
        try {
            ((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory()).stop();
        } catch (ClassCastException e) {
            // another logging backend: nothing to flush
        }
    }
}
