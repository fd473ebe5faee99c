package com.cwfn.settings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The connector's settings, read from Camel's property sources (see {@link PropertySources}) through the
 * declarations of {@link Catalog}: an unset or empty key has its declared default, {@link #validate()} runs every
 * declared check, and {@link #mask(String)} hides every value declared secret.
 */
public final class Settings {
    private final Function<String, String> source;

    public Settings(Function<String, String> source) {
        this.source = source;
    }

    /** The value of a setting, trimmed; its default when unset or empty. */
    public String text(Setting s) {
        String v = raw(s.key());
        return v.isEmpty() ? s.defaultValue() : v;
    }

    public boolean flag(Setting s) {
        return Boolean.parseBoolean(text(s));
    }

    public int integer(Setting s) {
        return Math.toIntExact(number(s));
    }

    public long number(Setting s) {
        String v = text(s);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new SettingsException(s.key() + " must be a whole number, not '" + v + "'");
        }
    }

    /** A comma-separated setting as its trimmed, non-empty items. */
    public List<String> list(Setting s) {
        String v = text(s);
        if (v.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private String raw(String key) {
        String v = source.apply(key);
        return v == null ? "" : v.trim();
    }

    // ---- what the code uses most

    public String connectWiseUrl() {
        return stripSlash(text(Catalog.CONNECTWISE_URL));
    }

    public String connectWiseCodebase() {
        return text(Catalog.CONNECTWISE_CODEBASE).replaceAll("^/+|/+$", "");
    }

    public String fieldNationUrl() {
        return stripSlash(text(Catalog.FIELDNATION_URL));
    }

    public String triggerStatus() {
        return text(Catalog.SYNC_TRIGGER_STATUS);
    }

    public List<String> syncBoards() {
        return list(Catalog.SYNC_BOARDS);
    }

    public boolean messagesEnabled() {
        return flag(Catalog.SYNC_MESSAGES_ENABLED);
    }

    /** True when Field Nation messages become internal notes; false for Discussion (external) notes. */
    public boolean notesInternal() {
        return text(Catalog.SYNC_NOTES_FLAG).toLowerCase(Locale.ROOT).equals("internal");
    }

    public boolean publish() {
        return flag(Catalog.SYNC_PUBLISH);
    }

    public boolean documentsImport() {
        return flag(Catalog.SYNC_DOCUMENTS_IMPORT);
    }

    public boolean documentsExport() {
        return flag(Catalog.SYNC_DOCUMENTS_EXPORT);
    }

    public boolean outboundCreate() {
        return flag(Catalog.SYNC_OUTBOUND_CREATE);
    }

    /** The Field Nation events written to the ticket as notes (sync.provider-notes): all, none or those listed. */
    public java.util.Set<String> providerNotes() {
        List<String> items = list(Catalog.SYNC_PROVIDER_NOTES).stream().map(x -> x.toLowerCase(Locale.ROOT)).toList();
        if (items.contains("all")) {
            return java.util.Set.copyOf(Catalog.PROVIDER_NOTE_EVENTS);
        }
        return items.contains("none") ? java.util.Set.of() : java.util.Set.copyOf(items);
    }

    public boolean verifySignature() {
        return flag(Catalog.CONNECTWISE_VERIFY_SIGNATURE);
    }

    /** This instance's name in claims: {@code connector.instance-id}, else the host name and the server port. */
    public String instanceId() {
        String id = text(Catalog.INSTANCE_ID);
        if (!id.isEmpty()) {
            return id;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName() + ":" + text(Catalog.SERVER_PORT);
        } catch (java.net.UnknownHostException e) {
            return "localhost:" + text(Catalog.SERVER_PORT);
        }
    }

    /** Runs every declared check; throws naming every problem, one per line. */
    public void validate() {
        List<String> problems = new ArrayList<>();
        for (Setting s : Catalog.all()) {
            String p = s.problem(raw(s.key()));
            if (p != null) {
                problems.add(s.key() + " " + p);
            }
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
        for (Setting s : Catalog.all()) {
            if (s.secret()) {
                String v = raw(s.key());
                if (v.length() >= 3) {
                    out = out.replace(v, "***");
                }
            }
        }
        return out;
    }

    private static String stripSlash(String s) {
        return s.replaceAll("/+$", "");
    }
}
