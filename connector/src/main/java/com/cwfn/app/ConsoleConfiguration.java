package com.cwfn.app;

import com.cwfn.console.ConsoleFiles;
import com.cwfn.console.ConsoleGate;
import com.cwfn.console.ConsoleHttp;
import com.cwfn.console.ConsoleLogin;
import com.cwfn.console.ConsoleSessions;
import com.cwfn.console.Credentials;
import com.cwfn.console.LoginThrottle;
import com.cwfn.console.TrustedProxies;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Cidrs;
import com.cwfn.settings.Settings;
import com.cwfn.store.ConsoleSessionStore;
import com.cwfn.store.Database;
import com.cwfn.store.LoginFailureStore;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/**
 * The admin login (HTTP Basic on /admin and the console's form share it, and its throttle) and the operator console
 * at /console/ (routes/console.camel.yaml): sessions, files, the login page. Bound before the admin API, whose
 * authentication step uses the login and the sessions.
 */
public class ConsoleConfiguration implements CamelConfiguration {

    @BindToRegistry
    public Credentials credentials(Settings settings) {
        return new Credentials(settings.text(Catalog.ADMIN_USERNAME), settings.text(Catalog.ADMIN_PASSWORD));
    }

    @BindToRegistry
    public LoginThrottle loginThrottle(Database db, Clock clock, Settings settings) {
        return new LoginThrottle(new LoginFailureStore(db.dataSource()), clock,
                settings.integer(Catalog.ADMIN_LOGIN_FAILURES_BEFORE_DELAY));
    }

    @BindToRegistry
    public ConsoleGate consoleGate(Database db, Clock clock, Settings settings) {
        return new ConsoleGate(new ConsoleSessions(new ConsoleSessionStore(db.dataSource()), clock,
                Duration.ofMinutes(settings.integer(Catalog.CONSOLE_SESSION_IDLE_MINUTES))),
                new TrustedProxies(Cidrs.parse(settings.text(Catalog.TRUSTED_PROXIES))));
    }

    @BindToRegistry
    public ConsoleFiles consoleFiles() {
        return new ConsoleFiles();
    }

    @BindToRegistry
    public ConsoleHttp consoleHttp(Credentials credentials, LoginThrottle throttle, ConsoleGate gate,
            ConsoleFiles files) {
        // the login is made here, not bound: Camel orders this class's beans only one level deep
        return new ConsoleHttp(gate, new ConsoleLogin(credentials, throttle, gate, files), files);
    }
}
