package com.cwfn.mapping;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a ConnectWise status does to the ticket's linked Field Nation work order ({@code statusActions} in
 * {@code mappings.yaml}). Each action is a named step of {@code routes/dispatch.camel.yaml}; a new action is a new
 * constant here and a new step there.
 */
public enum StatusAction {
    /** Cancel the work order ({@code DELETE /workorders/{id}} with {@code cancel_reason}). */
    CANCEL("cancel"),
    /** Approve a Work Done work order ({@code POST /workorders/{id}/approve}), which releases the pay. */
    APPROVE("approve"),
    /** Send Work Done back to the provider ({@code DELETE /workorders/{id}/complete} with reason and reason id). */
    INCOMPLETE("incomplete"),
    /**
     * Publish a draft a dispatch rule holds for approval ({@code publish: on-approval}): its routing starts, as when
     * someone presses Publish in the console. Any other work order is left alone, and the note says why.
     */
    PUBLISH("publish");

    private final String yamlName;

    StatusAction(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name in {@code mappings.yaml} and in the dispatch route's choice. */
    public String yamlName() {
        return yamlName;
    }

    /** The action named in YAML, ignoring case. */
    public static Optional<StatusAction> byName(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(a -> a.yamlName.equals(wanted)).findFirst();
    }

    /** "cancel, approve, incomplete, publish". */
    public static String names() {
        return Arrays.stream(values()).map(StatusAction::yamlName).collect(Collectors.joining(", "));
    }
}
