package com.cwfn.app;

import com.cwfn.admin.AdminAuth;
import com.cwfn.console.BasicLogin;
import com.cwfn.http.Refusal;
import com.cwfn.http.Refusals;
import io.vertx.core.Vertx;
import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;

/**
 * The admin login in front of the management port's developer console ({@code /q/dev}) and Jolokia
 * ({@code /observe/jolokia}): HTTP Basic with {@code admin.username} / {@code admin.password}, throttled like the
 * admin API's; 403 while {@code admin.password} is empty. Health and metrics stay open (load balancers, Prometheus).
 * Camel's management server runs it before its own handlers of those paths.
 */
final class ManagementLogin implements AuthenticationHandler {
    private final BasicLogin login;

    ManagementLogin(BasicLogin login) {
        this.login = login;
    }

    /** The entry that puts this login before {@code path} (a Vert.x route path, e.g. /q/dev*). */
    static AuthenticationConfig.AuthenticationConfigEntry entry(String path, BasicLogin login) {
        AuthenticationConfig.AuthenticationConfigEntry entry = new AuthenticationConfig.AuthenticationConfigEntry();
        entry.setPath(path);
        entry.setAuthenticationProviderFactory(ManagementLogin::noProvider);
        entry.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends AuthenticationProvider> AuthenticationHandler createAuthenticationHandler(T provider) {
                return new ManagementLogin(login);
            }
        });
        return entry;
    }

    private static AuthenticationProvider noProvider(Vertx vertx) {
        return null; // the login itself decides
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!login.enabled()) {
            answer(ctx, new Refusal(403, "forbidden", "the developer console and Jolokia are off while admin.password "
                    + "is empty"));
            return;
        }
        String address = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
        String authorization = ctx.request().getHeader("Authorization");
        if (authorization == null) {
            unauthorized(ctx); // asked for credentials: not a failed login
            return;
        }
        // the throttle is kept in the database: off the event loop; the request waits (paused) so that a body
        // handler after this one still sees its body
        ctx.request().pause();
        ctx.vertx().executeBlocking(() -> login.check(address, authorization), false).onComplete(done -> {
            ctx.request().resume();
            if (done.failed()) {
                answer(ctx, Refusal.databaseUnavailable());
            } else if (done.result().accepted()) {
                ctx.next();
            } else if (done.result().throttled()) {
                answer(ctx, new Refusal(429, "too many failed logins", "too many failed logins from this address")
                        .retryAfter(done.result().waitFor()));
            } else {
                unauthorized(ctx);
            }
        });
    }

    private static void unauthorized(RoutingContext ctx) {
        answer(ctx, AdminAuth.challenge());
    }

    /** The refusal's answer, written by {@link Refusals} (its texts are fixed: nothing to mask). */
    private static void answer(RoutingContext ctx, Refusal refusal) {
        Refusals.write(ctx.response(), Refusals.plain(refusal));
    }
}
