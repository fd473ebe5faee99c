package com.cwfn.jar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.cwfn.sandbox.Fault;
import com.cwfn.testing.Env;
import com.cwfn.testing.JarProcess;
import com.cwfn.testing.TestDatabases;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rolling upgrade on one PostgreSQL, as docs/operations.md describes it: the previous release runs with 200
 * tickets in flight, the new release starts beside it (migrating the schema while the old one works), the old one is
 * stopped with SIGTERM mid-load, and every ticket still has exactly one work order, nothing lost and nothing failed.
 *
 * <p>The previous release is built here from git history: by default the commit before the one that added the newest
 * Flyway migration (so that the new release really migrates under the old one), or {@code -Dupgrade.from=<rev>}. No
 * jar is committed. It takes a Maven build of that commit, so it runs from deploy/test/run.sh
 * ({@code -Dupgrade.test=true}), not in every {@code mvn verify}.
 */
@EnabledIfSystemProperty(named = "upgrade.test", matches = "true")
class UpgradeIT {
    static final int TICKETS = 200;
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");
    static final String MIGRATIONS = "src/main/resources/db/migration";

    @Test
    void aRollingUpgradeLosesNothingAndDoesNothingTwice(@TempDir Path dir) throws Exception {
        String newCommit = git("rev-parse", "HEAD").trim();
        String oldCommit = previousRelease();
        Path oldJar = buildAt(oldCommit);
        List<String> oldMigrations = migrationsAt(oldCommit);
        List<String> newMigrations = migrationsAt("HEAD");
        // expand only: the new release keeps every migration of the old one as it was and adds later ones
        assertThat(names(newMigrations)).as("the new release's migrations start with the old release's")
                .startsWith(names(oldMigrations).toArray(new String[0]));
        for (int i = 0; i < oldMigrations.size(); i++) {
            assertThat(git("show", "HEAD:" + newMigrations.get(i))).as("%s unchanged", oldMigrations.get(i))
                    .isEqualTo(git("show", oldCommit + ":" + oldMigrations.get(i)));
        }
        String report = run(dir, oldJar);
        String outcome = String.format("upgrade from %s (%d migrations) to %s (%d migrations): %s%n",
                oldCommit.substring(0, 10), oldMigrations.size(), newCommit.substring(0, 10), newMigrations.size(),
                report);
        System.out.print("upgrade: " + outcome);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/upgrade.txt"), outcome);
    }

    String run(Path dir, Path oldJar) throws Exception {
        String dbUrl = TestDatabases.postgres();
        try (Env env = Env.sandboxesOnly()) {
            // the previous release followed docs/api-conformance.md as it was then: only the new release's requests
            // are checked, from when the old one has exited
            env.conformance().disable();
            Map<String, String> oldSettings = ClusterIT.settings(env, dbUrl, "release-old");
            Map<String, String> newSettings = ClusterIT.settings(env, dbUrl, "release-new");
            for (Map<String, String> s : List.of(oldSettings, newSettings)) {
                s.put("connectwise.callback-token", "upgrade-token");
                s.put("connectwise.requests-per-minute", "0"); // unpaced: this test is about the upgrade
            }
            try (JarProcess old = JarProcess.of(Files.createDirectories(dir.resolve("old")), oldSettings, oldJar);
                    JarProcess next = JarProcess.of(Files.createDirectories(dir.resolve("new")), newSettings)) {
                old.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> count(dbUrl,
                        "SELECT COUNT(*) FROM connector_state WHERE name = 'reconcile.since'") == 1);
                List<Long> tickets = new ArrayList<>();
                env.cw.dropCallbacks(true);
                Instant start = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
                for (int i = 0; i < TICKETS; i++) {
                    long id = env.newTicket("Upgrade ticket " + i, t -> { });
                    env.cw.addScheduleEntry(id, start, start.plus(Duration.ofHours(1)));
                    env.cw.setStatus(id, "Dispatch to FN");
                    tickets.add(id);
                }
                env.cw.dropCallbacks(false);
                // creating a work order takes 1.5 s, so that work is still in flight when the releases change
                env.fn.inject(Fault.latency("POST", "/api/rest/v2/workorders", 1500));
                // 200 tickets in flight on the old release
                ExecutorService pool = Executors.newFixedThreadPool(8);
                List<Future<HttpResponse<String>>> sent = new ArrayList<>();
                for (long id : tickets) {
                    String body = env.callbackBody(id, UUID.randomUUID().toString(), "updated");
                    sent.add(pool.submit(() -> env.postCallbackTo(old.url(""), "upgrade-token", body)));
                }
                for (Future<HttpResponse<String>> f : sent) {
                    assertThat(f.get().statusCode()).isEqualTo(202);
                }
                // once the old release has made a fifth of the work orders, Field Nation refuses creates for a while:
                // the rest stay in flight (claimed or waiting for a retry) however fast this machine is
                await().atMost(Duration.ofSeconds(120)).until(() -> env.fn.workOrders().size() >= TICKETS / 5);
                env.fn.inject(Fault.status("POST", "/api/rest/v2/workorders", 503, -1));
                // the new release starts on the same database (and migrates it) while the old one works
                long t0 = System.nanoTime();
                next.start();
                long newStartMs = (System.nanoTime() - t0) / 1_000_000;
                int atNewStart = env.fn.workOrders().size();
                // a load balancer now sends half of the callbacks (ConnectWise's next ones) to the new release
                sent.clear();
                for (long id : tickets) {
                    String body = env.callbackBody(id, UUID.randomUUID().toString(), "updated");
                    JarProcess to = id % 2 == 0 ? next : old;
                    sent.add(pool.submit(() -> env.postCallbackTo(to.url(""), "upgrade-token", body)));
                }
                for (Future<HttpResponse<String>> f : sent) {
                    // the old release answers 429 (retry later) once it stops: ConnectWise would send it again
                    assertThat(f.get().statusCode()).isIn(202, 429);
                }
                pool.shutdown();
                // the old release is stopped with SIGTERM while work is in flight
                int atStop = env.fn.workOrders().size();
                assertThat(atStop).as("work in flight when the old release is stopped").isLessThan(TICKETS);
                int exit = old.terminate(Duration.ofSeconds(60));
                assertThat(exit).as("the old release exits 0 on SIGTERM:%n%s", tail(old.logText())).isZero();
                env.conformance().enable();
                env.fn.clearFaults(); // Field Nation takes creates again: the new release finishes the rest
                try {
                    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                            .until(() -> tickets.stream().allMatch(id -> env.workOrdersOf(id).size() >= 1
                                    && env.notesContaining(id, "Dispatched to Field Nation") >= 1));
                    await().atMost(Duration.ofSeconds(60)).until(() -> count(dbUrl,
                            "SELECT COUNT(*) FROM inbox_event WHERE status IN ('pending', 'processing')") == 0);
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("after the upgrade: " + tickets.stream()
                            .filter(id -> env.workOrdersOf(id).isEmpty()).count() + " tickets without a work order; "
                            + "new release's log:\n" + tail(next.logText()), e);
                }
                Thread.sleep(2000); // on purpose: a second work order or note would appear by now
                for (long id : tickets) {
                    assertThat(env.workOrdersOf(id)).as("work orders of ticket %d", id).hasSize(1);
                    assertThat(env.notesContaining(id, "Dispatched to Field Nation")).as("notes of %d", id)
                            .isEqualTo(1);
                }
                assertThat(env.fn.workOrders()).hasSize(TICKETS);
                assertThat(count(dbUrl, "SELECT COUNT(*) FROM inbox_event WHERE status = 'failed'"))
                        .as("nothing failed").isZero();
                assertThat(clusteredJobs(dbUrl)).as("the new release keeps only reconcile and prune clustered")
                        .containsExactly("prune", "reconcile");
                return String.format("%d tickets, %d work orders when the new release was up (it started in %.1f s "
                        + "beside the old one, migrating the schema), %d when the old one got SIGTERM (exit %d); "
                        + "afterwards every ticket has exactly one work order and one note, no event pending or failed",
                        TICKETS, atNewStart, newStartMs / 1000.0, atStop, exit);
            }
        }
    }

    static String tail(String log) {
        return log.substring(Math.max(0, log.length() - 6000));
    }

    static long count(String dbUrl, String sql) throws Exception {
        return SpreadIT.count(dbUrl, sql);
    }

    static List<String> clusteredJobs(String dbUrl) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(dbUrl, "postgres", "");
                ResultSet rs = c.createStatement().executeQuery("SELECT job_name FROM qrtz_job_details ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ the previous release, from git history

    /** {@code -Dupgrade.from}, else the parent of the commit that added the newest migration. */
    static String previousRelease() throws Exception {
        if ("true".equals(git("rev-parse", "--is-shallow-repository").trim())) {
            Process p = new ProcessBuilder("git", "fetch", "--unshallow").directory(ROOT.toFile()).inheritIO().start();
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("the upgrade test needs the git history, and this clone is shallow: "
                        + "'git fetch --unshallow' failed. Clone with the full history (or pass -Dupgrade.from=<jar's "
                        + "commit> of a commit present here).");
            }
        }
        String from = System.getProperty("upgrade.from", "");
        if (!from.isBlank()) {
            return git("rev-parse", from + "^{commit}").trim();
        }
        String newest = migrationsAt("HEAD").get(migrationsAt("HEAD").size() - 1);
        // along main's own line (--first-parent, with -m for merges): a migration often arrives by a merge, whose own
        // diff a plain log does not show; the commit before it on that line is the release that ran without it.
        // The file is looked for by name in either layout, with renames detected (-M): the module split moved it from
        // src/ to connector/src/, and that move is not the commit that added it
        String added = git("log", "--first-parent", "-m", "-M", "--diff-filter=A", "--format=%H", "-1", "--",
                ":(glob)**/db/migration/**/" + Path.of(newest).getFileName()).trim();
        if (added.isEmpty()) {
            throw new AssertionError("no commit on this branch's line adds " + newest + " (pass -Dupgrade.from=<commit>)");
        }
        return git("rev-parse", added + "^1").trim();
    }

    /**
     * The Flyway migrations at a commit (their paths there), in version order: in connector/src/main/resources since
     * the module split, in src/main/resources before it.
     */
    static List<String> migrationsAt(String rev) throws Exception {
        List<String> files = new ArrayList<>(git("ls-tree", "-r", "--name-only", rev,
                "connector/" + MIGRATIONS, MIGRATIONS)
                .lines().filter(l -> VERSION.matcher(Path.of(l).getFileName().toString()).matches()).toList());
        files.sort(Comparator.comparingInt(UpgradeIT::version));
        return files;
    }

    /** The migrations' names below db/migration (e.g. common/V1__inbox.sql), the same in either layout. */
    static List<String> names(List<String> migrations) {
        return migrations.stream().map(m -> m.substring(m.indexOf(MIGRATIONS) + MIGRATIONS.length() + 1)).toList();
    }

    static int version(String file) {
        Matcher m = VERSION.matcher(Path.of(file).getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /**
     * The jar of a commit, built from {@code git archive} of it (nothing in the work tree or the repository's worktree
     * list changes) into target/upgrade/, and kept there for the next run.
     */
    static Path buildAt(String commit) throws Exception {
        Path base = ROOT.resolve("target/upgrade");
        Path jar = base.resolve(commit + ".jar");
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        Path src = base.resolve("src-" + commit);
        deleteTree(src);
        Files.createDirectories(src);
        run(List.of("bash", "-c", "git archive --format=tar " + commit + " | tar -x -C '" + src + "'"), ROOT, 120);
        run(List.of("mvn", "-B", "-q", "package", "-DskipTests", "-Dcpd.skip", "-Dmdep.analyze.skip",
                "-Dpmd.skip"), src, 900);
        Files.copy(src.resolve("target/cw-fn-connector.jar"), jar);
        deleteTree(src);
        return jar;
    }

    static String git(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        return run(cmd, ROOT, 120);
    }

    static String run(List<String> cmd, Path dir, int seconds) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(seconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed:\n" + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
