package com.cwfn.syncback;

import com.cwfn.inbox.Outcome;
import org.apache.camel.Exchange;

/** Events the connector has nothing to write for (tags, tasks, routes...). */
public class Ignore {
    public void ignore(SyncBack s, Exchange exchange) {
        Outcome.ignored(exchange, s.name() + " has nothing to write to ConnectWise");
    }
}
