package com.cwfn.jar;

import static org.assertj.core.api.Assertions.assertThat;
import com.cwfn.json.Json;
import com.cwfn.testing.Connector;
import com.cwfn.testing.JarProcess;
import com.cwfn.testing.Ports;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the built fat jar as a process, from an empty directory with only -D overrides, the way an operator
 * starts it: it must get healthy quickly and stop cleanly on SIGTERM. A jar whose merged service files were
 * lost (type converters, components, JDBC drivers) fails here.
 */
class FatJarIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static Path jar() {
        Path jar = Path.of(System.getProperty("connector.jar", "target/cw-fn-connector.jar")).toAbsolutePath();
        assertThat(jar).exists();
        return jar;
    }

    @Test
    void theJarStartsFromAnEmptyDirectoryGetsHealthyAndStopsCleanly(@TempDir Path dir) throws Exception {
        int port = Ports.free();
        int mgmt = Ports.free();
        List<String> cmd = new ArrayList<>(JarProcess.java("-Xmx256m",
                "-Dcamel.server.port=" + port,
                "-Dcamel.management.port=" + mgmt,
                "-Dconnectwise.callback-token=jar-test-token",
                "-Dconnectwise.url=http://127.0.0.1:9",
                "-Dfieldnation.url=http://127.0.0.1:9",
                "-Dconnector.log-format=json",
                "-jar", jar().toString()));
        Path log = dir.resolve("out.log");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            long started = System.nanoTime();
            String health = awaitHealth(mgmt, Duration.ofSeconds(60), p);
            long ms = (System.nanoTime() - started) / 1_000_000;
            assertThat(health).as("health after %d ms; log:%n%s", ms, Files.readString(log)).contains("UP");

            // the routes from inside the jar are running: a callback with a wrong token is refused as the contract says
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/callbacks/connectwise/wrong")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(dir.resolve("data")).as("H2 database beside the jar's working directory").isDirectory();
            assertThat(dir.resolve("data/connector.intake-000001.jsonl")).as("the intake journal").exists();

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("stops within 30 s").isTrue();
            try (var files = Files.list(dir.resolve("data"))) {
                assertThat(files.map(f -> f.getFileName().toString()))
                        .as("a clean stop leaves no intake journal").noneMatch(n -> n.contains(".intake-"));
            }
            // connector.log-format=json: every line is one JSON object with level, logger and message
            List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.isBlank()).toList();
            assertThat(lines).hasSizeGreaterThan(5);
            for (String line : lines) {
                com.fasterxml.jackson.databind.JsonNode j = com.cwfn.json.Json.parse(line);
                assertThat(j.has("level") && j.has("loggerName") && j.has("formattedMessage") && j.has("mdc")).as(line)
                        .isTrue();
            }
            assertThat(p.exitValue()).as("exit code on SIGTERM; log:%n%s", Files.readString(log)).isZero();
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * The demo, run once as a new user runs it, and on a configured host: the timeline shows a ticket's whole life
     * (dispatched by the demo's rule to the preferred group, published after the wait, worked, closed, its time and
     * expenses back) and a second ticket cancelled in ConnectWise cancelling its work order; the console is served
     * from the shaded jar. And it must not write into the configured database nor mail the configured people: a
     * DB_URL, application.properties and -D settings for the database and the mail are all set here. (Two runs of
     * the demo were the jar tests' longest wait; one run holds both.)
     */
    @Test
    void sandboxModeShowsATicketsWholeLifeAndTouchesNothingConfigured(@TempDir Path dir) throws Exception {
        int port = Ports.free();
        int mgmt = Ports.free();
        GreenMail smtp = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        Path configured = dir.resolve("configured");
        Files.writeString(dir.resolve("application.properties"), "db.url=jdbc:h2:file:" + configured.resolve("fromfile")
                + "\nnotify.email.to=dispatch@msp.example\n");
        Path log = dir.resolve("sandbox.log");
        ProcessBuilder pb = new ProcessBuilder(JarProcess.java("-Dcamel.server.port=" + port,
                "-Dcamel.management.port=" + mgmt, "-Dnotify.email.to=ops@msp.example",
                "-Dmail.smtp.host=127.0.0.1", "-Dmail.smtp.port=" + smtp.getSmtp().getPort(),
                "-jar", jar().toString(), "--sandbox")).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("DB_URL", "jdbc:h2:file:" + configured.resolve("fromenv"));
        Process p = pb.start();
        try {
            // the whole demo, with its 5 s routing wait, on a machine whose load decides the rest: a generous limit
            long deadline = System.currentTimeMillis() + 120_000;
            String out = "";
            while (System.currentTimeMillis() < deadline && p.isAlive() && !out.contains("Demo complete")) {
                Thread.sleep(200);
                out = Files.readString(log);
            }
            assertThat(out).as("sandbox output").contains("Demo complete")
                    .contains("no mail: db.*, notify.email.to and mail.smtp.* of your settings are not used")
                    .contains("moves to status \"Dispatch to FN\"")
                    .containsPattern("work order #\\d+ created")
                    // the demo's dispatch rule: the preferred group first, the marketplace after the wait, then Pat
                    .containsPattern("(?s)routed to 4 providers of \"Tampa Preferred\": Pat Tech, Sam Fixit, Lee Cable, "
                            + "Kim Wire.*note on ticket #100: \"Field Nation work order #\\d+ routed to 4 providers of "
                            + "\"Tampa Preferred\" \\(rule \"Tampa preferred first\" \\(mappings.yaml line \\d+\\)\\)\\.\".*"
                            + "published to the marketplace\n.*published to the marketplace after 5 s unassigned.*"
                            + "provider Pat Tech is assigned.*status -> Assigned")
                    .contains("status -> Assigned").contains("On my way")
                    .contains("private: true, same bytes: true")
                    .contains("status -> Completed").contains("status -> Closed")
                    .contains("\"Field Nation technician for work order ")
                    .contains("custom field FN Technician: \"Pat Tech")
                    .containsPattern("time entry #\\d+ on ticket #100: .*member dtech")
                    .contains("expense entry #").contains("$45.00 Materials")
                    .containsPattern("time entry #\\d+ updated: .*\\(2.25 h\\)")
                    // a second ticket cancelled in ConnectWise cancels its work order (statusActions)
                    .containsPattern("ticket #(\\d+) \"Receipt printer jammed at Store 7\" moves to status \"Dispatch to FN\"")
                    .containsPattern("work order #(\\d+) created and (routed to the providers of \"Tampa Preferred\" \\(the "
                            + "same rule\\)|published to the marketplace)")
                    .containsPattern("ticket #\\d+ moves to status \"Cancelled\"")
                    .containsPattern("Field Nation work order #\\d+ cancelled, before any provider")
                    .containsPattern("internal note on ticket #\\d+: \"Field Nation work order #\\d+ cancelled: the ticket "
                            + "moved to 'Cancelled'.\"")
                    .contains("Console               http://127.0.0.1:" + port + "/console/   log in with admin / sandbox");
            // the console's files and its WebJar libraries are in the shaded jar
            assertThat(Connector.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + port + "/console/lib/htmx.min.js")).build()).statusCode()).isEqualTo(200);
            assertThat(Connector.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + port + "/console/login")).build()).body()).contains("admin.password");
            HttpResponse<String> check = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/admin/connection")).header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString("admin:sandbox".getBytes(java.nio.charset.StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(check.body()).contains("notify.email.to is empty").doesNotContain("msp.example")
                    .doesNotContain("fromenv").doesNotContain("fromfile");
            assertThat(dir.resolve("data")).as("sandbox mode keeps its database in memory").doesNotExist();
            p.destroy();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            assertThat(configured).as("the configured databases were never opened").doesNotExist();
            assertThat(smtp.getReceivedMessages()).isEmpty();
        } finally {
            p.destroyForcibly();
            smtp.stop();
        }
    }

    @Test
    void theFileBesideTheJarIsReadAndEnvironmentAndDashDWinOverIt(@TempDir Path dir) throws Exception {
        int filePort = Ports.free();
        int dashDPort = Ports.free();
        int envMgmt = Ports.free();
        Files.writeString(dir.resolve("application.properties"), "connectwise.callback-token=from-file\n"
                + "camel.server.port=" + filePort + "\ncamel.management.port=" + Ports.free() + "\n"
                + "connectwise.url=http://127.0.0.1:9\nfieldnation.url=http://127.0.0.1:9\n");
        ProcessBuilder pb = new ProcessBuilder(JarProcess.java("-Dcamel.server.port=" + dashDPort, "-jar",
                jar().toString()))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile());
        pb.environment().put("CONNECTWISE_CALLBACK_TOKEN", "from-env");
        pb.environment().put("CAMEL_MANAGEMENT_PORT", String.valueOf(envMgmt));
        Process p = pb.start();
        try {
            assertThat(awaitHealth(envMgmt, Duration.ofSeconds(60), p)).as(Files.readString(dir.resolve("out.log")))
                    .contains("UP");
            HttpResponse<String> env = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dashDPort
                    + "/callbacks/connectwise/from-env")).POST(HttpRequest.BodyPublishers.ofString("[]")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(env.statusCode()).as("the environment's token is the one").isEqualTo(400);
            HttpResponse<String> file = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dashDPort
                    + "/callbacks/connectwise/from-file")).POST(HttpRequest.BodyPublishers.ofString("[]")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(file.statusCode()).isEqualTo(404);
        } finally {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }

    @Test
    void aBrokenMappingFileStopsStartUpNamingTheLine(@TempDir Path dir) throws Exception {
        String broken = Files.readString(Path.of("mappings.yaml")).replace(
                "- { target: title, source: ticket.summary, default: \"ConnectWise ticket\" }",
                "- { target: title, source: ticket.summary, action: copyIt }");
        Files.writeString(dir.resolve("mappings.yaml"), broken);
        int line = 0;
        String[] lines = broken.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains("action: copyIt")) {
                line = i + 1;
            }
        }
        Process p = new ProcessBuilder(JarProcess.java("-Dconnectwise.callback-token=t", "-Dcamel.server.port="
                + Ports.free(), "-Dcamel.management.port=" + Ports.free(), "-jar", jar().toString()))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile())
                .start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exits").isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(Files.readString(dir.resolve("out.log"))).contains("mappings.yaml line " + line + ":")
                .contains("copyIt");
    }

    @Test
    void theJarKeepsEveryMergedServiceFile() throws IOException {
        try (JarFile jf = new JarFile(jar().toFile())) {
            String loaders = new String(jf.getInputStream(jf.getEntry(
                    "META-INF/services/org/apache/camel/TypeConverterLoader")).readAllBytes());
            assertThat(loaders).as("type converter loaders of several jars are appended")
                    .contains("org.apache.camel.converter.CamelBaseBulkConverterLoader")
                    .contains("org.apache.camel.component.jackson");
            String drivers = new String(jf.getInputStream(jf.getEntry("META-INF/services/java.sql.Driver"))
                    .readAllBytes());
            assertThat(drivers).contains("org.h2.Driver").contains("org.postgresql.Driver");
            assertThat(jf.getEntry("META-INF/services/org/apache/camel/component/platform-http")).isNotNull();
            assertThat(jf.getEntry("META-INF/services/org/apache/camel/component/smtp")).isNotNull();
            assertThat(jf.getEntry("routes/intake.camel.yaml")).isNotNull();
            assertThat(jf.getEntry("application.properties")).isNotNull();
            assertThat(jf.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("com.cwfn.app.Application");
        }
    }

    static String awaitHealth(int port, Duration max, Process p) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        String last = "";
        while (System.nanoTime() < deadline && p.isAlive()) {
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/observe/health")).timeout(Duration.ofSeconds(1)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                last = r.body();
                if (r.statusCode() == 200 && last.contains("UP")) {
                    return last;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        return last;
    }
}
