package com.cwfn.admin;

import com.cwfn.settings.Catalog;
import com.cwfn.settings.Setting;
import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.fieldnation.FieldNationClient;
import com.cwfn.fieldnation.TokenProvider;
import com.cwfn.http.RemoteCallException;
import com.cwfn.json.Json;
import com.cwfn.mapping.Mappings;
import com.cwfn.settings.Settings;
import com.cwfn.store.Database;
import com.cwfn.store.InboxStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code GET /admin/connection}: checks ConnectWise (company lookup, API login with keys, client id and codebase, one
 * harmless read per security-role permission), Field Nation (a fresh token, one read, the ticket id custom field),
 * the database and the mail server, and says what is wrong in words an administrator can act on. Never shows a
 * configured secret: details name settings, not their values.
 */
public class ConnectionCheck {
    static final String CW_COMPANY = "ConnectWise company";
    static final String CW_LOGIN = "ConnectWise API login";
    static final String CW_PERMISSION = "ConnectWise permission ";
    static final String FN_LOGIN = "Field Nation login";
    static final String FN_API = "Field Nation API";
    static final String FN_TICKET_FIELD = "Field Nation ticket id field";
    static final String DATABASE = "Database";
    static final String SMTP = "Email (SMTP)";
    static final String PUBLIC_URL = "Public URL";
    static final String CW_CALLBACK = "ConnectWise callback";
    static final String FN_WEBHOOK = "Field Nation webhook";

    private final Settings settings;
    private final ConnectWiseClient cw;
    private final FieldNationClient fn;
    private final Supplier<TokenProvider> freshTokens;
    private final Database db;
    private final InboxStore inbox;
    private final Mappings mappings;
    private final CallbackRegistration callbacks;
    private final WebhookRegistration webhooks;

    /**
     * @param freshTokens makes a token provider with the configured Field Nation credentials and no cached token, so
     *                    that the check really logs in
     */
    public ConnectionCheck(Settings settings, ConnectWiseClient cw, FieldNationClient fn,
            Supplier<TokenProvider> freshTokens, Database db, InboxStore inbox, Mappings mappings,
            CallbackRegistration callbacks, WebhookRegistration webhooks) {
        this.settings = settings;
        this.cw = cw;
        this.fn = fn;
        this.freshTokens = freshTokens;
        this.db = db;
        this.inbox = inbox;
        this.mappings = mappings;
        this.callbacks = callbacks;
        this.webhooks = webhooks;
    }

    public ObjectNode run() {
        List<ObjectNode> checks = new ArrayList<>();
        ObjectNode out = Json.object();
        ArrayNode skipped = Json.array();
        boolean login = connectWise(checks, skipped);
        fieldNation(checks, skipped);
        checks.add(database());
        checks.add(smtp());
        checks.add(publicUrl());
        registrations(checks, out);
        boolean ok = checks.stream().allMatch(c -> c.path("ok").asBoolean());
        out.put("ok", ok);
        out.put("checkedAt", Instant.now().toString());
        out.putArray("checks").addAll(checks);
        if (login) {
            ArrayNode np = out.putArray("notProbed");
            RequiredPermissions.notProbed().forEach(p -> np.addObject().put("permission", p.words())
                    .put("usedFor", p.usedFor()).put("why", "only a write needs it; a missing one shows as a "
                            + "failed transaction (403) naming the call, under /admin/transactions"));
        }
        if (!skipped.isEmpty()) {
            out.set("skipped", skipped);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ ConnectWise

    /** True when the API login works (the permission probes ran). */
    private boolean connectWise(List<ObjectNode> checks, ArrayNode skipped) {
        String url = settings.connectWiseUrl();
        String company = settings.text(Catalog.CONNECTWISE_COMPANY_ID);
        String companyCodebase = null;
        boolean companyOk = false;
        if (company.isEmpty()) {
            checks.add(fail(CW_COMPANY, "connectwise.company-id is not set",
                    "set connectwise.company-id to the company id you log in to ConnectWise with"));
        } else {
            try {
                JsonNode info = cw.companyInfo();
                companyCodebase = Json.text(info, "Codebase");
                companyOk = true;
                checks.add(ok(CW_COMPANY, "ConnectWise at " + url + " knows company '" + company + "' ("
                        + Json.text(info, "CompanyName") + "); its codebase is " + companyCodebase + ", version "
                        + Json.text(info, "VersionCode")));
            } catch (RemoteCallException e) {
                if (e.status() == 404) {
                    checks.add(fail(CW_COMPANY, "ConnectWise at " + url + " does not know company '" + company
                            + "' (404 at /login/companyinfo)", "check connectwise.company-id (the company id you log"
                            + " in with) and connectwise.url (the API host of your region, e.g. "
                            + "https://api-na.myconnectwise.net)"));
                } else {
                    checks.add(unreachable(CW_COMPANY, e, "connectwise.url"));
                }
            } catch (RuntimeException e) {
                checks.add(fail(CW_COMPANY, "the company lookup did not answer JSON: " + e.getMessage(),
                        "check connectwise.url: it must be the ConnectWise API host"));
            }
        }
        String codebase = settings.connectWiseCodebase();
        try {
            JsonNode info = cw.systemInfo();
            checks.add(ok(CW_LOGIN, "logged in to company '" + company + "' with the API member's keys and client id;"
                    + " ConnectWise " + Json.text(info, "version") + ", codebase " + codebase));
        } catch (RemoteCallException e) {
            String message = cwMessage(e);
            if (e.status() == 401) {
                checks.add(fail(CW_LOGIN, "ConnectWise refused the API member's keys (401" + suffix(message) + ")",
                        "check connectwise.public-key and connectwise.private-key (System › Members › API Members › "
                                + "the member › API Keys) and connectwise.company-id: the keys belong to one company"));
            } else if (e.status() == 400 && e.responseBody() != null && e.responseBody().contains("InvalidClientId")) {
                checks.add(fail(CW_LOGIN, "ConnectWise refused the client id (400 InvalidClientId" + suffix(message)
                        + ")", "set connectwise.client-id to your integration's clientId from "
                        + "https://developer.connectwise.com/ClientID"));
            } else if (e.status() == 404) {
                String right = companyCodebase == null ? null : companyCodebase.replaceAll("^/+|/+$", "");
                if (companyOk) {
                    checks.add(fail(CW_LOGIN, "the API path /" + codebase + "/apis/3.0 does not exist at " + url
                            + " (404) although the company lookup answers: connectwise.codebase is wrong",
                            right != null && !right.equalsIgnoreCase(codebase)
                                    ? "set connectwise.codebase to " + right + " (what ConnectWise reports for company '"
                                            + company + "')" + (right.equalsIgnoreCase("v4_6_release") ? ""
                                                    : ", or to v4_6_release")
                                    : "check connectwise.codebase (v4_6_release works on cloud and on-premise)"));
                } else {
                    checks.add(fail(CW_LOGIN, "the API path /" + codebase + "/apis/3.0 does not exist at " + url
                            + " (404)", "check connectwise.url and connectwise.codebase"));
                }
            } else {
                checks.add(unreachable(CW_LOGIN, e, "connectwise.url"));
            }
            skipped.add("ConnectWise permissions: not probed because the API login failed");
            return false;
        } catch (RuntimeException e) {
            checks.add(fail(CW_LOGIN, "/system/info did not answer JSON: " + e.getMessage(),
                    "check connectwise.url: it must be the ConnectWise API host"));
            skipped.add("ConnectWise permissions: not probed because the API login failed");
            return false;
        }
        String template = settings.text(Catalog.SYNC_TEMPLATE_TICKET_ID);
        String ticket = template.isEmpty() ? "1" : template; // any ticket id answers 404 or the ticket
        for (RequiredPermissions.Permission p : RequiredPermissions.probed()) {
            String name = CW_PERMISSION + p.words();
            String query = p.probeQuery() == null ? null : p.probeQuery().replace("{ticket}", ticket);
            try {
                cw.read(p.probePath(), query);
                checks.add(ok(name, "GET " + p.probePath() + " answered; the connector uses it to " + p.usedFor()));
            } catch (RemoteCallException e) {
                if (e.status() == 403) {
                    checks.add(fail(name, "ConnectWise refused GET " + p.probePath() + " (403" + suffix(cwMessage(e))
                            + "): the API member's security role lacks " + p.words() + ", needed to " + p.usedFor(),
                            "in ConnectWise, System › Security Roles › the API member's role › " + p.module() + " › "
                                    + p.function() + ": set " + p.level() + " to All"));
                } else {
                    checks.add(unreachable(name, e, "connectwise.url"));
                }
            } catch (RuntimeException e) {
                checks.add(fail(name, "GET " + p.probePath() + " failed: " + e.getMessage(), null));
            }
        }
        return true;
    }

    private static String cwMessage(RemoteCallException e) {
        try {
            return Json.text(Json.parse(e.responseBody()), "message");
        } catch (RuntimeException ignored) {
            return null;
        }
    }

    private static String suffix(String message) {
        return message == null || message.isBlank() ? "" : ": " + message;
    }

    // ------------------------------------------------------------------------------------------------ Field Nation

    private void fieldNation(List<ObjectNode> checks, ArrayNode skipped) {
        String url = settings.fieldNationUrl();
        List<String> missing = new ArrayList<>();
        for (Setting k : List.of(Catalog.FIELDNATION_CLIENT_ID, Catalog.FIELDNATION_CLIENT_SECRET,
                Catalog.FIELDNATION_USERNAME, Catalog.FIELDNATION_PASSWORD)) {
            if (settings.text(k).isEmpty()) {
                missing.add(k.key());
            }
        }
        if (!missing.isEmpty()) {
            checks.add(fail(FN_LOGIN, String.join(", ", missing) + (missing.size() == 1 ? " is" : " are")
                    + " not set", "set the Field Nation API credentials (client id and secret from Field Nation "
                    + "onboarding, and the API user's username and password)"));
            skipped.add("Field Nation API: not read because the login failed");
            return;
        }
        try {
            freshTokens.get().token();
            checks.add(ok(FN_LOGIN, "Field Nation at " + url + " issued a token for the API user"));
        } catch (RemoteCallException e) {
            if (e.status() == 401 || e.status() == 400) {
                String body = e.responseBody() == null ? "" : e.responseBody().toLowerCase(Locale.ROOT);
                String culprit;
                if (body.contains("client")) {
                    culprit = "fieldnation.client-id and fieldnation.client-secret";
                } else if (body.contains("username") || body.contains("password")) {
                    culprit = "fieldnation.username and fieldnation.password";
                } else {
                    culprit = "fieldnation.client-id, fieldnation.client-secret, fieldnation.username and "
                            + "fieldnation.password";
                }
                checks.add(fail(FN_LOGIN, "Field Nation refused the login (" + e.status() + " at the token endpoint"
                        + suffix(fnMessage(e)) + ")", "check " + culprit + " (the credentials for " + url
                        + "; sandbox and production have different ones)"));
            } else {
                checks.add(unreachable(FN_LOGIN, e, "fieldnation.url"));
            }
            skipped.add("Field Nation API: not read because the login failed");
            return;
        } catch (RuntimeException e) {
            checks.add(fail(FN_LOGIN, "the token endpoint did not answer as expected: " + e.getMessage(),
                    "check fieldnation.url: it must be the Field Nation API host, e.g. https://api.fieldnation.com"));
            skipped.add("Field Nation API: not read because the login failed");
            return;
        }
        List<JsonNode> fields;
        try {
            fields = fn.customFieldDefinitions();
            checks.add(ok(FN_API, "read " + fields.size() + " custom field definitions (GET /custom-fields)"));
        } catch (RemoteCallException e) {
            checks.add(e.status() == 403
                    ? fail(FN_API, "Field Nation refused GET /custom-fields (403" + suffix(fnMessage(e)) + ")",
                            "give the Field Nation API user access to the company's work orders and custom fields")
                    : unreachable(FN_API, e, "fieldnation.url"));
            return;
        }
        String wanted = mappings.current().ticketIdCustomField();
        boolean exists = fields.stream().anyMatch(f -> wanted.equalsIgnoreCase(Json.text(f, "name")));
        checks.add(exists ? ok(FN_TICKET_FIELD, "custom field '" + wanted + "' (ticketIdCustomField) exists")
                : fail(FN_TICKET_FIELD, "Field Nation has no custom field named '" + wanted
                        + "' (ticketIdCustomField in mappings.yaml); dispatch cannot store the ticket id",
                        "create a buyer text custom field '" + wanted + "' in Field Nation (Manage › Custom Fields), or "
                                + "name an existing one in ticketIdCustomField"));
    }

    private static String fnMessage(RemoteCallException e) {
        try {
            JsonNode n = Json.parse(e.responseBody());
            String m = Json.text(n, "message");
            if (m == null) {
                m = Json.text(n, "error_description");
            }
            if (m == null) {
                m = Json.text(n, "error");
            }
            return m;
        } catch (RuntimeException ignored) {
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------------ local

    private ObjectNode database() {
        String kind = db.isPostgres() ? "PostgreSQL" : "the embedded H2 database";
        if (!db.isUp()) {
            return fail(DATABASE, kind + " does not answer", "check db.url, db.username and db.password, and that the "
                    + "database server runs");
        }
        return ok(DATABASE, kind + " answers; " + inbox.countReceived(InboxStore.PENDING) + " transactions pending, "
                + inbox.count(InboxStore.FAILED) + " failed");
    }

    private ObjectNode smtp() {
        if (settings.list(Catalog.NOTIFY_EMAIL_TO).isEmpty()) {
            return ok(SMTP, "not used: notify.email.to is empty, so failed transactions are not mailed");
        }
        String host = settings.text(Catalog.SMTP_HOST);
        int port = settings.integer(Catalog.SMTP_PORT);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 5000);
            s.setSoTimeout(5000);
            String greeting = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            if (greeting == null || !greeting.startsWith("220")) {
                return fail(SMTP, "the server at " + host + ":" + port + " does not greet like a mail server ("
                        + (greeting == null ? "no greeting" : greeting) + ")", "check mail.smtp.host and mail.smtp.port");
            }
            return ok(SMTP, "the mail server at " + host + ":" + port + " answers (" + greeting.trim()
                    + "); failure mail goes to " + settings.text(Catalog.NOTIFY_EMAIL_TO));
        } catch (java.io.IOException e) {
            return fail(SMTP, "cannot reach the mail server at " + host + ":" + port + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", "check mail.smtp.host and "
                    + "mail.smtp.port, and that this server may connect there; or empty notify.email.to");
        }
    }

    /** The callback and the webhook: active, inactive or missing, looked at now (not when the public URL is unset). */
    private void registrations(List<ObjectNode> checks, ObjectNode out) {
        if (settings.text(Catalog.PUBLIC_URL).isEmpty()) {
            return;
        }
        ObjectNode states = out.putObject("registrations");
        registration(checks, states, RegistrationWatch.CALLBACK, CW_CALLBACK, callbacks::state,
                "ConnectWise sends this connector ticket changes");
        registration(checks, states, RegistrationWatch.WEBHOOK, FN_WEBHOOK, webhooks::state,
                "Field Nation sends this connector work order events");
    }

    private void registration(List<ObjectNode> checks, ObjectNode states, String what, String name,
            Supplier<RegistrationWatch.State> state, String what2) {
        RegistrationWatch.State s;
        try {
            s = state.get();
        } catch (RuntimeException e) {
            states.put(what, RegistrationWatch.State.UNKNOWN.word());
            return; // the system's own check above says why it cannot be reached
        }
        states.put(what, s.word());
        if (s == RegistrationWatch.State.ACTIVE) {
            checks.add(ok(name, "active: " + what2));
        } else {
            checks.add(fail(name, s.word() + ": nothing reaches the connector from there", "register it: admin "
                    + what + "s register (POST /admin/" + what + "s), or set connector.registrations.repair=true"));
        }
    }

    private ObjectNode publicUrl() {
        String url = settings.text(Catalog.PUBLIC_URL);
        if (url.isEmpty()) {
            return fail(PUBLIC_URL, "connector.public-url is not set: the callback and the webhook cannot be "
                    + "registered", "set connector.public-url to the https URL ConnectWise and Field Nation reach this "
                    + "connector at");
        }
        return ok(PUBLIC_URL, "callbacks and webhooks are registered to " + url);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static ObjectNode unreachable(String name, RemoteCallException e, String urlKey) {
        if (e.status() == 0) {
            return fail(name, e.getMessage(),
                    "check " + urlKey + ", DNS and the firewall between this server and " + e.system());
        }
        return fail(name, e.getMessage(), e.status() >= 500 ? e.system() + " has a problem; try again later"
                : "check " + urlKey);
    }

    static ObjectNode ok(String name, String detail) {
        return Json.object().put("name", name).put("ok", true).put("detail", detail).putNull("fix");
    }

    static ObjectNode fail(String name, String detail, String fix) {
        return Json.object().put("name", name).put("ok", false).put("detail", detail).put("fix", fix);
    }
}
