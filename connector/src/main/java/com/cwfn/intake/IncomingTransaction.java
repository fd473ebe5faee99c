package com.cwfn.intake;

import com.cwfn.store.NewTransaction;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A transaction on its way through intake, before it is recorded: the raw body of the callback or webhook, and what
 * the steps read from it.
 */
public final class IncomingTransaction {
    /** The largest body intake accepts (a callback or webhook is far smaller). */
    static final int MAX_BODY = 1024 * 1024;

    final byte[] body;
    JsonNode json;
    NewTransaction transaction;
    Long transactionId;
    /** Why an accepted callback records nothing (a schedule entry that is no ticket's), or null. */
    String ignored;

    IncomingTransaction(byte[] body) {
        this.body = body;
    }

    /** The id it was recorded under; null when it was a repeat of one recorded before. */
    public Long transactionId() {
        return transactionId;
    }
}
