package com.cwfn.mapping;

import com.cwfn.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One stage of a dispatch rule's {@code routing}: who gets the work order now, and how long to wait for an assignment
 * before the next stage.
 *
 * @param kind      what the stage does
 * @param providers {@link Kind#PROVIDERS}: the Field Nation provider ids, else empty
 * @param pool      {@link Kind#POOL}: the talent pool or preferred provider group name, else null
 * @param waitFor   how long to wait for an assignment before the next stage; null: the next follows at once
 * @param line      the stage's line in mappings.yaml (0 for a stage read back from the database)
 */
public record RoutingStage(Kind kind, List<Long> providers, String pool, Duration waitFor, int line) {

    /** What a stage does. */
    public enum Kind {
        /** Mass-route to the listed providers. */
        PROVIDERS,
        /** Mass-route to the providers of a talent pool or preferred provider group. */
        POOL,
        /** Publish to the marketplace. */
        MARKETPLACE,
        /** Nobody took it: one note on the ticket ({@code sync.unassigned-status} too, when set). */
        ALERT;

        /** The name in the route and the database: providers, pool, marketplace, alert. */
        public String yamlName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public RoutingStage {
        providers = List.copyOf(providers);
    }

    /** The name the routes branch on: providers, pool, marketplace, alert. */
    public String kindName() {
        return kind.yamlName();
    }

    /** True for the stages that mass-route (a provider list or a pool). */
    public boolean routesToProviders() {
        return kind == Kind.PROVIDERS || kind == Kind.POOL;
    }

    /** The stage in words: {@code pool "Tampa Preferred", then wait 2 h}. */
    public String describe() {
        String what = switch (kind) {
            case PROVIDERS -> "providers " + providers.stream().map(String::valueOf).collect(Collectors.joining(", "));
            case POOL -> "pool \"" + pool + "\"";
            case MARKETPLACE -> "the marketplace";
            case ALERT -> "an alert";
        };
        return waitFor == null ? what : what + ", then wait " + com.cwfn.settings.Durations.words(waitFor);
    }

    /** The stage as stored with a routing plan. */
    public ObjectNode toJson() {
        ObjectNode o = Json.object().put("kind", kindName());
        if (kind == Kind.PROVIDERS) {
            ArrayNode a = o.putArray("providers");
            providers.forEach(a::add);
        }
        if (pool != null) {
            o.put("pool", pool);
        }
        if (waitFor != null) {
            o.put("waitSeconds", waitFor.toSeconds());
        }
        return o;
    }

    /** A stage as {@link #toJson} stored it. */
    public static RoutingStage fromJson(JsonNode o) {
        List<Long> ids = new ArrayList<>();
        o.path("providers").forEach(p -> ids.add(p.asLong()));
        Kind kind = Kind.valueOf(o.path("kind").asText().toUpperCase(Locale.ROOT));
        Duration wait = o.hasNonNull("waitSeconds") ? Duration.ofSeconds(o.get("waitSeconds").asLong()) : null;
        return new RoutingStage(kind, ids, Json.text(o, "pool"), wait, 0);
    }

    /** A plan as stored: the stages in order. */
    public static ArrayNode toJson(List<RoutingStage> plan) {
        ArrayNode a = Json.array();
        plan.forEach(s -> a.add(s.toJson()));
        return a;
    }

    /** A stored plan. */
    public static List<RoutingStage> planFromJson(JsonNode a) {
        List<RoutingStage> out = new ArrayList<>();
        a.forEach(s -> out.add(fromJson(s)));
        return List.copyOf(out);
    }
}
