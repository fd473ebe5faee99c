package com.cwfn.connectwise;

import com.cwfn.http.IdBatches;
import com.cwfn.http.ReferenceCache;
import com.cwfn.http.RemoteApi;
import com.cwfn.http.RemoteCallException;
import com.cwfn.http.RequestBudget;
import com.cwfn.http.RemoteResponse;
import com.cwfn.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;

/**
 * ConnectWise Manage REST client: Basic auth {@code company+public:private}, the {@code clientId} header,
 * requests under {@code {url}/{codebase}/apis/3.0}. Methods are named after what the connector needs. Every call goes
 * through the API's request budget ({@link RemoteApi}); sites, companies, contacts and board statuses come from the
 * {@link ReferenceCache} while fresh.
 */
public class ConnectWiseClient {
    public static final String SYSTEM = "ConnectWise";
    /** Sent on every call, so ConnectWise (and a test) can tell the connector's requests from others. */
    public static final String USER_AGENT = "cw-fn-connector/1.0";
    private static final int PAGE_SIZE = 1000;

    /** Service tickets and project tickets live under different paths with the same model. */
    public enum TicketKind {
        SERVICE("/service/tickets", "ServiceTicket"), PROJECT("/project/tickets", "ProjectTicket");

        final String path;
        final String recordType;

        TicketKind(String path, String recordType) {
            this.path = path;
            this.recordType = recordType;
        }

        public String recordType() {
            return recordType;
        }

        public static TicketKind of(String recordType) {
            return "ProjectTicket".equalsIgnoreCase(recordType) || "ProjectIssue".equalsIgnoreCase(recordType)
                    ? PROJECT : SERVICE;
        }
    }

    /** A downloaded document. */
    public record Download(String fileName, String contentType, byte[] content) {
    }

    private final RemoteApi api;
    private final String companyId;
    private final String codebase;
    private final Map<String, String> headers;
    private final ReferenceCache cache;

    public ConnectWiseClient(RemoteApi api, String companyId, String publicKey, String privateKey, String clientId,
            String codebase) {
        this(api, companyId, publicKey, privateKey, clientId, codebase, ReferenceCache.off());
    }

    public ConnectWiseClient(RemoteApi api, String companyId, String publicKey, String privateKey, String clientId,
            String codebase, ReferenceCache cache) {
        this.cache = cache;
        this.api = api;
        this.companyId = companyId;
        this.codebase = codebase;
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (companyId + "+" + publicKey + ":" + privateKey).getBytes(StandardCharsets.UTF_8)));
        h.put("clientId", clientId);
        h.put("Accept", "application/json");
        h.put("User-Agent", USER_AGENT);
        this.headers = Map.copyOf(h);
    }

    public String baseUrl() {
        return api.baseUrl();
    }

    private String apiPath(String path) {
        return "/" + codebase + "/apis/3.0" + path;
    }

    // ---------------------------------------------------------------- plumbing

    JsonNode get(String path, String query) {
        return api.call("GET", apiPath(path), query, headers, null, "GET " + path).json();
    }

    private JsonNode send(String method, String path, JsonNode body) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("Content-Type", "application/json");
        return api.call(method, apiPath(path), null, h, Json.write(body), method + " " + path).json();
    }

    /** Every page of a list. */
    List<JsonNode> list(String path, String query) {
        List<JsonNode> out = new ArrayList<>();
        for (int page = 1; ; page++) {
            String q = (query == null || query.isEmpty() ? "" : query + "&") + "pageSize=" + PAGE_SIZE + "&page=" + page;
            JsonNode arr = get(path, q);
            arr.forEach(out::add);
            if (arr.size() < PAGE_SIZE) {
                return out;
            }
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String conditions(String c) {
        return "conditions=" + enc(c);
    }

    // ---------------------------------------------------------------- tickets

    /** Reads a ticket, trying the kind hinted first and the other kind on 404; empty when neither has it. */
    public Optional<ObjectNode> ticket(long id, TicketKind hint) {
        TicketKind first = hint == null ? TicketKind.SERVICE : hint;
        TicketKind second = first == TicketKind.SERVICE ? TicketKind.PROJECT : TicketKind.SERVICE;
        for (TicketKind k : List.of(first, second)) {
            try {
                ObjectNode t = (ObjectNode) get(k.path + "/" + id, null);
                if (!t.hasNonNull("recordType")) {
                    t.put("recordType", k.recordType);
                }
                return Optional.of(t);
            } catch (RemoteCallException e) {
                if (e.status() != 404) {
                    throw e;
                }
            }
        }
        return Optional.empty();
    }

    public ObjectNode patchTicket(TicketKind kind, long id, ArrayNode ops) {
        return (ObjectNode) send("PATCH", kind.path + "/" + id, ops);
    }

    public ObjectNode createTicket(ObjectNode body) {
        return (ObjectNode) send("POST", TicketKind.SERVICE.path, body);
    }

    /** Tickets matching ConnectWise conditions, every page. */
    public List<JsonNode> tickets(TicketKind kind, String conditions) {
        return list(kind.path, conditions(conditions) + "&orderBy=" + enc("id asc"));
    }

    /** Tickets matching ConnectWise conditions, every page, with only the listed fields (e.g. id,board/name). */
    public List<JsonNode> tickets(TicketKind kind, String conditions, String fields) {
        return list(kind.path, conditions(conditions) + "&orderBy=" + enc("id asc") + "&fields=" + enc(fields));
    }

    public List<JsonNode> notes(TicketKind kind, long ticketId) {
        return list(kind.path + "/" + ticketId + "/notes", "orderBy=" + enc("id asc"));
    }

    /** Adds a note; flags: detailDescriptionFlag, internalAnalysisFlag, resolutionFlag (+ externalFlag). */
    public ObjectNode addNote(TicketKind kind, long ticketId, String text, boolean discussion, boolean internal,
            boolean resolution) {
        ObjectNode body = Json.object()
                .put("text", text)
                .put("detailDescriptionFlag", discussion)
                .put("internalAnalysisFlag", internal)
                .put("resolutionFlag", resolution)
                .put("processNotifications", false);
        if (discussion) {
            body.put("externalFlag", true);
        }
        return (ObjectNode) send("POST", kind.path + "/" + ticketId + "/notes", body);
    }

    // ---------------------------------------------------------------- company, contact, site

    /** A company, from the reference cache while fresh. */
    public ObjectNode company(long id) {
        return cache.get("company " + id, () -> (ObjectNode) get("/company/companies/" + id, null));
    }

    /** A contact, from the reference cache while fresh. */
    public ObjectNode contact(long id) {
        return cache.get("contact " + id, () -> (ObjectNode) get("/company/contacts/" + id, null));
    }

    /** A company's site, from the reference cache while fresh. */
    public ObjectNode site(long companyId, long siteId) {
        return cache.get("site " + companyId + "/" + siteId,
                () -> (ObjectNode) get("/company/companies/" + companyId + "/sites/" + siteId, null));
    }

    // ---------------------------------------------------------------- documents

    public List<JsonNode> documents(long ticketId) {
        return list("/system/documents", "recordType=Ticket&recordId=" + ticketId);
    }

    /** A ticket's documents with only the listed fields (e.g. what copying them needs). */
    public List<JsonNode> documents(long ticketId, String fields) {
        return list("/system/documents", "recordType=Ticket&recordId=" + ticketId + "&fields=" + enc(fields));
    }

    public Download download(long documentId, String fallbackName) {
        RemoteResponse r = api.call("GET", apiPath("/system/documents/" + documentId + "/download"), null, headers,
                null, "GET /system/documents/" + documentId + "/download");
        String name = fileName(r.header("content-disposition"));
        return new Download(name == null ? fallbackName : name, r.header("content-type"), r.body());
    }

    static String fileName(String disposition) {
        if (disposition == null) {
            return null;
        }
        var m = java.util.regex.Pattern.compile("filename\\*?=\"?([^\";]+)\"?").matcher(disposition);
        return m.find() ? m.group(1).trim() : null;
    }

    /** Uploads a document to a ticket; Field Nation files always arrive private. */
    public ObjectNode uploadDocument(long ticketId, String fileName, String contentType, byte[] content,
            boolean privateFlag) {
        ContentType type;
        try {
            type = contentType == null ? ContentType.APPLICATION_OCTET_STREAM : ContentType.parse(contentType);
        } catch (RuntimeException e) {
            type = ContentType.APPLICATION_OCTET_STREAM;
        }
        var entity = MultipartEntityBuilder.create()
                .addBinaryBody("file", content, type, fileName)
                .addTextBody("recordType", "Ticket")
                .addTextBody("recordId", String.valueOf(ticketId))
                .addTextBody("title", fileName)
                .addTextBody("privateFlag", String.valueOf(privateFlag))
                .build();
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("Content-Type", entity.getContentType());
        return (ObjectNode) api.call("POST", apiPath("/system/documents"), null, h, entity,
                "POST /system/documents").json();
    }

    // ---------------------------------------------------------------- schedule

    public List<JsonNode> scheduleEntries(long ticketId) {
        return list("/schedule/entries", conditions("type/id=4 AND objectId=" + ticketId));
    }

    public ObjectNode createScheduleEntry(ObjectNode body) {
        return (ObjectNode) send("POST", "/schedule/entries", body);
    }

    public ObjectNode patchScheduleEntry(long id, ArrayNode ops) {
        return (ObjectNode) send("PATCH", "/schedule/entries/" + id, ops);
    }

    // ---------------------------------------------------------------- boards and setup

    public List<JsonNode> boards() {
        return list("/service/boards", null);
    }

    /** A board's statuses, from the reference cache while fresh. */
    public List<JsonNode> boardStatuses(long boardId) {
        List<JsonNode> out = new ArrayList<>();
        cache.get("statuses " + boardId, () -> {
            ArrayNode a = Json.array();
            list("/service/boards/" + boardId + "/statuses", null).forEach(a::add);
            return a;
        }).forEach(out::add);
        return out;
    }

    /** A board's statuses as ConnectWise has them now (the cached copy is replaced). */
    public List<JsonNode> freshBoardStatuses(long boardId) {
        cache.forget("statuses " + boardId);
        return boardStatuses(boardId);
    }

    public List<JsonNode> boardTypes(long boardId) {
        return list("/service/boards/" + boardId + "/types", null);
    }

    public List<JsonNode> boardSubtypes(long boardId) {
        return list("/service/boards/" + boardId + "/subtypes", null);
    }

    public List<JsonNode> priorities() {
        return list("/service/priorities", null);
    }

    public JsonNode systemInfo() {
        return get("/system/info", null);
    }

    /**
     * A plain GET of any API path (below {@code /apis/3.0}), for the admin connection check: it probes one harmless
     * read per security-role permission the connector needs.
     */
    public JsonNode read(String path, String query) {
        return get(path, query);
    }

    /** The unauthenticated company lookup: {@code /login/companyinfo/{company}}. */
    public JsonNode companyInfo() {
        return api.call("GET", "/login/companyinfo/" + enc(companyId), null, Map.of("Accept", "application/json",
                "User-Agent", USER_AGENT), null, "GET /login/companyinfo").json();
    }

    // ---------------------------------------------------------------- callbacks

    public List<JsonNode> callbacks() {
        return list("/system/callbacks", null);
    }

    public ObjectNode createCallback(ObjectNode body) {
        return (ObjectNode) send("POST", "/system/callbacks", body);
    }

    public void deleteCallback(long id) {
        api.call("DELETE", apiPath("/system/callbacks/" + id), null, headers, null, "DELETE /system/callbacks/" + id);
    }

    /**
     * Fetches the signing key at a callback's {@code Metadata.key_url}. The caller has checked that the URL is
     * on the ConnectWise host; it is called without credentials, as ConnectWise documents. It is counted in the
     * request budget but never waits for a slot: ConnectWise gives a callback 5 s to be answered.
     */
    public String signingKey(String keyUrl) {
        URI u = URI.create(keyUrl);
        String path = u.getRawPath().replaceAll("/{2,}", "/");
        JsonNode n = RequestBudget.withoutWaiting(() -> api.call("GET", path, u.getRawQuery(), Map.of("Accept",
                "application/json", "clientId", headers.get("clientId"), "User-Agent", USER_AGENT), null,
                "GET callback key")).json();
        String key = Json.text(n, "signing_key");
        if (key == null || key.isEmpty()) {
            throw new RemoteCallException(SYSTEM, "GET callback key", 200, null, "no signing_key in the answer", null);
        }
        return key;
    }

    // ---------------------------------------------------------------- for people: naming tickets in mails

    /**
     * The tickets' labels (for example "summary (company)", as {@code label} makes them from a summary and a company
     * name) in one read of only those fields; tickets ConnectWise does not know are left out.
     */
    public Map<Long, String> ticketLabels(List<Long> ids, java.util.function.BinaryOperator<String> label) {
        Map<Long, String> out = new LinkedHashMap<>();
        for (String in : IdBatches.joined(ids, 100)) {
            for (JsonNode t : list(TicketKind.SERVICE.path, conditions("id in (" + in + ")") + "&fields="
                    + enc("id,summary,company/name"))) {
                Long id = Json.number(t, "id");
                if (id != null) {
                    out.put(id, label.apply(Json.text(t, "summary"), Json.text(t, "company/name")));
                }
            }
        }
        return out;
    }

    // ================================================================ time, expenses and products (issue 16)

    /** What the connector charges to a ticket: time entries, expense entries, ticket products. */
    public enum Charge {
        TIME("/time/entries", "time entry"), EXPENSE("/expense/entries", "expense entry"),
        PRODUCT("/procurement/products", "product");

        final String path;
        final String label;

        Charge(String path, String label) {
            this.path = path;
            this.label = label;
        }

        /** How the connector names it in logs and errors, e.g. "time entry". */
        public String label() {
            return label;
        }
    }

    /**
     * The entries of one kind on a ticket: time and expense entries by {@code chargeToType}/{@code chargeToId},
     * products by {@code ticket/id}.
     */
    public List<JsonNode> charges(Charge c, TicketKind kind, long ticketId) {
        String on = c == Charge.PRODUCT ? "ticket/id=" + ticketId
                : "chargeToType=\"" + kind.recordType + "\" AND chargeToId=" + ticketId;
        return list(c.path, conditions(on) + "&orderBy=" + enc("id asc"));
    }

    /** One entry; empty when ConnectWise has none with this id (404). */
    public Optional<ObjectNode> charge(Charge c, long id) {
        try {
            return Optional.of((ObjectNode) get(c.path + "/" + id, null));
        } catch (RemoteCallException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public ObjectNode createCharge(Charge c, ObjectNode body) {
        return (ObjectNode) send("POST", c.path, body);
    }

    public ObjectNode patchCharge(Charge c, long id, ArrayNode ops) {
        return (ObjectNode) send("PATCH", c.path + "/" + id, ops);
    }

    /** Deletes an entry; false when it was gone already (404). */
    public boolean deleteCharge(Charge c, long id) {
        try {
            api.call("DELETE", apiPath(c.path + "/" + id), null, headers, null, "DELETE " + c.path + "/" + id);
            return true;
        } catch (RemoteCallException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** The members with this identifier (none or one). */
    public List<JsonNode> members(String identifier) {
        return list("/system/members", conditions("identifier=\"" + identifier.replace("\"", "\\\"") + "\""));
    }

    public List<JsonNode> workTypes() {
        return list("/time/workTypes", null);
    }

    public List<JsonNode> workRoles() {
        return list("/time/workRoles", null);
    }

    public List<JsonNode> expenseTypes() {
        return list("/expense/types", null);
    }

    /** The product catalog, only the fields Refresh Fields shows. */
    public List<JsonNode> catalogItems() {
        return list("/procurement/catalog", "fields=" + enc("id,identifier,description,inactiveFlag"));
    }
}
