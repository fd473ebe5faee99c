package com.cwfn.admin;

import com.cwfn.settings.PropertySources;
import com.cwfn.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;

/**
 * {@code java -jar cw-fn-connector.jar admin <verb> [args]}: the admin endpoints as a command. It calls the running
 * connector's HTTP admin API on {@code camel.server.port} of this host (or {@code --url}), with {@code
 * admin.username} / {@code admin.password}, read the way the connector reads them (-D, environment variable,
 * ./application.properties, the copy in the jar). Prints the JSON answer; exits 0 on success, 1 when the request
 * failed or the connection check found a problem, 2 on a usage error.
 */
public final class AdminCommand {
    static final String USAGE = """
            usage: java -jar cw-fn-connector.jar admin [--url http://host:port] <verb> [args]

              connection                       check ConnectWise, Field Nation, database and SMTP
              fields-refresh                   Refresh Fields: read and store boards, statuses, fields; check mappings.yaml
              fields                           the stored fields and the mappings.yaml check
              preview <ticketId>               the work order the connector would send for a ticket (nothing is sent)
              callbacks [register|list|remove] the ConnectWise callback (default: list)
              webhooks [register|list|remove]  the Field Nation webhook (default: list)
              transactions [--status S] [--ticket N] [--since 2026-01-31T00:00:00Z] [--limit N]
                                               sync transactions, newest first
              transaction <id>                 one transaction with its steps and payload
              replay <id>                      run a finished (e.g. failed) transaction again
              link <ticketId>                  a ticket's work order link and what was synced
              dispatch <ticketId>              queue a ticket as if ConnectWise had called back
              attention [act|dismiss <id>]     what waits for a person; do an item's action, or dismiss it

            The connector must be running; the command uses camel.server.port, admin.username and admin.password
            from -D, the environment (ADMIN_PASSWORD ...) or ./application.properties.
            """;

    private AdminCommand() {
    }

    public static int run(List<String> args) {
        return run(args, AdminCommand::setting, System.out, System.err);
    }

    /** The command with its settings source and streams given (tests). */
    public static int run(List<String> args, Function<String, String> settings, PrintStream out, PrintStream err) {
        List<String> a = new ArrayList<>(args);
        String base = null;
        if (a.size() >= 2 && a.get(0).equals("--url")) {
            base = a.get(1).replaceAll("/+$", "");
            a = a.subList(2, a.size());
        }
        if (base == null) {
            base = "http://127.0.0.1:" + value(settings, "camel.server.port", "8080");
        }
        Request r;
        try {
            r = request(a);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (r == null) {
            out.print(USAGE);
            return 0;
        }
        String user = value(settings, "admin.username", "admin");
        String password = value(settings, "admin.password", "");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + r.path)).timeout(Duration.ofMinutes(5))
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8)))
                .method(r.method, HttpRequest.BodyPublishers.noBody());
        HttpResponse<String> resp;
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            resp = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            err.println("cannot reach the connector at " + base + ": is it running, and is camel.server.port right?");
            return 1;
        } catch (IOException e) {
            err.println("the request to " + base + r.path + " failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        JsonNode body = null;
        try {
            body = resp.body().isBlank() ? null : Json.parse(resp.body());
        } catch (RuntimeException e) {
            // not JSON: printed as it is
        }
        out.println(body == null ? resp.body() : body.toPrettyString());
        int status = resp.statusCode();
        if (status < 200 || status >= 300) {
            err.println(r.method + " " + r.path + " answered " + status + (body != null && body.has("detail")
                    ? ": " + body.get("detail").asText() : ""));
            if (status == 401) {
                err.println("the command sends admin.username / admin.password as it reads them here (-D, "
                        + "ADMIN_USERNAME / ADMIN_PASSWORD, ./application.properties): they must match the connector's");
            }
            return 1;
        }
        if (r.checks && body != null && !body.path("ok").asBoolean(false)) {
            err.println("the connection check found problems (see the checks with \"ok\": false)");
            return 1;
        }
        return 0;
    }

    /** An admin request: method and path (with query). */
    record Request(String method, String path, boolean checks) {
    }

    /** The request for a command line; null for help; IllegalArgumentException for a usage error. */
    static Request request(List<String> a) {
        if (a.isEmpty() || a.get(0).equals("help") || a.get(0).equals("--help") || a.get(0).equals("-h")) {
            return null;
        }
        String verb = a.get(0);
        List<String> rest = a.subList(1, a.size());
        return switch (verb) {
            case "connection" -> noArgs(verb, rest, new Request("GET", "/admin/connection", true));
            case "fields-refresh" -> noArgs(verb, rest, new Request("POST", "/admin/fields/refresh", false));
            case "fields" -> noArgs(verb, rest, new Request("GET", "/admin/fields", false));
            case "preview" -> new Request("GET", "/admin/preview/" + id(verb, rest), false);
            case "callbacks", "webhooks" -> new Request(registration(verb, rest), "/admin/" + verb, false);
            case "transactions" -> new Request("GET", "/admin/transactions" + filters(rest), false);
            case "transaction" -> new Request("GET", "/admin/transactions/" + id(verb, rest), false);
            case "replay" -> new Request("POST", "/admin/transactions/" + id(verb, rest) + "/replay", false);
            case "link" -> new Request("GET", "/admin/links/" + id(verb, rest), false);
            case "dispatch" -> new Request("POST", "/admin/dispatch/" + id(verb, rest), false);
            case "attention" -> attention(rest);
            default -> throw new IllegalArgumentException("unknown admin verb '" + verb + "'");
        };
    }

    private static Request attention(List<String> rest) {
        if (rest.isEmpty()) {
            return new Request("GET", "/admin/attention", false);
        }
        String what = rest.get(0).toLowerCase(Locale.ROOT);
        if (!what.equals("act") && !what.equals("dismiss")) {
            throw new IllegalArgumentException("attention takes act <id> or dismiss <id>, not '" + rest.get(0) + "'");
        }
        return new Request("POST", "/admin/attention/" + id("attention " + what, rest.subList(1, rest.size())) + "/"
                + what, false);
    }

    private static Request noArgs(String verb, List<String> rest, Request r) {
        if (!rest.isEmpty()) {
            throw new IllegalArgumentException(verb + " takes no arguments");
        }
        return r;
    }

    private static String id(String verb, List<String> rest) {
        if (rest.size() != 1) {
            throw new IllegalArgumentException(verb + " needs one id");
        }
        return enc(rest.get(0));
    }

    private static String registration(String verb, List<String> rest) {
        String action = rest.isEmpty() ? "list" : rest.get(0).toLowerCase(Locale.ROOT);
        if (rest.size() > 1) {
            throw new IllegalArgumentException(verb + " takes register, list or remove");
        }
        return switch (action) {
            case "register" -> "POST";
            case "list" -> "GET";
            case "remove" -> "DELETE";
            default -> throw new IllegalArgumentException(verb + " takes register, list or remove, not '" + action + "'");
        };
    }

    private static String filters(List<String> rest) {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < rest.size(); i++) {
            String opt = rest.get(i);
            String name = switch (opt) {
                case "--status" -> "status";
                case "--ticket" -> "ticket";
                case "--since" -> "since";
                case "--limit" -> "limit";
                default -> throw new IllegalArgumentException("transactions takes --status, --ticket, --since and "
                        + "--limit, not '" + opt + "'");
            };
            if (i + 1 >= rest.size()) {
                throw new IllegalArgumentException(opt + " needs a value");
            }
            q.append(q.length() == 0 ? "?" : "&").append(name).append('=').append(enc(rest.get(++i)));
        }
        return q.toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String value(Function<String, String> settings, String key, String fallback) {
        String v = settings.apply(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    /** A setting the way the connector reads it: -D, environment variable, ./application.properties, the jar's copy. */
    static String setting(String key) {
        return PropertySources.lookup(Path.of("")).apply(key);
    }
}
