package com.cwfn.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Broken files: every problem names its line, and all problems are reported. */
class MappingLoaderErrorsTest {

    static List<String> problems(String yaml) {
        MappingException e = catchThrowableOfType(MappingException.class, () -> MappingLoader.load(yaml, "m.yaml"));
        assertThat(e).as("expected the file to be refused:\n" + yaml).isNotNull();
        assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems()));
        return e.problems();
    }

    static String one(String yaml) {
        List<String> p = problems(yaml);
        assertThat(p).as("problems").hasSize(1);
        return p.get(0);
    }

    /** A file whose defaults.fields list starts on line 4. */
    static String fields(String... lines) {
        return "ticketIdCustomField: X\ndefaults:\n  fields:\n" + String.join("\n", lines) + "\n";
    }

    @Test
    void yamlSyntaxError() {
        // left open: the line where it was opened
        assertThat(one("ticketIdCustomField: X\ndefaults:\n  fields:\n    - { target: title, source: a\n    - x\n")).isEqualTo(
                "m.yaml line 4: YAML syntax error: expected ',' or '}', but got <stream end> (while parsing a flow mapping that starts at line 4)");
        assertThat(one("ticketIdCustomField: X\ndefaults:\n  triggerStatus: \"Dispatch\n  fields: []\n"))
                .startsWith("m.yaml line 3: YAML syntax error: ");
        assertThat(one("ticketIdCustomField: X\ndefaults:\n  triggerStatus: a\n   fields: []\n"))
                .startsWith("m.yaml line 4: YAML syntax error: ");
        assertThat(one("ticketIdCustomField: X\ndefaults:\n  fields: [\n  statusMap: {a: b}\n\tbad: 1\n"))
                .startsWith("m.yaml line 5: YAML syntax error: ");
    }

    @Test
    void emptyFileAndWrongShape() {
        assertThat(one("")).isEqualTo("m.yaml line 1: the file is empty; it needs at least ticketIdCustomField and defaults");
        assertThat(one("# only a comment\n")).startsWith("m.yaml line 1: the file is empty");
        assertThat(one("\n- a\n- b\n")).startsWith("m.yaml line 2: the file must be a map with the keys ticketIdCustomField, defaults, boards, outboundCreate");
    }

    @Test
    void unknownTopLevelKey() {
        assertThat(one("ticketIdCustomField: X\n\nmapping:\n  a: b\n")).isEqualTo(
                "m.yaml line 3: unknown key 'mapping' at the top level (allowed: ticketIdCustomField, defaults, boards, outboundCreate, timeEntries, expenses, labor, writeBack)");
    }

    @Test
    void missingOrEmptyTicketIdCustomField() {
        assertThat(one("defaults:\n  fields: []\n")).isEqualTo(
                "m.yaml line 1: missing 'ticketIdCustomField' (the Field Nation custom field that carries the ConnectWise ticket id)");
        assertThat(one("defaults: {}\nticketIdCustomField: \"\"\n")).isEqualTo("m.yaml line 2: ticketIdCustomField must not be empty");
        assertThat(one("ticketIdCustomField: [a]\n")).isEqualTo("m.yaml line 1: ticketIdCustomField must be a text, not a list");
    }

    @Test
    void duplicateYamlKey() {
        assertThat(one("ticketIdCustomField: X\ndefaults: {}\nticketIdCustomField: Y\n"))
                .isEqualTo("m.yaml line 3: duplicate key 'ticketIdCustomField' at the top level (first at line 1)");
    }

    @Test
    void unknownSectionKey() {
        assertThat(one("ticketIdCustomField: X\ndefaults:\n  triggerStatus: a\n  feilds: []\n")).isEqualTo(
                "m.yaml line 4: unknown key 'feilds' in defaults (allowed: triggerStatus, fields, statusMap, statusActions, rules)");
        assertThat(one("ticketIdCustomField: X\nboards:\n  HD:\n    trigger: a\n")).isEqualTo(
                "m.yaml line 4: unknown key 'trigger' in board 'HD' (allowed: triggerStatus, fields, statusMap, statusActions, rules)");
    }

    @Test
    void unknownEntryKeyListsTheAllowedOnes() {
        assertThat(one(fields("    - { target: title, sorce: ticket.summary, source: x }"))).isEqualTo(
                "m.yaml line 4: field 'title': unknown key 'sorce' for action sync (allowed: target, action, default, maxLength, when, source)");
        assertThat(one(fields("    - target: title", "      action: static", "      value: 1", "      source: x"))).isEqualTo(
                "m.yaml line 7: field 'title': unknown key 'source' for action static (allowed: target, action, default, maxLength, when, value)");
    }

    @Test
    void missingTarget() {
        assertThat(one(fields("    - { target: a, source: x }", "    - { source: ticket.summary }"))).isEqualTo(
                "m.yaml line 5: field mapping has no 'target'");
        assertThat(one(fields("    - target:", "      source: x"))).isEqualTo("m.yaml line 4: target must not be empty");
    }

    @Test
    void unknownActionListsTheAllowedOnes() {
        assertThat(one(fields("    - { target: a, source: x }", "    - target: b", "      action: copy", "      source: x"))).isEqualTo(
                "m.yaml line 6: field 'b': unknown action 'copy' (allowed: sync, static, arrayMap, rangeMap, dateConvert, concat, expression, html)");
    }

    @Test
    void missingKeysPerAction() {
        assertThat(one(fields("    - { target: a, action: static }"))).isEqualTo("m.yaml line 4: field 'a': action static needs 'value'");
        assertThat(problems(fields("    - { target: a, action: arrayMap }"))).containsExactly(
                "m.yaml line 4: field 'a': action arrayMap needs 'source'", "m.yaml line 4: field 'a': action arrayMap needs 'map'");
        assertThat(one(fields("    - { target: a, action: rangeMap, source: x }"))).isEqualTo("m.yaml line 4: field 'a': action rangeMap needs 'ranges'");
        assertThat(one(fields("    - { target: a, action: concat }"))).isEqualTo("m.yaml line 4: field 'a': action concat needs 'sources'");
        assertThat(one(fields("    - { target: a, action: expression }"))).isEqualTo("m.yaml line 4: field 'a': action expression needs 'expression'");
        assertThat(one(fields("    - { target: a }"))).isEqualTo("m.yaml line 4: field 'a': action sync needs 'source'");
        assertThat(one(fields("    - { target: a, action: dateConvert }"))).isEqualTo("m.yaml line 4: field 'a': action dateConvert needs 'source'");
        assertThat(one(fields("    - { target: a, action: html }"))).isEqualTo("m.yaml line 4: field 'a': action html needs 'source'");
        assertThat(one(fields("    -", "      target: a", "      action: rangeMap", "      ranges: [{value: 1}]"))).isEqualTo(
                "m.yaml line 5: field 'a': action rangeMap needs 'source'");
    }

    @Test
    void invalidDateFormatAndZone() {
        assertThat(one(fields("    - target: s.utc", "      action: dateConvert", "      source: x", "      format: \"yyyy-MM-dd {\""))).startsWith(
                "m.yaml line 7: field 's.utc': invalid date format 'yyyy-MM-dd {': ");
        assertThat(one(fields("    - target: s.utc", "      action: dateConvert", "      source: x", "      zone: Mars/Olympus_Mons"))).startsWith(
                "m.yaml line 7: field 's.utc': invalid zone 'Mars/Olympus_Mons' (use a region like America/Chicago or an offset like +02:00)");
        assertThat(one(fields("    - { target: s, action: dateConvert, source: x, outputFormat: \"bbb\" }"))).startsWith(
                "m.yaml line 4: field 's': invalid outputFormat 'bbb'");
    }

    @Test
    void invalidJsonata() {
        assertThat(one(fields("    - target: e", "      action: expression", "      expression: \"ticket.(summary\""))).startsWith(
                "m.yaml line 6: field 'e': invalid JSONata expression: ");
        // a block scalar: the line of the expression node
        assertThat(one(fields("    - target: e", "      action: expression", "      expression: |", "        $foo(]"))).startsWith(
                "m.yaml line 6: field 'e': invalid JSONata expression: ");
    }

    @Test
    void rangesWithMinNotBelowMax() {
        assertThat(one(fields("    - target: p", "      action: rangeMap", "      source: x", "      ranges:",
                "        - { min: 0, max: 5, value: a }", "        - { min: 5, max: 5, value: b }"))).isEqualTo(
                "m.yaml line 9: field 'p': range min 5 must be less than max 5 (min is inclusive, max exclusive)");
        assertThat(one(fields("    - target: p", "      action: rangeMap", "      source: x", "      ranges:",
                "        - min: 10", "          max: 2.5", "          value: b"))).isEqualTo(
                "m.yaml line 8: field 'p': range min 10 must be less than max 2.5 (min is inclusive, max exclusive)");
    }

    @Test
    void badRanges() {
        assertThat(one(fields("    - { target: p, action: rangeMap, source: x, ranges: [] }"))).isEqualTo(
                "m.yaml line 4: field 'p': ranges must be a non-empty list of {min, max, value}");
        assertThat(one(fields("    - target: p", "      action: rangeMap", "      source: x", "      ranges:", "        - { min: a, value: 1 }")))
                .isEqualTo("m.yaml line 8: field 'p': min must be a number, not 'a'");
        assertThat(one(fields("    - target: p", "      action: rangeMap", "      source: x", "      ranges:", "        - { min: 1 }")))
                .isEqualTo("m.yaml line 8: field 'p': a range needs 'value'");
        assertThat(one(fields("    - target: p", "      action: rangeMap", "      source: x", "      ranges:", "        - { min: 1, value: 2, step: 3 }")))
                .isEqualTo("m.yaml line 8: unknown key 'step' in a range of field 'p' (allowed: min, max, value)");
    }

    @Test
    void badPathSyntax() {
        assertThat(one(fields("    - { target: a, source: \"ticket..summary\" }"))).isEqualTo(
                "m.yaml line 4: field 'a': source: bad path 'ticket..summary': empty name at position 8");
        assertThat(one(fields("    - target: \"contacts.results[0.name\"", "      source: x"))).startsWith(
                "m.yaml line 4: field 'contacts.results[0.name': bad path 'contacts.results[0.name': '[' at position 17 is not closed");
        assertThat(one(fields("    - { target: \"a[k=v]\", source: x }"))).startsWith(
                "m.yaml line 4: field 'a[k=v]': bad target 'a[k=v]'");
        assertThat(one(fields("    - { target: a, action: static, value: 1, when: \"x[y]\" }"))).startsWith(
                "m.yaml line 4: field 'a': when: bad path 'x[y]'");
        assertThat(one(fields("    - target: a", "      action: concat", "      sources:", "        - ticket.id", "        - \"ticket.[0]\"")))
                .startsWith("m.yaml line 8: field 'a': source: bad path 'ticket.[0]'");
        assertThat(one(fields("    - { target: \"custom_fields.\", source: x }"))).startsWith(
                "m.yaml line 4: field 'custom_fields.': target 'custom_fields.' names no custom field");
    }

    @Test
    void duplicateTargetsWithinOneList() {
        assertThat(one(fields("    - { target: title, source: a }", "    - { target: pay, action: static, value: 1 }",
                "    - { target: title, source: b }"))).isEqualTo("m.yaml line 6: duplicate target 'title' in defaults (first at line 4)");
        // the same target in defaults and in a board is an override, not a duplicate
        MappingLoader.load(fields("    - { target: title, source: a }") + "boards:\n  HD:\n    fields:\n      - { target: title, source: b }\n", "ok");
    }

    @Test
    void statusMapNotAMapOfStrings() {
        assertThat(one("ticketIdCustomField: X\ndefaults:\n  statusMap: [Assigned, Closed]\n")).isEqualTo(
                "m.yaml line 3: statusMap in defaults must be a map of Field Nation status name to ConnectWise status name");
        assertThat(one("ticketIdCustomField: X\ndefaults:\n  statusMap:\n    Assigned: Assigned\n    Work Done:\n      name: Completed\n"))
                .isEqualTo("m.yaml line 6: statusMap in defaults: 'Work Done' must map to a ConnectWise status name (a text), not a map");
        assertThat(one("ticketIdCustomField: X\nboards:\n  HD:\n    statusMap:\n      Approved: ~\n"))
                .isEqualTo("m.yaml line 5: statusMap in board 'HD': 'Approved' must map to a ConnectWise status name (a text), not null");
        assertThat(one("ticketIdCustomField: X\ndefaults:\n  statusMap:\n    Assigned: A\n    assigned: B\n")).isEqualTo(
                "m.yaml line 5: statusMap in defaults: 'assigned' is mapped twice (first at line 4; names are matched ignoring case)");
    }

    @Test
    void otherShapeProblems() {
        assertThat(one("ticketIdCustomField: X\ndefaults:\n  fields:\n    target: a\n")).isEqualTo(
                "m.yaml line 4: fields in defaults must be a list of field mappings");
        assertThat(one(fields("    - title"))).isEqualTo(
                "m.yaml line 4: a field mapping in defaults must be a map with at least 'target' (got 'title')");
        assertThat(one(fields("    - { target: a, action: arrayMap, source: x, map: [a, b] }"))).isEqualTo(
                "m.yaml line 4: field 'a': map must be a map of source value to result (got a list)");
        assertThat(one(fields("    - { target: a, source: x, maxLength: 0 }"))).isEqualTo(
                "m.yaml line 4: field 'a': maxLength must be a whole number above 0, not '0'");
        assertThat(one(fields("    - { target: a, action: concat, sources: ticket.id }"))).isEqualTo(
                "m.yaml line 4: field 'a': sources must be a non-empty list of paths or \"literal:text\"");
        assertThat(one("ticketIdCustomField: X\nboards: [HD]\n")).isEqualTo(
                "m.yaml line 2: boards must be a map of ConnectWise board name to its overrides");
        assertThat(one("ticketIdCustomField: X\nboards:\n  HD: {}\n  hd: {}\n")).isEqualTo(
                "m.yaml line 4: board 'hd' is configured twice (first at line 3; names are matched ignoring case)");
    }

    @Test
    void outboundCreateProblems() {
        assertThat(problems("ticketIdCustomField: X\noutboundCreate:\n  status: New\n  fields:\n    - { target: summary, source: \"workorder..title\" }\n"))
                .containsExactly(
                        "m.yaml line 3: outboundCreate needs 'board'",
                        "m.yaml line 3: outboundCreate needs 'company'",
                        "m.yaml line 5: field 'summary': source: bad path 'workorder..title': empty name at position 11");
        assertThat(one("ticketIdCustomField: X\noutboundCreate:\n  board: B\n  company: C\n  priority: 3\n")).isEqualTo(
                "m.yaml line 5: unknown key 'priority' in outboundCreate (allowed: board, company, status, fields)");
    }

    @Test
    void theTicketIdCustomFieldCannotBeMapped() {
        assertThat(one("ticketIdCustomField: CW Ticket\ndefaults:\n  fields:\n    - { target: custom_fields.CW Ticket, source: ticket.id }\n"))
                .isEqualTo("m.yaml line 4: target 'custom_fields.CW Ticket' is the ticketIdCustomField: the connector fills it with the"
                        + " ConnectWise ticket id, so it cannot be mapped");
    }

    @Test
    void allProblemsAreReportedInLineOrder() {
        String yaml = """
                ticketIdCustomField: X
                extra: 1
                defaults:
                  fields:
                    - { target: title, source: ticket.summary }
                    - { target: a, action: magic }
                    - { source: ticket.id }
                    - { target: d, action: dateConvert, source: x, zone: Nowhere/Land }
                    - { target: title, source: ticket.id }
                  statusMap:
                    Assigned: [x]
                boards:
                  HD:
                    fields:
                      - { target: e, action: expression, expression: "$$$(" }
                      - { target: r, action: rangeMap, source: x, ranges: [{min: 3, max: 1, value: v}] }
                """;
        List<String> p = problems(yaml);
        assertThat(p).hasSize(8);
        assertThat(p).extracting(s -> s.substring(0, s.indexOf(':', 7))).containsExactly(
                "m.yaml line 2", "m.yaml line 6", "m.yaml line 7", "m.yaml line 8", "m.yaml line 9", "m.yaml line 11",
                "m.yaml line 15", "m.yaml line 16");
        assertThat(p.get(1)).contains("unknown action 'magic'");
        assertThat(p.get(4)).contains("duplicate target 'title'");
    }

    @Test
    void unreadableFile() {
        Path missing = Path.of("target", "no-such-mappings.yaml");
        assertThatThrownBy(() -> MappingLoader.load(missing))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith(missing + " line 1: cannot read the file");
    }

    @Test
    void fileNameIsUsedInMessages() {
        assertThatThrownBy(() -> MappingLoader.load("nope: 1\n", "/etc/connector/mappings.yaml"))
                .hasMessageStartingWith("/etc/connector/mappings.yaml line 1: unknown key 'nope'");
    }
}
