package com.cwfn.mapping;

import java.util.List;

/**
 * {@code outboundCreate:}: how a Field Nation work order created outside the connector becomes a ConnectWise
 * ticket.
 *
 * @param board   the ConnectWise board name for the new ticket
 * @param company the ConnectWise company identifier for the new ticket
 * @param status  the status name, or null for the board's default status
 * @param fields  field mappings over {@code {"workorder": <work order>}}, targets are ConnectWise ticket fields
 */
public record OutboundCreate(String board, String company, String status, List<FieldMapping> fields) {
}
