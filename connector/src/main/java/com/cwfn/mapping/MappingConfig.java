package com.cwfn.mapping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A loaded, validated {@code mappings.yaml}. Immutable; safe to share between threads. Board names match exactly
 * first, then ignoring case; a board that is not configured gets the defaults.
 */
public final class MappingConfig {
    private final String sourceName;
    private final String ticketIdCustomField;
    private final BoardMapping defaults;
    private final Map<String, BoardMapping> boards;
    private final OutboundCreate outboundCreate;
    private final SyncBackMapping syncBack;
    private final List<Reference> references;
    private final Map<String, Set<String>> sourceRoots = new ConcurrentHashMap<>();

    MappingConfig(String sourceName, String ticketIdCustomField, BoardMapping defaults, Map<String, BoardMapping> boards,
                  OutboundCreate outboundCreate, SyncBackMapping syncBack, List<Reference> references) {
        this.sourceName = sourceName;
        this.ticketIdCustomField = ticketIdCustomField;
        this.defaults = defaults;
        this.boards = Collections.unmodifiableMap(new LinkedHashMap<>(boards));
        this.outboundCreate = outboundCreate;
        this.syncBack = syncBack;
        this.references = List.copyOf(references);
    }

    /** The file (or other source) this configuration came from. */
    public String sourceName() {
        return sourceName;
    }

    /** The Field Nation custom field (by name) that carries the ConnectWise ticket id. */
    public String ticketIdCustomField() {
        return ticketIdCustomField;
    }

    /**
     * The status that dispatches a ticket on this board: the board's {@code triggerStatus}, else the defaults',
     * else {@code globalDefault} (the {@code sync.trigger-status} property).
     */
    public String triggerStatus(String board, String globalDefault) {
        BoardMapping b = board(board);
        if (b != null && b.triggerStatus() != null) {
            return b.triggerStatus();
        }
        return defaults.triggerStatus() != null ? defaults.triggerStatus() : globalDefault;
    }

    /** The effective status map of a board (defaults with the board's entries merged over them). */
    public Map<String, String> statusMap(String board) {
        Map<String, String> merged = new LinkedHashMap<>();
        Map<String, String> keyByLower = new LinkedHashMap<>();
        List<Map<String, String>> layers = new ArrayList<>();
        layers.add(defaults.statusMap());
        BoardMapping b = board(board);
        if (b != null) {
            layers.add(b.statusMap());
        }
        for (Map<String, String> layer : layers) {
            layer.forEach((fn, cw) -> {
                String old = keyByLower.put(fn.toLowerCase(Locale.ROOT), fn);
                if (old != null) {
                    merged.remove(old);
                }
                merged.put(fn, cw);
            });
        }
        return Collections.unmodifiableMap(merged);
    }

    /** The ConnectWise status for a Field Nation status name (matched ignoring case) on this board, if mapped. */
    public Optional<String> connectWiseStatusFor(String board, String fieldNationStatusName) {
        if (fieldNationStatusName == null) {
            return Optional.empty();
        }
        String wanted = fieldNationStatusName.trim();
        return statusMap(board).entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(wanted))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /**
     * The effective {@code statusActions} of a board: the defaults' with the board's merged over them (a status is
     * matched ignoring case; the board's entry wins).
     */
    public StatusActions statusActions(String board) {
        BoardMapping b = board(board);
        return b == null ? defaults.statusActions() : defaults.statusActions().over(b.statusActions());
    }

    /** What a ConnectWise status (matched ignoring case) does to the linked work order on this board, if anything. */
    public Optional<StatusAction> statusActionFor(String board, String connectWiseStatus) {
        return statusActions(board).actionFor(connectWiseStatus);
    }

    /**
     * The same for a ticket a dispatch rule applies to: the rule's {@code statusActions} are one more layer over the
     * board's ({@code rule} null: the board's alone).
     */
    public Optional<StatusAction> statusActionFor(String board, DispatchRule rule, String connectWiseStatus) {
        StatusActions layers = rule == null ? statusActions(board) : statusActions(board).over(rule.statusActions());
        return layers.actionFor(connectWiseStatus);
    }

    /**
     * The effective field mappings of a board: the defaults, each replaced in place by the board's entry with the
     * same target, followed by the board's entries for other targets.
     */
    public List<FieldMapping> fieldsFor(String board) {
        BoardMapping b = board(board);
        return b == null ? defaults.fields() : overlay(defaults.fields(), b.fields());
    }

    /**
     * The field mappings of a board for a ticket a dispatch rule applies to: the board's effective fields with the
     * rule's entries laid over them the same way (null rule: the board's).
     */
    public List<FieldMapping> fieldsFor(String board, DispatchRule rule) {
        return rule == null ? fieldsFor(board) : overlay(fieldsFor(board), rule.fields());
    }

    /** {@code base}, each entry replaced in place by the entry of {@code over} with its target, then the others. */
    private static List<FieldMapping> overlay(List<FieldMapping> base, List<FieldMapping> over) {
        if (over.isEmpty()) {
            return base;
        }
        Map<String, FieldMapping> byTarget = new LinkedHashMap<>();
        for (FieldMapping f : over) {
            byTarget.put(f.target().text(), f);
        }
        List<FieldMapping> out = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (FieldMapping f : base) {
            FieldMapping override = byTarget.get(f.target().text());
            if (override != null) {
                out.add(override);
                used.add(f.target().text());
            } else {
                out.add(f);
            }
        }
        for (FieldMapping f : over) {
            if (!used.contains(f.target().text())) {
                out.add(f);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The dispatch rules of a board in the order they are tried: the board's own, then the defaults'. */
    public List<DispatchRule> rules(String board) {
        BoardMapping b = board(board);
        if (b == null || b.rules().isEmpty()) {
            return defaults.rules();
        }
        List<DispatchRule> out = new ArrayList<>(b.rules());
        out.addAll(defaults.rules());
        return Collections.unmodifiableList(out);
    }

    /**
     * The rule that applies to a ticket of a board: the first of {@link #rules} whose {@code if} holds over the
     * ticket's source document, with why.
     *
     * @throws MappingException when a rule's {@code if} fails on this document (naming the rule and its line)
     */
    public RuleChoice chooseRule(String board, ObjectNode document) {
        List<String> checked = new ArrayList<>();
        for (DispatchRule r : rules(board)) {
            if (r.holds(document)) {
                String why = r.condition() == null ? r.label() + " has no if: it applies to every ticket"
                        + (checked.isEmpty() ? "" : " the rules before it do not take")
                        : r.label() + ": its if holds (" + r.condition().strip() + ")";
                return new RuleChoice(r, why, checked);
            }
            checked.add(r.label());
        }
        String why = checked.isEmpty() ? "no rules apply to board '" + board + "'"
                : "no rule's if holds (" + checked.size() + " checked)";
        return new RuleChoice(null, why, checked);
    }

    /**
     * The top-level names of the source document ({@link TicketDocument#ROOTS}: {@code ticket}, {@code company},
     * {@code address} ...) that a dispatch of this board may read: those of the effective fields (their
     * {@code source}, {@code when} and {@code concat} paths; every name for an {@code expression}, JSONata may read
     * anything), and those of the board's dispatch rules (what each {@code if} reads, {@link JsonataRoots}, and the
     * rule's fields): what a dispatch must read.
     */
    public Set<String> sourceRoots(String board) {
        return sourceRoots.computeIfAbsent(board == null ? "" : board, b -> {
            Set<String> roots = new LinkedHashSet<>();
            List<FieldMapping> fields = new ArrayList<>(fieldsFor(board));
            for (DispatchRule r : rules(board)) {
                roots.addAll(r.conditionRoots());
                fields.addAll(r.fields());
            }
            for (FieldMapping f : fields) {
                if (f.expression() != null) {
                    return Set.copyOf(TicketDocument.ROOTS);
                }
                addRoot(roots, f.source());
                addRoot(roots, f.when());
                if (f.sources() != null) {
                    f.sources().forEach(part -> addRoot(roots, part.path()));
                }
            }
            return Collections.unmodifiableSet(roots);
        });
    }

    private static void addRoot(Set<String> roots, SourcePath path) {
        if (path != null) {
            roots.add(path.root());
        }
    }

    /** {@code outboundCreate:}, when configured. */
    public Optional<OutboundCreate> outboundCreate() {
        return Optional.ofNullable(outboundCreate);
    }

    /** {@code timeEntries:}, {@code expenses:}, {@code labor:} and {@code writeBack:} (empty when not configured). */
    public SyncBackMapping syncBack() {
        return syncBack;
    }

    /** The board names configured under {@code boards:}, in file order. */
    public Set<String> boards() {
        return boards.keySet();
    }

    /** The {@code defaults:} section as written. */
    public BoardMapping defaults() {
        return defaults;
    }

    /** A board's section as written, if configured (exact name first, then ignoring case). */
    public Optional<BoardMapping> boardSection(String board) {
        return Optional.ofNullable(board(board));
    }

    /** Every name and path the file relies on, with its line, for an admin check against the live systems. */
    public List<Reference> references() {
        return references;
    }

    private BoardMapping board(String name) {
        if (name == null) {
            return null;
        }
        BoardMapping b = boards.get(name);
        if (b != null) {
            return b;
        }
        for (Map.Entry<String, BoardMapping> e : boards.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name.trim())) {
                return e.getValue();
            }
        }
        return null;
    }
}
