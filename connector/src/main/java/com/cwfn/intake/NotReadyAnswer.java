package com.cwfn.intake;

import com.cwfn.http.Refusal;
import com.cwfn.http.Refusals;
import io.vertx.core.http.HttpMethod;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * While the intake routes are not running (the connector is starting or stopping), the HTTP server would answer
 * callbacks and webhooks with 404, which Field Nation takes as "never again" and ConnectWise as "retry". This
 * answers what makes each of them retry instead: 503 for Field Nation (it retries 5xx) and 429 for ConnectWise
 * (it retries 404, 409, 419 and 429, not 5xx), both with Retry-After ({@link Refusal#SOON}), written by
 * {@link Refusals}. Once the routes run, requests reach them first and this handler only sees paths no route serves,
 * which it passes on (404).
 */
public final class NotReadyAnswer {
    private static final Logger LOG = LoggerFactory.getLogger(NotReadyAnswer.class);

    private NotReadyAnswer() {
    }

    /**
     * Installs the handler as soon as the HTTP server exists. Camel creates the server while it starts, with no hook
     * in between, so a daemon thread watches for it (every millisecond, for at most a minute).
     */
    public static void installWhenServerStarts(CamelContext context, int port) {
        Thread t = new Thread(() -> {
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline && !install(context, port)) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "intake-not-ready");
        t.setDaemon(true);
        t.start();
    }

    /** Installs the handler on the main HTTP server's router, behind every route Camel adds. */
    private static boolean install(CamelContext context, int port) {
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(port));
        if (router == null) {
            router = VertxPlatformHttpRouter.lookup(context);
        }
        if (router == null) {
            return false;
        }
        add(router, context, "/callbacks/*", "intake-connectwise", 429);
        add(router, context, "/webhooks/*", "intake-fieldnation", 503);
        return true;
    }

    private static void add(VertxPlatformHttpRouter router, CamelContext context, String path, String routeId,
            int status) {
        router.route(HttpMethod.POST, path).order(Integer.MAX_VALUE - 1).handler(rc -> {
            ServiceStatus s = context.getRouteController().getRouteStatus(routeId);
            if (s != null && s.isStarted()) {
                rc.next();
                return;
            }
            LOG.debug("{} {} while {} is {}: answered {}", rc.request().method(), rc.request().path(), routeId, s,
                    status);
            Refusals.write(rc.response(), Refusals.plain(new Refusal(status, "not ready", "the connector is starting "
                    + "or stopping; please retry").retryAfter(Refusal.SOON)));
        });
    }
}
