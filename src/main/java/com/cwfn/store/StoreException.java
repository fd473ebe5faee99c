package com.cwfn.store;

import java.sql.SQLException;

/** The database failed; passing (the work is retried) unless the cause says otherwise. */
public class StoreException extends RuntimeException {
    public StoreException(SQLException cause) {
        super("database error: " + cause.getMessage() + " (SQLState " + cause.getSQLState() + ")", cause);
    }
}
