package com.cwfn.admin;

import com.cwfn.settings.Catalog;
import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.failure.PermanentFailure;
import com.cwfn.http.RemoteCallException;
import com.cwfn.json.Json;
import com.cwfn.settings.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Registers the ConnectWise callbacks that post to this connector: the ticket callback, one board-level entry per
 * synced board ({@code sync.boards}) or one owner-level entry when all boards sync; and the schedule callback, one
 * owner-level entry (a schedule entry has no board: intake keeps only a service entry of a linked ticket, at no call).
 * Each with {@code isSelfSuppressedFlag}, so the connector's own changes do not call back; URL =
 * {@code connector.public-url} + {@code /callbacks/connectwise/{token}?recordId=}. Idempotent: matching entries are
 * kept, {@code ObjectExists} is not an error. Answers never show the token.
 */
public class CallbackRegistration {
    static final String DESCRIPTION = "cw-fn-connector";
    private final ConnectWiseClient cw;
    private final Settings settings;

    public CallbackRegistration(ConnectWiseClient cw, Settings settings) {
        this.cw = cw;
        this.settings = settings;
    }

    String url() {
        String base = settings.text(Catalog.PUBLIC_URL).replaceAll("/+$", "");
        if (base.isEmpty()) {
            throw new PermanentFailure("connector.public-url is not set: ConnectWise needs the URL it reaches this "
                    + "connector at (e.g. https://connector.example.com)");
        }
        return base + "/callbacks/connectwise/" + settings.text(Catalog.CONNECTWISE_CALLBACK_TOKEN) + "?recordId=";
    }

    private String prefix() {
        return settings.text(Catalog.PUBLIC_URL).replaceAll("/+$", "") + "/callbacks/connectwise/";
    }

    /** An entry this connector wants: its type (ticket, schedule), level, object id and board (or null). */
    record Wanted(String type, String level, long objectId, String board) {
        boolean matches(JsonNode e, String url) {
            return url.equals(Json.text(e, "url")) && type.equalsIgnoreCase(Json.text(e, "type"))
                    && level.equalsIgnoreCase(Json.text(e, "level")) && Objects.equals(objectId, Json.number(e,
                    "objectId"));
        }
    }

    /** The entries this connector wants: the ticket callback (owner, or per synced board), the schedule callback. */
    List<Wanted> wanted() {
        List<String> boards = settings.syncBoards();
        List<Wanted> out = new ArrayList<>();
        if (boards.isEmpty()) {
            out.add(new Wanted("ticket", "owner", 1L, null));
        } else {
            List<JsonNode> all = cw.boards();
            for (String b : boards) {
                JsonNode board = all.stream().filter(x -> b.equalsIgnoreCase(Json.text(x, "name"))).findFirst()
                        .orElseThrow(() -> new PermanentFailure("sync.boards names '" + b
                                + "', which is not a ConnectWise service board"));
                out.add(new Wanted("ticket", "board", Json.number(board, "id"), Json.text(board, "name")));
            }
        }
        out.add(new Wanted("schedule", "owner", 1L, null));
        return out;
    }

    /**
     * Makes ConnectWise hold exactly the wanted entries pointing at this connector: a matching active entry is kept,
     * a matching inactive one (ConnectWise disables a callback after days of failed deliveries) is replaced, a
     * missing one is created, and entries at this connector's callback URL that are not wanted (an old token, a
     * board no longer synced, a duplicate) are removed. Entries at other URLs are never touched.
     */
    public ArrayNode register() {
        String url = url();
        List<JsonNode> existing = new ArrayList<>(ours());
        ArrayNode result = Json.array();
        for (Wanted w : wanted()) {
            JsonNode match = existing.stream().filter(e -> w.matches(e, url))
                    .min((a, b) -> Boolean.compare(a.path("inactiveFlag").asBoolean(false),
                            b.path("inactiveFlag").asBoolean(false)))
                    .orElse(null);
            ObjectNode r = result.addObject().put("type", w.type()).put("level", w.level()).put("objectId",
                    w.objectId());
            if (w.board() != null) {
                r.put("board", w.board());
            }
            String status = "created";
            if (match != null) {
                existing.remove(match);
                if (!match.path("inactiveFlag").asBoolean(false)) {
                    r.put("id", Json.number(match, "id")).put("status", "kept");
                    continue;
                }
                cw.deleteCallback(Json.number(match, "id"));
                status = "replaced (ConnectWise had deactivated entry " + Json.number(match, "id") + ")";
            }
            ObjectNode body = Json.object().put("url", url).put("objectId", w.objectId()).put("type", w.type())
                    .put("level", w.level()).put("description", DESCRIPTION).put("inactiveFlag", false)
                    .put("isSelfSuppressedFlag", true).put("payloadVersion", "3.0.0");
            try {
                JsonNode created = cw.createCallback(body);
                r.put("id", Json.number(created, "id")).put("status", status);
            } catch (RemoteCallException e) {
                if (e.status() == 400 && e.responseBody() != null && e.responseBody().contains("ObjectExists")) {
                    r.put("status", "kept");
                } else {
                    throw e;
                }
            }
        }
        for (JsonNode stale : existing) {
            long id = Json.number(stale, "id");
            cw.deleteCallback(id);
            result.addObject().put("type", Json.text(stale, "type")).put("level", Json.text(stale, "level"))
                    .put("objectId", Json.number(stale, "objectId"))
                    .put("id", id).put("status", "removed (not wanted: old token, board no longer synced, or a "
                            + "duplicate)");
        }
        return result;
    }

    /** This connector's callback entries, token masked. */
    public ArrayNode list() {
        ArrayNode out = Json.array();
        for (JsonNode e : ours()) {
            out.addObject().put("id", Json.number(e, "id")).put("type", Json.text(e, "type"))
                    .put("level", Json.text(e, "level")).put("objectId", Json.number(e, "objectId"))
                    .put("url", mask(Json.text(e, "url"))).put("inactive", e.path("inactiveFlag").asBoolean(false))
                    .put("selfSuppressed", e.path("isSelfSuppressedFlag").asBoolean(false));
        }
        return out;
    }

    public ArrayNode remove() {
        ArrayNode out = Json.array();
        for (JsonNode e : ours()) {
            long id = Json.number(e, "id");
            cw.deleteCallback(id);
            out.addObject().put("id", id).put("status", "deleted");
        }
        return out;
    }

    /**
     * The entries that call this connector: those at its callback URL. Not those that merely carry our description:
     * another connector (say, a staging one) registered in the same ConnectWise company uses it too.
     */
    private List<JsonNode> ours() {
        String prefix = prefix();
        return cw.callbacks().stream().filter(e -> {
            String u = Json.text(e, "url");
            return u != null && u.startsWith(prefix);
        }).toList();
    }

    /**
     * The state of this connector's callback: {@code active} when every wanted entry is there and active,
     * {@code inactive} when one is there but ConnectWise deactivated it, {@code missing} when one is not there.
     */
    public RegistrationWatch.State state() {
        String url = url();
        List<JsonNode> existing = ours();
        RegistrationWatch.State state = RegistrationWatch.State.ACTIVE;
        for (Wanted w : wanted()) {
            List<JsonNode> matches = existing.stream().filter(e -> w.matches(e, url)).toList();
            if (matches.isEmpty()) {
                return RegistrationWatch.State.MISSING;
            }
            if (matches.stream().allMatch(e -> e.path("inactiveFlag").asBoolean(false))) {
                state = RegistrationWatch.State.INACTIVE;
            }
        }
        return state;
    }

    String mask(String url) {
        String token = settings.text(Catalog.CONNECTWISE_CALLBACK_TOKEN);
        return url == null || token.isEmpty() ? url : url.replace(token, "***");
    }
}
