package com.cwfn.mapping;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of a {@code rules:} list in {@code mappings.yaml} (under {@code defaults} or a board), validated: when it
 * applies ({@code if}) and what it changes for the tickets it applies to.
 *
 * @param origin         the file the rule came from (for messages)
 * @param line           the rule's line in that file
 * @param board          the board whose list it is in, null for the defaults
 * @param name           its name as written; null when it has none (then {@link #label()} names its line)
 * @param condition      {@code if}: a JSONata expression over the ticket's source document; null: every ticket
 * @param conditionRoots the top-level names of the source document {@code if} may read ({@link JsonataRoots})
 * @param dispatch       false: the ticket is never dispatched (one note naming the rule)
 * @param fields         field mappings that replace the board's with the same target, and add the others
 * @param routing        the stages; empty: published at once (or on approval)
 * @param publish        now (the default) or on approval (a draft until someone publishes it)
 * @param statusActions  the rule's {@code statusActions}: one more layer over the board's (and the defaults') for
 *                       the tickets the rule applies to
 */
public record DispatchRule(String origin, int line, String board, String name, String condition,
                           Set<String> conditionRoots, boolean dispatch, List<FieldMapping> fields,
                           List<RoutingStage> routing, Publish publish, StatusActions statusActions) {

    /** When the work order goes out. */
    public enum Publish {
        NOW("now"), ON_APPROVAL("on-approval");

        private final String yamlName;

        Publish(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }

        public static Optional<Publish> byName(String name) {
            String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
            for (Publish p : values()) {
                if (p.yamlName.equals(n)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }

    public DispatchRule {
        conditionRoots = Set.copyOf(conditionRoots);
        fields = List.copyOf(fields);
        routing = List.copyOf(routing);
    }

    /**
     * How notes and the preview name the rule: {@code rule "Globex" (mappings.yaml line 12)}, the file by its name
     * (a ticket's note has no use for the directory it is in).
     */
    public String label() {
        String file = origin.substring(Math.max(origin.lastIndexOf('/'), origin.lastIndexOf('\\')) + 1);
        return (name == null ? "the rule" : "rule \"" + name + "\"") + " (" + file + " line " + line + ")";
    }

    /** True when the work order waits for someone to publish it. */
    public boolean onApproval() {
        return publish == Publish.ON_APPROVAL;
    }

    /**
     * Whether the rule applies to a ticket: its {@code if} over the ticket's source document is true in JSONata's
     * sense ({@code $boolean}: a non-empty text, a number other than 0, a list holding such a value ...); no
     * {@code if} applies always.
     *
     * @throws MappingException naming the rule and its line when the expression fails on this document
     */
    public boolean holds(ObjectNode document) {
        if (condition == null) {
            return true;
        }
        try {
            Object result = ExpressionAction.evaluate(condition, document);
            return result != null && Jsonata.boolize(result);
        } catch (RuntimeException e) {
            throw new MappingException(origin + " line " + line + ": " + (name == null ? "rule" : "rule \"" + name + "\"")
                    + ": its if failed: " + e.getMessage());
        }
    }
}
