package com.cwfn.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.cwfn.settings.Catalog.Group;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No settings text is copied by hand: docs/settings.md, the comments of application.properties and the settings
 * tables other pages embed are what {@link SettingsTexts} makes of {@link Catalog}. While one differs this fails with
 * the unified diff to apply and the command that writes them; with {@code -Dsettings.write=true} it writes them.
 */
class SettingsTextsTest {
    private static final Path ROOT = SettingsTexts.repositoryTop();

    @Test
    void theGeneratedTextsAreTheCatalogs() throws IOException {
        if (Boolean.getBoolean("settings.write")) {
            System.out.println("settings texts written: " + SettingsTexts.write(ROOT, Catalog.groups()));
        }
        String diff = SettingsTexts.diff(ROOT, Catalog.groups());
        if (!diff.isEmpty()) {
            fail(message(diff));
        }
    }

    /** What a developer reads when the check fails: the command, then the diff. */
    static String message(String diff) {
        return "the settings texts differ from com.cwfn.settings.Catalog. Regenerate them with\n    "
                + SettingsTexts.COMMAND + "\nor apply this diff (git apply takes it):\n" + diff;
    }

    @Test
    void anEditedCatalogFailsWithTheDiffToApplyAndTheCommand(@TempDir Path copy) throws Exception {
        for (Path file : SettingsTexts.expected(ROOT, Catalog.groups()).keySet()) {
            Files.createDirectories(copy.resolve(file).getParent());
            Files.copy(ROOT.resolve(file), copy.resolve(file));
        }
        List<Group> edited = edit(Catalog.groups(), Catalog.WORKERS,
                new Setting("connector.workers", "12", "transactions worked at once", false, false, v -> null));
        String diff = SettingsTexts.diff(copy, edited);
        assertThat(diff).contains("--- a/application.properties\n+++ b/application.properties\n",
                "-# transactions worked in parallel (one ticket's always in order)\n-# default: 16\n"
                        + "-connector.workers=16\n+# transactions worked at once\n+# default: 12\n+connector.workers=12\n",
                "--- a/docs/settings.md\n+++ b/docs/settings.md\n",
                "-| `connector.workers` | `CONNECTOR_WORKERS` | `16` | transactions worked in parallel (one ticket's "
                        + "always in order) |\n+| `connector.workers` | `CONNECTOR_WORKERS` | `12` | transactions worked at once |\n");
        assertThat(message(diff)).contains(SettingsTexts.COMMAND);
        // the diff is the change: git applies it to the copy, and then nothing differs
        Files.writeString(copy.resolve("texts.diff"), diff);
        Process git = new ProcessBuilder("git", "apply", "texts.diff").directory(copy.toFile())
                .redirectErrorStream(true).start();
        assertThat(git.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(git.exitValue()).as(new String(git.getInputStream().readAllBytes())).isZero();
        assertThat(SettingsTexts.diff(copy, edited)).isEmpty();
        // and writing does the same
        assertThat(SettingsTexts.write(copy, Catalog.groups())).contains(SettingsTexts.PROPERTIES, SettingsTexts.PAGE);
        assertThat(SettingsTexts.diff(copy, Catalog.groups())).isEmpty();
    }

    @Test
    void applicationPropertiesKeepsCamelsOwnLinesAndRewritesTheCatalogsComments() throws IOException {
        String hand = """
                # a header someone wrote
                # ---- HTTP -----
                # the server port, reworded by hand
                camel.server.port=8080
                # Vert.x takes bodies up to this size
                camel.server.max-body-size=1048576

                camel.server.path=/
                # a comment of its own at the end

                # ---- Camel
                camel.main.name=cw-fn-connector
                """;
        String generated = SettingsTexts.properties(Catalog.groups(), hand);
        assertThat(generated).doesNotContain("reworded by hand", "a header someone wrote")
                .contains("# ---- HTTP ------", "\n# callbacks, webhooks and /admin\n# default: 8080\ncamel.server.port=8080\n",
                        "\n\n# Vert.x takes bodies up to this size\ncamel.server.max-body-size=1048576\n\n"
                                + "camel.server.path=/\n# a comment of its own at the end\n\n# ---- ConnectWise ---",
                        "\n\ncamel.main.name=cw-fn-connector\n\n# ---- Camel's own tools");
        assertThat(SettingsTexts.properties(Catalog.groups(), generated)).as("generating again changes nothing")
                .isEqualTo(generated);
        Properties p = new Properties();
        p.load(new StringReader(generated));
        for (Setting s : Catalog.all()) {
            assertThat(p.getProperty(s.key())).as(s.key()).isEqualTo(s.defaultValue());
        }
        assertThat(generated).doesNotContain("`").matches("\\A\\p{ASCII}*\\z");
    }

    @Test
    void aLineOutsideTheCatalogsGroupsIsRefusedRatherThanDropped() {
        assertThatThrownBy(() -> SettingsTexts.properties(Catalog.groups(), "# ---- Odds and ends\ncamel.main.x=1\n"))
                .hasMessageContaining("line 1: the group 'Odds and ends' is not declared in com.cwfn.settings.Catalog");
        assertThatThrownBy(() -> SettingsTexts.properties(Catalog.groups(), "camel.main.x=1\n# ---- HTTP\n"))
                .hasMessageContaining("line 1 stands before the first group heading: camel.main.x=1");
    }

    @Test
    void anEmbeddedTableIsTheCatalogsRowsWithLinksFromItsOwnPage() {
        String page = "before\n<!-- settings table: sync.time.enabled sync.mappings -->\n| stale |\n"
                + "<!-- end of settings table -->\nafter\n";
        assertThat(SettingsTexts.withTables(page, Path.of("deploy/README.md"), Catalog.groups())).isEqualTo(
                "before\n<!-- settings table: sync.time.enabled sync.mappings -->\n| key | default | meaning |\n|---|---|---|\n"
                        + "| `sync.time.enabled` | `false` | Field Nation time logs → time entries on the ticket "
                        + "([docs/charges.md](../docs/charges.md)) |\n"
                        + "| `sync.mappings` | `mappings.yaml` | the mapping file ([docs/mapping.md](../docs/mapping.md)) |\n"
                        + "<!-- end of settings table -->\nafter\n");
        assertThatThrownBy(() -> SettingsTexts.withTables(page.replace("sync.mappings", "sync.mapping"),
                Path.of("docs/x.md"), Catalog.groups()))
                .hasMessageContaining("docs/x.md: the settings table names sync.mapping, which the catalog does not declare");
    }

    @Test
    void noPageOrDeploymentFileCopiesASettingsDescription() throws IOException {
        assertThat(SettingsTexts.copies(ROOT, Catalog.all()))
                .as("descriptions written out by hand: link docs/settings.md or embed a generated settings table").isEmpty();
    }

    @Test
    void aPastedDescriptionIsFoundWhereverItIsPastedAndHowever(@TempDir Path copy) throws IOException {
        Files.createDirectories(copy.resolve("docs"));
        Files.createDirectories(copy.resolve("deploy/kubernetes"));
        Files.writeString(copy.resolve("docs/tuning.md"), "| `connector.workers` | 16 | transactions worked in\n"
                + "parallel (one ticket's always in order) |\n<!-- settings table: sync.boards -->\n"
                + "| `sync.boards` | | comma-separated board names that sync; empty = all |\n"
                + "<!-- end of settings table -->\n");
        Files.writeString(copy.resolve("deploy/kubernetes/kustomization.yaml"), "  # reload routes/ and mappings.yaml\n"
                + "  # on change; broken edits are refused\n  - CONNECTOR_RELOAD=true\n");
        Files.writeString(copy.resolve("README.md"), "comma-separated board names that sync, all when empty\n");
        assertThat(SettingsTexts.copies(copy, Catalog.all())).containsExactlyInAnyOrder("deploy/kubernetes/kustomization.yaml: "
                + "connector.reload", "docs/tuning.md: connector.workers");
    }

    @Test
    void theDiffIsUnifiedWithThreeLinesOfContext() {
        String before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\no\np\n";
        String after = before.replace("b\n", "B\n").replace("o\n", "").concat("q");
        assertThat(UnifiedDiff.of("f.txt", before, after)).isEqualTo("""
                --- a/f.txt
                +++ b/f.txt
                @@ -1,5 +1,5 @@
                 a
                -b
                +B
                 c
                 d
                 e
                @@ -12,5 +12,5 @@
                 l
                 m
                 n
                -o
                 p
                +q
                \\ No newline at end of file
                """);
        // a change in the last line of a file without a newline, and one with a change six lines on: one hunk
        assertThat(UnifiedDiff.of("g", "x\ny", "x\nz\n")).isEqualTo("--- a/g\n+++ b/g\n@@ -1,2 +1,2 @@\n x\n-y\n"
                + "\\ No newline at end of file\n+z\n");
        assertThat(UnifiedDiff.of("h", "1\n2\n3\n4\n5\n6\n7\n8\n", "0\n2\n3\n4\n5\n6\n7\n9\n"))
                .startsWith("--- a/h\n+++ b/h\n@@ -1,8 +1,8 @@\n-1\n+0\n");
        assertThat(UnifiedDiff.of("f.txt", before, before)).isEmpty();
    }

    private static List<Group> edit(List<Group> groups, Setting old, Setting replacement) {
        List<Group> out = new ArrayList<>();
        for (Group g : groups) {
            out.add(new Group(g.title(), g.note(), g.settings().stream().map(s -> s == old ? replacement : s).toList()));
        }
        return out;
    }
}
