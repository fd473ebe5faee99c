package com.cwfn.store;

import static org.assertj.core.api.Assertions.assertThat;
import com.cwfn.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The intake journal on an H2 file database: an event recorded (and so answered 202) survives a killed process
 * although H2 had not written it to its file, and is recorded once after the restart. H2 is "killed" with
 * SHUTDOWN IMMEDIATELY, which closes the file without writing what is still in memory; WRITE_DELAY is set high so
 * that H2 writes nothing on its own while the test runs.
 */
class IntakeJournalTest {
    private static final long NEVER = 3_600_000;

    @Test
    void eventsAnsweredBeforeAKillAreRecordedOnceAfterTheRestart(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("connector") + ";WRITE_DELAY=60000";
        Path base = dir.resolve("journal");

        Started first = start(Database.open(url, "", "", 4), base);
        Database db = first.db();
        InboxStore inbox = first.inbox();
        for (int i = 0; i < 100; i++) {
            inbox.record(event(i)).orElseThrow();
        }
        db.flush(); // the first hundred are in the database file
        for (int i = 100; i < 200; i++) {
            inbox.record(event(i)).orElseThrow();
        }
        assertThat(inbox.record(event(7))).as("a repeat").isEmpty();
        kill(db);

        try (Database again = Database.open(url, "", "", 4)) {
            assertThat(count(again)).as("without the journal the kill lost what H2 had not written")
                    .isBetween(100, 199);
            Started second = start(again, base);
            IntakeJournal journal2 = second.journal();
            InboxStore inbox2 = second.inbox();
            assertThat(count(again)).isEqualTo(200);
            assertThat(distinctKeys(again)).isEqualTo(200);
            assertThat(journal2.segments()).as("the recovered files are gone, a new one is open").hasSize(1);

            inbox2.record(event(200)).orElseThrow();
            journal2.close();
            assertThat(journal2.segments()).as("a clean stop leaves no journal").isEmpty();
        }
    }

    @Test
    void rotationWritesTheDatabaseFileThenDropsTheOlderJournal(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("connector") + ";WRITE_DELAY=60000";
        Path base = dir.resolve("journal");
        Started started = start(Database.open(url, "", "", 4), base);
        Database db = started.db();
        IntakeJournal journal = started.journal();
        InboxStore inbox = started.inbox();
        for (int i = 0; i < 5; i++) {
            inbox.record(event(i)).orElseThrow();
        }
        Path first = journal.segments().get(0);
        assertThat(Files.readAllLines(first)).hasSize(5);

        journal.rotate();
        List<Path> after = journal.segments();
        assertThat(after).hasSize(1);
        assertThat(after.get(0)).isNotEqualTo(first);
        kill(db);
        try (Database again = Database.open(url, "", "", 4)) {
            assertThat(count(again)).as("the rotation's checkpoint wrote them").isEqualTo(5);
        }
    }

    @Test
    void aLineCutShortByTheCrashIsSkippedAndTheRestRecorded(@TempDir Path dir) throws Exception {
        Path base = dir.resolve("journal");
        String whole = com.cwfn.json.Json.write(event(1)) + "\n" + com.cwfn.json.Json.write(event(2)) + "\n";
        String cut = com.cwfn.json.Json.write(event(3));
        Files.writeString(dir.resolve("journal.intake-000004.jsonl"),
                whole + cut.substring(0, cut.length() / 2), StandardCharsets.UTF_8);
        try (Database db = Database.open("jdbc:h2:file:" + dir.resolve("connector"), "", "", 4)) {
            IntakeJournal journal = start(db, base).journal();
            assertThat(count(db)).isEqualTo(2);
            assertThat(journal.segments()).extracting(p -> p.getFileName().toString())
                    .containsExactly("journal.intake-000005.jsonl");
            journal.close();
        }
    }

    @Test
    void onlyLocalH2FilesHaveAJournal() {
        assertThat(IntakeJournal.baseFor("jdbc:h2:file:./data/connector")).contains(Path.of("./data/connector"));
        assertThat(IntakeJournal.baseFor("jdbc:h2:./data/connector;MODE=PostgreSQL"))
                .contains(Path.of("./data/connector"));
        assertThat(IntakeJournal.baseFor("jdbc:h2:~/cwfn")).contains(Path.of(System.getProperty("user.home"), "cwfn"));
        assertThat(IntakeJournal.baseFor("jdbc:h2:mem:test")).isEmpty();
        assertThat(IntakeJournal.baseFor("jdbc:h2:tcp://db:9092/connector")).isEmpty();
        assertThat(IntakeJournal.baseFor("jdbc:postgresql://db/connector")).isEmpty();
        assertThat(IntakeJournal.baseFor("jdbc:h2:file:")).isEqualTo(Optional.empty());
    }

    private record Started(Database db, IntakeJournal journal, InboxStore inbox) { }

    /** An inbox recording through a journal at {@code base} (never rotating on its own), after recovery. */
    private static Started start(Database db, Path base) {
        IntakeJournal journal = new IntakeJournal(base, db::flush, NEVER);
        InboxStore inbox = new InboxStore(db.dataSource(), Clock.systemUTC(), journal::append);
        journal.recover(inbox);
        return new Started(db, journal, inbox);
    }

    private static NewTransaction event(int i) {
        return NewTransaction.forTicket("connectwise", "m-" + i, "ticket.updated", 1000 + i, "{\"ID\":" + (1000 + i) + "}");
    }

    /** Closes the database file without writing what H2 still holds in memory, as a killed process would. */
    private static void kill(Database db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN IMMEDIATELY");
        } catch (java.sql.SQLException e) {
            assertThat(e.getMessage()).contains("Database is already closed"); // what H2 says to this session
        }
        db.dataSource().unwrap(com.zaxxer.hikari.HikariDataSource.class).close();
    }

    private static int count(Database db) throws Exception {
        return query(db, "SELECT COUNT(*) FROM inbox_event");
    }

    private static int distinctKeys(Database db) throws Exception {
        return query(db, "SELECT COUNT(DISTINCT dedup_key) FROM inbox_event");
    }

    private static int query(Database db, String sql) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
