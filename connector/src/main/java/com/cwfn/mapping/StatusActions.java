package com.cwfn.mapping;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code statusActions} map: ConnectWise status name (matched ignoring case) to the {@link StatusAction} it does
 * to the linked work order. Immutable. Layers merge like {@code statusMap}: {@link #over} gives this map with the
 * entries of a later layer replacing those for the same status (the defaults, then a board; a dispatch rule can be
 * one more layer over the board's).
 */
public final class StatusActions {
    /** One entry as written: the status, its action and the line it is on. */
    public record Entry(String status, StatusAction action, int line) {
    }

    private static final StatusActions NONE = new StatusActions(Map.of());
    private final Map<String, Entry> byLowerStatus;

    private StatusActions(Map<String, Entry> byLowerStatus) {
        this.byLowerStatus = Collections.unmodifiableMap(new LinkedHashMap<>(byLowerStatus));
    }

    public static StatusActions none() {
        return NONE;
    }

    /** The entries in file order; a status named twice (ignoring case) is refused by the loader before this. */
    static StatusActions of(Collection<Entry> entries) {
        Map<String, Entry> m = new LinkedHashMap<>();
        entries.forEach(e -> m.put(key(e.status()), e));
        return new StatusActions(m);
    }

    /** This map with {@code later}'s entries replacing those for the same status, and added after. */
    public StatusActions over(StatusActions later) {
        if (later.byLowerStatus.isEmpty()) {
            return this;
        }
        Map<String, Entry> m = new LinkedHashMap<>(byLowerStatus);
        later.byLowerStatus.forEach((k, e) -> {
            m.remove(k);
            m.put(k, e);
        });
        return new StatusActions(m);
    }

    /** The action of a ConnectWise status, ignoring case; empty when the status does nothing. */
    public Optional<StatusAction> actionFor(String status) {
        return Optional.ofNullable(status == null ? null : byLowerStatus.get(key(status))).map(Entry::action);
    }

    /** The entries, in the order of the layers (an overridden entry takes the place of the later one). */
    public Collection<Entry> entries() {
        return byLowerStatus.values();
    }

    public boolean isEmpty() {
        return byLowerStatus.isEmpty();
    }

    private static String key(String status) {
        return status.trim().toLowerCase(Locale.ROOT);
    }
}
