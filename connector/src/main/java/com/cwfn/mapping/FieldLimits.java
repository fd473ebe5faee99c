package com.cwfn.mapping;

import java.util.Map;
import java.util.OptionalInt;

/**
 * Built-in length limits of known target fields, applied on top of an entry's own {@code maxLength} (the smaller
 * wins). Truncating here turns an over-long value into a shorter one instead of a refused request.
 *
 * <p>Field Nation does not publish its field lengths; the Field Nation numbers below are our own conservative
 * choices (255 for names and free text lines, shorter for codes and phone numbers). The ConnectWise numbers are the
 * documented maximums of the ticket model (see the reference notes, §2.1).
 */
public final class FieldLimits {

    /** Field Nation targets (array indices written as {@code []}); chosen by us, not published by Field Nation. */
    private static final Map<String, Integer> FIELD_NATION = Map.ofEntries(
            Map.entry("title", 255),
            Map.entry("location.display_name", 255),
            Map.entry("location.address1", 255),
            Map.entry("location.address2", 255),
            Map.entry("location.city", 128),
            Map.entry("location.state", 64),
            Map.entry("location.zip", 16),
            Map.entry("contacts.results[].name", 255),
            Map.entry("contacts.results[].phone", 32),
            Map.entry("contacts.results[].ext", 16),
            Map.entry("contacts.results[].email", 255),
            Map.entry("incident_id", 255));

    /** Field Nation custom field values; chosen by us. */
    private static final int FIELD_NATION_CUSTOM_FIELD = 255;

    /** ConnectWise ticket fields, documented limits. */
    private static final Map<String, Integer> CONNECTWISE = Map.ofEntries(
            Map.entry("summary", 100),
            Map.entry("addressLine1", 50),
            Map.entry("addressLine2", 50),
            Map.entry("city", 50),
            Map.entry("stateIdentifier", 50),
            Map.entry("zip", 12),
            Map.entry("siteName", 50),
            Map.entry("contactName", 62),
            Map.entry("contactPhoneNumber", 20),
            Map.entry("contactPhoneExtension", 15),
            Map.entry("contactEmailAddress", 250),
            Map.entry("externalXRef", 100),
            Map.entry("poNumber", 50),
            Map.entry("automaticEmailCc", 1000));

    private FieldLimits() {
    }

    /** The built-in limit of a Field Nation work order target, if any. */
    public static OptionalInt fieldNation(TargetPath target) {
        if (target.customField() != null) {
            return OptionalInt.of(FIELD_NATION_CUSTOM_FIELD);
        }
        return lookup(FIELD_NATION, target.text());
    }

    /** The built-in limit of a ConnectWise ticket target, if any. */
    public static OptionalInt connectWise(TargetPath target) {
        if (target.customField() != null) {
            return OptionalInt.empty();
        }
        return lookup(CONNECTWISE, target.text());
    }

    private static OptionalInt lookup(Map<String, Integer> limits, String target) {
        Integer n = limits.get(target.replaceAll("\\[\\d+]", "[]"));
        return n == null ? OptionalInt.empty() : OptionalInt.of(n);
    }

    /** Cuts {@code s} to at most {@code max} characters, never splitting a surrogate pair. */
    public static String truncate(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max;
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
