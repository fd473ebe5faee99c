package com.cwfn.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * One entry of a {@code fields:} list in {@code mappings.yaml}, validated. Only the members used by its action
 * are set; the others are null.
 *
 * @param origin        the file the entry came from (for messages)
 * @param line          the entry's line in that file (1-based)
 * @param target        where the value goes
 * @param action        what computes the value
 * @param source        sync, arrayMap, rangeMap, dateConvert, html: the path read
 * @param value         static: the value
 * @param map           arrayMap: source text to value
 * @param otherwise     arrayMap: value when the source is not in {@code map}; null for none
 * @param ranges        rangeMap: the bands, first match wins
 * @param format        dateConvert: the pattern as written, null for ISO-8601
 * @param formatter     dateConvert: {@code format} compiled, null for ISO-8601
 * @param zone          dateConvert: the zone of values without an offset
 * @param outputFormat  dateConvert: the output pattern, {@code iso} for an ISO-8601 instant
 * @param sources       concat: the parts
 * @param separator     concat: between the parts
 * @param expression    expression: the JSONata text (compiled once at load time to validate it)
 * @param defaultValue  the value used when the result is null, missing or an empty string; null for none
 * @param maxLength     truncate text results to this many characters; null for no limit of its own
 * @param when          apply this entry only when this path has a value (not null, missing or ""); null: always
 */
public record FieldMapping(
        String origin,
        int line,
        TargetPath target,
        ActionType action,
        SourcePath source,
        JsonNode value,
        Map<String, JsonNode> map,
        JsonNode otherwise,
        List<Range> ranges,
        String format,
        DateTimeFormatter formatter,
        ZoneId zone,
        String outputFormat,
        List<ConcatPart> sources,
        String separator,
        String expression,
        JsonNode defaultValue,
        Integer maxLength,
        SourcePath when) {

    /** A rangeMap band: {@code min <= x < max}; a null bound is open. */
    public record Range(BigDecimal min, BigDecimal max, JsonNode value, int line) {
        public boolean contains(BigDecimal x) {
            return (min == null || x.compareTo(min) >= 0) && (max == null || x.compareTo(max) < 0);
        }
    }

    /** A concat part: a literal text or a path. */
    public record ConcatPart(String literal, SourcePath path) {
    }

    /** A run-time error for this entry: {@code "<file> line <N>: target '<t>' (<action>): <problem>"}. */
    public MappingException error(String problem) {
        return new MappingException(origin + " line " + line + ": target '" + target.text() + "' (" + action.yamlName()
                + "): " + problem);
    }
}
