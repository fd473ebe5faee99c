package com.cwfn.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The field mapping actions, their names in {@code mappings.yaml}, their keys and their implementations. */
public enum ActionType {
    SYNC("sync", new SyncAction(), List.of("source"), List.of()),
    STATIC("static", new StaticAction(), List.of("value"), List.of()),
    ARRAY_MAP("arrayMap", new ArrayMapAction(), List.of("source", "map"), List.of("otherwise")),
    RANGE_MAP("rangeMap", new RangeMapAction(), List.of("source", "ranges"), List.of()),
    DATE_CONVERT("dateConvert", new DateConvertAction(), List.of("source"), List.of("format", "zone", "outputFormat")),
    CONCAT("concat", new ConcatAction(), List.of("sources"), List.of("separator")),
    EXPRESSION("expression", new ExpressionAction(), List.of("expression"), List.of()),
    HTML("html", new HtmlAction(), List.of("source"), List.of());

    /** Keys every entry may have. */
    public static final List<String> COMMON_KEYS = List.of("target", "action", "default", "maxLength", "when");

    private final String yamlName;
    private final FieldAction impl;
    private final List<String> requiredKeys;
    private final List<String> optionalKeys;

    ActionType(String yamlName, FieldAction impl, List<String> requiredKeys, List<String> optionalKeys) {
        this.yamlName = yamlName;
        this.impl = impl;
        this.requiredKeys = requiredKeys;
        this.optionalKeys = optionalKeys;
    }

    public String yamlName() {
        return yamlName;
    }

    public FieldAction impl() {
        return impl;
    }

    public List<String> requiredKeys() {
        return requiredKeys;
    }

    /** Every key an entry with this action may have. */
    public List<String> allowedKeys() {
        List<String> all = new ArrayList<>(COMMON_KEYS);
        all.addAll(requiredKeys);
        all.addAll(optionalKeys);
        return all;
    }

    /** The action named in YAML (case-insensitive, so {@code arraymap} works too). */
    public static Optional<ActionType> byName(String name) {
        for (ActionType t : values()) {
            if (t.yamlName.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The names, for messages. */
    public static String names() {
        List<String> n = new ArrayList<>();
        for (ActionType t : values()) {
            n.add(t.yamlName);
        }
        return String.join(", ", n);
    }
}
