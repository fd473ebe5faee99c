package com.cwfn.notify;

/** A flow's message body that knows its ticket as a dispatcher does: its summary and company. */
public interface Labelled {
    /** "summary (company)", or null while the ticket was not read. */
    String ticketLabel();

    /** The label of a ticket from its summary and company name (either may be null). */
    static String of(String summary, String company) {
        if (summary == null || summary.isBlank()) {
            return null;
        }
        return company == null || company.isBlank() ? summary.strip() : summary.strip() + " (" + company.strip() + ")";
    }
}
