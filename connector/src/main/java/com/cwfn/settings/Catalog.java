package com.cwfn.settings;

import static com.cwfn.settings.Setting.choice;
import static com.cwfn.settings.Setting.flag;
import static com.cwfn.settings.Setting.integer;
import static com.cwfn.settings.Setting.text;
import static com.cwfn.settings.Setting.url;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Every setting of the connector, declared once, in groups. Code reads settings through these constants
 * ({@link Settings#text(Setting)} and friends); validation and secret masking follow from this list, and so do the
 * texts people read: {@code docs/settings.md} and the comments of {@code application.properties} are generated from
 * it (in its order, under its headings), and {@code SettingsTextsTest} fails with the diff while they differ.
 * Like Debezium's {@code Field} definitions: the declaration is the documentation.
 */
public final class Catalog {
    private static final long MAX_INT = Integer.MAX_VALUE;

    private static final Heading HTTP_GROUP = new Heading("HTTP", "");
    public static final Setting SERVER_PORT = integer("camel.server.port", 8080, 0, 65535,
            "callbacks, webhooks and `/admin`");
    public static final Setting MANAGEMENT_PORT = integer("camel.management.port", 9876, 0, 65535,
            "`/observe/health`, `/observe/metrics`");

    private static final Heading CONNECTWISE_GROUP = new Heading("ConnectWise", "");
    public static final Setting CONNECTWISE_URL = url("connectwise.url", "https://api-na.myconnectwise.net",
            "scheme, host, port of the ConnectWise API");
    public static final Setting CONNECTWISE_CODEBASE = text("connectwise.codebase", "v4_6_release",
            "requests go to `{url}/{codebase}/apis/3.0/...`");
    public static final Setting CONNECTWISE_COMPANY_ID = text("connectwise.company-id", "",
            "API member's login company: the `company` of Basic auth `company+public:private`");
    public static final Setting CONNECTWISE_PUBLIC_KEY = text("connectwise.public-key", "",
            "API member's public key: the `public` of Basic auth `company+public:private`");
    public static final Setting CONNECTWISE_PRIVATE_KEY = text("connectwise.private-key", "",
            "API member's private key: the `private` of Basic auth `company+public:private`").asSecret();
    public static final Setting CONNECTWISE_CLIENT_ID = text("connectwise.client-id", "",
            "the `clientId` header on every call");
    public static final Setting CONNECTWISE_CALLBACK_TOKEN = text("connectwise.callback-token", "",
            "secret path segment of the callback URL").asSecret().asRequired();
    public static final Setting CONNECTWISE_VERIFY_SIGNATURE = flag("connectwise.verify-signature", true,
            "verify `x-content-signature` with the key at `Metadata.key_url` (only fetched from the host of `connectwise.url`)");
    public static final Setting CONNECTWISE_REQUESTS_PER_MINUTE = integer("connectwise.requests-per-minute", 800, 0,
            MAX_INT, "the pace of every call to ConnectWise, shared by every instance on one database (0 = unpaced): "
            + "never more than a sixth of it in 10 s, at once while the window has room ([Request budget](docs/operations.md#request-budget))");
    public static final Setting CONNECTWISE_CACHE_TTL_MS = integer("connectwise.cache-ttl-ms", 60_000, 0, MAX_INT,
            "how long rarely changing ConnectWise records (sites, companies, contacts, board statuses) are reused; 0 = always read");
    public static final Setting CONNECTWISE_SCHEDULE_MEMBER = text("connectwise.schedule-member", "",
            "member identifier on the schedule entries the connector creates; empty = none named");

    private static final Heading FIELD_NATION_GROUP = new Heading("Field Nation", "");
    public static final Setting FIELDNATION_URL = url("fieldnation.url", "https://api-sandbox.fndev.net",
            "REST `{url}/api/rest/v2`, token `{url}/authentication/api/oauth/token`, webhooks `{url}/api/v1/webhooks`");
    public static final Setting FIELDNATION_CLIENT_ID = text("fieldnation.client-id", "",
            "OAuth password grant: client id; the token is renewed before expiry and on 401");
    public static final Setting FIELDNATION_CLIENT_SECRET = text("fieldnation.client-secret", "",
            "OAuth password grant: client secret").asSecret();
    public static final Setting FIELDNATION_USERNAME = text("fieldnation.username", "", "OAuth password grant: the API user");
    public static final Setting FIELDNATION_PASSWORD = text("fieldnation.password", "", "OAuth password grant: the API user's password")
            .asSecret();
    public static final Setting FIELDNATION_WEBHOOK_SECRET = Setting.uuid("fieldnation.webhook-secret",
            "HMAC key of `X-FN-Signature`, a UUID (Field Nation's format); empty = registration generates one and "
            + "keeps it in the database; unsigned or mis-signed webhooks are refused").asSecret();
    public static final Setting FIELDNATION_REQUESTS_PER_MINUTE = integer("fieldnation.requests-per-minute", 0, 0, MAX_INT,
            "the same pace for every call to Field Nation (0 = unpaced)");

    private static final Heading SYNC_GROUP = new Heading("Sync", "");
    public static final Setting SYNC_TRIGGER_STATUS = text("sync.trigger-status", "Dispatch to FN",
            "status that dispatches a ticket (a board in `mappings.yaml` may override it)");
    public static final Setting SYNC_BOARDS = text("sync.boards", "",
            "comma-separated board names that sync; empty = all");
    public static final Setting SYNC_MESSAGES_ENABLED = flag("sync.messages.enabled", true,
            "notes ↔ messages");
    public static final Setting SYNC_NOTES_FLAG = choice("sync.notes.flag", "internal", List.of("internal", "external"),
            "`internal` (Internal Analysis) or `external` (Discussion) notes from messages");
    public static final Setting SYNC_PUBLISH = flag("sync.publish", true,
            "publish new work orders; a refusal leaves a linked draft and is reported as a failed step");
    public static final Setting SYNC_DOCUMENTS_IMPORT = flag("sync.documents.import", true,
            "ticket documents → Documents folder of the work order");
    public static final Setting SYNC_DOCUMENTS_EXPORT = flag("sync.documents.export", true,
            "provider uploads → private ticket documents");
    public static final Setting SYNC_OUTBOUND_CREATE = flag("sync.outbound-create.enabled", false,
            "a work order created in Field Nation creates a ticket");
    public static final Setting SYNC_TIME_ENABLED = flag("sync.time.enabled", false,
            "Field Nation time logs → time entries on the ticket ([docs/charges.md](docs/charges.md))");
    public static final Setting SYNC_TIME_MEMBER = text("sync.time.member", "",
            "ConnectWise member identifier the time and expense entries are recorded for");
    public static final Setting SYNC_EXPENSES_ENABLED = flag("sync.expenses.enabled", false,
            "approved Field Nation expenses → the ticket");
    public static final Setting SYNC_EXPENSES_TARGET = choice("sync.expenses.target", "expense",
            List.of("expense", "product"), "`expense` (expense entries) or `product` (ticket products)");
    public static final Setting SYNC_EXPENSES_CATALOG_ITEM = text("sync.expenses.catalog-item", "",
            "catalog item identifier of the products made for expenses and labor");
    public static final Setting SYNC_LABOR_ENABLED = flag("sync.labor.enabled", false,
            "the work order's pay → one product on the ticket at approval; time entries then default to not billable");
    public static final Setting SYNC_CANCEL_WHEN_ASSIGNED = choice("sync.cancel.when-assigned", "cancel",
            List.of("cancel", "hold"), "a `cancel` action on a work order with a provider assigned: `cancel` it (a fee "
            + "may apply; the note says so) or `hold` it for a person to confirm in the console "
            + "([docs/mapping.md](docs/mapping.md#status-actions))");
    public static final Setting SYNC_INCOMPLETE_REASON = text("sync.incomplete-reason", "",
            "the name of the Field Nation incomplete reason the `incomplete` action sends; empty = the company's first");
    /** The Field Nation events {@link #SYNC_PROVIDER_NOTES} may name (without {@code workorder.} and status prefixes). */
    public static final List<String> PROVIDER_NOTE_EVENTS = List.of("assigned_cancelled", "on_my_way", "checked_in",
            "checked_out", "delayed", "at_risk", "postponed", "problem_reported", "problem_resolved", "declined");
    public static final Setting SYNC_PROVIDER_NOTES = new Setting("sync.provider-notes", "all",
            "comma-separated Field Nation events written to the ticket as internal notes: "
            + String.join(", ", PROVIDER_NOTE_EVENTS.stream().map(e -> "`" + e + "`").toList())
            + "; `all` or `none`", false, false, Catalog::providerNotesProblem);
    public static final Setting SYNC_MAPPINGS = text("sync.mappings", "mappings.yaml",
            "the mapping file ([docs/mapping.md](docs/mapping.md))");
    public static final Setting SYNC_TEMPLATE_TICKET_ID = text("sync.template-ticket-id", "",
            "ticket used by Refresh Fields");
    public static final Setting SYNC_UNASSIGNED_STATUS = text("sync.unassigned-status", "",
            "a ConnectWise status set on the ticket when its routing ends in an alert (nobody took the work order), as the "
            + "connector's own (it triggers no status action); empty = the status is left alone "
            + "([docs/mapping.md](docs/mapping.md#dispatch-rules))");
    public static final Setting SYNC_UNASSIGNED_ALERT_BEFORE = Setting.duration("sync.unassigned-alert-before",
            "e.g. `24h`: one internal note and one item that needs attention (the failure mail) when a work order is "
            + "still unassigned that long before its scheduled start; empty = off");

    private static final Heading CONNECTOR_GROUP = new Heading("Connector", "");
    public static final Setting PUBLIC_URL = text("connector.public-url", "",
            "where ConnectWise and Field Nation reach the connector (registration)");
    public static final Setting REGISTRATIONS_REPAIR = flag("connector.registrations.repair", false,
            "re-register a ConnectWise callback or Field Nation webhook found inactive or missing");
    public static final Setting RELOAD = flag("connector.reload", false,
            "reload `routes/` and `mappings.yaml` on change; broken edits are refused");
    public static final Setting WORKERS = integer("connector.workers", 16, 1, 1000,
            "transactions worked in parallel (one ticket's always in order)");
    public static final Setting LOG_FORMAT = choice("connector.log-format", "text", List.of("text", "json"),
            "`text` or `json` (one JSON object per line, MDC included)");

    private static final Heading FAILURE_NOTIFICATION_GROUP = new Heading("Failure notification", "");
    public static final Setting NOTIFY_EMAIL_TO = text("notify.email.to", "",
            "who is mailed about failed transactions (comma-separated); empty = no mail");
    public static final Setting NOTIFY_EMAIL_FROM = text("notify.email.from", "connector@localhost",
            "sender of those mails");
    public static final Setting NOTIFY_STUCK_AFTER_MS = integer("notify.stuck-after-ms", 600_000, 0, Long.MAX_VALUE,
            "a transaction still failing after this long is reported while retries go on");
    public static final Setting NOTIFY_BATCH_WINDOW_MS = integer("notify.email.batch-window-ms", 300_000, 0,
            Long.MAX_VALUE, "after the first mail, failures are gathered into at most one mail per window");
    public static final Setting SMTP_HOST = text("mail.smtp.host", "localhost",
            "SMTP host");
    public static final Setting SMTP_PORT = integer("mail.smtp.port", 25, 1, 65535,
            "SMTP port");
    public static final Setting SMTP_USERNAME = text("mail.smtp.username", "", "SMTP user");
    public static final Setting SMTP_PASSWORD = text("mail.smtp.password", "", "SMTP password").asSecret();
    public static final Setting SMTP_STARTTLS = flag("mail.smtp.starttls", false,
            "SMTP with STARTTLS");

    private static final Heading DATABASE_GROUP = new Heading("Database", "");
    public static final Setting DB_URL = text("db.url", "jdbc:h2:file:./data/connector",
            "H2 embedded, or `jdbc:postgresql://...` ([Database](docs/operations.md#database))");
    public static final Setting DB_USERNAME = text("db.username", "", "database user");
    public static final Setting DB_PASSWORD = text("db.password", "", "database password").asSecret();

    private static final Heading ADMIN_GROUP = new Heading("Admin", "");
    public static final Setting ADMIN_USERNAME = text("admin.username", "admin",
            "HTTP Basic user for `/admin/*` and the `/console/` login");
    public static final Setting ADMIN_PASSWORD = text("admin.password", "",
            "HTTP Basic password for `/admin/*` and the `/console/` login; empty password = both answer 403").asSecret();
    public static final Setting ADMIN_LOGIN_FAILURES_BEFORE_DELAY = integer("admin.login-failures-before-delay", 5, 1,
            1_000_000, "failed logins (console or Basic) from one address before further tries from it wait, growing");
    public static final Setting CONSOLE_SESSION_IDLE_MINUTES = integer("console.session-idle-minutes", 30, 1, 10_080,
            "idle time after which a `/console/` session ends ([docs/console.md](docs/console.md))");
    public static final Setting TRUSTED_PROXIES = Setting.cidrs("connector.trusted-proxies",
            "comma-separated CIDRs of reverse proxies whose `X-Forwarded-For` / `Forwarded` names the client (login "
            + "delay, secure cookie); empty = the connection's address ([Behind a reverse proxy](docs/operations.md#behind-a-reverse-proxy))");

    private static final Heading CAMEL_GROUP = new Heading("Camel",
            "Camel's own options the connector ships with in application.properties (`camel.main.*`, "
            + "`camel.component.http.*`, ...): Camel Main's, not settings of the connector");

    private static final Heading CAMEL_TOOLS_GROUP = new Heading("Camel's own tools", "");
    public static final Setting CAMEL_CLI = flag("connector.camel-cli.enabled", false,
            "Camel JBang (`camel ps`, `camel get route`, `camel trace`, `camel top`) sees this connector through "
            + "status files in `~/.camel` of its user; turns JMX on for the route counters "
            + "([Camel's own tools](docs/operations.md#camels-own-tools))");
    public static final Setting DEV_CONSOLE = flag("camel.management.dev-console-enabled", false,
            "Camel's developer console at `/q/dev` on the management port, behind the admin login");
    public static final Setting JOLOKIA = flag("camel.management.jolokia-enabled", false,
            "Jolokia at `/observe/jolokia` on the management port, behind the admin login (Hawtio); turns JMX on");
    public static final Setting OTLP_ENDPOINT = text("otel.exporter.otlp.endpoint", "",
            "OpenTelemetry tracing: the OTLP/HTTP collector, e.g. `http://collector:4318`; empty = no tracing; "
            + "every other `otel.*` setting of the SDK applies ([Tracing](docs/operations.md#tracing))");
    public static final Setting OTEL_SERVICE_NAME = text("otel.service.name", "cw-fn-connector",
            "the service name traces carry");

    private static final Heading INBOX_AND_RETRIES_GROUP = new Heading("Inbox and retries", "");
    public static final Setting POLL_INTERVAL_MS = integer("connector.poll-interval-ms", 1000, 10, MAX_INT,
            "how often due retries and orphaned transactions are picked up");
    public static final Setting CLAIM_TTL_MS = integer("connector.claim-ttl-ms", 120_000, 1000, MAX_INT,
            "how long an instance holds a transaction before another may take it");
    public static final Setting RETRY_FIRST_DELAY_MS = integer("connector.retry.first-delay-ms", 2000, 0, MAX_INT,
            "retry backoff: first delay, doubling, ±20% jitter, at least `Retry-After`");
    public static final Setting RETRY_MAX_DELAY_MS = integer("connector.retry.max-delay-ms", 600_000, 0, MAX_INT,
            "retry backoff: longest delay");
    public static final Setting RETRY_GIVE_UP_AFTER_MS = integer("connector.retry.give-up-after-ms", 3_600_000, 0, MAX_INT,
            "when to give up: a transaction still failing this long after it was received is failed and mailed");
    public static final Setting RECONCILE_INTERVAL_MS = integer("connector.reconcile-interval-ms", 300_000, 1000, MAX_INT,
            "reconciliation of missed callbacks: how often to look for tickets in trigger status whose callback never came");
    public static final Setting RECONCILE_LOOKBACK_HOURS = integer("connector.reconcile-lookback-hours", 24, 1, 24 * 365,
            "reconciliation of missed callbacks: how far back the first reconciliation looks");
    public static final Setting RETENTION_DAYS = integer("connector.retention-days", 30, 1, 36_500,
            "pruning of finished transactions: how long they are kept (failed ones kept 3×)");
    public static final Setting PRUNE_CRON = text("connector.prune-cron", "0 15 3 * * ?",
            "pruning of finished transactions: when it runs (Quartz cron)");
    public static final Setting INSTANCE_ID = text("connector.instance-id", "",
            "this instance's name in claims; empty = host name and server port");

    private static final List<Group> GROUPS = collect();
    private static final List<Setting> ALL = GROUPS.stream().flatMap(g -> g.settings().stream()).toList();

    private Catalog() {
    }

    /**
     * One heading of the catalog and the settings declared after it, up to the next heading: a section of
     * {@code application.properties} and of {@code docs/settings.md}.
     *
     * @param title the heading, e.g. {@code ConnectWise}
     * @param note one line under the heading, or "" for none
     * @param settings in declaration order
     */
    public record Group(String title, String note, List<Setting> settings) {
    }

    /** A heading among the declarations; read by {@link #collect()} in declaration order, as the settings are. */
    private record Heading(String title, String note) {
    }

    /** Every setting, in declaration order. */
    public static List<Setting> all() {
        return ALL;
    }

    /** Every group, in declaration order, each with its settings in declaration order. */
    public static List<Group> groups() {
        return GROUPS;
    }

    public static Optional<Setting> find(String key) {
        return ALL.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    private static String providerNotesProblem(String value) {
        List<String> items = java.util.Arrays.stream(value.split(",")).map(String::trim).filter(x -> !x.isEmpty())
                .toList();
        if (items.size() == 1 && (items.get(0).equalsIgnoreCase("all") || items.get(0).equalsIgnoreCase("none"))) {
            return null;
        }
        List<String> unknown = items.stream().filter(i -> !PROVIDER_NOTE_EVENTS.contains(i.toLowerCase(
                java.util.Locale.ROOT))).toList();
        return unknown.isEmpty() && !items.isEmpty() ? null : "must be all, none or a comma-separated list of "
                + String.join(", ", PROVIDER_NOTE_EVENTS);
    }

    private static List<Group> collect() {
        List<Group> out = new ArrayList<>();
        Heading heading = null;
        List<Setting> settings = new ArrayList<>();
        for (Field f : Catalog.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != Setting.class && f.getType() != Heading.class) {
                continue;
            }
            Object value;
            try {
                value = f.get(null);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            if (value instanceof Heading h) {
                if (heading != null) {
                    out.add(new Group(heading.title(), heading.note(), List.copyOf(settings)));
                }
                heading = h;
                settings.clear();
            } else if (heading == null) {
                throw new IllegalStateException(f.getName() + " is declared before the first heading");
            } else {
                settings.add((Setting) value);
            }
        }
        if (heading != null) {
            out.add(new Group(heading.title(), heading.note(), List.copyOf(settings)));
        }
        return Collections.unmodifiableList(out);
    }
}
