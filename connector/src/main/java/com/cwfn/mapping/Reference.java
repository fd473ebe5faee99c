package com.cwfn.mapping;

/**
 * A name in {@code mappings.yaml} that must exist in ConnectWise or Field Nation for the mapping to work, with its
 * line, so that an admin check can report, say, a status that is not on the board.
 *
 * @param kind  what the value names
 * @param value the name or path as written
 * @param board the board it applies to: a board name, or null for the defaults (which apply to every board) and
 *              for outboundCreate (whose board is a {@link Kind#BOARD_NAME} reference of its own)
 * @param line  the line in the file (1-based)
 */
public record Reference(Kind kind, String value, String board, int line) {

    public enum Kind {
        /** A ConnectWise ticket custom field caption ({@code customFields.X}, {@code ticket.customFields[caption=X]}). */
        CUSTOM_FIELD_CAPTION,
        /** A ConnectWise status name (trigger statuses, statusMap values, outboundCreate.status). */
        STATUS_NAME,
        /**
         * A ConnectWise status name a {@code statusActions} entry acts on: a board's must be a status of that board;
         * one of the defaults must be a status of at least one board that syncs (a board without it never acts on it).
         */
        STATUS_ACTION,
        /** A ConnectWise service board name (boards keys, outboundCreate.board). */
        BOARD_NAME,
        /** A ConnectWise company identifier (outboundCreate.company). */
        COMPANY_IDENTIFIER,
        /** A Field Nation custom field name (ticketIdCustomField, {@code custom_fields.X} targets). */
        FN_CUSTOM_FIELD,
        /** A Field Nation work order status name (statusMap keys). */
        FN_STATUS_NAME,
        /** A path into the ConnectWise ticket document read by a field mapping (e.g. {@code ticket.type.name}). */
        SOURCE_PATH,
        /** A Field Nation talent pool or preferred provider group, by name (a {@code pool:} routing stage). */
        POOL_NAME,
        /** A path into {@code {workorder: ...}} read by an outboundCreate field mapping. */
        WORKORDER_PATH
    }
}
