package com.cwfn.dispatch;

import com.cwfn.json.Json;
import com.cwfn.store.WatchStore;

/**
 * The last step of a dispatch: remembers the version ({@code _info/lastUpdated}) of the linked ticket it read, so that
 * reconciliation can tell a ticket changed since, whose callback never came, from one already synced.
 */
public class TicketVersions {
    private final WatchStore watch;

    public TicketVersions(WatchStore watch) {
        this.watch = watch;
    }

    public Dispatch remember(Dispatch d) {
        String version = Json.text(d.ticket, "_info/lastUpdated");
        if (version != null && d.workOrderId != null) {
            watch.ticketRead(d.ticketId, version);
        }
        return d;
    }
}
