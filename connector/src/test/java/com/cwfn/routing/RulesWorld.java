package com.cwfn.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.cwfn.json.Json;
import com.cwfn.testing.Connector;
import com.cwfn.testing.Env;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/** What the dispatch rules tests share: the shipped mapping with rules, admin calls, tickets that dispatch. */
final class RulesWorld {
    static final String ADMIN_PASSWORD = "Rules-Adm1n-Pa55";
    /** Waits for outcomes the machine's load decides: generous. */
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String RULES_LINE = "  rules: []                      # dispatch rules, e.g. (docs/mapping.md \"Dispatch rules\"):";

    private RulesWorld() {
    }

    /** The shipped mappings.yaml with {@code rules} (YAML lines indented for defaults) in place of its empty list. */
    static Path mapping(String rules) {
        try {
            String shipped = Files.readString(Path.of("mappings.yaml"));
            assertThat(shipped).contains(RULES_LINE);
            Path p = Files.createTempFile("mappings-rules", ".yaml");
            p.toFile().deleteOnExit();
            Files.writeString(p, shipped.replace(RULES_LINE, "  rules:\n" + rules.stripTrailing()));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A ticket on Field Services with the seeded site and contact, and a schedule entry {@code in} from now. */
    static long scheduledTicket(Env env, String summary, Duration in) {
        long id = env.newTicket(summary, t -> {
            t.putObject("contact").put("id", 2);
            t.putObject("site").put("id", 28);
        });
        Instant start = Instant.now().plus(in).truncatedTo(ChronoUnit.SECONDS);
        env.cw.addScheduleEntry(id, start, start.plus(Duration.ofHours(2)));
        return id;
    }

    static HttpResponse<String> admin(Connector c, String method, String path) {
        return Connector.send(HttpRequest.newBuilder(URI.create(c.url(path))).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD)
                        .getBytes(StandardCharsets.UTF_8))).build());
    }

    static JsonNode adminJson(Connector c, String method, String path, int status) {
        HttpResponse<String> r = admin(c, method, path);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
        return Json.parse(r.body());
    }

    static long workOrderOf(Env env, long ticketId) {
        return env.workOrdersOf(ticketId).get(0).path("id").asLong();
    }

    static String status(Env env, long wo) {
        return env.fn.workOrder(wo).map(w -> w.path("status").path("name").asText()).orElse("gone");
    }
}
