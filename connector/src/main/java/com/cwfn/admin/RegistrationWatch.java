package com.cwfn.admin;

import com.cwfn.json.Json;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Settings;
import com.cwfn.store.NoticeStore;
import com.cwfn.store.StateStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the ConnectWise callback and the Field Nation webhook that feed the connector: ConnectWise deactivates a
 * callback after days of failed deliveries, an administrator may delete either. Each reconciliation run looks (one
 * call each); the state is kept in the database, so {@code /observe/health} can show it without a call and a change
 * is told once, however many instances look. A registration that went inactive, or missing after it was seen (not
 * one that was never registered yet), is mailed once and, with {@code connector.registrations.repair}, registered
 * again.
 */
public class RegistrationWatch {
    /** What a registration is. */
    public enum State {
        ACTIVE, INACTIVE, MISSING, UNKNOWN;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final String CALLBACK = "callback";
    public static final String WEBHOOK = "webhook";
    private static final Logger LOG = LoggerFactory.getLogger(RegistrationWatch.class);

    private final CallbackRegistration callbacks;
    private final WebhookRegistration webhooks;
    private final StateStore state;
    private final NoticeStore notices;
    private final Settings settings;
    private final Clock clock;

    public RegistrationWatch(CallbackRegistration callbacks, WebhookRegistration webhooks, StateStore state,
            NoticeStore notices, Settings settings, Clock clock) {
        this.callbacks = callbacks;
        this.webhooks = webhooks;
        this.state = state;
        this.notices = notices;
        this.settings = settings;
        this.clock = clock;
    }

    /** Looks at both registrations now (a call to each system) and answers their states. */
    public Map<String, State> look() {
        Map<String, State> now = new LinkedHashMap<>();
        now.put(CALLBACK, observe(CALLBACK, callbacks::state, callbacks::register));
        now.put(WEBHOOK, observe(WEBHOOK, webhooks::state, webhooks::register));
        return now;
    }

    /** The states last seen (no call); unknown before the first look. */
    public Map<String, State> lastSeen() {
        Map<String, State> out = new LinkedHashMap<>();
        for (String what : new String[] {CALLBACK, WEBHOOK}) {
            out.put(what, state.get(key(what)).map(v -> State.valueOf(v.split(" ", 2)[0])).orElse(State.UNKNOWN));
        }
        return out;
    }

    private State observe(String what, Supplier<State> current, Runnable repair) {
        State s;
        try {
            s = current.get();
        } catch (RuntimeException e) {
            LOG.debug("could not look at the {}: {}", what, e.getMessage());
            return State.UNKNOWN; // the system did not answer: nothing is known, nothing changes
        }
        String before = state.get(key(what)).orElse(null);
        State was = before == null ? State.UNKNOWN : State.valueOf(before.split(" ", 2)[0]);
        String since = was == s && before != null && before.contains(" ") ? before.split(" ", 2)[1]
                : Instant.ofEpochMilli(clock.millis()).toString();
        // one instance tells the change: the one whose compare-and-set wins
        boolean changed = was != s && state.compareAndSet(key(what), before, s.name() + " " + since);
        // told: any change to inactive (someone registered it; ConnectWise or Field Nation turned it off), and a
        // change to missing from a state seen before (not the first look of a connector never registered yet)
        if (changed && (s == State.INACTIVE || s == State.MISSING && was != State.UNKNOWN)) {
            String detail = describe(what, s, since);
            LOG.warn(detail);
            notices.add(NoticeStore.REGISTRATION, null, null, null, null, null, what, what + " " + s.word(), detail,
                    null, clock.millis());
        } else if (changed && was != State.UNKNOWN) {
            LOG.info("the {} is active again", label(what));
        }
        if (s != State.ACTIVE && settings.flag(Catalog.REGISTRATIONS_REPAIR)) {
            try {
                repair.run();
                LOG.warn("the {} was {}: registered again (connector.registrations.repair)", label(what), s.word());
                state.put(key(what), State.ACTIVE.name() + " " + Instant.ofEpochMilli(clock.millis()));
                return State.ACTIVE;
            } catch (RuntimeException e) {
                LOG.error("could not register the {} again: {}", label(what), settings.mask(e.getMessage()));
            }
        }
        return s;
    }

    /** The answer part of /admin/connection and of the health detail. */
    public static ObjectNode json(Map<String, State> states) {
        ObjectNode o = Json.object();
        states.forEach((k, v) -> o.put(k, v.word()));
        return o;
    }

    private static String describe(String what, State s, String since) {
        String fix = s == State.MISSING ? "register it again: admin " + what + "s register (or set "
                + "connector.registrations.repair=true)" : "register it again to replace it: admin " + what
                + "s register (or set connector.registrations.repair=true)";
        return "The " + label(what) + " is " + s.word() + " (seen so at " + since + "): "
                + (CALLBACK.equals(what) ? "ConnectWise sends no ticket changes" : "Field Nation sends no work order"
                + " events") + " to the connector until it is active again; " + fix
                + ". Changes made meanwhile are caught up by reconciliation.";
    }

    private static String label(String what) {
        return CALLBACK.equals(what) ? "ConnectWise callback" : "Field Nation webhook";
    }

    private static String key(String what) {
        return "registration." + what;
    }
}
