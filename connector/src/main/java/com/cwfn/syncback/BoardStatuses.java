package com.cwfn.syncback;

import com.cwfn.connectwise.ConnectWiseClient;
import com.cwfn.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * The statuses of each ConnectWise board, by name: from the client's reference cache
 * ({@code connectwise.cache-ttl-ms}), read again once when a name is not found (a status added since).
 */
public class BoardStatuses {
    private final ConnectWiseClient cw;

    public BoardStatuses(ConnectWiseClient cw) {
        this.cw = cw;
    }

    /** The id of the status named {@code name} (ignoring case) on the board. */
    public Optional<Long> idOf(long boardId, String name) {
        Optional<Long> hit = find(cw.boardStatuses(boardId), name);
        return hit.isPresent() ? hit : find(cw.freshBoardStatuses(boardId), name);
    }

    private static Optional<Long> find(List<JsonNode> statuses, String name) {
        return statuses.stream()
                .filter(s -> name.equalsIgnoreCase(Json.text(s, "name")) && !s.path("inactive").asBoolean(false))
                .map(s -> Json.number(s, "id")).findFirst();
    }
}
