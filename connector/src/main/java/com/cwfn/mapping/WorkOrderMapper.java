package com.cwfn.mapping;

import com.cwfn.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * Applies field mappings: a ticket document ({@link TicketDocument}) to a Field Nation work order body, and a Field
 * Nation work order to a ConnectWise ticket body (outbound create). Stateless and thread-safe.
 *
 * <p>For each entry, in order: skip it when its {@code when} path has no value; compute the action's value; use
 * {@code default} when that is null, missing or ""; truncate text to the smaller of {@code maxLength} and the
 * target's built-in limit ({@link FieldLimits}); write it at the target unless it is null. Later entries write into
 * objects made by earlier ones. Array slots no entry wrote are dropped at the end, so {@code contacts.results[0]}
 * is only there when some entry wrote into it.
 */
public final class WorkOrderMapper {

    /**
     * The Field Nation work order body for a ticket on a board. {@code custom_fields.<name>} targets come out as
     * {@code "custom_fields": {"<name>": value}}; the ticket id custom field is not filled here.
     *
     * @throws MappingException naming the target and line of a field that could not be computed
     */
    public ObjectNode map(MappingConfig cfg, String boardName, ObjectNode ticketDocument) {
        return map(cfg, boardName, null, ticketDocument);
    }

    /** {@link #map} for a ticket a dispatch rule applies to: the rule's fields over the board's (null: none). */
    public ObjectNode map(MappingConfig cfg, String boardName, DispatchRule rule, ObjectNode ticketDocument) {
        return apply(cfg.fieldsFor(boardName, rule), ticketDocument, Json.object(), FieldLimits::fieldNation, null);
    }

    /** Where one value of a mapped body came from: its target, the entry's line, action and source, the value. */
    public record FieldSource(String target, int line, String action, String source, boolean defaulted,
                              JsonNode value) {
    }

    /** A mapped work order body with, for each value written, where it came from (in mapping order). */
    public record Traced(ObjectNode body, List<FieldSource> fields) {
    }

    /** {@link #map} that also says, field by field, which entry of mappings.yaml produced each value and from what. */
    public Traced mapWithSources(MappingConfig cfg, String boardName, DispatchRule rule, ObjectNode ticketDocument) {
        List<FieldSource> fields = new ArrayList<>();
        ObjectNode body = apply(cfg.fieldsFor(boardName, rule), ticketDocument, Json.object(), FieldLimits::fieldNation,
                fields);
        return new Traced(body, List.copyOf(fields));
    }

    /**
     * A ConnectWise ticket body (for {@code POST /service/tickets}) for a work order created in Field Nation:
     * {@code board: {name}}, {@code company: {identifier}}, {@code status: {name}} when configured, then the
     * outboundCreate fields over {@code {"workorder": <work order>}}. {@code customFields.<caption>} targets come out
     * as {@code "customFields": {"<caption>": value}} for the caller to turn into ConnectWise's id/value list.
     *
     * @throws MappingException when outboundCreate is not configured or a field cannot be computed
     */
    public ObjectNode mapOutbound(MappingConfig cfg, ObjectNode workOrder) {
        OutboundCreate oc = cfg.outboundCreate()
                .orElseThrow(() -> new MappingException(cfg.sourceName() + ": outboundCreate is not configured"));
        ObjectNode out = Json.object();
        out.putObject("board").put("name", oc.board());
        out.putObject("company").put("identifier", oc.company());
        if (oc.status() != null) {
            out.putObject("status").put("name", oc.status());
        }
        ObjectNode doc = Json.object();
        doc.set("workorder", workOrder == null ? Json.F.nullNode() : workOrder.deepCopy());
        return apply(oc.fields(), doc, out, FieldLimits::connectWise, null);
    }

    /**
     * Applies {@code fields} over {@code doc} into {@code out}, a ConnectWise record body (time entry, expense entry,
     * product or ticket fields written back) that the connector has started; answers {@code out}.
     *
     * @throws MappingException naming the target and line of a field that could not be computed
     */
    public ObjectNode mapInto(List<FieldMapping> fields, ObjectNode doc, ObjectNode out) {
        return apply(fields, doc, out, FieldLimits::connectWise, null);
    }

    /** Applies one entry to {@code out}; public for tests and tools that preview a single mapping. */
    public static void applyField(FieldMapping m, ObjectNode doc, ObjectNode out, Set<ArrayNode> createdArrays,
                                  Function<TargetPath, OptionalInt> builtInLimit) {
        applyField(m, doc, out, createdArrays, builtInLimit, null);
    }

    private static void applyField(FieldMapping m, ObjectNode doc, ObjectNode out, Set<ArrayNode> createdArrays,
                                   Function<TargetPath, OptionalInt> builtInLimit, List<FieldSource> trace) {
        if (m.when() != null && Json.isEmpty(m.when().resolve(doc))) {
            return;
        }
        JsonNode v;
        try {
            v = m.action().impl().apply(m, doc);
        } catch (MappingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw m.error(e.toString());
        }
        boolean defaulted = Json.isEmpty(v) && m.defaultValue() != null;
        if (defaulted) {
            v = m.defaultValue().deepCopy();
        }
        if (Json.isAbsent(v)) {
            return;
        }
        if (v.isTextual()) {
            int limit = Integer.MAX_VALUE;
            if (m.maxLength() != null) {
                limit = m.maxLength();
            }
            OptionalInt builtIn = builtInLimit.apply(m.target());
            if (builtIn.isPresent()) {
                limit = Math.min(limit, builtIn.getAsInt());
            }
            if (v.textValue().length() > limit) {
                v = Json.F.textNode(FieldLimits.truncate(v.textValue(), limit));
            }
        }
        try {
            m.target().set(out, v, createdArrays);
        } catch (IllegalStateException e) {
            throw m.error(e.getMessage());
        }
        if (trace != null) {
            trace.add(new FieldSource(m.target().text(), m.line(), m.action().yamlName(), sourceOf(m), defaulted,
                    v.deepCopy()));
        }
    }

    /** What an entry reads, in words of mappings.yaml: the path, the concat parts, the expression, or the value. */
    static String sourceOf(FieldMapping m) {
        return switch (m.action()) {
            case STATIC -> "static value";
            case EXPRESSION -> m.expression();
            case CONCAT -> {
                List<String> parts = new ArrayList<>();
                for (FieldMapping.ConcatPart p : m.sources()) {
                    parts.add(p.path() != null ? p.path().text() : "\"" + p.literal() + "\"");
                }
                yield String.join(" + ", parts);
            }
            default -> m.source() == null ? null : m.source().text();
        };
    }

    private static ObjectNode apply(List<FieldMapping> fields, ObjectNode doc, ObjectNode out,
                                    Function<TargetPath, OptionalInt> builtInLimit, List<FieldSource> trace) {
        Set<ArrayNode> created = Collections.newSetFromMap(new IdentityHashMap<>());
        for (FieldMapping m : fields) {
            applyField(m, doc, out, created, builtInLimit, trace);
        }
        for (ArrayNode a : created) {
            dropPadding(a);
        }
        return out;
    }

    private static void dropPadding(ArrayNode a) {
        for (int i = a.size() - 1; i >= 0; i--) {
            if (a.get(i).isNull()) {
                a.remove(i);
            }
        }
    }
}
