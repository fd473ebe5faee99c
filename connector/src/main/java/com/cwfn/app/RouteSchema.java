package com.cwfn.app;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.utils.JsonNodes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;

/**
 * Camel's YAML DSL schema, the one the camel-yaml-dsl jar in use ships ({@value #RESOURCE}): what Kaoto and the
 * VS Code Camel extension check a route file against. A route file beside the jar is checked with it at start
 * ({@link Application}) and on reload ({@link Reloader}), so a file those tools would flag is refused here too,
 * naming the file, the line and what the schema wants.
 */
public final class RouteSchema {
    /** Where camel-yaml-dsl keeps its JSON schema. */
    public static final String RESOURCE = "schema/camelYamlDsl.json";
    private static volatile Schema schema;

    private RouteSchema() {
    }

    /**
     * What the schema finds wrong with a route file, one line each ({@code name line N: where: what}), first
     * line first; empty when it is valid. One mistake fails every form a step may take (a step's short string form,
     * its object form): each line is named once, by its most telling error (an unknown or missing option before a
     * wrong type, before "none of the forms").
     */
    public static List<String> problems(String name, String yaml) {
        List<Error> errors;
        try {
            errors = schema().validate(yaml, InputFormat.YAML);
        } catch (RuntimeException e) {
            return List.of(name + ": not YAML: " + e.getMessage());
        }
        Set<Integer> lines = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        errors.stream().sorted(Comparator.comparingInt(RouteSchema::line).thenComparingInt(RouteSchema::rank))
                .forEach(e -> {
                    int line = line(e);
                    if (lines.add(line)) {
                        out.add(name + (line > 0 ? " line " + line : "") + ": " + e.getInstanceLocation() + ": "
                                + e.getMessage());
                    }
                });
        return out;
    }

    private static int rank(Error e) {
        String k = String.valueOf(e.getKeyword());
        return switch (k) {
            case "oneOf", "anyOf", "allOf", "not" -> 3;
            case "type" -> 2;
            default -> 1;
        };
    }

    /** Refuses a route file the schema does not accept, in one line naming the first problem. */
    public static void check(String name, String yaml) {
        List<String> problems = problems(name, yaml);
        if (!problems.isEmpty()) {
            throw new RouteProblem("route file not valid against Camel's YAML DSL schema: " + problems.get(0)
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        }
    }

    /** The line of what the error is about: the option it names, else the node it is at. */
    private static int line(Error e) {
        JsonNode node = e.getInstanceNode();
        Object property = e.getDetails() == null ? null : e.getDetails().get("property");
        if (node != null && property != null && node.has(property.toString())) {
            node = node.get(property.toString());
        }
        TokenStreamLocation at = node == null ? null : JsonNodes.tokenStreamLocationOf(node);
        return at == null ? 0 : at.getLineNr();
    }

    private static Schema schema() {
        Schema s = schema;
        if (s == null) {
            synchronized (RouteSchema.class) {
                s = schema;
                if (s == null) {
                    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
                            b -> b.nodeReader(r -> r.locationAware()));
                    s = registry.getSchema(SchemaLocation.of("classpath:" + RESOURCE));
                    schema = s;
                }
            }
        }
        return s;
    }
}
