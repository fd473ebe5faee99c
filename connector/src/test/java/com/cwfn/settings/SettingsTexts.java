package com.cwfn.settings;

import com.cwfn.settings.Catalog.Group;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The texts people read about the settings, generated from {@link Catalog} (Debezium generates its connector
 * documentation from its {@code Field} definitions the same way): the page {@code docs/settings.md}, the comments of
 * {@code application.properties}, and the settings tables other pages embed between
 * {@code <!-- settings table: key key ... -->} and {@code <!-- end of settings table -->}. Nothing here is copied by
 * hand: {@link SettingsTextsTest} fails with the diff to apply while a file differs, and
 * {@value #COMMAND} writes them.
 */
final class SettingsTexts {
    /** Writes every generated file (the test, told to write instead of failing). */
    static final String COMMAND = "mvn -B -q test -Dtest=SettingsTextsTest -Dsettings.write=true";
    static final Path PROPERTIES = Path.of("application.properties");
    static final Path PAGE = Path.of("docs/settings.md");
    /** The Markdown files that may embed settings tables (besides the page, which is one). */
    static final List<Path> MARKDOWN_ROOTS = List.of(Path.of("README.md"), Path.of("docs"), Path.of("deploy"));

    private static final int WIDTH = 118;
    private static final String RULE = "# " + "=".repeat(WIDTH - 2);
    private static final String HEADING = "# ---- ";
    private static final Pattern KEY_LINE = Pattern.compile("^([A-Za-z][A-Za-z0-9._-]*)\\s*[=:]");
    private static final Pattern TABLE = Pattern.compile(
            "(<!-- settings table: ([^>]*?) -->\\n)(.*?)(<!-- end of settings table -->)", Pattern.DOTALL);
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)\\]\\(([^)\\s]+)\\)");

    private SettingsTexts() {
    }

    /**
     * The repository's top, where README.md and application.properties are: the working directory or the nearest
     * directory above it that has both (so the check also runs from a module directory).
     */
    static Path repositoryTop() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isRegularFile(dir.resolve(PROPERTIES))) {
                return dir;
            }
        }
        throw new IllegalStateException("no README.md with application.properties at or above "
                + Path.of("").toAbsolutePath());
    }

    /** Every generated file under {@code root} (paths relative to it) and the text it must have. */
    static Map<Path, String> expected(Path root, List<Group> groups) throws IOException {
        Map<Path, String> out = new LinkedHashMap<>();
        out.put(PROPERTIES, properties(groups, read(root.resolve(PROPERTIES))));
        out.put(PAGE, page(groups));
        for (Path file : markdownFiles(root)) {
            String text = read(root.resolve(file));
            if (!file.equals(PAGE) && TABLE.matcher(text).find()) {
                out.put(file, withTables(text, file, groups));
            }
        }
        return out;
    }

    /**
     * The files under {@code root} that differ from {@link #expected}, as one unified diff ("" when none does).
     */
    static String diff(Path root, List<Group> groups) throws IOException {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<Path, String> e : expected(root, groups).entrySet()) {
            String path = e.getKey().toString().replace('\\', '/');
            out.append(UnifiedDiff.of(path, read(root.resolve(e.getKey())), e.getValue()));
        }
        return out.toString();
    }

    /** Writes the files that differ; returns them. */
    static List<Path> write(Path root, List<Group> groups) throws IOException {
        List<Path> written = new ArrayList<>();
        for (Map.Entry<Path, String> e : expected(root, groups).entrySet()) {
            Path file = root.resolve(e.getKey());
            if (!read(file).equals(e.getValue())) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, e.getValue());
                written.add(e.getKey());
            }
        }
        return written;
    }

    // ------------------------------------------------------------------ docs/settings.md

    /** docs/settings.md: every group under its heading, with one table of its settings. */
    static String page(List<Group> groups) {
        StringBuilder b = new StringBuilder("""
                # Settings

                <!-- Generated from com.cwfn.settings.Catalog: edit the catalog, not this page, then run
                     %s -->

                Every setting of the connector, in the groups of `application.properties`. Each can be set in
                `application.properties` beside the jar, as `-Dkey=value`, or as the environment variable named here
                (the key upper-cased, `.` and `-` turned into `_`); both win over the file. An empty value means the
                default. Settings marked (secret) are never printed; a (required) one stops start-up while it is empty.
                Back to the [README](../README.md).

                This page and the comments of `application.properties` are generated from the settings' one
                declaration, `com.cwfn.settings.Catalog`; `mvn -B verify` fails while they differ from it
                ([Configuration](../README.md#configuration)).
                """.formatted(COMMAND));
        for (Group g : groups) {
            b.append("\n## ").append(g.title()).append("\n\n");
            if (!g.note().isEmpty()) {
                b.append(markdown(g.note(), PAGE)).append(".\n\n");
            }
            if (!g.settings().isEmpty()) {
                b.append(table(g.settings(), PAGE, true));
            }
        }
        return b.toString();
    }

    /** A Markdown table of {@code settings} for the file at {@code file} (its links made relative to it). */
    static String table(List<Setting> settings, Path file, boolean environment) {
        StringBuilder b = new StringBuilder(environment
                ? "| key | environment variable | default | meaning |\n|---|---|---|---|\n"
                : "| key | default | meaning |\n|---|---|---|\n");
        for (Setting s : settings) {
            b.append("| `").append(s.key()).append("` | ");
            if (environment) {
                b.append('`').append(s.environmentVariable()).append("` | ");
            }
            b.append(s.defaultValue().isEmpty() ? "" : "`" + s.defaultValue() + "`").append(" | ")
                    .append(markdown(s.doc(), file).replace("|", "\\|")).append(markers(s)).append(" |\n");
        }
        return b.toString();
    }

    /** {@code markdown} with every settings table between its markers generated for the keys its marker names. */
    static String withTables(String markdown, Path file, List<Group> groups) {
        Matcher m = TABLE.matcher(markdown);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            List<Setting> settings = new ArrayList<>();
            for (String key : m.group(2).trim().split("[\\s,]+")) {
                settings.add(find(groups, key).orElseThrow(() -> new IllegalArgumentException(
                        file + ": the settings table names " + key + ", which the catalog does not declare")));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + table(settings, file, false) + m.group(4)));
        }
        m.appendTail(out);
        return out.toString();
    }

    // ------------------------------------------------------------------ application.properties

    /**
     * application.properties: the header, then each group under its heading with every setting's description and
     * default as its comment and the default as its value; after them, the lines of {@code current} that are no
     * catalog setting (Camel's own options and their comments) in the group they stand in, as written.
     */
    static String properties(List<Group> groups, String current) {
        Map<String, List<List<String>>> kept = kept(groups, current);
        StringBuilder b = new StringBuilder();
        for (String line : List.of(RULE, "# ConnectWise <-> Field Nation connector: settings", "#",
                "# The jar reads this file from the directory it is started in, falling back to the copy built into it. Every",
                "# key can be overridden with -Dkey=value or with an environment variable (key upper-cased, '.' and '-' turned",
                "# into '_', e.g. CONNECTWISE_PRIVATE_KEY); both win over this file. Keys marked (secret) are never printed.",
                "#",
                "# The comments are generated from the settings' declaration, com.cwfn.settings.Catalog (docs/settings.md is",
                "# too): change a text there, then run " + COMMAND + ".",
                "# Lines that are no setting of the catalog (Camel's own options) are kept as they are written here.",
                RULE)) {
            b.append(line).append('\n');
        }
        for (Group g : groups) {
            b.append('\n').append(heading(g.title())).append('\n');
            if (!g.note().isEmpty()) {
                comment(b, plain(g.note()) + ".");
            }
            if (!g.settings().isEmpty()) {
                b.append('\n');
                for (Setting s : g.settings()) {
                    comment(b, plain(s.doc()));
                    b.append("# default: ").append(s.defaultValue().isEmpty() ? "empty" : s.defaultValue())
                            .append(markers(s)).append('\n');
                    b.append(s.key()).append('=').append(s.defaultValue()).append('\n');
                }
            }
            for (List<String> paragraph : kept.getOrDefault(g.title(), List.of())) {
                b.append('\n');
                paragraph.forEach(line -> b.append(line).append('\n'));
            }
        }
        return b.toString();
    }

    /**
     * The lines of {@code current} the generator does not own, by group title, paragraph by paragraph: every line
     * but the header (before the first heading), the headings with the comment lines right under them, and each
     * catalog key's line with the comment lines right above it.
     */
    private static Map<String, List<List<String>>> kept(List<Group> groups, String current) {
        Map<String, List<List<String>>> out = new LinkedHashMap<>();
        String group = null;
        boolean underHeading = false;
        List<String> paragraph = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        int number = 0;
        for (String line : (current + "\n").split("\n", -1)) {
            number++;
            Matcher key = KEY_LINE.matcher(line);
            if (line.startsWith(HEADING)) {
                close(out, group, paragraph, comments);
                group = title(line);
                String title = group;
                if (groups.stream().noneMatch(g -> g.title().equals(title))) {
                    throw new IllegalArgumentException("application.properties line " + number + ": the group '"
                            + title + "' is not declared in com.cwfn.settings.Catalog; declare its heading there or "
                            + "move its lines into a declared group");
                }
                underHeading = true;
            } else if (line.isBlank()) {
                close(out, group, paragraph, comments);
                underHeading = false;
            } else if (line.startsWith("#") || line.startsWith("!")) {
                if (!underHeading) {
                    comments.add(line);
                }
            } else if (key.find() && find(groups, key.group(1)).isPresent()) {
                comments.clear();
                underHeading = false;
            } else if (group == null) {
                throw new IllegalArgumentException("application.properties line " + number + " stands before the "
                        + "first group heading: " + line);
            } else {
                paragraph.addAll(comments);
                comments.clear();
                paragraph.add(line);
                underHeading = false;
            }
        }
        return out;
    }

    private static void close(Map<String, List<List<String>>> out, String group, List<String> paragraph,
            List<String> comments) {
        paragraph.addAll(comments);
        if (group != null && !paragraph.isEmpty()) {
            out.computeIfAbsent(group, g -> new ArrayList<>()).add(List.copyOf(paragraph));
        }
        paragraph.clear();
        comments.clear();
    }

    private static String heading(String title) {
        String h = HEADING + title + " ";
        return h + "-".repeat(Math.max(4, WIDTH - h.length()));
    }

    private static String title(String headingLine) {
        return headingLine.substring(HEADING.length()).replaceAll("\\s*-*\\s*$", "");
    }

    /** {@code text} as comment lines of at most {@link #WIDTH} characters. */
    private static void comment(StringBuilder b, String text) {
        StringBuilder line = new StringBuilder("#");
        for (String word : text.split(" +")) {
            if (line.length() > 1 && line.length() + 1 + word.length() > WIDTH) {
                b.append(line).append('\n');
                line = new StringBuilder("#");
            }
            line.append(' ').append(word);
        }
        b.append(line).append('\n');
    }

    // ------------------------------------------------------------------ copies

    /** Where people read about settings, besides the generated files: searched for pasted descriptions. */
    static final List<Path> READ_BY_PEOPLE = List.of(Path.of("README.md"), Path.of("docs"), Path.of("deploy"),
            Path.of("Containerfile"), Path.of("routes"));
    /** Shorter descriptions ("SMTP host", a list of two paths) recur naturally; longer ones would be a copy. */
    private static final int COPY_WORDS = 6;

    /**
     * Every description of {@code settings} found written out in a file people read under {@code root}, outside the
     * generated files and tables, as "file: key" (backticks, comment signs and line breaks do not count).
     */
    static List<String> copies(Path root, List<Setting> settings) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path start : READ_BY_PEOPLE) {
            Path abs = root.resolve(start);
            if (!Files.exists(abs)) {
                continue;
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(abs)) {
                // not in hidden folders (deploy/test/.cache holds the test's image base, no text for people)
                files = walk.filter(Files::isRegularFile).filter(f -> !inHiddenFolder(root.relativize(f)))
                        .sorted().toList();
            }
            for (Path file : files) {
                Path relative = root.relativize(file);
                if (relative.equals(PAGE)) {
                    continue;
                }
                String text = flat(TABLE.matcher(read(file)).replaceAll(""));
                for (Setting s : settings) {
                    String doc = flat(s.doc());
                    if (doc.trim().split(" ").length >= COPY_WORDS && (text.contains(doc) || text.contains(flat(plain(s.doc()))))) {
                        out.add(relative.toString().replace('\\', '/') + ": " + s.key());
                    }
                }
            }
        }
        return out;
    }

    private static boolean inHiddenFolder(Path relative) {
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            if (relative.getName(i).toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** A text with no backticks, comment signs at line starts or line breaks, single-spaced. */
    private static String flat(String text) {
        return text.replaceAll("(?m)^\\s*(#+|//|\\*)\\s?", " ").replace("`", "").replaceAll("\\s+", " ");
    }

    // ------------------------------------------------------------------ the texts

    private static String markers(Setting s) {
        return (s.secret() ? " (secret)" : "") + (s.required() ? " (required)" : "");
    }

    /** A description for a file at {@code file}: its links, written from the repository's top, made relative. */
    static String markdown(String doc, Path file) {
        Path dir = file.getParent();
        Matcher m = LINK.matcher(doc);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String label = m.group(1);
            String target = m.group(2);
            if (dir != null && !target.contains(":") && !target.startsWith("#")) {
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? "" : target.substring(hash);
                String relative = dir.relativize(Path.of(path)).toString().replace('\\', '/');
                label = label.equals(path) && !relative.startsWith("..") ? relative : label;
                target = relative + anchor;
            }
            m.appendReplacement(out, Matcher.quoteReplacement("[" + label + "](" + target + ")"));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A description as plain ASCII text for a comment: no backticks, a link as "label: target". */
    static String plain(String doc) {
        Matcher m = LINK.matcher(doc);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String label = m.group(1);
            String target = m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(target.startsWith(label) ? target : label + ": " + target));
        }
        m.appendTail(out);
        return out.toString().replace("`", "").replace("↔", "<->").replace("→", "->").replace("←", "<-")
                .replace("±", "+/-").replace("×", "x").replace("…", "...");
    }

    private static Optional<Setting> find(List<Group> groups, String key) {
        return groups.stream().flatMap(g -> g.settings().stream()).filter(s -> s.key().equals(key)).findFirst();
    }

    private static List<Path> markdownFiles(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path start : MARKDOWN_ROOTS) {
            Path abs = root.resolve(start);
            if (Files.isRegularFile(abs)) {
                out.add(start);
            } else if (Files.isDirectory(abs)) {
                try (Stream<Path> files = Files.walk(abs)) {
                    files.filter(f -> f.toString().endsWith(".md")).sorted()
                            .forEach(f -> out.add(root.relativize(f)));
                }
            }
        }
        return out;
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
