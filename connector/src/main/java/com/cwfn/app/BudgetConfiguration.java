package com.cwfn.app;

import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.http.BudgetLedger;
import com.cwfn.http.InMemoryLedger;
import com.cwfn.http.RequestBudget;
import com.cwfn.http.RequestBudgets;
import com.cwfn.pause.Pauses;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Settings;
import com.cwfn.store.Database;
import com.cwfn.store.SharedBudgetLedger;
import java.time.Clock;
import java.util.List;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/**
 * The pauses of this instance and the request budget of each API: kept in PostgreSQL when there is one, so every
 * instance on it shares one pace and one pause per API; in memory on H2 (one instance).
 */
public class BudgetConfiguration implements CamelConfiguration {

    /** Every pause (an API's 429; any other cause that raises one), logged once each and counted in the metrics. */
    @BindToRegistry
    public Pauses pauses(Clock clock) {
        return new Pauses(clock);
    }

    @BindToRegistry
    public RequestBudgets requestBudgets(Settings settings, Database db, Pauses pauses, Clock clock) {
        BudgetLedger ledger = db.isPostgres() ? new SharedBudgetLedger(db.dataSource()) : new InMemoryLedger(clock);
        return new RequestBudgets(List.of(
                new RequestBudget(ConnectWiseClient.SYSTEM, settings.integer(Catalog.CONNECTWISE_REQUESTS_PER_MINUTE),
                        ledger, pauses, clock),
                new RequestBudget(FieldNationClient.SYSTEM, settings.integer(Catalog.FIELDNATION_REQUESTS_PER_MINUTE),
                        ledger, pauses, clock)));
    }
}
