package com.cwfn.dispatch;

import com.cwfn.inbox.Outcome;
import com.cwfn.store.SyncLog;
import com.cwfn.sync.Items;
import com.cwfn.sync.NoteWriter;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatch step {@code note-not-dispatched}: a rule says {@code dispatch: false}, so the ticket gets no work order;
 * one internal note on the ticket names the rule (once per ticket, however often it comes back to the trigger
 * status), and the transaction is skipped with the same reason.
 */
public class NotDispatched {
    private static final Logger LOG = LoggerFactory.getLogger(NotDispatched.class);
    private final NoteWriter notes;
    private final SyncLog log;

    public NotDispatched(NoteWriter notes, SyncLog log) {
        this.notes = notes;
        this.log = log;
    }

    public static String text(Dispatch d) {
        return "Not dispatched to Field Nation: " + d.rule().label() + " says dispatch: false ("
                + (d.rule().condition() == null ? "it applies to every ticket" : "its if holds: "
                + d.rule().condition().strip()) + ").";
    }

    public Dispatch note(Dispatch d, Exchange exchange) {
        d.noteOnce(notes, log, Items.RULE_NOT_DISPATCHED, "note-not-dispatched", text(d));
        LOG.info("ticket {} not dispatched: {}", d.ticketId, d.choice.why());
        Outcome.skipped(exchange, "ticket " + d.ticketId + " is not dispatched: " + d.rule().label()
                + " says dispatch: false");
        return d;
    }
}
