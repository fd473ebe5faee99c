package com.cwfn.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code Retry-After} is written in one place: the header's name appears in the product's code (outside the
 * sandboxes, which are test doubles) as a string literal exactly once, in {@code http/Refusals}, the one writer of
 * refusals, and no route file sets it. Reading a remote server's header is {@code http/RetryAfter}'s, under the
 * lower-case name the client keeps headers by. Comments and route descriptions may name the header freely.
 */
class RetryAfterWrittenOnceTest {
    /** The product's code: the connector and the assembly (the sandboxes, test doubles, are a module of their own). */
    static final List<Path> MAIN = List.of(Path.of("connector/src/main/java"), Path.of("assembly/src/main/java"));
    static final String WRITER = "com/cwfn/http/Refusals.java";
    static final String READER = "com/cwfn/http/RetryAfter.java";
    private static final Pattern LITERAL = Pattern.compile("\"retry-after\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern ROUTE_HEADER = Pattern.compile("(?i)retry-after");

    @Test
    void theHeaderIsWrittenByTheRefusalWriterAlone() throws IOException {
        Map<String, String> java = new LinkedHashMap<>();
        for (Path main : MAIN) {
            try (Stream<Path> files = Files.walk(main)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    java.put(main.relativize(p).toString().replace('\\', '/'), Files.readString(p));
                }
            }
        }
        assertThat(java).as("the product's code was read").hasSizeGreaterThan(100).containsKeys(WRITER, READER);
        assertThat(literals(java)).as("files naming the header in code (not comments)")
                .containsExactlyInAnyOrder(WRITER, READER);
        assertThat(count(strip(java.get(WRITER)))).as("literals in the writer").isEqualTo(1);
        assertThat(strip(java.get(READER))).as("the reader reads, in lower case").contains("\"retry-after\"");

        Map<String, String> routes = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                routes.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        assertThat(routes).as("the route files were read").containsKey("refusals.camel.yaml");
        assertThat(routeWriters(routes)).as("route files that set the header").isEmpty();
    }

    @Test
    void theScanFindsASecondWriterAndIgnoresComments() {
        Map<String, String> java = Map.of(
                WRITER, "class Refusals { String h = \"Retry-After\"; }",
                READER, "class RetryAfter { /* reads Retry-After */ String n = \"retry-after\"; }",
                "com/cwfn/x/Other.java", "class Other { // answers \"Retry-After\"\n void f(M m) {"
                        + " m.setHeader(\"Retry-After\", \"5\"); } }",
                "com/cwfn/x/Quiet.java", "/** says \"Retry-After\" in a comment */ class Quiet { String url ="
                        + " \"http://x\"; }");
        assertThat(literals(java)).containsExactlyInAnyOrder(WRITER, READER, "com/cwfn/x/Other.java");
        assertThat(routeWriters(Map.of("x.camel.yaml", """
                # Retry-After in a comment
                - route:
                    description: answers with Retry-After
                    from:
                      steps:
                        - setHeader:
                            name: Retry-After
                            constant: "5"
                """))).containsExactly("x.camel.yaml line 7");
    }

    /** The files whose code (comments left out) holds the header's name as a string literal. */
    static List<String> literals(Map<String, String> java) {
        List<String> out = new ArrayList<>();
        java.forEach((name, text) -> {
            if (count(strip(text)) > 0) {
                out.add(name);
            }
        });
        return out;
    }

    private static int count(String code) {
        int n = 0;
        for (Matcher m = LITERAL.matcher(code); m.find(); ) {
            n++;
        }
        return n;
    }

    /** Java source without its comments; string literals kept (a "//" inside one is not a comment). */
    static String strip(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                end = end < 0 ? src.length() : end + 3;
                out.append(src, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < src.length() && src.charAt(j) != c) {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                out.append(src, i, Math.min(j + 1, src.length()));
                i = j + 1;
            } else if (src.startsWith("//", i)) {
                int end = src.indexOf('\n', i);
                i = end < 0 ? src.length() : end;
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? src.length() : end + 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Lines of route files that name the header outside comments and descriptions: a header being set. */
    static List<String> routeWriters(Map<String, String> routes) {
        List<String> out = new ArrayList<>();
        routes.forEach((name, text) -> {
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.startsWith("#") || line.startsWith("description:")) {
                    continue;
                }
                if (ROUTE_HEADER.matcher(line).find()) {
                    out.add(name + " line " + (i + 1));
                }
            }
        });
        return out;
    }
}
