package com.cwfn.syncback;

import com.cwfn.inbox.InboxWorker;
import com.cwfn.inbox.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * What the steps of one event wrote to the ticket besides its status (time entries, expenses, products, the
 * technician note, written-back fields), summed up at the end of the event: a status step that had nothing to do
 * ("Checked Out is not mapped") must not make a transaction that wrote a time entry look skipped.
 */
public class Writes {
    static final String PROPERTY = "syncbackWrites";

    /** Notes what a step wrote. */
    @SuppressWarnings("unchecked")
    static void add(Exchange exchange, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        List<String> all = exchange.getProperty(PROPERTY, List.class);
        if (all == null) {
            all = new ArrayList<>();
            exchange.setProperty(PROPERTY, all);
        }
        all.addAll(lines);
    }

    /** The route's last step: the transaction is done with what was written, and what the status step said. */
    @SuppressWarnings("unchecked")
    public SyncBack report(SyncBack s, Exchange exchange) {
        List<String> all = exchange.getProperty(PROPERTY, List.class);
        if (all == null || all.isEmpty()) {
            if ("charges".equals(s.category())) {
                Outcome.skipped(exchange, "the time logs and expenses are on the ticket as they are in Field Nation");
            }
            return s;
        }
        String before = exchange.getProperty(InboxWorker.OUTCOME_TEXT, String.class);
        Outcome.done(exchange, String.join("; ", all) + (before == null ? "" : "; " + before));
        return s;
    }
}
