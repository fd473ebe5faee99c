package com.cwfn.observe;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.console.DevConsole;
import org.apache.camel.console.DevConsoleResolver;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/**
 * Camel's developer consoles with every configured secret masked in what they answer: the properties console shows
 * each property's value (its JSON form masks nothing), and the trace console the headers of a traced message (a
 * callback's path, and with it the callback token). The developer console on the management port and Camel JBang's
 * status files ({@code camel get}, {@code camel trace}) read them; each console that shows values is wrapped here
 * (not the others: Camel casts some, e.g. main-configuration, to their own class).
 */
public final class MaskingDevConsoles extends ServiceSupport implements DevConsoleResolver {
    /** The consoles that show values: settings, messages (headers, bodies, exchange properties), beans. */
    static final Set<String> SHOWING_VALUES = Set.of("properties", "trace", "message-history", "inflight", "blocked",
            "receive", "browse", "debug", "variables", "bean", "send", "eval-language", "log", "system-properties");
    private final DevConsoleResolver camels;
    private final UnaryOperator<String> mask;

    public MaskingDevConsoles(DevConsoleResolver camels, UnaryOperator<String> mask) {
        this.camels = camels;
        this.mask = mask;
    }

    @Override
    public DevConsole resolveDevConsole(String id) {
        DevConsole c = camels.resolveDevConsole(id);
        return c == null || !SHOWING_VALUES.contains(id) ? c : new Masked(c, mask);
    }

    @Override
    public Optional<DevConsole> lookupDevConsole(String id) {
        return camels.lookupDevConsole(id);
    }

    @Override
    public CamelContext getCamelContext() {
        return camels.getCamelContext();
    }

    @Override
    public void setCamelContext(CamelContext context) {
        camels.setCamelContext(context);
    }

    @Override
    protected void doStart() {
        ServiceHelper.startService(camels);
    }

    @Override
    protected void doStop() {
        ServiceHelper.stopService(camels);
    }

    /** One of Camel's consoles, its answers masked. */
    static final class Masked extends ServiceSupport implements DevConsole, CamelContextAware {
        private final DevConsole console;
        private final UnaryOperator<String> mask;

        Masked(DevConsole console, UnaryOperator<String> mask) {
            this.console = console;
            this.mask = mask;
        }

        @Override
        public Object call(MediaType mediaType, Map<String, Object> options) {
            Object answer = console.call(mediaType, options);
            if (answer instanceof JsonObject json) {
                String text = json.toJson();
                String masked = mask.apply(text);
                return masked.equals(text) ? json : Jsoner.deserialize(masked, new JsonObject());
            }
            return answer instanceof String text ? mask.apply(text) : answer;
        }

        @Override
        public String getGroup() {
            return console.getGroup();
        }

        @Override
        public String getId() {
            return console.getId();
        }

        @Override
        public String getDisplayName() {
            return console.getDisplayName();
        }

        @Override
        public String getDescription() {
            return console.getDescription();
        }

        @Override
        public boolean supportMediaType(MediaType mediaType) {
            return console.supportMediaType(mediaType);
        }

        @Override
        public CamelContext getCamelContext() {
            return console instanceof CamelContextAware a ? a.getCamelContext() : null;
        }

        @Override
        public void setCamelContext(CamelContext context) {
            CamelContextAware.trySetCamelContext(console, context);
        }

        @Override
        protected void doInit() {
            ServiceHelper.initService(console);
        }

        @Override
        protected void doStart() {
            ServiceHelper.startService(console);
        }

        @Override
        protected void doStop() {
            ServiceHelper.stopService(console);
        }
    }
}
