package com.cwfn.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The schema rule of rolling upgrades (docs/operations.md, Upgrades): a migration expands, so that the previous
 * release keeps working beside the new one. A statement that takes something away or makes it stricter (DROP, RENAME,
 * a new type, NOT NULL on an existing column) belongs to a contract step, a release after the one that stopped using
 * it, and its file says so in a line {@code -- contract: <what the previous release no longer uses>}.
 */
class MigrationsExpandTest {
    static final Path MIGRATIONS = Path.of("connector/src/main/resources/db/migration");
    static final Pattern CONTRACTING = Pattern.compile("\\b(DROP\\s+(TABLE|COLUMN|INDEX|CONSTRAINT)|RENAME\\b"
            + "|ALTER\\s+COLUMN\\s+\\S+\\s+(SET\\s+DATA\\s+)?TYPE\\b|ALTER\\s+COLUMN\\s+\\S+\\s+SET\\s+NOT\\s+NULL"
            + "|ADD\\s+COLUMN\\s+[^,;]*\\bNOT\\s+NULL\\b(?![^,;]*\\bDEFAULT\\b))");
    static final Pattern DEFAULT_FIRST = Pattern.compile("ADD\\s+COLUMN\\s+[^,;]*\\bDEFAULT\\b[^,;]*\\bNOT\\s+NULL\\b");

    static List<String> problems(String file, String sql) {
        List<String> out = new ArrayList<>();
        if (sql.lines().anyMatch(l -> l.trim().toLowerCase(Locale.ROOT).startsWith("-- contract:"))) {
            return out;
        }
        String code = sql.replaceAll("--[^\n]*", "").toUpperCase(Locale.ROOT);
        for (String statement : code.split(";")) {
            if (CONTRACTING.matcher(statement).find() && !DEFAULT_FIRST.matcher(statement).find()) {
                out.add(file + ": " + statement.trim().replaceAll("\\s+", " "));
            }
        }
        return out;
    }

    @Test
    void everyMigrationOnlyExpandsUnlessItSaysItContracts() throws IOException {
        List<String> problems = new ArrayList<>();
        int files = 0;
        try (Stream<Path> s = Files.walk(MIGRATIONS)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                problems.addAll(problems(p.toString(), Files.readString(p)));
                files++;
            }
        }
        assertThat(files).isGreaterThanOrEqualTo(6);
        assertThat(problems).as("statements that take away from the schema (a contract step must say "
                + "'-- contract: ...')").isEmpty();
    }

    @Test
    void theCheckKnowsAnExpandFromAContract() {
        assertThat(problems("x", "ALTER TABLE inbox_event ADD COLUMN paused_ms BIGINT DEFAULT 0 NOT NULL;")).isEmpty();
        assertThat(problems("x", "CREATE TABLE t (id BIGINT NOT NULL PRIMARY KEY, v VARCHAR NOT NULL);")).isEmpty();
        assertThat(problems("x", "ALTER TABLE synced_item ADD COLUMN source_hash VARCHAR(64);")).isEmpty();
        assertThat(problems("x", "ALTER TABLE inbox_event DROP COLUMN step;")).hasSize(1);
        assertThat(problems("x", "ALTER TABLE inbox_event RENAME COLUMN step TO stage;")).hasSize(1);
        assertThat(problems("x", "ALTER TABLE inbox_event ALTER COLUMN step TYPE TEXT;")).hasSize(1);
        assertThat(problems("x", "ALTER TABLE inbox_event ALTER COLUMN step SET NOT NULL;")).hasSize(1);
        assertThat(problems("x", "ALTER TABLE inbox_event ADD COLUMN lane VARCHAR(8) NOT NULL;")).hasSize(1);
        assertThat(problems("x", "DROP TABLE old_table;")).hasSize(1);
        assertThat(problems("x", "-- contract: release 1.3 stopped reading step\nALTER TABLE inbox_event DROP COLUMN "
                + "step;")).isEmpty();
    }
}
