package com.cwfn.testing;

import com.cwfn.admin.CallbackRegistration;
import com.cwfn.admin.WebhookRegistration;
import com.cwfn.sandbox.connectwise.ConnectWiseSandbox;
import com.cwfn.sandbox.fieldnation.FieldNationSandbox;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A whole test world: the ConnectWise and Field Nation sandboxes over real HTTP, seeded, and the connector
 * pointed at them with its callback and webhook registered the way an administrator would (through the
 * connector's own registration), so callbacks and webhooks really travel.
 */
public final class Env implements AutoCloseable {
    public static final String WEBHOOK_SECRET = "test-webhook-secret-0123456789";
    public final ConnectWiseSandbox cw;
    public final FieldNationSandbox fn;
    public Connector connector;
    private final Map<String, String> settings = new HashMap<>();

    private Env() {
        cw = ConnectWiseSandbox.withDefaults();
        cw.start(0);
        cw.seedDemo();
        cw.callbackRetryDelay(Duration.ofMillis(100));
        fn = FieldNationSandbox.withDefaults();
        fn.start(0);
        fn.seedDemo();
        fn.webhookRetryBaseDelay(Duration.ofMillis(200));
    }

    /** Sandboxes plus a connector with {@code overrides}; callback and webhook registered. */
    public static Env start(Map<String, String> overrides) {
        Env env = new Env();
        try {
            env.startConnector(overrides, true);
        } catch (RuntimeException e) {
            env.close();
            throw e;
        }
        return env;
    }

    /** The settings that point a connector at these sandboxes. */
    public Map<String, String> sandboxSettings(int port) {
        Map<String, String> s = new HashMap<>();
        s.put("camel.server.port", String.valueOf(port));
        s.put("connector.public-url", "http://127.0.0.1:" + port);
        s.put("connectwise.url", cw.baseUrl());
        s.put("connectwise.company-id", cw.companyId());
        s.put("connectwise.public-key", cw.publicKey());
        s.put("connectwise.private-key", cw.privateKey());
        s.put("connectwise.client-id", cw.clientId());
        s.put("fieldnation.url", fn.baseUrl());
        s.put("fieldnation.client-id", fn.clientId());
        s.put("fieldnation.client-secret", fn.clientSecret());
        s.put("fieldnation.username", fn.username());
        s.put("fieldnation.password", fn.password());
        s.put("fieldnation.webhook-secret", WEBHOOK_SECRET);
        return s;
    }

    public Connector startConnector(Map<String, String> overrides, boolean register) {
        int port = Ports.free();
        settings.clear();
        settings.putAll(sandboxSettings(port));
        settings.putAll(overrides);
        connector = Connector.start(settings);
        if (register) {
            connector.bean("callbackRegistration", CallbackRegistration.class).register();
            connector.bean("webhookRegistration", WebhookRegistration.class).register();
        }
        return connector;
    }

    /** Stops the connector (as a crash would leave the database) and starts a new one on the same database. */
    public Connector restartConnector() {
        Map<String, String> same = new HashMap<>(settings);
        connector.close();
        connector = Connector.start(same);
        return connector;
    }

    @Override
    public void close() {
        if (connector != null) {
            connector.close();
        }
        cw.close();
        fn.close();
    }
}
