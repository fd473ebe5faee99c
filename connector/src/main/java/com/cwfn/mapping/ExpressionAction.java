package com.cwfn.mapping;

import com.cwfn.json.Json;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * {@code expression}: a JSONata expression evaluated over the whole source document. The expression is compiled
 * at load time to validate it, and again for each evaluation: a compiled dashjoin {@link Jsonata} keeps evaluation
 * state on the instance and in a thread-local, so sharing one between threads or expressions is not safe
 * (dashjoin/jsonata-java#24, #93), and compiling is cheap next to an HTTP call.
 */
final class ExpressionAction implements FieldAction {
    @Override
    public JsonNode apply(FieldMapping m, ObjectNode doc) {
        Object result;
        try {
            result = evaluate(m.expression(), doc);
        } catch (RuntimeException e) {
            throw m.error("JSONata expression failed: " + e.getMessage());
        }
        try {
            return JavaValues.toJson(result);
        } catch (IllegalArgumentException e) {
            throw m.error("JSONata expression gave something that is not JSON: " + e.getMessage());
        }
    }

    /**
     * Evaluates a JSONata expression over a document, compiled for this evaluation (see above); the result as Java
     * values (maps, lists, numbers, texts, booleans, null). Also the {@code if} of a dispatch rule.
     */
    static Object evaluate(String expression, ObjectNode doc) {
        return Jsonata.jsonata(expression).evaluate(Json.MAPPER.convertValue(doc, Map.class));
    }

    /** Compiles an expression; returns null when it is valid, else the problem. */
    static String compileProblem(String expression) {
        try {
            Jsonata.jsonata(expression);
            return null;
        } catch (RuntimeException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }
}
