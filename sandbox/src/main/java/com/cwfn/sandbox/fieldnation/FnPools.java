package com.cwfn.sandbox.fieldnation;

import static com.cwfn.sandbox.fieldnation.FieldNationSandbox.REST_PREFIX;
import static com.cwfn.sandbox.fieldnation.FnHttp.ok;
import static com.cwfn.sandbox.fieldnation.FnPaging.metadata;
import com.cwfn.sandbox.Json;
import com.cwfn.sandbox.SandboxException;
import com.cwfn.sandbox.SandboxRequest;
import com.cwfn.sandbox.fieldnation.FnModel.User;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Provider pools: preferred provider groups (the older API: {@code GET /preferred-provider-groups},
 * {@code .../{id}}, {@code .../{id}/users}, and {@code GET /providers/select-all?f_preferred_groups=} for their
 * provider ids) and talent pool groups (the newer one: {@code GET /talent-pool-groups} filtered by {@code f_name} or
 * {@code f_ids}, {@code .../{group_uuid}} and {@code .../{group_uuid}/providers}, cursor-paged by {@code limit} and
 * {@code after}), in the published answer shapes. Every entry point takes the store lock, as all Field Nation
 * resources do.
 *
 * <p>Seed: preferred provider group 35 "Tampa Preferred" (providers 1068, 1069, 1070, 1071) and 36 "Orlando Techs"
 * (1072, 1073); talent pool group {@value #FLORIDA_NETWORK} "Florida Network" (project 17705) with tier 4 "Tier 1"
 * (1069, 1074) and tier 5 "Tier 2" (1075).
 */
final class FnPools {
    static final String FLORIDA_NETWORK = "b79c17e2-9f43-4b21-a5a1-586f6e35135d";
    static final int MAX_LIMIT = 100;

    /** A talent pool group's tier: its id, name and providers. */
    record Tier(long id, String name, List<Long> providers) {
    }

    private record TalentGroup(String uuid, String name, long projectId, List<Tier> tiers) {
        List<Long> providers() {
            return tiers.stream().flatMap(t -> t.providers().stream()).distinct().toList();
        }
    }

    private record PreferredGroup(long id, String name, List<Long> providers) {
    }

    private final FnStore store;
    private final Map<Long, PreferredGroup> preferred = new LinkedHashMap<>();
    private final Map<String, TalentGroup> talent = new LinkedHashMap<>();

    FnPools(FnStore store) {
        this.store = store;
    }

    void register(FnRouteTable t) {
        String ppg = REST_PREFIX + "/preferred-provider-groups";
        t.route("GET", ppg, r -> ok(preferredGroups()));
        t.route("GET", ppg + "/{groupId}", r -> ok(preferredGroup(groupId(r))));
        t.route("GET", ppg + "/{groupId}/users", r -> ok(preferredGroupUsers(groupId(r))));
        t.route("GET", REST_PREFIX + "/providers/select-all", r -> ok(selectAll(r.query("f_preferred_groups"))));
        String tpg = REST_PREFIX + "/talent-pool-groups";
        t.route("GET", tpg, r -> ok(talentGroups(r)));
        t.route("GET", tpg + "/{groupUuid}", r -> ok(renderTalent(talentGroup(r.pathVar("groupUuid")))));
        t.route("GET", tpg + "/{groupUuid}/providers", r -> ok(talentGroupProviders(r)));
    }

    /** Idempotent. */
    void seed() {
        synchronized (store) {
            preferred.putIfAbsent(35L, new PreferredGroup(35, "Tampa Preferred", List.of(1068L, 1069L, 1070L, 1071L)));
            preferred.putIfAbsent(36L, new PreferredGroup(36, "Orlando Techs", List.of(1072L, 1073L)));
            talent.putIfAbsent(FLORIDA_NETWORK, new TalentGroup(FLORIDA_NETWORK, "Florida Network", 17705,
                    List.of(new Tier(4, "Tier 1", List.of(1069L, 1074L)), new Tier(5, "Tier 2", List.of(1075L)))));
        }
    }

    void clear() {
        synchronized (store) {
            preferred.clear();
            talent.clear();
        }
    }

    void definePreferred(long id, String name, List<Long> providers) {
        synchronized (store) {
            preferred.put(id, new PreferredGroup(id, name, List.copyOf(providers)));
        }
    }

    void defineTalent(String uuid, String name, List<Tier> tiers) {
        synchronized (store) {
            talent.put(uuid, new TalentGroup(uuid, name, 17705, List.copyOf(tiers)));
        }
    }

    // ---------------------------------------------------------------- preferred provider groups

    private ObjectNode preferredGroups() {
        synchronized (store) {
            ObjectNode o = Json.object();
            o.set("metadata", metadata(preferred.size(), 1, Math.max(25, preferred.size())));
            ArrayNode results = o.putArray("results");
            preferred.values().forEach(g -> results.add(renderPreferred(g)));
            o.putArray("actions");
            return o;
        }
    }

    private static ObjectNode renderPreferred(PreferredGroup g) {
        ObjectNode o = Json.object().put("id", g.id()).put("name", g.name()).put("providers", g.providers().size());
        o.putArray("actions").add("edit").add("delete");
        return o;
    }

    private ObjectNode preferredGroup(long id) {
        synchronized (store) {
            return renderPreferred(preferredOr404(id));
        }
    }

    private ObjectNode preferredGroupUsers(long id) {
        synchronized (store) {
            PreferredGroup g = preferredOr404(id);
            ObjectNode o = Json.object();
            o.set("metadata", metadata(g.providers().size(), 1, Math.max(25, g.providers().size())));
            ArrayNode results = o.putArray("results");
            for (long p : g.providers()) {
                User u = store.user(p);
                results.addObject().put("id", u.id()).put("first_name", u.firstName()).put("last_name", u.lastName())
                        .put("phone", u.phone()).put("w2", false).put("worked_with", true).put("managed", false);
            }
            return o;
        }
    }

    /** The provider ids of the preferred groups named in {@code f_preferred_groups} (a number, the spec's type). */
    private ArrayNode selectAll(String groups) {
        synchronized (store) {
            if (groups == null || groups.isBlank()) {
                throw new SandboxException(400, "Missing Parameter: f_preferred_groups");
            }
            ArrayNode out = Json.array();
            Set<Long> seen = new java.util.LinkedHashSet<>();
            for (String g : groups.split(",")) {
                String id = g.trim();
                if (!id.matches("\\d{1,18}")) {
                    throw new SandboxException(400, "f_preferred_groups must be a preferred provider group id, not '"
                            + g + "'");
                }
                PreferredGroup group = preferred.get(Long.parseLong(id));
                if (group != null) {
                    seen.addAll(group.providers());
                }
            }
            seen.forEach(out::add);
            return out;
        }
    }

    private PreferredGroup preferredOr404(long id) {
        PreferredGroup g = preferred.get(id);
        if (g == null) {
            throw new SandboxException(404, "Preferred provider group not found: " + id);
        }
        return g;
    }

    private static long groupId(SandboxRequest r) {
        String s = r.pathVar("groupId");
        if (s == null || !s.matches("\\d{1,18}")) {
            throw new SandboxException(404, "Preferred provider group not found: " + s);
        }
        return Long.parseLong(s);
    }

    // ---------------------------------------------------------------- talent pool groups

    private ObjectNode talentGroups(SandboxRequest r) {
        synchronized (store) {
            Set<String> names = list(r.query("f_name")).stream().map(n -> n.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toSet());
            Set<String> ids = Set.copyOf(list(r.query("f_ids")));
            List<ObjectNode> matches = new ArrayList<>();
            for (TalentGroup g : talent.values()) {
                if ((names.isEmpty() || names.contains(g.name().toLowerCase(Locale.ROOT)))
                        && (ids.isEmpty() || ids.contains(g.uuid()))) {
                    matches.add(renderTalent(g));
                }
            }
            return page(matches, r);
        }
    }

    private ObjectNode talentGroupProviders(SandboxRequest r) {
        synchronized (store) {
            TalentGroup g = talentGroup(r.pathVar("groupUuid"));
            List<ObjectNode> rows = new ArrayList<>();
            for (Tier t : g.tiers()) {
                for (long p : t.providers()) {
                    ObjectNode row = provider(p);
                    row.set("tier", Json.object().put("id", t.id()).put("name", t.name()).set("providers", Json.array()));
                    rows.add(row);
                }
            }
            return page(rows, r);
        }
    }

    private TalentGroup talentGroup(String uuid) {
        TalentGroup g = uuid == null ? null : talent.get(uuid);
        if (g == null) {
            throw new SandboxException(404, "Talent pool group not found: " + uuid);
        }
        return g;
    }

    private ObjectNode renderTalent(TalentGroup g) {
        synchronized (store) {
            ObjectNode o = Json.object().put("talent_pool_group_id", g.uuid()).put("name", g.name())
                    .put("project_id", g.projectId()).putNull("display_name");
            ArrayNode tiers = o.putArray("tiers");
            for (Tier t : g.tiers()) {
                ArrayNode ps = tiers.addObject().put("id", t.id()).put("name", t.name()).putArray("providers");
                t.providers().forEach(p -> ps.add(provider(p)));
            }
            o.putArray("attributes");
            return o;
        }
    }

    private ObjectNode provider(long id) {
        User u = store.user(id);
        long groups = talent.values().stream().filter(g -> g.providers().contains(id)).count();
        return Json.object().put("provider_id", id).put("name", u.name()).putNull("photo")
                .put("exists_in_multiple_talent_pool_groups", groups > 1);
    }

    /** One page of {@code rows}: {@code limit} (1 to 100, default 20) after the cursor {@code after}. */
    private static ObjectNode page(List<ObjectNode> rows, SandboxRequest r) {
        int limit = 20;
        String l = r.query("limit");
        if (l != null) {
            if (!l.trim().matches("\\d{1,3}") || Integer.parseInt(l.trim()) < 1
                    || Integer.parseInt(l.trim()) > MAX_LIMIT) {
                throw new SandboxException(400, "limit must be a number from 1 to " + MAX_LIMIT);
            }
            limit = Integer.parseInt(l.trim());
        }
        int from = 0;
        String after = r.query("after");
        if (after != null && !after.isBlank()) {
            try {
                from = Integer.parseInt(new String(Base64.getDecoder().decode(after.trim()), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new SandboxException(400, "after is not a cursor this API gave: " + after);
            }
        }
        int to = Math.min(rows.size(), from + limit);
        ObjectNode o = Json.object();
        ArrayNode data = o.putArray("data");
        rows.subList(Math.min(from, to), to).forEach(data::add);
        ObjectNode p = o.putObject("pagination");
        if (to < rows.size()) {
            p.put("next_cursor", Base64.getEncoder().encodeToString(String.valueOf(to).getBytes(StandardCharsets.UTF_8)));
        } else {
            p.putNull("next_cursor");
        }
        if (from > 0) {
            p.put("prev_cursor", Base64.getEncoder().encodeToString(String.valueOf(Math.max(0, from - limit))
                    .getBytes(StandardCharsets.UTF_8)));
        } else {
            p.putNull("prev_cursor");
        }
        p.put("has_next_page", to < rows.size()).put("has_prev_page", from > 0).put("limit", limit);
        return o;
    }

    private static List<String> list(String v) {
        return v == null ? List.of() : Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
