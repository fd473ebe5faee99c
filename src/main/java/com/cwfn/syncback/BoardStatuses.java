package com.cwfn.syncback;

import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The statuses of each ConnectWise board, by name, cached for five minutes. */
public class BoardStatuses {
    private static final long TTL_MS = 300_000;

    private record Cached(List<JsonNode> statuses, long at) {
    }

    private final ConnectWiseClient cw;
    private final Clock clock;
    private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

    public BoardStatuses(ConnectWiseClient cw, Clock clock) {
        this.cw = cw;
        this.clock = clock;
    }

    /** The id of the status named {@code name} (ignoring case) on the board. */
    public Optional<Long> idOf(long boardId, String name) {
        Optional<Long> hit = find(statuses(boardId, false), name);
        return hit.isPresent() ? hit : find(statuses(boardId, true), name);
    }

    private List<JsonNode> statuses(long boardId, boolean fresh) {
        Cached c = cache.get(boardId);
        long now = clock.millis();
        if (fresh || c == null || now - c.at > TTL_MS) {
            c = new Cached(cw.boardStatuses(boardId), now);
            cache.put(boardId, c);
        }
        return c.statuses;
    }

    private static Optional<Long> find(List<JsonNode> statuses, String name) {
        return statuses.stream()
                .filter(s -> name.equalsIgnoreCase(Json.text(s, "name")) && !s.path("inactive").asBoolean(false))
                .map(s -> Json.number(s, "id")).findFirst();
    }
}
