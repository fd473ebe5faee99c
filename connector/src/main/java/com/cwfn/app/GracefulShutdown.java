package com.cwfn.app;

import com.cwfn.inbox.InboxWorker;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM: stop intake first (new requests are told to retry, nothing accepted is lost), take no more work from
 * the inbox, let work in flight finish within Camel's shutdown timeout (unfinished claims go back to the inbox when
 * the worker stops, see InboxConfiguration), and exit 0.
 *
 * <p>Camel Main stops Camel on its own thread once it is asked to, by this hook or by its own hang-up hook (Camel
 * 4.18 installs that one even when told not to); both run at once on SIGTERM. So the order lives in a listener that
 * runs before Camel stops, whoever asked, and this hook waits for the stop to finish before it exits with 0.
 */
public final class GracefulShutdown {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);
    private static final List<String> INTAKE_ROUTES = List.of("intake-connectwise", "intake-fieldnation");
    private static volatile boolean exitRequested;

    private GracefulShutdown() {
    }

    /** Installs the hook; the process then exits 0 on SIGTERM once the connector has stopped. */
    public static void install(Main main) {
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeStop(BaseMainSupport m) {
                stopIntake(m.getCamelContext());
            }
        });
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

    /** Asks Main to stop and waits until Camel has stopped (the database closes last), then flushes the log. */
    public static void stop(Main main) {
        CamelContext ctx = main.getCamelContext();
        if (ctx == null || !(ctx.isStarted() || ctx.isStopping())) {
            return;
        }
        main.getShutdownStrategy().shutdown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ctx.getShutdownStrategy().getTimeout() + 10);
        while (!ctx.isStopped() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        LOG.info("stopped");
        try {
            ((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory()).stop();
        } catch (ClassCastException e) {
            // another logging backend: nothing to flush
        }
    }

    /** Intake first: callbacks and webhooks arriving from now on are told to retry; the worker takes no more. */
    static void stopIntake(CamelContext ctx) {
        if (ctx == null) {
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
    }
}
