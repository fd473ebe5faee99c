package com.cwfn.sync;

/**
 * Kinds of rows in the synced_item table: what was copied from which side (so nothing is copied twice) and
 * what the connector wrote itself (so nothing echoes back).
 */
public final class Items {
    /** ConnectWise note id -> Field Nation message id. */
    public static final String CW_NOTE_TO_MESSAGE = "cw-note>fn-message";
    /** ConnectWise document id -> Field Nation attachment id. */
    public static final String CW_DOC_TO_ATTACHMENT = "cw-doc>fn-attachment";
    /** Field Nation work order id + message id -> ConnectWise note id. */
    public static final String FN_MESSAGE_TO_NOTE = "fn-message>cw-note";
    /** Field Nation attachment id -> ConnectWise document id. */
    public static final String FN_UPLOAD_TO_DOC = "fn-upload>cw-document";
    /** Field Nation work order id -> the resolution note made from its closing notes. */
    public static final String CLOSING_NOTES = "fn-closing-notes";
    /**
     * ConnectWise ticket id -> the dispatched note (which work order the ticket became). The stored kind keeps its
     * first name: rows written by earlier releases must still say the note was written (docs/architecture.md#words).
     */
    public static final String DISPATCHED_NOTE = "write-back-note";
    /** Field Nation work order id -> published (or refused, with the reason). */
    public static final String PUBLISH = "fn-publish";
    /** Field Nation work order id + time log id -> ConnectWise time entry id (with the log's hash). */
    public static final String FN_TIME_LOG_TO_ENTRY = "fn-time-log>cw-time";
    /** Field Nation work order id + expense id -> ConnectWise expense entry id (with the expense's hash). */
    public static final String FN_EXPENSE_TO_ENTRY = "fn-expense>cw-expense";
    /** Field Nation work order id + expense id -> ConnectWise ticket product id (with the expense's hash). */
    public static final String FN_EXPENSE_TO_PRODUCT = "fn-expense>cw-product";
    /** Field Nation work order id -> the ticket product of its labor pay. */
    public static final String FN_LABOR_TO_PRODUCT = "fn-labor>cw-product";
    /** Field Nation work order id + provider id -> the note naming the technician. */
    public static final String TECHNICIAN_NOTE = "fn-technician-note";
    /** Field Nation work order id + provider id + ETA -> the note giving a later ETA. */
    public static final String TECHNICIAN_ETA_NOTE = "fn-technician-eta";
    /** Field Nation work order id -> the ticket, with the hash of the writeBack values last written. */
    public static final String WRITE_BACK_FIELDS = "fn-write-back";
    /** ConnectWise ticket id -> the note saying a dispatch rule keeps it from Field Nation (dispatch: false). */
    public static final String RULE_NOT_DISPATCHED = "rule-not-dispatched";
    /** Field Nation work order id + generation + stage (or ":approval") -> the note saying what routing did. */
    public static final String ROUTING_NOTE = "routing-note";
    /** Field Nation work order id -> the note saying it is still unassigned before its visit. */
    public static final String UNASSIGNED_ALERT = "unassigned-alert";
    /** ConnectWise ticket id + move of its status -> what its status action decided (and did) in Field Nation. */
    public static final String STATUS_ACTION = "status-action";
    /** ConnectWise ticket id + move of its status -> the note saying what its status action did. */
    public static final String STATUS_ACTION_NOTE = "status-action-note";
    /** Field Nation work order id + event + its time -> the note telling a provider's event (sync.provider-notes). */
    public static final String PROVIDER_NOTE = "fn-provider-note";
    /** Notes, documents, messages and attachments the connector wrote itself. */
    public static final String OWN_CW_NOTE = "own-cw-note";
    public static final String OWN_CW_DOCUMENT = "own-cw-document";
    public static final String OWN_FN_MESSAGE = "own-fn-message";
    public static final String OWN_FN_ATTACHMENT = "own-fn-attachment";

    private Items() {
    }

    public static String messageKey(long workOrderId, String messageId) {
        return workOrderId + ":" + messageId;
    }
}
