package com.cwfn.sandbox.fieldnation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cwfn.sandbox.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Provider pools (preferred provider groups and talent pool groups) and mass routing, in the published shapes: a
 * pool's name resolves to its provider ids, mass-route routes to exactly those, and a routed provider can accept.
 */
class FnPoolsAndRoutingTest {
    static FieldNationSandbox fn;
    FnClient c;

    @BeforeAll
    static void start() {
        fn = FieldNationSandbox.withDefaults().start(0);
    }

    @AfterAll
    static void stop() {
        fn.close();
    }

    @BeforeEach
    void reset() {
        fn.reset();
        c = new FnClient(fn).login();
    }

    @Test
    void aPreferredProviderGroupByNameAndItsProviderIds() {
        FnClient.Resp groups = c.get("/preferred-provider-groups");
        assertThat(groups.status()).isEqualTo(200);
        JsonNode tampa = find(groups.json().path("results"), "name", "Tampa Preferred");
        assertThat(tampa.path("id").asLong()).isEqualTo(35);
        assertThat(tampa.path("providers").asInt()).as("a count, as TalentPoolResponseDto says").isEqualTo(4);
        assertThat(groups.json().path("metadata").path("total").asInt()).isEqualTo(2);

        FnClient.Resp ids = c.get("/providers/select-all?list=providers_all&f_preferred_groups=35");
        assertThat(ids.status()).isEqualTo(200);
        assertThat(longs(ids.json())).containsExactly(1068L, 1069L, 1070L, 1071L);
        assertThat(c.get("/providers/select-all").status()).as("f_preferred_groups is required").isEqualTo(400);

        JsonNode users = c.get("/preferred-provider-groups/35/users").json();
        assertThat(users.path("results").get(3).path("first_name").asText()).isEqualTo("Kim");
        assertThat(c.get("/preferred-provider-groups/35").json().path("name").asText()).isEqualTo("Tampa Preferred");
        assertThat(c.get("/preferred-provider-groups/99").status()).isEqualTo(404);
    }

    @Test
    void aTalentPoolGroupByNameAndItsProvidersPageByPage() {
        FnClient.Resp found = c.get("/talent-pool-groups?f_name=florida%20network&limit=100");
        assertThat(found.status()).isEqualTo(200);
        JsonNode group = found.json().path("data").get(0);
        assertThat(group.path("talent_pool_group_id").asText()).isEqualTo(FnPools.FLORIDA_NETWORK);
        assertThat(group.path("tiers")).hasSize(2);
        assertThat(found.json().path("pagination").path("has_next_page").asBoolean()).isFalse();
        assertThat(c.get("/talent-pool-groups?f_name=Nowhere").json().path("data")).isEmpty();

        List<Long> ids = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode page = c.get("/talent-pool-groups/" + FnPools.FLORIDA_NETWORK + "/providers?limit=2"
                    + (after == null ? "" : "&after=" + after)).json();
            page.path("data").forEach(p -> ids.add(p.path("provider_id").asLong()));
            after = page.path("pagination").path("next_cursor").isNull() ? null
                    : page.path("pagination").path("next_cursor").asText();
            pages++;
        } while (after != null);
        assertThat(ids).containsExactly(1069L, 1074L, 1075L);
        assertThat(pages).isEqualTo(2);
        assertThat(c.get("/talent-pool-groups/" + FnPools.FLORIDA_NETWORK + "/providers?limit=101").status())
                .isEqualTo(400);
        assertThat(c.get("/talent-pool-groups/no-such-group").status()).isEqualTo(404);
    }

    @Test
    void massRouteRoutesToExactlyThoseProvidersAndOneOfThemAccepts() {
        long wo = c.post("/workorders", FnClient.completeWorkOrder("Routed")).json().path("id").asLong();
        FnClient.Resp routed = c.post("/workorders/" + wo + "/mass-route",
                Json.object().set("ids", Json.array().add(1068).add(1069).add(1070).add(1071)));
        assertThat(routed.status()).as(routed.body()).isEqualTo(200);
        assertThat(routed.json().path("job_id").isNumber()).isTrue();
        JsonNode now = c.get("/workorders/" + wo).json();
        assertThat(now.path("status").path("name").asText()).isEqualTo("Routed");
        assertThat(fn.routedProviders(wo)).containsExactly(1068L, 1069L, 1070L, 1071L);
        assertThat(fn.events().stream().filter(e -> e.workOrderId() == wo && e.name().equals(FnEvents.ROUTED)))
                .hasSize(4);
        assertThat(fn.events().stream().filter(e -> e.workOrderId() == wo
                && e.name().equals(FnEvents.STATUS_ROUTED))).hasSize(1);

        assertThat(c.post("/workorders/" + wo + "/mass-route", Json.object().putArray("ids")).status())
                .isEqualTo(400);
        assertThatThrownBy(() -> fn.providerAccepts(wo, 1075)).hasMessageContaining("not routed to provider 1075");
        fn.providerAccepts(wo, 1070);
        JsonNode assigned = c.get("/workorders/" + wo).json();
        assertThat(assigned.path("status").path("name").asText()).isEqualTo("Assigned");
        assertThat(assigned.path("assignee").path("user").path("id").asLong()).isEqualTo(1070);
        assertThat(fn.events().get(fn.events().size() - 1).actorId()).as("the provider accepted").isEqualTo(1070);
        assertThat(c.post("/workorders/" + wo + "/publish", null).status()).as("assigned: not publishable")
                .isEqualTo(400);
    }

    @Test
    void aRoutedWorkOrderCanStillBePublishedAndADraftNeedsWhatPublishingNeeds() {
        long wo = c.post("/workorders", FnClient.completeWorkOrder("Routed, then published")).json().path("id")
                .asLong();
        c.post("/workorders/" + wo + "/mass-route", Json.object().set("ids", Json.array().add(1072)));
        assertThat(c.post("/workorders/" + wo + "/publish", null).status()).isEqualTo(200);
        assertThat(c.get("/workorders/" + wo).json().path("status").path("name").asText()).isEqualTo("Published");
        long bare = c.post("/workorders", Json.object().put("title", "Bare")).json().path("id").asLong();
        assertThat(c.post("/workorders/" + bare + "/mass-route", Json.object().set("ids", Json.array().add(1072)))
                .body()).contains("Missing required fields");
    }

    private static JsonNode find(JsonNode list, String key, String value) {
        for (JsonNode n : list) {
            if (value.equals(n.path(key).asText())) {
                return n;
            }
        }
        throw new AssertionError(value + " not in " + list);
    }

    private static List<Long> longs(JsonNode a) {
        List<Long> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asLong()));
        return out;
    }
}
