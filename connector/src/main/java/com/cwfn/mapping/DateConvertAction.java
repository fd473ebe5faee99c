package com.cwfn.mapping;

import com.cwfn.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

/**
 * {@code dateConvert}: parses the {@code source} text with {@code format} (a {@link DateTimeFormatter} pattern;
 * without one, ISO-8601 with or without offset, a space allowed instead of the {@code T}, or a date alone). A value
 * without an offset or zone is read in {@code zone} (default UTC); a date alone is midnight. The result is written in
 * UTC as Field Nation's {@code yyyy-MM-dd HH:mm:ss}, or in {@code outputFormat} ({@code iso} gives
 * {@code 2026-07-01T14:00:00Z}, what ConnectWise takes). A missing or empty source gives nothing; a text that does
 * not parse is a {@link MappingException}.
 */
final class DateConvertAction implements FieldAction {

    /** Field Nation's UTC form. */
    static final String FIELD_NATION_FORMAT = "yyyy-MM-dd HH:mm:ss";
    /** {@code outputFormat: iso}: an ISO-8601 instant to the second. */
    static final String ISO = "iso";

    /** ISO-8601 date-time, offset and zone optional, 'T' or ' ' between date and time, or a date alone. */
    static final DateTimeFormatter LENIENT_ISO = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ISO_LOCAL_TIME)
            .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHmm", "Z").optionalEnd()
            .optionalStart().appendLiteral('[').parseCaseSensitive().appendZoneRegionId().appendLiteral(']').optionalEnd()
            .optionalEnd()
            .toFormatter();

    @Override
    public JsonNode apply(FieldMapping m, ObjectNode doc) {
        String text = Json.text(m.source().resolve(doc));
        if (text == null || text.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = parse(text.trim(), m.formatter(), m.zone());
        } catch (DateTimeException e) {
            throw m.error("cannot read '" + text + "' as a date"
                    + (m.format() == null ? " (ISO-8601 expected)" : " with format '" + m.format() + "'") + ": " + e.getMessage());
        }
        return Json.F.textNode(format(instant, m.outputFormat()));
    }

    static Instant parse(String text, DateTimeFormatter formatter, ZoneId zone) {
        ZoneId z = zone == null ? ZoneOffset.UTC : zone;
        TemporalAccessor t = (formatter == null ? LENIENT_ISO : formatter)
                .parseBest(text, ZonedDateTime::from, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
        if (t instanceof ZonedDateTime zdt) {
            return zdt.toInstant();
        }
        if (t instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (t instanceof LocalDateTime ldt) {
            return ldt.atZone(z).toInstant();
        }
        return ((LocalDate) t).atStartOfDay(z).toInstant();
    }

    static String format(Instant instant, String outputFormat) {
        if (outputFormat == null) {
            return outputFormatter(FIELD_NATION_FORMAT).format(instant);
        }
        if (ISO.equalsIgnoreCase(outputFormat)) {
            return instant.truncatedTo(ChronoUnit.SECONDS).toString();
        }
        return outputFormatter(outputFormat).format(instant);
    }

    /** A pattern in UTC; throws IllegalArgumentException for a bad pattern. */
    static DateTimeFormatter outputFormatter(String pattern) {
        return DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC);
    }
}
