package com.cwfn.settings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The connector's settings, read once at start from Camel's property sources (the file beside the jar,
 * the copy in the jar, -D and environment variables). Defaults live in application.properties; this class
 * knows which keys exist, which are secrets and which are required.
 */
public final class Settings {
    /** Keys whose values are never printed. */
    public static final Set<String> SECRET_KEYS = Set.of(
            "connectwise.private-key", "connectwise.callback-token", "fieldnation.client-secret",
            "fieldnation.password", "fieldnation.webhook-secret", "mail.smtp.password", "db.password",
            "admin.password");

    private final Function<String, String> source;

    public Settings(Function<String, String> source) {
        this.source = source;
    }

    /** The raw value of a key, trimmed; empty string when unset. */
    public String get(String key) {
        String v = source.apply(key);
        return v == null ? "" : v.trim();
    }

    public String get(String key, String fallback) {
        String v = get(key);
        return v.isEmpty() ? fallback : v;
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(get(key, "false"));
    }

    public int integer(String key, int fallback) {
        String v = get(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new SettingsException(key + " must be a whole number, not '" + v + "'");
        }
    }

    public List<String> list(String key) {
        String v = get(key);
        if (v.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    // ---- typed accessors for what the code uses most

    public String connectWiseUrl() {
        return stripSlash(get("connectwise.url"));
    }

    public String connectWiseCodebase() {
        return get("connectwise.codebase", "v4_6_release").replaceAll("^/+|/+$", "");
    }

    public String fieldNationUrl() {
        return stripSlash(get("fieldnation.url"));
    }

    public String triggerStatus() {
        return get("sync.trigger-status", "Dispatch to FN");
    }

    public List<String> syncBoards() {
        return list("sync.boards");
    }

    public boolean messagesEnabled() {
        return flag("sync.messages.enabled");
    }

    /** True when Field Nation messages become internal notes; false for Discussion (external) notes. */
    public boolean notesInternal() {
        String v = get("sync.notes.flag", "internal").toLowerCase(Locale.ROOT);
        if (!v.equals("internal") && !v.equals("external")) {
            throw new SettingsException("sync.notes.flag must be internal or external, not '" + v + "'");
        }
        return v.equals("internal");
    }

    public boolean publish() {
        return flag("sync.publish");
    }

    public boolean documentsImport() {
        return flag("sync.documents.import");
    }

    public boolean documentsExport() {
        return flag("sync.documents.export");
    }

    public boolean outboundCreate() {
        return flag("sync.outbound-create.enabled");
    }

    public boolean verifySignature() {
        return flag("connectwise.verify-signature");
    }

    /** Checks what must hold before the connector can start; throws naming every problem. */
    public void validate() {
        List<String> problems = new ArrayList<>();
        if (get("connectwise.callback-token").isEmpty()) {
            problems.add("connectwise.callback-token is required (the secret path segment of the callback URL)");
        }
        for (String k : List.of("connectwise.url", "fieldnation.url", "db.url")) {
            if (get(k).isEmpty()) {
                problems.add(k + " is required");
            }
        }
        try {
            notesInternal();
        } catch (SettingsException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new SettingsException("settings to fix:\n  - " + String.join("\n  - ", problems));
        }
    }

    /** Replaces every configured secret value found in {@code text} with ***. */
    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String k : SECRET_KEYS) {
            String v = get(k);
            if (v.length() >= 3) {
                out = out.replace(v, "***");
            }
        }
        return out;
    }

    private static String stripSlash(String s) {
        return s.replaceAll("/+$", "");
    }
}
