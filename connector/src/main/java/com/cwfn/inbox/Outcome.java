package com.cwfn.inbox;

import com.cwfn.store.InboxStore;
import org.apache.camel.Exchange;

/** How a flow ends a transaction other than "done": skipped (nothing to do) or ignored (not ours). */
public final class Outcome {
    private Outcome() {
    }

    public static void skipped(Exchange exchange, String why) {
        exchange.setProperty(InboxWorker.OUTCOME, InboxStore.SKIPPED);
        exchange.setProperty(InboxWorker.OUTCOME_TEXT, why);
    }

    public static void ignored(Exchange exchange, String why) {
        exchange.setProperty(InboxWorker.OUTCOME, InboxStore.IGNORED);
        exchange.setProperty(InboxWorker.OUTCOME_TEXT, why);
    }

    public static void done(Exchange exchange, String what) {
        exchange.setProperty(InboxWorker.OUTCOME, InboxStore.DONE);
        exchange.setProperty(InboxWorker.OUTCOME_TEXT, what);
    }
}
