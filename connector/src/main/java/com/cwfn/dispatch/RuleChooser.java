package com.cwfn.dispatch;

import com.cwfn.mapping.Mappings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatch step {@code choose-rule}: the dispatch rule of mappings.yaml that applies to the ticket, the first of its
 * board's rules, then of the defaults', whose {@code if} holds over the document just read (which holds what every
 * rule's {@code if} reads). Only reached by tickets that dispatch (or are linked): no rule is evaluated, and nothing
 * read for one, for a ticket that cannot dispatch. A deleted ticket has nothing to evaluate and gets no rule: its
 * work order is cancelled whatever the rules say.
 */
public class RuleChooser {
    private static final Logger LOG = LoggerFactory.getLogger(RuleChooser.class);
    private final Mappings mappings;

    public RuleChooser(Mappings mappings) {
        this.mappings = mappings;
    }

    public Dispatch choose(Dispatch d) {
        if (d.deleted) {
            return d;
        }
        d.choice = mappings.current().chooseRule(d.board, d.document);
        if (d.choice.applies()) {
            LOG.info("ticket {}: {}", d.ticketId, d.choice.why());
        }
        return d;
    }
}
