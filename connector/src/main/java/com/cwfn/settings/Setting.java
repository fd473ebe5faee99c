package com.cwfn.settings;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * One setting of the connector, declared once in {@link Catalog}: its key, its default, what it means, whether it is
 * a secret (never printed) or required, and the check its value must pass. The comments of
 * {@code application.properties} and {@code docs/settings.md} are generated from these declarations.
 *
 * @param key the property key, e.g. {@code connectwise.url}
 * @param defaultValue the value when the key is unset or empty ("" for none)
 * @param doc what it means, one line (Markdown: `code` and [links](docs/...) relative to the repository's top)
 * @param secret never printed: masked in logs, errors, health and admin answers
 * @param required start-up stops while it is empty
 * @param check the problem with a non-empty value, or null when it is fine
 */
public record Setting(String key, String defaultValue, String doc, boolean secret, boolean required,
        Function<String, String> check) {

    /** Free text. */
    public static Setting text(String key, String defaultValue, String doc) {
        return new Setting(key, defaultValue, doc, false, false, v -> null);
    }

    /** {@code true} or {@code false}. */
    public static Setting flag(String key, boolean defaultValue, String doc) {
        return new Setting(key, String.valueOf(defaultValue), doc, false, false,
                v -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false") ? null : "must be true or false");
    }

    /** A whole number from {@code min} to {@code max}. */
    public static Setting integer(String key, long defaultValue, long min, long max, String doc) {
        return new Setting(key, String.valueOf(defaultValue), doc, false, false, v -> {
            long n;
            try {
                n = Long.parseLong(v);
            } catch (NumberFormatException e) {
                return "must be a whole number";
            }
            if (n < min || n > max) {
                return max == Long.MAX_VALUE ? "must be " + min + " or more" : "must be from " + min + " to " + max;
            }
            return null;
        });
    }

    /** One of {@code choices}, in any case. */
    public static Setting choice(String key, String defaultValue, List<String> choices, String doc) {
        return new Setting(key, defaultValue, doc, false, false,
                v -> choices.contains(v.toLowerCase(Locale.ROOT)) ? null : "must be " + String.join(" or ", choices));
    }

    /** An absolute http or https URL. */
    public static Setting url(String key, String defaultValue, String doc) {
        return new Setting(key, defaultValue, doc, false, false, Setting::urlProblem);
    }

    /** A UUID, e.g. {@code 3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b}. */
    public static Setting uuid(String key, String doc) {
        return new Setting(key, "", doc, false, false, v -> {
            try {
                UUID.fromString(v);
                return v.length() == 36 ? null : "must be a UUID (8-4-4-4-12 hex digits)";
            } catch (IllegalArgumentException e) {
                return "must be a UUID (8-4-4-4-12 hex digits)";
            }
        });
    }

    /** A duration such as {@code 24h} or {@code 90m} ({@link Durations}); empty means off. */
    public static Setting duration(String key, String doc) {
        return new Setting(key, "", doc, false, false, Durations::problem);
    }

    /** Comma-separated address blocks in CIDR notation ({@link Cidrs}). */
    public static Setting cidrs(String key, String doc) {
        return new Setting(key, "", doc, false, false, Cidrs::problem);
    }

    /** This setting, never printed. */
    public Setting asSecret() {
        return new Setting(key, defaultValue, doc, true, required, check);
    }

    /** This setting, required to be non-empty. */
    public Setting asRequired() {
        return new Setting(key, defaultValue, doc, secret, true, check);
    }

    /** The problem with {@code value} (already trimmed), or null when it is fine. */
    public String problem(String value) {
        if (value.isEmpty()) {
            return required && defaultValue.isEmpty() ? "is required (" + doc + ")" : null;
        }
        String p = check.apply(value);
        return p == null ? null : p + ", not '" + (secret ? "***" : value) + "'";
    }

    /** The environment variable that sets this key: upper case, '.' and '-' as '_' (Camel's rule). */
    public String environmentVariable() {
        return PropertySources.environmentVariable(key);
    }

    private static String urlProblem(String v) {
        try {
            URI u = URI.create(v);
            if (!"http".equalsIgnoreCase(u.getScheme()) && !"https".equalsIgnoreCase(u.getScheme())
                    || u.getHost() == null) {
                return "must be an http or https URL";
            }
            return null;
        } catch (IllegalArgumentException e) {
            return "must be an http or https URL";
        }
    }
}
