package com.cwfn.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code statusActions} in {@code mappings.yaml}: under the defaults and per board, merged like {@code statusMap}, a
 * status matched ignoring case; the shipped default; every bad entry refused with its line.
 */
class StatusActionsMappingTest {
    static final String FILE = String.join("\n",
            "ticketIdCustomField: X",                 // 1
            "defaults:",                              // 2
            "  statusActions:",                       // 3
            "    Cancelled: cancel",                  // 4
            "    Closed: approve",                    // 5
            "boards:",                                // 6
            "  \"Help Desk\":",                       // 7
            "    statusActions:",                     // 8
            "      CLOSED: incomplete",               // 9
            "      Resolved: APPROVE",                // 10
            "");

    @Test
    void aBoardsEntriesAreMergedOverTheDefaultsIgnoringCase() {
        MappingConfig cfg = MappingLoader.load(FILE, "m.yaml");
        assertThat(cfg.statusActionFor("Field Services", "cancelled")).contains(StatusAction.CANCEL);
        assertThat(cfg.statusActionFor("Field Services", "Closed")).contains(StatusAction.APPROVE);
        assertThat(cfg.statusActionFor("Field Services", "Resolved")).isEmpty();
        assertThat(cfg.statusActionFor("help desk", " Cancelled ")).contains(StatusAction.CANCEL);
        assertThat(cfg.statusActionFor("Help Desk", "closed")).contains(StatusAction.INCOMPLETE);
        assertThat(cfg.statusActionFor("Help Desk", "resolved")).contains(StatusAction.APPROVE);
        assertThat(cfg.statusActionFor("Help Desk", "In Progress")).isEmpty();
        assertThat(cfg.statusActions("Help Desk").entries()).extracting(StatusActions.Entry::status)
                .containsExactly("Cancelled", "CLOSED", "Resolved");
        assertThat(cfg.statusActions("Help Desk").entries()).extracting(StatusActions.Entry::line)
                .containsExactly(4, 9, 10);
    }

    @Test
    void eachStatusIsAReferenceWithItsLineForRefreshFields() {
        MappingConfig cfg = MappingLoader.load(FILE, "m.yaml");
        assertThat(cfg.references()).filteredOn(r -> r.kind() == Reference.Kind.STATUS_ACTION).containsExactly(
                new Reference(Reference.Kind.STATUS_ACTION, "Cancelled", null, 4),
                new Reference(Reference.Kind.STATUS_ACTION, "Closed", null, 5),
                new Reference(Reference.Kind.STATUS_ACTION, "CLOSED", "Help Desk", 9),
                new Reference(Reference.Kind.STATUS_ACTION, "Resolved", "Help Desk", 10));
    }

    @Test
    void theShippedFileCancelsOnCancelledAndDoesNothingElse() {
        MappingConfig shipped = MappingLoader.load(TestSupport.SHIPPED);
        assertThat(shipped.statusActions("Field Services").entries()).extracting(e -> e.status() + ": "
                + e.action().yamlName()).containsExactly("Cancelled: cancel");
        assertThat(shipped.statusActionFor("Any Board", "Closed")).isEmpty();
    }

    @Test
    void anUnknownActionIsRefusedWithItsLine() {
        List<String> p = MappingLoaderErrorsTest.problems(String.join("\n",
                "ticketIdCustomField: X",
                "defaults:",
                "  statusActions:",
                "    Cancelled: delete",
                "    Closed: [approve]",
                "boards:",
                "  HD:",
                "    statusActions:",
                "      Done: ~",
                ""));
        assertThat(p).containsExactly(
                "m.yaml line 4: statusActions in defaults: unknown action 'delete' for status 'Cancelled' (allowed: "
                        + "cancel, approve, incomplete, publish)",
                "m.yaml line 5: statusActions in defaults: unknown action a list for status 'Closed' (allowed: "
                        + "cancel, approve, incomplete, publish)",
                "m.yaml line 9: statusActions in board 'HD': unknown action null for status 'Done' (allowed: cancel, "
                        + "approve, incomplete, publish)");
    }

    @Test
    void aStatusNamedTwiceOrAWrongShapeIsRefusedWithItsLine() {
        assertThat(MappingLoaderErrorsTest.one("ticketIdCustomField: X\ndefaults:\n  statusActions:\n"
                + "    Cancelled: cancel\n    cancelled: approve\n")).isEqualTo("m.yaml line 5: statusActions in "
                + "defaults: 'cancelled' is named twice (first at line 4; names are matched ignoring case)");
        assertThat(MappingLoaderErrorsTest.one("ticketIdCustomField: X\ndefaults:\n  statusActions: [cancel]\n"))
                .isEqualTo("m.yaml line 3: statusActions in defaults must be a map of ConnectWise status name to an "
                        + "action (cancel, approve, incomplete, publish)");
    }

    @Test
    void actionsAreNamedIgnoringCase() {
        assertThat(StatusAction.byName(" Incomplete ")).contains(StatusAction.INCOMPLETE);
        assertThat(StatusAction.byName("PUBLISH")).contains(StatusAction.PUBLISH);
        assertThat(StatusAction.byName("pay")).isEqualTo(Optional.empty());
    }
}
