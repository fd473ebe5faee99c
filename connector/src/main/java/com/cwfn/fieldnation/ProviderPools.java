package com.cwfn.fieldnation;

import com.cwfn.http.ReferenceCache;
import com.cwfn.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Field Nation provider pools by name: a preferred provider group ({@code GET /preferred-provider-groups}, its ids
 * through {@code GET /providers/select-all}) or else a talent pool group ({@code GET /talent-pool-groups?f_name=},
 * its providers page by page), names matched ignoring case. What was read is kept like other reference data (the
 * {@link ReferenceCache}, {@code connectwise.cache-ttl-ms}); every call goes through Field Nation's request budget.
 */
public class ProviderPools {
    /** The preferred provider group kind. */
    public static final String PREFERRED_GROUP = "preferred provider group";
    /** The talent pool group kind. */
    public static final String TALENT_POOL_GROUP = "talent pool group";

    /** A pool: its name as Field Nation has it, which kind it is, its id, its providers. */
    public record Pool(String name, String kind, String id, List<Long> providers) {
        public Pool {
            providers = List.copyOf(providers);
        }
    }

    private final FieldNationClient fn;
    private final ReferenceCache cache;

    public ProviderPools(FieldNationClient fn, ReferenceCache cache) {
        this.fn = fn;
        this.cache = cache;
    }

    /** The pool named {@code name} (ignoring case) with its providers; empty when Field Nation has none so named. */
    public Optional<Pool> byName(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        ObjectNode found = cache.get("pool:" + wanted, () -> read(name.trim()));
        if (!found.path("found").asBoolean()) {
            return Optional.empty();
        }
        List<Long> ids = new ArrayList<>();
        found.path("providers").forEach(p -> ids.add(p.asLong()));
        return Optional.of(new Pool(found.path("name").asText(), found.path("kind").asText(),
                found.path("id").asText(), ids));
    }

    /** Every pool's name and kind (Refresh Fields), read now: {@code [{name, kind, id}]}. */
    public ArrayNode names() {
        ArrayNode out = Json.array();
        for (JsonNode g : fn.preferredProviderGroups()) {
            out.addObject().put("name", Json.text(g, "name")).put("kind", PREFERRED_GROUP).put("id", Json.text(g, "id"));
        }
        for (JsonNode g : fn.talentPoolGroups(null)) {
            out.addObject().put("name", Json.text(g, "name")).put("kind", TALENT_POOL_GROUP)
                    .put("id", Json.text(g, "talent_pool_group_id"));
        }
        return out;
    }

    private ObjectNode read(String name) {
        for (JsonNode g : fn.preferredProviderGroups()) {
            Long id = Json.number(g, "id");
            if (id != null && name.equalsIgnoreCase(Json.text(g, "name"))) {
                return found(Json.text(g, "name"), PREFERRED_GROUP, String.valueOf(id),
                        fn.preferredProviderGroupMembers(id));
            }
        }
        for (JsonNode g : fn.talentPoolGroups(name)) {
            String uuid = Json.text(g, "talent_pool_group_id");
            if (uuid != null && name.equalsIgnoreCase(Json.text(g, "name"))) {
                return found(Json.text(g, "name"), TALENT_POOL_GROUP, uuid, fn.talentPoolGroupMembers(uuid));
            }
        }
        return Json.object().put("found", false);
    }

    private static ObjectNode found(String name, String kind, String id, List<Long> providers) {
        ObjectNode o = Json.object().put("found", true).put("name", name).put("kind", kind).put("id", id);
        ArrayNode a = o.putArray("providers");
        providers.stream().distinct().forEach(a::add);
        return o;
    }
}
