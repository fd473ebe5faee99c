package com.cwfn.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every route file reads in Kaoto as it reads here: each route has a {@code description}, each step (the route's
 * {@code from}, every step of it, each choice branch, each {@code onException} and {@code interceptFrom} with its
 * steps, each Rest DSL operation) an {@code id} and a {@code description} saying what it does. Visual editors keep
 * these model fields and drop end-of-line comments when they save a file. Ids are unique across the files, since
 * failure mails, logs and {@code /admin/transactions} name a step by its id alone.
 */
class RouteReadabilityTest {
    private static final Set<String> VERBS = Set.of("get", "post", "put", "patch", "delete", "head");

    @Test
    void everyRouteHasADescriptionAndEveryStepAnIdAndADescription() throws IOException {
        List<String> missing = new ArrayList<>();
        Map<String, String> ids = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        int steps = 0;
        for (Path file : RouteSchemaTest.routeFiles()) {
            Checker c = new Checker(file.getFileName().toString(), missing, ids, duplicates);
            c.file(new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file)));
            steps += c.steps;
        }
        assertThat(missing).as("nodes without an id or a description").isEmpty();
        assertThat(duplicates).as("ids used twice").isEmpty();
        assertThat(steps).as("steps checked").isGreaterThanOrEqualTo(73);
    }

    @Test
    void theCheckFindsAStepWithoutIdOrDescription() {
        List<String> missing = new ArrayList<>();
        Checker c = new Checker("x.camel.yaml", missing, new HashMap<>(), new ArrayList<>());
        c.file(new Load(LoadSettings.builder().build()).loadFromString("""
                - route:
                    id: r
                    from:
                      id: from-r
                      description: a timer
                      uri: timer:r
                      steps:
                        - filter:
                            id: f
                            description: a filter
                            simple: "${body} != null"
                            steps:
                              - log: hello
                              - bean:
                                  id: b
                                  ref: x
                        - choice:
                            id: c
                            description: a choice
                            when:
                              - simple: "${body} == 1"
                                steps:
                                  - stop: {}
                """));
        assertThat(missing).containsExactlyInAnyOrder(
                "x.camel.yaml: route r has no description",
                "x.camel.yaml: route r > from-r > f > log has no id", "x.camel.yaml: route r > from-r > f > log has no description",
                "x.camel.yaml: route r > from-r > f > b has no description",
                "x.camel.yaml: route r > from-r > c > when has no id", "x.camel.yaml: route r > from-r > c > when has no description",
                "x.camel.yaml: route r > from-r > c > when > stop has no id",
                "x.camel.yaml: route r > from-r > c > when > stop has no description");
    }

    /** Walks one file's top-level items. */
    static final class Checker {
        private final String file;
        private final List<String> missing;
        private final Map<String, String> ids;
        private final List<String> duplicates;
        int steps;

        Checker(String file, List<String> missing, Map<String, String> ids, List<String> duplicates) {
            this.file = file;
            this.missing = missing;
            this.ids = ids;
            this.duplicates = duplicates;
        }

        void file(Object yaml) {
            for (Object item : (List<?>) yaml) {
                Map<?, ?> top = (Map<?, ?>) item;
                top.forEach((kind, value) -> {
                    Map<?, ?> v = value instanceof Map<?, ?> m ? m : Map.of();
                    switch (String.valueOf(kind)) {
                        case "route" -> {
                            String where = "route " + v.get("id");
                            need(v, where, true);
                            node((Map<?, ?>) v.get("from"), where);
                        }
                        case "routeConfiguration" -> {
                            String where = "routeConfiguration " + v.get("id");
                            need(v, where, false);
                            for (String part : List.of("onException", "interceptFrom")) {
                                if (v.get(part) instanceof List<?> list) {
                                    list.forEach(e -> ((Map<?, ?>) e).forEach((k, n) -> node((Map<?, ?>) n, where)));
                                }
                            }
                        }
                        case "rest" -> {
                            String where = "rest " + v.get("id");
                            need(v, where, true);
                            for (String verb : VERBS) {
                                if (v.get(verb) instanceof List<?> ops) {
                                    ops.forEach(op -> need((Map<?, ?>) op, where + " > " + verb + " "
                                            + ((Map<?, ?>) op).get("path"), true));
                                }
                            }
                        }
                        default -> {
                            // restConfiguration and the like configure, they are no routes or steps
                        }
                    }
                });
            }
        }

        /** A node with an id, a description and maybe steps, branches (when, otherwise) within. */
        private void node(Map<?, ?> n, String parent) {
            String where = parent + " > " + (n.get("id") != null ? n.get("id") : "?");
            need(n, where.replace(" > ?", " > node"), true);
            children(n, where);
        }

        private void children(Map<?, ?> n, String where) {
            if (n.get("steps") instanceof List<?> list) {
                for (Object s : list) {
                    Map<?, ?> step = (Map<?, ?>) s;
                    step.forEach((eip, value) -> {
                        steps++;
                        Map<?, ?> v = value instanceof Map<?, ?> m ? m : Map.of();
                        String here = where + " > " + (v.get("id") != null ? v.get("id") : eip);
                        need(v, here, true);
                        children(v, here);
                    });
                }
            }
            if (n.get("when") instanceof List<?> whens) {
                for (Object w : whens) {
                    Map<?, ?> v = (Map<?, ?>) w;
                    String here = where + " > " + (v.get("id") != null ? v.get("id") : "when");
                    need(v, here, true);
                    children(v, here);
                }
            }
            if (n.get("otherwise") instanceof Map<?, ?> v) {
                String here = where + " > " + (v.get("id") != null ? v.get("id") : "otherwise");
                need(v, here, true);
                children(v, here);
            }
        }

        private void need(Map<?, ?> n, String where, boolean id) {
            Object i = n.get("id");
            if (id && (i == null || i.toString().isBlank())) {
                missing.add(file + ": " + where + " has no id");
            } else if (i != null) {
                String before = ids.put(i.toString(), file);
                if (before != null) {
                    duplicates.add(i + " in " + before + " and " + file);
                }
            }
            Object d = n.get("description");
            if (d == null || d.toString().isBlank()) {
                missing.add(file + ": " + where + " has no description");
            }
        }
    }
}
