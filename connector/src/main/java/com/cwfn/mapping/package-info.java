/**
 * The mapping engine: {@code mappings.yaml} and the processors that turn a ConnectWise ticket into a Field Nation
 * work order body (and a Field Nation work order into a ConnectWise ticket body). Pure Java, no I/O besides reading
 * the file.
 *
 * <ul>
 *   <li>{@link com.cwfn.mapping.MappingLoader} reads and validates the file into a
 *       {@link com.cwfn.mapping.MappingConfig}; every problem is reported with its line in one
 *       {@link com.cwfn.mapping.MappingException}.</li>
 *   <li>{@link com.cwfn.mapping.TicketDocument} assembles the document the mappings read (raw records plus derived
 *       description, custom fields, address, contact and schedule).</li>
 *   <li>{@link com.cwfn.mapping.WorkOrderMapper} applies a board's effective field mappings to that document; each
 *       action is a small {@link com.cwfn.mapping.FieldAction}.</li>
 * </ul>
 */
package com.cwfn.mapping;
