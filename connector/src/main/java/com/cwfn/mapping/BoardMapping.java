package com.cwfn.mapping;

import java.util.List;
import java.util.Map;

/**
 * The {@code defaults:} section or one board of {@code boards:}, as written (before board overrides are applied).
 *
 * @param name          the board name, or null for the defaults
 * @param triggerStatus the status that dispatches a ticket, null when not set here
 * @param fields        the field mappings of this section
 * @param statusMap     Field Nation status name → ConnectWise status name, as written
 * @param statusActions ConnectWise status name → what it does to the linked work order, as written
 * @param rules         the dispatch rules of this section, in order (a board's are tried before the defaults')
 * @param line          where the section starts
 */
public record BoardMapping(String name, String triggerStatus, List<FieldMapping> fields, Map<String, String> statusMap,
                           StatusActions statusActions, List<DispatchRule> rules, int line) {
}
