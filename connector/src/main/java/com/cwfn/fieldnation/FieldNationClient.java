package com.cwfn.fieldnation;

import com.cwfn.http.IdBatches;
import com.cwfn.http.RemoteApi;
import com.cwfn.http.RemoteCallException;
import com.cwfn.http.RemoteResponse;
import com.cwfn.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.hc.client5.http.entity.mime.MultipartEntityBuilder;
import org.apache.hc.core5.http.ContentType;

/**
 * Field Nation REST v2 client: the token as {@code ?access_token=} (renewed on 401 once), requests under
 * {@code {url}/api/rest/v2}; the webhooks v3 API under {@code {url}/api/v1/webhooks} with a Bearer token.
 */
public class FieldNationClient {
    public static final String SYSTEM = "Field Nation";
    /** Sent on every call, so Field Nation (and a test) can tell the connector's requests from others. */
    public static final String USER_AGENT = "cw-fn-connector/1.0";
    private static final String REST = "/api/rest/v2";

    private final RemoteApi api;
    private final TokenProvider tokens;
    private final Map<String, Long> customFieldIds = new ConcurrentHashMap<>();

    public FieldNationClient(RemoteApi api, TokenProvider tokens) {
        this.api = api;
        this.tokens = tokens;
    }

    public TokenProvider tokens() {
        return tokens;
    }

    // ---------------------------------------------------------------- plumbing

    /** Calls REST v2 with the token; a 401 renews the token and tries once more. */
    private RemoteResponse rest(String method, String path, String query, Object body, String contentType) {
        return withToken(token -> {
            String q = "access_token=" + enc(token) + (query == null || query.isEmpty() ? "" : "&" + query);
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Accept", "application/json");
            h.put("User-Agent", USER_AGENT);
            if (contentType != null) {
                h.put("Content-Type", contentType);
            }
            return api.call(method, REST + path, q, h, body, method + " " + REST + path);
        });
    }

    private RemoteResponse withToken(Function<String, RemoteResponse> call) {
        String token = tokens.token();
        try {
            return call.apply(token);
        } catch (RemoteCallException e) {
            if (e.status() != 401) {
                throw e;
            }
            tokens.invalidate(token);
            return call.apply(tokens.token());
        }
    }

    private JsonNode json(String method, String path, JsonNode body) {
        return rest(method, path, null, body == null ? null : Json.write(body),
                body == null ? null : "application/json").json();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- work orders

    public ObjectNode createWorkOrder(ObjectNode body) {
        return (ObjectNode) json("POST", "/workorders", body);
    }

    public ObjectNode workOrder(long id) {
        return (ObjectNode) json("GET", "/workorders/" + id, null);
    }

    public Optional<ObjectNode> findWorkOrder(long id) {
        try {
            return Optional.of(workOrder(id));
        } catch (RemoteCallException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public ObjectNode updateWorkOrder(long id, ObjectNode body) {
        return (ObjectNode) json("PUT", "/workorders/" + id, body);
    }

    public JsonNode publish(long id) {
        return json("POST", "/workorders/" + id + "/publish", null);
    }

    /**
     * Mass-routes a work order to these providers ({@code POST /workorders/{id}/mass-route}, MassRoutePayload
     * {@code {"ids": [...]}}); answers MassRouteResponse ({@code job_id}).
     */
    public JsonNode massRoute(long id, List<Long> providerIds) {
        ObjectNode body = Json.object();
        providerIds.forEach(body.putArray("ids")::add);
        return json("POST", "/workorders/" + id + "/mass-route", body);
    }

    /** Cancels a work order (a draft is deleted): {@code DELETE /workorders/{id}} with the reason. */
    public JsonNode cancel(long id, String reason) {
        return rest("DELETE", "/workorders/" + id, "cancel_reason=" + enc(reason), null, null).json();
    }

    /** Approves a Work Done work order, which releases the pay: {@code POST /workorders/{id}/approve}. */
    public JsonNode approve(long id) {
        return json("POST", "/workorders/" + id + "/approve", null);
    }

    /**
     * Sends a Work Done work order back to the provider (marks it incomplete): {@code DELETE
     * /workorders/{id}/complete} with the query {@code reason} and {@code reason_id} the spec requires.
     */
    public JsonNode incomplete(long id, String reason, long reasonId) {
        return rest("DELETE", "/workorders/" + id + "/complete", "reason=" + enc(reason) + "&reason_id=" + reasonId,
                null, null).json();
    }

    /** The company's incomplete reasons ({@code IncompleteReasonDto}: id, label), whether listed bare or in results. */
    public List<JsonNode> incompleteReasons() {
        return results(json("GET", "/company/incomplete-reasons", null));
    }

    /** The schedule (ScheduleDto): service window, time zone. */
    public JsonNode schedule(long id) {
        return json("GET", "/workorders/" + id + "/schedule", null);
    }

    /** {@code body} is a WoScheduleUpdateDto: service_window with mode, start and end. */
    public JsonNode updateSchedule(long id, JsonNode body) {
        return json("PUT", "/workorders/" + id + "/schedule", body);
    }

    /** {@code body} is a WoLocationUpdateDto: mode, address1, city, state, zip, country, saved_location. */
    public JsonNode updateLocation(long id, JsonNode body) {
        return json("PUT", "/workorders/" + id + "/location", body);
    }

    /**
     * Work orders created on the days {@code from} to {@code to} (inclusive; Field Nation compares them with each
     * work order's local date), every page, newest first.
     */
    public List<JsonNode> workOrdersCreated(LocalDate from, LocalDate to) {
        return listWorkOrders("f_created=" + enc(from + "," + to) + "&sort=id&order=desc");
    }

    /**
     * Work orders the keyword search finds for {@code text}, every page. The spec's search looks at title,
     * description, location, type of work and people, not custom field values: filter what it finds.
     */
    public List<JsonNode> searchWorkOrders(String text) {
        return listWorkOrders("f_search=" + enc(text));
    }

    private List<JsonNode> listWorkOrders(String filter) {
        List<JsonNode> out = new ArrayList<>();
        for (int page = 1; page <= 20; page++) {
            JsonNode r = rest("GET", "/workorders", "list=workorders_all&sticky=false&per_page=100&page=" + page
                    + "&" + filter, null, null).json();
            JsonNode results = r.path("results");
            results.forEach(out::add);
            long pages = r.path("metadata").path("pages").asLong(1);
            if (results.size() == 0 || page >= pages) {
                break;
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- contacts

    public List<JsonNode> contacts(long woId) {
        return results(json("GET", "/workorders/" + woId + "/contacts", null));
    }

    public JsonNode addContact(long woId, JsonNode contact) {
        return json("POST", "/workorders/" + woId + "/contacts", contact);
    }

    public JsonNode updateContact(long woId, long contactId, JsonNode contact) {
        return json("PUT", "/workorders/" + woId + "/contacts/" + contactId, contact);
    }

    // ---------------------------------------------------------------- custom fields

    /** The id of a company custom field by name (case-insensitive); cached. */
    public Optional<Long> customFieldId(String name) {
        String key = name.toLowerCase(java.util.Locale.ROOT);
        Long cached = customFieldIds.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        for (JsonNode f : customFieldDefinitions()) {
            String n = Json.text(f, "name");
            Long id = Json.number(f, "id");
            if (n != null && id != null) {
                customFieldIds.put(n.toLowerCase(java.util.Locale.ROOT), id);
            }
        }
        return Optional.ofNullable(customFieldIds.get(key));
    }

    /** Company-wide custom field definitions (flat, whether the answer is grouped or not). */
    public List<JsonNode> customFieldDefinitions() {
        return flattenFields(json("GET", "/custom-fields", null));
    }

    public JsonNode setCustomField(long woId, long fieldId, String value) {
        return json("PUT", "/workorders/" + woId + "/custom_fields/" + fieldId, Json.object().put("value", value));
    }

    /** The custom fields of a work order, flat. */
    public List<JsonNode> customFields(long woId) {
        return flattenFields(json("GET", "/workorders/" + woId + "/custom_fields", null));
    }

    /** Custom field lists come grouped by category or flat; this returns the fields either way. */
    public static List<JsonNode> flattenFields(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode list = n.isArray() ? n : n.path("results");
        for (JsonNode item : list) {
            if (item.has("results") && item.path("results").isArray() && !item.has("value")) {
                item.path("results").forEach(out::add);
            } else {
                out.add(item);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- provider pools

    /** The company's preferred provider groups (TalentPoolsAllResultDto: id, name, providers as a count). */
    public List<JsonNode> preferredProviderGroups() {
        return results(json("GET", "/preferred-provider-groups", null));
    }

    /** The provider ids of a preferred provider group ({@code GET /providers/select-all?f_preferred_groups=}). */
    public List<Long> preferredProviderGroupMembers(long groupId) {
        JsonNode ids = rest("GET", "/providers/select-all", "f_preferred_groups=" + groupId, null, null).json();
        List<Long> out = new ArrayList<>();
        (ids.isArray() ? ids : ids.path("results")).forEach(i -> out.add(i.isObject() ? i.path("id").asLong()
                : i.asLong()));
        return out;
    }

    /** Talent pool groups (TalentPoolGroupItemDto), every page; with {@code name}, those Field Nation finds by it. */
    public List<JsonNode> talentPoolGroups(String name) {
        return cursorPages(after -> rest("GET", "/talent-pool-groups", "limit=100" + (name == null ? ""
                : "&f_name=" + enc(name)) + after, null, null).json());
    }

    /** The provider ids of a talent pool group, every tier, every page. */
    public List<Long> talentPoolGroupMembers(String groupUuid) {
        List<Long> out = new ArrayList<>();
        cursorPages(after -> rest("GET", "/talent-pool-groups/" + enc(groupUuid) + "/providers", "limit=100"
                + after, null, null).json()).forEach(p -> out.add(p.path("provider_id").asLong()));
        return out;
    }

    /** Every {@code data} item of a cursor-paged list; {@code page} gets "" or "&after=<cursor>". */
    private static List<JsonNode> cursorPages(Function<String, JsonNode> page) {
        List<JsonNode> out = new ArrayList<>();
        String after = "";
        for (int i = 0; i < 100; i++) {
            JsonNode r = page.apply(after);
            r.path("data").forEach(out::add);
            JsonNode next = r.path("pagination").path("next_cursor");
            if (!r.path("pagination").path("has_next_page").asBoolean(false) || next.isNull() || next.asText()
                    .isEmpty()) {
                break;
            }
            after = "&after=" + enc(next.asText());
        }
        return out;
    }

    public List<JsonNode> typesOfWork() {
        return results(json("GET", "/types-of-work", null));
    }

    // ---------------------------------------------------------------- messages

    /** Posts a message; answers the message object (whether Field Nation returns it alone or in a list). */
    public JsonNode postMessage(long woId, String text) {
        JsonNode r = json("POST", "/workorders/" + woId + "/messages",
                Json.object().put("message", text));
        if (r.has("results") && r.path("results").isArray() && r.path("results").size() > 0) {
            return r.path("results").get(0);
        }
        return r;
    }

    public List<JsonNode> messages(long woId) {
        return results(json("GET", "/workorders/" + woId + "/messages", null));
    }

    // ---------------------------------------------------------------- attachments

    public List<JsonNode> attachmentFolders(long woId) {
        return results(json("GET", "/workorders/" + woId + "/attachments", null));
    }

    /** Uploads a file into a folder; answers what Field Nation answers (the work order). */
    public JsonNode upload(long woId, long folderId, String fileName, String contentType, byte[] content,
            String notes) {
        ContentType type;
        try {
            type = contentType == null ? ContentType.APPLICATION_OCTET_STREAM : ContentType.parse(contentType);
        } catch (RuntimeException e) {
            type = ContentType.APPLICATION_OCTET_STREAM;
        }
        var builder = MultipartEntityBuilder.create().addBinaryBody("file", content, type, fileName);
        if (notes != null) {
            builder.addTextBody("notes", notes, ContentType.TEXT_PLAIN.withCharset(StandardCharsets.UTF_8));
        }
        var entity = builder.build();
        return rest("POST", "/workorders/" + woId + "/attachments/" + folderId, null, entity,
                entity.getContentType()).json();
    }

    /** Downloads a file link (absolute URL); Field Nation links are pre-signed, no token is added. */
    public byte[] download(String link) {
        return api.getAbsolute(link, Map.of("Accept", "*/*"), "GET attachment file").body();
    }

    // ---------------------------------------------------------------- webhooks (v3 management API)

    private JsonNode webhooks(String method, String path, JsonNode body) {
        return webhooks(method, path, null, body);
    }

    private JsonNode webhooks(String method, String path, String query, JsonNode body) {
        return withToken(token -> {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("Authorization", "Bearer " + token);
            h.put("Accept", "application/json");
            h.put("User-Agent", USER_AGENT);
            if (body != null) {
                h.put("Content-Type", "application/json");
            }
            return api.call(method, "/api/v1/webhooks" + path, query, h, body == null ? null : Json.write(body),
                    method + " /api/v1/webhooks" + path);
        }).json();
    }

    /** Every webhook of the company, all pages (the list answers 25 per page unless told otherwise). */
    public List<JsonNode> listWebhooks() {
        List<JsonNode> out = new ArrayList<>();
        for (int page = 1; page <= 100; page++) {
            JsonNode r = webhooks("GET", "", "perPage=100&page=" + page, null);
            JsonNode result = r.path("result");
            result.forEach(out::add);
            long total = r.path("metadata").path("total").asLong(-1);
            boolean last = result.size() == 0 || (total >= 0 ? out.size() >= total : result.size() < 100);
            if (last) {
                break;
            }
        }
        return out;
    }

    public JsonNode createWebhook(ObjectNode body) {
        return webhooks("POST", "", body).path("result");
    }

    public JsonNode updateWebhook(String webhookId, ObjectNode body) {
        return webhooks("PUT", "/" + webhookId, body).path("result");
    }

    public void deleteWebhook(String webhookId) {
        webhooks("DELETE", "/" + webhookId, null);
    }

    private static List<JsonNode> results(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        (n.isArray() ? n : n.path("results")).forEach(out::add);
        return out;
    }

    // ---------------------------------------------------------------- for reconciliation

    /** The work orders with these ids, as the list shows them (status, message and file counts), 100 at a time. */
    public List<JsonNode> workOrdersById(List<Long> ids) {
        List<JsonNode> out = new ArrayList<>();
        for (String in : IdBatches.joined(ids, 100)) {
            rest("GET", "/workorders", "list=workorders_all&sticky=false&per_page=100&f_work_order_id=" + enc(in),
                    null, null).json().path("results").forEach(out::add);
        }
        return out;
    }

    // ================================================================ time logs and expenses (issue 16)

    /** The work order's time logs (GET /workorders/{id}/time_logs, TimeLogsDto results). */
    public List<JsonNode> timeLogs(long woId) {
        return results(json("GET", "/workorders/" + woId + "/time_logs", null));
    }

    /** The work order's expenses, whatever their status (GET /workorders/{id}/expenses, PayExpensesDto results). */
    public List<JsonNode> expenses(long woId) {
        return results(json("GET", "/workorders/" + woId + "/expenses", null));
    }
}
