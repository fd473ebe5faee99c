package com.cwfn.observe;

import com.cwfn.store.Database;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness: DOWN while the database does not answer. Liveness is not affected (a restart would not help). */
public class DatabaseHealthCheck extends AbstractHealthCheck {
    private final Database database;

    public DatabaseHealthCheck(Database database) {
        super("connector", "database");
        this.database = database;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (database.isUp()) {
            builder.up();
        } else {
            builder.message("the database does not answer").down();
        }
    }
}
