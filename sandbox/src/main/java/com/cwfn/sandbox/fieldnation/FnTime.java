package com.cwfn.sandbox.fieldnation;

import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Field Nation date handling. The API sends dates as {@code {"utc":"YYYY-MM-DD HH:MM:SS","local":{"date","time"}}};
 * on input it takes that object, a bare string, the space form or ISO-8601 ({@code 2026-07-01T14:00:00Z}, offsets,
 * fractions), or only {@code local} (read in the work order's time zone).
 */
final class FnTime {
    static final DateTimeFormatter FN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final Pattern DATE_ONLY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern SPACE_FORM = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?.*");

    /**
     * FN time zone ids. Only 3 = America/Chicago is documented (reference §2.3 example); the rest of the
     * numbering is this sandbox's own guess [U].
     */
    static final Map<Integer, ZoneId> ZONES = Map.of(
            1, ZoneId.of("America/New_York"),
            3, ZoneId.of("America/Chicago"),
            4, ZoneId.of("America/Denver"),
            5, ZoneId.of("America/Phoenix"),
            6, ZoneId.of("America/Los_Angeles"),
            7, ZoneId.of("America/Anchorage"),
            8, ZoneId.of("Pacific/Honolulu"),
            10, ZoneId.of("UTC"));

    private FnTime() {
    }

    /** Parses a date string in any accepted form; 400 when it is none of them. */
    static Instant parse(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new SandboxException(400, "Invalid date for " + field + ": empty");
        }
        String s = text.trim();
        try {
            if (DATE_ONLY.matcher(s).matches()) {
                return LocalDate.parse(s, DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (SPACE_FORM.matcher(s).matches()) {
                s = s.replaceFirst(" ", "T");
            }
            if (s.endsWith("Z") || s.endsWith("z") || s.matches(".*[+-]\\d{2}:?\\d{2}$")) {
                String norm = s.matches(".*[+-]\\d{4}$") ? s.substring(0, s.length() - 2) + ":" + s.substring(s.length() - 2) : s;
                return OffsetDateTime.parse(norm.toUpperCase(Locale.ROOT)).toInstant();
            }
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new SandboxException(400, "Invalid date for " + field + ": '" + text
                    + "' (expected YYYY-MM-DD HH:MM:SS in UTC)");
        }
    }

    /**
     * Reads a date field: a string, {@code {"utc": ...}}, or {@code {"local":{"date","time"}}} in {@code zone}.
     * Returns null for a missing/null node.
     */
    static Instant parseNode(JsonNode n, ZoneId zone, String field) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isTextual()) {
            return parse(n.asText(), field);
        }
        if (n.isNumber()) {
            long v = n.asLong();
            return v > 100_000_000_000L ? Instant.ofEpochMilli(v) : Instant.ofEpochSecond(v);
        }
        if (n.isObject()) {
            JsonNode utc = n.get("utc");
            if (utc != null && utc.isTextual() && !utc.asText().isBlank()) {
                return parse(utc.asText(), field + ".utc");
            }
            JsonNode local = n.has("local") ? n.get("local") : n;
            if (local.hasNonNull("date")) {
                try {
                    LocalDate d = LocalDate.parse(local.get("date").asText().trim(), DATE);
                    LocalTime t = local.hasNonNull("time") && !local.get("time").asText().isBlank()
                            ? LocalTime.parse(local.get("time").asText().trim()) : LocalTime.MIDNIGHT;
                    return ZonedDateTime.of(d, t, zone).toInstant();
                } catch (DateTimeParseException e) {
                    throw new SandboxException(400, "Invalid local date for " + field + ": " + local);
                }
            }
        }
        throw new SandboxException(400, "Invalid date for " + field + ": " + n);
    }

    static String utc(Instant t) {
        return FN.format(t.atOffset(ZoneOffset.UTC));
    }

    /** {@code {"utc":"YYYY-MM-DD HH:MM:SS","local":{"date","time"}}}. */
    static ObjectNode dateObject(Instant t, ZoneId zone) {
        ObjectNode o = Json.object();
        o.put("utc", utc(t));
        ZonedDateTime z = t.atZone(zone);
        ObjectNode local = o.putObject("local");
        local.put("date", DATE.format(z));
        local.put("time", TIME.format(z));
        return o;
    }

    /** ISO-8601 with the zone's offset, e.g. 2026-07-01T16:05:12-05:00. */
    static String isoOffset(Instant t, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
    }

    /** ISO-8601 UTC with milliseconds, e.g. 2026-07-01T21:05:12.345Z (the v3 management API style). */
    static String isoUtc(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.MILLIS));
    }

    static int zoneId(ZoneId zone) {
        for (Map.Entry<Integer, ZoneId> e : ZONES.entrySet()) {
            if (e.getValue().equals(zone)) {
                return e.getKey();
            }
        }
        return 0;
    }

    /** {@code {"id","name","short","offset"}}; offset in hours at {@code at} (the reference example uses -5). */
    static ObjectNode timeZone(ZoneId zone, Instant at) {
        ObjectNode tz = Json.object();
        tz.put("id", zoneId(zone));
        tz.put("name", zone.getId());
        tz.put("short", zone.getRules().isDaylightSavings(at)
                ? java.util.TimeZone.getTimeZone(zone).getDisplayName(true, java.util.TimeZone.SHORT, Locale.US)
                : java.util.TimeZone.getTimeZone(zone).getDisplayName(false, java.util.TimeZone.SHORT, Locale.US));
        int seconds = zone.getRules().getOffset(at).getTotalSeconds();
        if (seconds % 3600 == 0) {
            tz.put("offset", seconds / 3600);
        } else {
            tz.put("offset", seconds / 3600.0);
        }
        return tz;
    }

    private static final Map<String, String> STATE_ZONES = Map.ofEntries(
            Map.entry("CT", "America/New_York"), Map.entry("DE", "America/New_York"), Map.entry("DC", "America/New_York"),
            Map.entry("FL", "America/New_York"), Map.entry("GA", "America/New_York"), Map.entry("ME", "America/New_York"),
            Map.entry("MD", "America/New_York"), Map.entry("MA", "America/New_York"), Map.entry("MI", "America/New_York"),
            Map.entry("NH", "America/New_York"), Map.entry("NJ", "America/New_York"), Map.entry("NY", "America/New_York"),
            Map.entry("NC", "America/New_York"), Map.entry("OH", "America/New_York"), Map.entry("PA", "America/New_York"),
            Map.entry("RI", "America/New_York"), Map.entry("SC", "America/New_York"), Map.entry("VT", "America/New_York"),
            Map.entry("VA", "America/New_York"), Map.entry("WV", "America/New_York"), Map.entry("IN", "America/New_York"),
            Map.entry("KY", "America/New_York"),
            Map.entry("AL", "America/Chicago"), Map.entry("AR", "America/Chicago"), Map.entry("IL", "America/Chicago"),
            Map.entry("IA", "America/Chicago"), Map.entry("KS", "America/Chicago"), Map.entry("LA", "America/Chicago"),
            Map.entry("MN", "America/Chicago"), Map.entry("MS", "America/Chicago"), Map.entry("MO", "America/Chicago"),
            Map.entry("NE", "America/Chicago"), Map.entry("ND", "America/Chicago"), Map.entry("OK", "America/Chicago"),
            Map.entry("SD", "America/Chicago"), Map.entry("TN", "America/Chicago"), Map.entry("TX", "America/Chicago"),
            Map.entry("WI", "America/Chicago"),
            Map.entry("CO", "America/Denver"), Map.entry("MT", "America/Denver"), Map.entry("NM", "America/Denver"),
            Map.entry("UT", "America/Denver"), Map.entry("WY", "America/Denver"), Map.entry("ID", "America/Denver"),
            Map.entry("AZ", "America/Phoenix"),
            Map.entry("CA", "America/Los_Angeles"), Map.entry("NV", "America/Los_Angeles"),
            Map.entry("OR", "America/Los_Angeles"), Map.entry("WA", "America/Los_Angeles"),
            Map.entry("AK", "America/Anchorage"), Map.entry("HI", "Pacific/Honolulu"));

    /** A rough site zone for a US state code, or null. */
    static ZoneId zoneForState(String country, String state) {
        if (state == null || (country != null && !country.isBlank() && !"US".equalsIgnoreCase(country))) {
            return null;
        }
        String z = STATE_ZONES.get(state.trim().toUpperCase(Locale.ROOT));
        return z == null ? null : ZoneId.of(z);
    }
}
