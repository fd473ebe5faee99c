package com.cwfn.sandbox.connectwise;

import static com.cwfn.sandbox.connectwise.CwRequests.patchOps;
import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxException;
import com.cwfn.sandbox.SandboxRequest;
import com.cwfn.sandbox.SandboxResponse;
import com.cwfn.sandbox.SandboxServer;
import com.cwfn.sandbox.connectwise.CwStore.Doc;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * An in-memory, stateful ConnectWise Manage (PSA) REST API 3.0 over real HTTP, for tests and the demo.
 *
 * <p>Serves {@code /{codebase}/apis/3.0/...} with Basic auth ({@code companyId+publicKey:privateKey}) and the
 * {@code clientId} header, ConnectWise's error shapes, permissions (see {@link ConnectWisePermissions}), service and
 * project tickets, notes, documents, schedule entries, companies, sites, contacts, boards and their setup tables,
 * the {@code conditions} language and paging, and callbacks: registered with {@code /system/callbacks} and delivered
 * signed, asynchronously, with ConnectWise's retry rules.
 *
 * <p>The Java control API ({@link #createTicket}, {@link #setStatus}, {@link #addNote} ...) acts as a person in the
 * ConnectWise UI (member {@code jsmith}); REST calls act as the API member ({@code apimember}). Everything is
 * thread-safe: one lock guards all state, callbacks are sent on the sandbox's own threads.
 */
public class ConnectWiseSandbox extends SandboxServer {
    public static final String DEFAULT_CODEBASE = "v4_6_release";
    public static final String DEFAULT_COMPANY_ID = "examplemsp";
    public static final String DEFAULT_PUBLIC_KEY = "sandboxpub";
    public static final String DEFAULT_PRIVATE_KEY = "sandboxpriv";
    public static final String DEFAULT_CLIENT_ID = "00000000-0000-0000-0000-00000000c11e";

    /** Identifier of the member behind the API keys (MemberId of callbacks for REST changes). */
    public static final String API_MEMBER = "apimember";

    /** Identifier of the person the control API acts as. */
    public static final String UI_MEMBER = "jsmith";

    /** The demo ticket {@link #seedDemo()} creates. */
    public static final long DEMO_TICKET_ID = 100;
    public static final String VERSION = "v2025.1.10318";

    private final String companyId;
    private final String publicKey;
    private final String privateKey;
    private final String clientId;
    private final String codebase;
    private final String companyName = "Example MSP";

    private final CwStore store;

    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private final Map<String, String> signingKeys = new ConcurrentHashMap<>();
    private volatile String signingKeyId;
    private final Set<String> canonicalSegments = new HashSet<>();
    private final CwThrottle throttle = new CwThrottle(Clock.systemUTC());

    public ConnectWiseSandbox(String companyId, String publicKey, String privateKey, String clientId) {
        this(companyId, publicKey, privateKey, clientId, DEFAULT_CODEBASE);
    }

    public ConnectWiseSandbox(String companyId, String publicKey, String privateKey, String clientId,
            String codebase) {
        super("connectwise");
        this.companyId = companyId;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.clientId = clientId;
        this.codebase = codebase == null || codebase.isBlank() ? DEFAULT_CODEBASE
                : codebase.replaceAll("^/+|/+$", "");
        this.store = new CwStore(this, "/" + this.codebase + "/apis/3.0", new CallbackSender("connectwise"));
        rotateSigningKey();
        routes();
    }

    /** companyId {@code examplemsp}, keys {@code sandboxpub}/{@code sandboxpriv}, the default clientId. */
    public static ConnectWiseSandbox withDefaults() {
        return new ConnectWiseSandbox(DEFAULT_COMPANY_ID, DEFAULT_PUBLIC_KEY, DEFAULT_PRIVATE_KEY, DEFAULT_CLIENT_ID);
    }

    @Override
    public ConnectWiseSandbox start(int port) {
        super.start(port);
        return this;
    }

    @Override
    public synchronized void close() {
        super.close();
        store.sender.close();
    }

    public String companyId() {
        return companyId;
    }

    public String publicKey() {
        return publicKey;
    }

    public String privateKey() {
        return privateKey;
    }

    public String clientId() {
        return clientId;
    }

    public String codebase() {
        return codebase;
    }

    /** {@code baseUrl() + "/" + codebase + "/apis/3.0"}; valid once started. */
    public String apiBaseUrl() {
        return baseUrl() + store.api;
    }

    /** The value of the Authorization header the sandbox accepts. */
    public String authorizationHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((companyId + "+" + publicKey + ":" + privateKey)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The current callback signing key (what {@code Metadata.key_url} answers). */
    public String signingKey() {
        return signingKeys.get(signingKeyId);
    }

    /** The id in the current {@code key_url}. */
    public String signingKeyId() {
        return signingKeyId;
    }

    /** The key_url sent in callbacks from now on. */
    public String signingKeyUrl() {
        return baseUrl() + "/" + codebase + "//system/callbackkey/index.rails?companyName=" + companyId + "&id="
                + signingKeyId;
    }

    /** Starts signing with a new key under a new key id; old key ids keep answering. Returns the new key. */
    public String rotateSigningKey() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        String id = UUID.randomUUID().toString();
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        signingKeys.put(id, key);
        signingKeyId = id;
        return key;
    }

    /** ConnectWise's throttling: off until limited; every request over its sliding window is answered 429. */
    public CwThrottle throttle() {
        return throttle;
    }

    /** Makes calls that need {@code permission} answer 403 Security. */
    public void deny(String permission) {
        if (!ConnectWisePermissions.ALL.contains(permission)) {
            throw new IllegalArgumentException("unknown permission '" + permission + "'; use the constants of "
                    + "ConnectWisePermissions");
        }
        denied.add(permission);
    }

    /** Grants every permission again. */
    public void allowAll() {
        denied.clear();
    }

    public Set<String> deniedPermissions() {
        return Set.copyOf(denied);
    }

    /** While true, changes happen but no callback is sent (ConnectWise is known to drop some). */
    public void dropCallbacks(boolean drop) {
        store.sender.drop(drop);
    }

    /** Sends each callback message {@code n} times with the same MessageId (1 = normal). */
    public void duplicateCallbacks(int n) {
        store.sender.copies(n);
    }

    /** The first retry waits this long, the second twice as long (ConnectWise: 2 s). */
    public void callbackRetryDelay(Duration base) {
        store.sender.retryBaseDelay(base);
    }

    /** How long a callback POST may take (ConnectWise: 5 s). */
    public void callbackTimeout(Duration timeout) {
        store.sender.timeout(timeout);
    }

    /** The clock used for lastUpdated, dateEntered and the like (default: system UTC). */
    public void clock(Clock clock) {
        store.clock = clock;
    }

    /** Every callback delivery attempt so far, oldest first. */
    public List<CallbackDelivery> deliveries() {
        return store.sender.deliveries();
    }

    /** Callback attempts still under way or waiting to be retried. */
    public int callbacksInFlight() {
        return store.sender.inFlight();
    }

    /** Back to the setup tables (and the demo data when {@link #seedDemo()} was called), no faults, empty logs. */
    public void reset() {
        synchronized (store.lock) {
            boolean demo = store.demoSeeded;
            store.clearData();
            if (demo) {
                seedDemo();
            }
        }
        denied.clear();
        store.sender.reset();
        throttle.off();
        clearFaults();
        clearRequests();
    }

    /**
     * Creates the demo data once: service ticket {@value #DEMO_TICKET_ID} "POS terminal offline at Store 114" on board
     * Field Services, status New, company ACME, contact Jane Doe, site Main, type Hardware, with a description note,
     * an Ext Ref custom field and a schedule entry tomorrow 14:00-16:00 UTC. The setup tables (boards, statuses,
     * company 2, site 28, contact 2, custom fields 1/7/9 ...) exist from the start. No callbacks fire.
     */
    public void seedDemo() {
        synchronized (store.lock) {
            if (store.demoSeeded || store.ticketById.containsKey(DEMO_TICKET_ID)) {
                return;
            }
            Instant now = store.clock.instant().truncatedTo(ChronoUnit.SECONDS);
            String entered = CwStore.iso(now.minus(2, ChronoUnit.HOURS));
            ObjectNode body = Json.object();
            body.put("summary", "POS terminal offline at Store 114");
            body.putObject("board").put("id", 1);
            body.putObject("status").put("name", "New");
            body.putObject("company").put("identifier", "ACME");
            body.putObject("contact").put("id", 2);
            body.putObject("site").put("id", 28);
            body.putObject("type").put("name", "Hardware");
            body.putObject("subType").put("name", "POS Terminal");
            body.putObject("item").put("name", "Offline");
            body.putObject("priority").put("id", 4);
            body.putObject("owner").put("identifier", UI_MEMBER);
            body.putObject("source").put("name", "Phone");
            ArrayNode cf = body.putArray("customFields");
            cf.addObject().put("id", 7).put("value", "ACME-114-0042");
            ObjectNode t = store.rules.create(DEMO_TICKET_ID, false, body, entered, UI_MEMBER, null);
            store.ticketById.put(t.path("id").asLong(), t);
            ObjectNode note = Json.object();
            note.put("text", "The POS terminal at register 3 in Store 114 shows no power light since this morning."
                    + "\nPlease check the power supply and the network cable.");
            note.put("detailDescriptionFlag", true);
            store.notes.storeNote(store.uiActor, t, note, entered);
            LocalDate tomorrow = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1);
            ObjectNode entry = Json.object();
            entry.put("objectId", DEMO_TICKET_ID);
            entry.put("dateStart", CwStore.iso(tomorrow.atTime(14, 0).toInstant(ZoneOffset.UTC)));
            entry.put("dateEnd", CwStore.iso(tomorrow.atTime(16, 0).toInstant(ZoneOffset.UTC)));
            store.schedule.storeSchedule(store.uiActor, entry, entered);
            ObjectNode info = (ObjectNode) t.get("_info");
            info.put("lastUpdated", CwStore.iso(now.minus(1, ChronoUnit.HOURS)));
            store.demoSeeded = true;
        }
    }

    /** Creates a ticket as jsmith; {@code recordType: "ProjectTicket"} or a {@code project} makes a project ticket. */
    public ObjectNode createTicket(ObjectNode fields) {
        return control(() -> {
            ObjectNode body = fields.deepCopy();
            boolean project = "ProjectTicket".equalsIgnoreCase(body.path("recordType").asText())
                    || body.hasNonNull("project");
            return store.render(store.tickets.doCreate(store.uiActor, project, body));
        });
    }

    /** Moves a ticket to the status with this name on its board, as jsmith. */
    public void setStatus(long ticketId, String statusName) {
        ArrayNode ops = Json.array();
        ops.addObject().put("op", "replace").put("path", "status/name").put("value", statusName);
        patchTicket(ticketId, ops);
    }

    /** Applies JSON Patch operations to a ticket, as jsmith. */
    public ObjectNode patchTicket(long ticketId, ArrayNode ops) {
        return control(() -> store.render(store.tickets.doPatch(store.uiActor, null, ticketId, patchOps(ops))));
    }

    /** Adds a note as jsmith: internal = Internal Analysis tab, else the Discussion (detail description) tab. */
    public ObjectNode addNote(long ticketId, String text, boolean internal) {
        ObjectNode body = Json.object();
        body.put("text", text);
        body.put("detailDescriptionFlag", !internal);
        body.put("internalAnalysisFlag", internal);
        body.put("resolutionFlag", false);
        return control(() -> store.render(store.notes.doAddNote(store.uiActor, null, ticketId, body)));
    }

    /** Attaches a (public) document to a ticket, as jsmith. */
    public ObjectNode addDocument(long ticketId, String fileName, String contentType, byte[] content) {
        return addDocument(ticketId, fileName, contentType, content, false);
    }

    /** Attaches a document to a ticket, as jsmith. */
    public ObjectNode addDocument(long ticketId, String fileName, String contentType, byte[] content,
            boolean privateFlag) {
        return control(() -> store.render(store.documents.doAddDocument(store.uiActor, "Ticket", ticketId, fileName,
                fileName, contentType, content, null, privateFlag, false)));
    }

    /** Schedules jsmith on a ticket (type S, status Firm, On-Site). */
    public ObjectNode addScheduleEntry(long ticketId, Instant start, Instant end) {
        ObjectNode body = Json.object();
        body.put("objectId", ticketId);
        body.put("dateStart", CwStore.iso(start));
        body.put("dateEnd", CwStore.iso(end));
        return control(() -> store.render(store.schedule.doAddSchedule(store.uiActor, body)));
    }

    /** Moves a schedule entry to new dates, as jsmith (a person in the schedule); schedule callbacks fire. */
    public ObjectNode moveScheduleEntry(long entryId, Instant start, Instant end) {
        ArrayNode ops = Json.array();
        ops.addObject().put("op", "replace").put("path", "dateStart").put("value", CwStore.iso(start));
        ops.addObject().put("op", "replace").put("path", "dateEnd").put("value", CwStore.iso(end));
        return control(() -> store.render(store.schedule.doPatchSchedule(store.uiActor, entryId, patchOps(ops))));
    }

    /** Deletes a schedule entry, as jsmith; schedule callbacks get {@code deleted}. */
    public void deleteScheduleEntry(long entryId) {
        control(() -> store.schedule.doDeleteSchedule(store.uiActor, entryId));
    }

    /** Deletes a ticket (and its notes, documents and schedule entries), as jsmith. */
    public void deleteTicket(long id) {
        control(() -> {
            store.tickets.doDelete(store.uiActor, null, id);
            return null;
        });
    }

    /** Adds or replaces a company (no sites, no contacts) that tickets can name by its identifier. */
    public void defineCompany(long id, String identifier, String name) {
        synchronized (store.lock) {
            store.ref.defineCompany(id, identifier, name);
        }
    }

    /** Adds or replaces a ticket custom field definition (type Text, Number, Checkbox, Date ...). */
    public void defineCustomField(long id, String caption, String type) {
        synchronized (store.lock) {
            store.ref.defineCustomField(id, caption, type, "EntryField", 0);
            // tickets carry every field of the screen, so the new one shows up (empty) on all of them
            for (ObjectNode t : store.ticketById.values()) {
                t.set("customFields", store.rules.customFields(t.get("customFields")));
            }
        }
    }

    public Optional<ObjectNode> ticket(long id) {
        synchronized (store.lock) {
            return Optional.ofNullable(store.ticketById.get(id)).map(store::render);
        }
    }

    public List<ObjectNode> tickets() {
        synchronized (store.lock) {
            return store.ticketById.values().stream().map(store::render).toList();
        }
    }

    /** The ticket's notes, oldest first. */
    public List<ObjectNode> notes(long ticketId) {
        synchronized (store.lock) {
            return store.notes.notesOf(ticketId).stream().map(store::render).toList();
        }
    }

    public List<ObjectNode> documents(long ticketId) {
        synchronized (store.lock) {
            return store.documentById.values().stream()
                    .filter(d -> d.recordType().equals("Ticket") && d.recordId() == ticketId)
                    .map(d -> store.render(d.info())).toList();
        }
    }

    public byte[] documentContent(long documentId) {
        synchronized (store.lock) {
            Doc d = store.documentById.get(documentId);
            if (d == null) {
                throw new java.util.NoSuchElementException("Document " + documentId + " not found");
            }
            return d.content().clone();
        }
    }

    public List<ObjectNode> scheduleEntries(long ticketId) {
        synchronized (store.lock) {
            return store.entryById.values().stream().filter(e -> e.path("objectId").asLong() == ticketId)
                    .map(store::render).toList();
        }
    }

    public List<ObjectNode> callbacks() {
        synchronized (store.lock) {
            return store.callbackById.values().stream().map(store::render).toList();
        }
    }

    /** Time entries charged to a ticket, oldest first. */
    public List<ObjectNode> timeEntries(long ticketId) {
        return store.charges.ofTicket(CwCharges.Kind.TIME, ticketId);
    }

    /** Expense entries charged to a ticket, oldest first. */
    public List<ObjectNode> expenseEntries(long ticketId) {
        return store.charges.ofTicket(CwCharges.Kind.EXPENSE, ticketId);
    }

    /** Products on a ticket, oldest first. */
    public List<ObjectNode> products(long ticketId) {
        return store.charges.ofTicket(CwCharges.Kind.PRODUCT, ticketId);
    }

    /** The next {@code n} time entry, expense entry or product creates are stored, then answered 502 (a lost answer). */
    public void loseCreateAnswers(int n) {
        store.charges.loseCreateAnswers(n);
    }

    /** What ConnectWise does to a callback after days of failed deliveries: every entry becomes inactive. */
    public void deactivateCallbacks() {
        synchronized (store.lock) {
            store.callbackById.values().forEach(c -> c.put("inactiveFlag", true));
        }
    }

    /** What an administrator may do: every callback entry deleted. */
    public void deleteCallbacks() {
        synchronized (store.lock) {
            store.callbackById.clear();
        }
    }

    private <T> T control(Supplier<T> action) {
        try {
            return action.get();
        } catch (SandboxException e) {
            String body = e.body() == null ? e.getMessage() : e.body().toString();
            if (e.status() == 404) {
                throw new java.util.NoSuchElementException(body);
            }
            throw new IllegalArgumentException(body, e);
        }
    }

    @Override
    protected SandboxResponse authenticate(SandboxRequest req) {
        String path = req.path();
        if (!path.startsWith(store.api + "/")) {
            return null; // company info and the callback key need no credentials
        }
        String auth = req.header("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            return SandboxResponse.json(401, CwErrors.body("Unauthorized", "UserNotAuthenticated"));
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return SandboxResponse.json(401, CwErrors.body("Unauthorized", "UserNotAuthenticated"));
        }
        int plus = decoded.indexOf('+');
        int colon = decoded.indexOf(':', Math.max(plus, 0));
        boolean ok = plus > 0 && colon > plus
                && decoded.substring(0, plus).equalsIgnoreCase(companyId)
                && decoded.substring(plus + 1, colon).equals(publicKey)
                && decoded.substring(colon + 1).equals(privateKey);
        if (!ok) {
            return SandboxResponse.json(401, CwErrors.body("Unauthorized", "Incorrect public/private key"));
        }
        String cid = req.header("clientId");
        if (cid == null || cid.isBlank()) {
            return SandboxResponse.json(400, CwErrors.body("InvalidClientId",
                    "The clientId header is required. Get a clientId at https://developer.connectwise.com/ClientID"
                            + " and send it as the 'clientId' header on every request."));
        }
        if (!cid.trim().equalsIgnoreCase(clientId)) {
            return SandboxResponse.json(400, CwErrors.body("InvalidClientId",
                    "The clientId in the clientId header is not a registered integration."));
        }
        Optional<String> needed = ConnectWisePermissions.required(req.method(), path.substring(store.api.length()));
        if (needed.isPresent() && denied.contains(needed.get())) {
            return SandboxResponse.json(403, CwErrors.body("Security",
                    "You do not have security permission to perform this action."));
        }
        return null;
    }

    @Override
    protected SandboxResponse error(int status, String message) {
        return switch (status) {
            case 401 -> SandboxResponse.json(401, CwErrors.body("Unauthorized", message));
            case 403 -> SandboxResponse.json(403, CwErrors.body("Security", message));
            case 404 -> SandboxResponse.json(404, CwErrors.body("ConnectWiseApi", message));
            case 405 -> SandboxResponse.json(405, CwErrors.body("ConnectWiseApi",
                    "The requested resource does not support this http method. (" + message + ")"));
            case 429 -> {
                ObjectNode o = Json.object();
                o.put("error", "ConnectWiseAPI");
                o.put("message", "Too many requests. Please try again later.");
                yield SandboxResponse.json(429, o);
            }
            default -> SandboxResponse.json(status, CwErrors.body(status >= 500 ? "UnexpectedError"
                    : "ConnectWiseApi", message));
        };
    }

    /** Path segments are matched case-insensitively (ConnectWise's are) and a trailing slash is ignored. */
    @Override
    protected SandboxResponse dispatch(SandboxRequest req) throws Exception {
        Integer retryAfter = throttle.admit();
        if (retryAfter != null) {
            return error(429, "throttled").header("Retry-After", String.valueOf(retryAfter));
        }
        String path = req.path();
        String[] seg = path.split("/", -1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < seg.length; i++) {
            if (i > 0) {
                b.append('/');
            }
            b.append(canonical(seg[i]));
        }
        String canon = b.toString();
        if (canon.length() > 1 && canon.endsWith("/")) {
            canon = canon.substring(0, canon.length() - 1);
        }
        SandboxRequest r = canon.equals(path) ? req
                : new SandboxRequest(req.method(), canon, req.rawQuery(), req.headers(), req.body());
        SandboxResponse resp = super.dispatch(r);
        if (canon.startsWith(store.api + "/")) {
            resp.header("api-current-version", "2025.1");
            resp.header("Cache-Control", "no-cache");
        }
        return resp;
    }

    private String canonical(String segment) {
        if (segment.isEmpty()) {
            return segment;
        }
        for (String c : canonicalSegments) {
            if (c.equalsIgnoreCase(segment)) {
                return c;
            }
        }
        return segment;
    }

    private void on(String method, String pattern, Handler handler) {
        for (String s : pattern.split("/")) {
            if (!s.isEmpty() && !s.startsWith("{")) {
                canonicalSegments.add(s);
            }
        }
        route(method, pattern, handler);
    }

    private void routes() {
        on("GET", "/login/companyinfo/{companyId}", this::companyInfo);
        on("GET", "/" + codebase + "//system/callbackkey/index.rails", this::callbackKey);
        on("GET", "/" + codebase + "/system/callbackkey/index.rails", this::callbackKey);
        on("GET", store.api + "/system/info", r -> SandboxResponse.ok(systemInfo()));
        store.tickets.ticketRoutes(this::on);
        store.notes.noteRoutes(this::on);
        store.documents.documentRoutes(this::on);
        store.schedule.scheduleRoutes(this::on);
        store.setupTables.referenceRoutes(this::on);
        store.callbacks.callbackRoutes(this::on);
        store.charges.routes(this::on);
    }

    private SandboxResponse companyInfo(SandboxRequest r) {
        if (!r.pathVar("companyId").equalsIgnoreCase(companyId)) {
            throw CwErrors.error(404, "NotFound", "Company " + r.pathVar("companyId") + " not found");
        }
        ObjectNode o = Json.object();
        o.put("CompanyName", companyName);
        o.put("Codebase", codebase + "/");
        o.put("VersionCode", "v2025.1");
        o.put("VersionNumber", "v4.6.10318");
        o.put("CompanyID", companyId);
        o.put("IsCloud", true);
        return SandboxResponse.ok(o);
    }

    private ObjectNode systemInfo() {
        ObjectNode o = Json.object();
        o.put("version", VERSION);
        o.put("isCloud", true);
        o.put("serverTimeZone", "Eastern Standard Time");
        return o;
    }

    private SandboxResponse callbackKey(SandboxRequest r) {
        String id = r.queryIgnoreCase("id");
        String key = id == null ? null : signingKeys.get(id.trim());
        if (key == null) {
            throw CwErrors.error(404, "NotFound", "Callback key " + (id == null ? "" : id) + " not found");
        }
        ObjectNode o = Json.object();
        o.put("signing_key", key);
        return SandboxResponse.ok(o);
    }

    /** For logs: the whole state in numbers. */
    @Override
    public String toString() {
        synchronized (store.lock) {
            Map<String, Integer> m = new LinkedHashMap<>();
            m.put("tickets", store.ticketById.size());
            m.put("notes", store.noteById.size());
            m.put("documents", store.documentById.size());
            m.put("scheduleEntries", store.entryById.size());
            m.put("callbacks", store.callbackById.size());
            return "ConnectWiseSandbox" + m;
        }
    }
}
