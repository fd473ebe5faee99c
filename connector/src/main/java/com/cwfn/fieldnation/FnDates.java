package com.cwfn.fieldnation;

import com.cwfn.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Field Nation's dates: {@code "YYYY-MM-DD HH:MM:SS"} in UTC (ISO-8601 is read too), the {@code UtcDto} object
 * {@code {"utc", "local": {"date", "time"}}} that schedule updates require, and the work order's time zone as a
 * {@code time_zone} object names it.
 */
public final class FnDates {
    public static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private FnDates() {
    }

    /** Field Nation's "YYYY-MM-DD HH:MM:SS" (UTC) or ISO-8601; null when it is neither. */
    public static Instant instant(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.trim();
        try {
            return LocalDateTime.parse(t, UTC).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    return Instant.parse(t);
                } catch (DateTimeParseException e3) {
                    return null;
                }
            }
        }
    }

    public static String utc(Instant t) {
        return UTC.format(t.atOffset(ZoneOffset.UTC));
    }

    /** {@code {"utc": "...", "local": {"date": "YYYY-MM-DD", "time": "HH:MM:SS"}}}, local in {@code zone}. */
    public static ObjectNode utcDto(Instant t, ZoneId zone) {
        ObjectNode o = Json.object().put("utc", utc(t));
        ZonedDateTime z = t.atZone(zone);
        o.putObject("local").put("date", DATE.format(z)).put("time", TIME.format(z));
        return o;
    }

    /**
     * The zone of a {@code time_zone} object: its {@code name} when that is a zone id, else its {@code offset}
     * (the spec says minutes, Field Nation's examples show hours: up to 14 is read as hours); null when neither.
     */
    public static ZoneId zone(JsonNode timeZone) {
        String name = Json.text(timeZone, "name");
        if (name != null) {
            try {
                return ZoneId.of(name);
            } catch (DateTimeException e) {
                // an abbreviation or a label: try the offset
            }
        }
        JsonNode offset = timeZone == null ? null : timeZone.get("offset");
        if (offset != null && offset.isNumber()) {
            double v = offset.asDouble();
            int seconds = (int) Math.round(Math.abs(v) <= 14 ? v * 3600 : v * 60);
            try {
                return ZoneOffset.ofTotalSeconds(seconds);
            } catch (DateTimeException e) {
                return null;
            }
        }
        return null;
    }
}
