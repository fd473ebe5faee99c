package com.cwfn.observe;

import com.cwfn.store.Database;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: DOWN while the database does not answer; at once while its outage is known (the database pause), else
 * after one try. Liveness is not affected (a restart would not help).
 */
public class DatabaseHealthCheck extends AbstractHealthCheck {
    private final Database database;
    private final BooleanSupplier knownDown;

    public DatabaseHealthCheck(Database database, BooleanSupplier knownDown) {
        super("connector", "database");
        this.database = database;
        this.knownDown = knownDown;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (!knownDown.getAsBoolean() && database.isUp()) {
            builder.up();
        } else {
            builder.message("the database does not answer").down();
        }
    }
}
