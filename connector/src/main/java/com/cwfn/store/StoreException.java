package com.cwfn.store;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/** The database failed; passing (the work is retried) unless the cause says otherwise. */
public class StoreException extends RuntimeException {
    public StoreException(SQLException cause) {
        super("database error: " + cause.getMessage() + " (SQLState " + cause.getSQLState() + ")", cause);
    }

    /**
     * True when the database does not answer (an outage), as opposed to refusing one statement: no connection
     * within the pool's timeout, a connection lost, or the server shutting down or starting (SQLState class 08,
     * and 57P01 to 57P03).
     */
    public boolean isOutage() {
        for (Throwable c = getCause(); c != null; c = c.getCause()) {
            if (c instanceof SQLTransientConnectionException || c instanceof SQLNonTransientConnectionException
                    || c instanceof SQLRecoverableException) {
                return true;
            }
            if (c instanceof SQLException s && s.getSQLState() != null
                    && (s.getSQLState().startsWith("08") || s.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }
}
