package com.cwfn.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The glossary (docs/architecture.md, {@code ## Words}) holds in the code base: no class of the connector and no
 * table of its migrations uses a word the glossary's "Not called" column rules out (but the one exception the
 * glossary names and explains), every bean is named like its class (but the names Camel chooses, which the glossary
 * lists), and every step name the Java code records in the sync log is the id of a step in the route files. The
 * forbidden words and the exceptions are read from the glossary itself, so the page and this test cannot drift.
 * The sandboxes (test doubles of the remote APIs, {@code com.cwfn.sandbox}) are no part of the connector's words.
 */
class GlossaryTest {
    private static final Path ROOT = root();
    private static final Pattern TYPE = Pattern.compile("\\b(?:class|interface|enum|record|@interface)\\s+([A-Z]\\w*)");
    private static final Pattern TABLE = Pattern.compile(
            "(?i)\\b(?:CREATE\\s+TABLE(?:\\s+IF\\s+NOT\\s+EXISTS)?|RENAME\\s+TO)\\s+([a-z_][a-z0-9_]*)");
    private static final Pattern BEAN = Pattern.compile(
            "@BindToRegistry(?:\\(\\s*(?:value\\s*=\\s*)?\"(\\w+)\"\\s*\\))?\\s+public\\s+([\\w.]+)(?:<[^>]*>)?\\s+(\\w+)\\s*\\(");
    private static final Pattern REF = Pattern.compile("(?m)^\\s*(?:ref|beanRef):\\s*\"?(\\w+)\"?\\s*$|\\bbean:(\\w+)");
    private static final Pattern STEP_ID = Pattern.compile("(?m)^\\s*(?:-\\s+)?id:\\s*\"?([a-z0-9][a-z0-9-]*)\"?\\s*$");
    private static final Pattern KEBAB = Pattern.compile("\"([a-z]+(?:-[a-z]+)+)\"");
    /** Calls that record a step's name (the sync log, a note once, copies, an action once, a routing log line). */
    private static final List<String> RECORDING = List.of("log.append(", ".noteOnce(", ".logCopies(", "once.run(",
            ".log(log,", "FailureHandler.STEP,");

    @Test
    void noClassUsesAWordTheGlossaryRulesOut() throws IOException {
        Set<String> notCalled = notCalled();
        assertThat(notCalled).as("the glossary's Not called column").contains("InboxEvent", "Arrival");
        Map<String, String> types = connectorTypes();
        assertThat(types).as("classes of the connector scanned").hasSizeGreaterThan(200)
                .containsKeys("Transaction", "IncomingTransaction", "DocumentImporter", "UploadExporter");
        assertThat(secondWords(types.keySet(), notCalled, Set.of())).as("classes using a word the glossary rules out")
                .isEmpty();
    }

    @Test
    void noTableUsesAWordTheGlossaryRulesOutButTheOneException() throws IOException {
        Set<String> tables = tables();
        assertThat(tables).as("tables of the migrations").contains("ticket_link", "sync_log", "inbox_event");
        Set<String> exceptions = backticked(paragraph("**The one exception: the table "), 1);
        assertThat(tables).as("the glossary's exception is a table").containsAll(exceptions);
        assertThat(secondWords(tables, notCalled(), exceptions)).as("tables using a word the glossary rules out")
                .isEmpty();
    }

    @Test
    void everyBeanIsNamedLikeItsClass() throws IOException {
        Map<String, String> beans = beans(sources(p -> p.toString().replace('\\', '/').contains("/com/cwfn/app/")));
        assertThat(beans).as("beans bound with @BindToRegistry").hasSizeGreaterThan(70);
        Set<String> camelNames = backticked(paragraph("**Bean names Camel chooses.**"), Integer.MAX_VALUE);
        assertThat(camelNames).contains("metricsRegistry");
        assertThat(misnamed(beans, camelNames)).as("beans not named like their class").isEmpty();
        Set<String> refs = new TreeSet<>();
        for (Path f : routeFiles()) {
            Matcher m = REF.matcher(Files.readString(f));
            while (m.find()) {
                refs.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
        }
        assertThat(refs).as("beans the routes call").hasSizeGreaterThan(40);
        assertThat(beans.keySet()).as("every bean a route names is bound under that name").containsAll(refs);
    }

    @Test
    void everyStepNameRecordedIsARouteStepId() throws IOException {
        Set<String> ids = routeStepIds();
        Map<String, String> recorded = recordedSteps(sources(p -> true));
        assertThat(recorded).as("step names the code records").hasSizeGreaterThan(20)
                .containsKeys("create-or-update-work-order", "write-dispatched-note", "publish-work-order");
        assertThat(unknownSteps(recorded, ids)).as("step names recorded that no route step has as its id").isEmpty();
    }

    @Test
    void theChecksFindWhatTheyLookFor() {
        Set<String> notCalled = Set.of("InboxEvent", "Arrival");
        assertThat(secondWords(Set.of("ArrivalQueue", "Transaction"), notCalled, Set.of())).containsOnlyKeys(
                "ArrivalQueue");
        assertThat(secondWords(Set.of("inbox_event", "inbox_events_old"), notCalled, Set.of("inbox_event")))
                .containsOnlyKeys("inbox_events_old");
        assertThat(misnamed(beans(Map.of("X.java", """
                @BindToRegistry
                public Recorder intakeRecorder(InboxStore inbox) {
                @BindToRegistry
                public com.cwfn.store.SyncLog syncLog(Database db) {
                @BindToRegistry("metricsRegistry")
                public PrometheusMeterRegistry meters(Registry registry) {
                """)), Set.of("metricsRegistry"))).containsOnlyKeys("intakeRecorder");
        Map<String, String> recorded = recordedSteps(Map.of("W.java", """
                log.append(d.transaction.id(), d.transaction.direction(), d.ticketId, woId, "create-work-order", "ok",
                        "work order " + woId + " created");
                d.noteOnce(notes, log, Items.DISPATCHED_NOTE, "write-dispatched-note", text(d.workOrderId));
                LOG.info("not-recorded-here");
                """));
        assertThat(recorded).containsOnlyKeys("create-work-order", "write-dispatched-note");
        assertThat(unknownSteps(recorded, Set.of("create-or-update-work-order", "write-dispatched-note")))
                .containsOnlyKeys("create-work-order");
    }

    // --- the glossary

    /** The words of the glossary table's "Not called" column, in backticks. */
    static Set<String> notCalled() throws IOException {
        Set<String> words = new LinkedHashSet<>();
        int column = -1;
        for (String line : words().split("\n")) {
            if (!line.startsWith("|")) {
                continue;
            }
            String[] cells = line.split("\\|", -1);
            if (column < 0) {
                for (int i = 0; i < cells.length; i++) {
                    if (cells[i].trim().equalsIgnoreCase("Not called")) {
                        column = i;
                    }
                }
                continue;
            }
            if (column < cells.length) {
                words.addAll(backticked(cells[column], Integer.MAX_VALUE));
            }
        }
        assertThat(column).as("the glossary table has a Not called column").isPositive();
        return words;
    }

    /** The {@code ## Words} section of docs/architecture.md. */
    static String words() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/architecture.md"));
        int start = doc.indexOf("\n## Words\n");
        assertThat(start).as("docs/architecture.md has a ## Words section").isPositive();
        int end = doc.indexOf("\n## ", start + 1);
        return doc.substring(start, end < 0 ? doc.length() : end);
    }

    /** The paragraph of the glossary that starts with {@code opening}. */
    static String paragraph(String opening) throws IOException {
        String words = words();
        int start = words.indexOf("\n" + opening);
        assertThat(start).as("the glossary has a paragraph starting " + opening).isPositive();
        int end = words.indexOf("\n\n", start + 1);
        return words.substring(start, end < 0 ? words.length() : end);
    }

    static Set<String> backticked(String text, int limit) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = Pattern.compile("`([^`]+)`").matcher(text);
        while (m.find() && out.size() < limit) {
            out.add(m.group(1).trim());
        }
        return out;
    }

    // --- the checks

    /** Names that use a ruled-out word (compared without case and underscores), with the word; exceptions pass. */
    static Map<String, String> secondWords(Set<String> names, Set<String> notCalled, Set<String> exceptions) {
        Map<String, String> found = new LinkedHashMap<>();
        for (String name : new TreeSet<>(names)) {
            if (exceptions.contains(name)) {
                continue;
            }
            for (String word : notCalled) {
                if (plain(name).contains(plain(word))) {
                    found.put(name, word);
                }
            }
        }
        return found;
    }

    private static String plain(String name) {
        return name.replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** Bean name -> the class's simple name, from @BindToRegistry methods. */
    static Map<String, String> beans(Map<String, String> sources) {
        Map<String, String> beans = new LinkedHashMap<>();
        sources.forEach((file, text) -> {
            Matcher m = BEAN.matcher(text);
            while (m.find()) {
                String type = m.group(2).substring(m.group(2).lastIndexOf('.') + 1);
                beans.put(m.group(1) != null ? m.group(1) : m.group(3), type);
            }
        });
        return beans;
    }

    /** Beans whose name is not their class's simple name in lowerCamel, with the name expected. */
    static Map<String, String> misnamed(Map<String, String> beans, Set<String> camelNames) {
        Map<String, String> out = new LinkedHashMap<>();
        beans.forEach((name, type) -> {
            String expected = Character.toLowerCase(type.charAt(0)) + type.substring(1);
            if (!name.equals(expected) && !camelNames.contains(name)) {
                out.put(name, expected);
            }
        });
        return out;
    }

    /** Step names passed as literals to the calls that record one, with the file they are in. */
    static Map<String, String> recordedSteps(Map<String, String> sources) {
        Map<String, String> out = new LinkedHashMap<>();
        sources.forEach((file, text) -> {
            for (String statement : text.split(";")) {
                if (RECORDING.stream().noneMatch(statement::contains)) {
                    continue;
                }
                Matcher m = KEBAB.matcher(statement);
                while (m.find()) {
                    out.putIfAbsent(m.group(1), file);
                }
            }
        });
        return out;
    }

    static Map<String, String> unknownSteps(Map<String, String> recorded, Set<String> ids) {
        Map<String, String> out = new LinkedHashMap<>();
        recorded.forEach((step, file) -> {
            if (!ids.contains(step)) {
                out.put(step, file);
            }
        });
        return out;
    }

    // --- the code base

    private static Map<String, String> connectorTypes() throws IOException {
        Map<String, String> types = new LinkedHashMap<>();
        for (Map.Entry<String, String> f : javaFiles(true).entrySet()) {
            Matcher m = TYPE.matcher(f.getValue());
            while (m.find()) {
                types.putIfAbsent(m.group(1), f.getKey());
            }
        }
        return types;
    }

    /** The connector's main sources (not the sandboxes) whose path passes {@code filter}: path -> text. */
    private static Map<String, String> sources(java.util.function.Predicate<Path> filter) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        javaFiles(false).forEach((path, text) -> {
            if (filter.test(Path.of(path))) {
                out.put(path, text);
            }
        });
        return out;
    }

    /** Java files of the connector under any module's src/main/java (and src/test/java when asked), by path. */
    private static Map<String, String> javaFiles(boolean withTests) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> s = Files.walk(ROOT)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String path = ROOT.relativize(p).toString().replace('\\', '/');
                boolean main = path.contains("src/main/java/com/cwfn/");
                boolean test = withTests && path.contains("src/test/java/com/cwfn/");
                if ((main || test) && !path.contains("/target/") && !path.contains("/com/cwfn/sandbox/")) {
                    out.put(path, read(p));
                }
            }
        }
        return out;
    }

    private static Set<String> tables() throws IOException {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> s = Files.walk(ROOT)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".sql")).toList()) {
                String path = p.toString().replace('\\', '/');
                if (!path.contains("/src/main/resources/db/migration/") || path.contains("/target/")) {
                    continue;
                }
                Matcher m = TABLE.matcher(read(p));
                while (m.find()) {
                    tables.add(m.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return tables;
    }

    private static List<Path> routeFiles() throws IOException {
        try (Stream<Path> s = Files.list(ROOT.resolve("routes"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        }
    }

    private static Set<String> routeStepIds() throws IOException {
        Set<String> ids = new TreeSet<>();
        for (Path f : routeFiles()) {
            Matcher m = STEP_ID.matcher(Files.readString(f));
            while (m.find()) {
                ids.add(m.group(1));
            }
        }
        assertThat(ids).as("step ids of the route files").hasSizeGreaterThan(100);
        return ids;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The project's top directory (the one with docs/architecture.md), from wherever the test runs. */
    private static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("docs/architecture.md")) && Files.isDirectory(p.resolve("routes"))) {
                return p;
            }
        }
        throw new IllegalStateException("no docs/architecture.md above " + Path.of("").toAbsolutePath());
    }
}
