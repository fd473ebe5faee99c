package com.cwfn.mapping;

import java.util.List;

/**
 * The sections of {@code mappings.yaml} for what comes back from Field Nation besides statuses: time logs as
 * ConnectWise time entries, expenses as expense entries or ticket products, the labor charge, and the work order
 * fields written back to the ticket. Each list holds field mappings whose targets are fields of the ConnectWise
 * record named; the connector fills the fields that link the record to the ticket and to its Field Nation item.
 *
 * @param timeEntry       {@code timeEntries.fields}: TimeEntry fields, over {timeLog, workorder, provider}
 * @param expenseStatuses {@code expenses.statuses}: the Field Nation expense statuses that reach the ticket
 * @param expenseEntry    {@code expenses.fields}: ExpenseEntry fields, over {expense, workorder, provider}
 * @param expenseProduct  {@code expenses.productFields}: ProductItem fields, over {expense, workorder, provider}
 * @param labor           {@code labor.fields}: ProductItem fields of the labor charge, over {pay, workorder, provider}
 * @param writeBack       {@code writeBack.fields}: ticket fields or {@code customFields.<caption>}, over {workorder,
 *                        provider, eta}
 */
public record SyncBackMapping(List<FieldMapping> timeEntry, List<String> expenseStatuses,
        List<FieldMapping> expenseEntry, List<FieldMapping> expenseProduct, List<FieldMapping> labor,
        List<FieldMapping> writeBack) {

    /** Approved expenses only. */
    public static final List<String> DEFAULT_EXPENSE_STATUSES = List.of("approved");

    public SyncBackMapping {
        timeEntry = List.copyOf(timeEntry);
        expenseStatuses = List.copyOf(expenseStatuses);
        expenseEntry = List.copyOf(expenseEntry);
        expenseProduct = List.copyOf(expenseProduct);
        labor = List.copyOf(labor);
        writeBack = List.copyOf(writeBack);
    }
}
