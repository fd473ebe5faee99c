package com.cwfn.mapping;

import static com.cwfn.mapping.MappingLoaderErrorsTest.one;
import static com.cwfn.mapping.MappingLoaderErrorsTest.problems;
import static com.cwfn.mapping.TestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** mappings.yaml {@code rules}: read and checked with their lines, chosen first-match, and what they cost to read. */
class DispatchRulesMappingTest {
    static final String RULES = """
            ticketIdCustomField: X
            defaults:
              fields:
                - { target: title, source: ticket.summary }
                - { target: pay.base.amount, action: static, value: 150 }
              rules:
                - name: "Globex has its own technicians"
                  if: 'ticket.company.identifier in ["GLOBEX"]'
                  dispatch: false
                - name: "Big jobs wait for a lead"
                  if: '$number(customFields.Budget) > 1000'
                  publish: on-approval
                  statusActions: { "Approved for FN": publish, Cancelled: cancel }
            boards:
              "Field Services":
                rules:
                  - name: "Tampa preferred first"
                    if: '$substring(address.zip, 0, 3) = "336"'
                    fields:
                      - { target: pay.base.amount, action: static, value: 175 }
                      - { target: pay.type, action: static, value: fixed }
                    routing:
                      - { pool: "Tampa Preferred", wait: 2h }
                      - { providers: [1068, 1069], wait: 90m }
                      - { marketplace: true, wait: 4h }
                      - { alert: true }
            """;

    static MappingConfig rules() {
        return MappingLoader.load(RULES, "m.yaml");
    }

    @Test
    void aBoardsRulesComeBeforeTheDefaultsAndTheFirstWhoseIfHoldsApplies() {
        MappingConfig cfg = rules();
        assertThat(cfg.rules("Field Services")).extracting(DispatchRule::name).containsExactly(
                "Tampa preferred first", "Globex has its own technicians", "Big jobs wait for a lead");
        assertThat(cfg.rules("Help Desk")).extracting(DispatchRule::name).containsExactly(
                "Globex has its own technicians", "Big jobs wait for a lead");

        RuleChoice tampa = cfg.chooseRule("Field Services", json("""
                {"ticket": {"company": {"identifier": "GLOBEX"}}, "address": {"zip": "33602"}}"""));
        assertThat(tampa.rule().name()).isEqualTo("Tampa preferred first");
        assertThat(tampa.why()).isEqualTo("rule \"Tampa preferred first\" (m.yaml line 17): its if holds "
                + "($substring(address.zip, 0, 3) = \"336\")");

        RuleChoice globex = cfg.chooseRule("Field Services", json("""
                {"ticket": {"company": {"identifier": "GLOBEX"}}, "address": {"zip": "55401"}}"""));
        assertThat(globex.rule().dispatch()).isFalse();
        assertThat(globex.checked()).containsExactly("rule \"Tampa preferred first\" (m.yaml line 17)");

        RuleChoice big = cfg.chooseRule("Help Desk", json("""
                {"ticket": {"company": {"identifier": "ACME"}}, "customFields": {"Budget": "1500"}}"""));
        assertThat(big.rule().onApproval()).isTrue();
        assertThat(big.rule().statusActions().entries()).extracting(e -> e.status() + ": " + e.action().yamlName())
                .containsExactly("Approved for FN: publish", "Cancelled: cancel");

        RuleChoice none = cfg.chooseRule("Help Desk", json("{\"ticket\": {}, \"customFields\": {}}"));
        assertThat(none.applies()).isFalse();
        assertThat(none.why()).isEqualTo("no rule's if holds (2 checked)");
        assertThat(MappingLoader.load("ticketIdCustomField: X\n", "m.yaml").chooseRule("B", json("{}")).why())
                .isEqualTo("no rules apply to board 'B'");
    }

    @Test
    void aRulesStatusActionsAreOneMoreLayerOverTheBoardsAndAreCheckedLikeThem() {
        MappingConfig cfg = MappingLoader.load("""
                ticketIdCustomField: X
                defaults:
                  statusActions: { Cancelled: cancel, Closed: approve }
                  rules:
                    - name: "Lead approves"
                      if: 'ticket.company.identifier = "ACME"'
                      publish: on-approval
                      statusActions: { "approved for fn": PUBLISH, closed: incomplete }
                boards:
                  "Help Desk":
                    statusActions: { Cancelled: approve }
                    rules:
                      - name: "Help Desk approves"
                        statusActions: { "Ready": publish }
                """, "m.yaml");
        DispatchRule lead = cfg.rules("Field Services").get(0);
        assertThat(cfg.statusActionFor("Field Services", lead, "Approved for FN")).contains(StatusAction.PUBLISH);
        assertThat(cfg.statusActionFor("Field Services", lead, "Closed")).as("the rule's entry wins")
                .contains(StatusAction.INCOMPLETE);
        assertThat(cfg.statusActionFor("Field Services", lead, "Cancelled")).as("the board's (defaults') still hold")
                .contains(StatusAction.CANCEL);
        assertThat(cfg.statusActionFor("Field Services", null, "Approved for FN")).as("no rule: the board's alone")
                .isEmpty();
        DispatchRule helpDesk = cfg.rules("Help Desk").get(0);
        assertThat(cfg.statusActionFor("Help Desk", helpDesk, "cancelled")).contains(StatusAction.APPROVE);
        assertThat(cfg.statusActionFor("Help Desk", helpDesk, "ready")).contains(StatusAction.PUBLISH);
        assertThat(cfg.references()).filteredOn(r -> r.kind() == Reference.Kind.STATUS_ACTION).as("Refresh Fields "
                + "checks a rule's statuses like the board's").contains(
                new Reference(Reference.Kind.STATUS_ACTION, "approved for fn", null, 8),
                new Reference(Reference.Kind.STATUS_ACTION, "Ready", "Help Desk", 14));
    }

    @Test
    void theStagesAreReadWithTheirWaits() {
        DispatchRule tampa = rules().rules("Field Services").get(0);
        assertThat(tampa.routing()).extracting(RoutingStage::kind).containsExactly(RoutingStage.Kind.POOL,
                RoutingStage.Kind.PROVIDERS, RoutingStage.Kind.MARKETPLACE, RoutingStage.Kind.ALERT);
        assertThat(tampa.routing()).extracting(RoutingStage::waitFor).containsExactly(Duration.ofHours(2),
                Duration.ofMinutes(90), Duration.ofHours(4), null);
        assertThat(tampa.routing().get(0).pool()).isEqualTo("Tampa Preferred");
        assertThat(tampa.routing().get(1).providers()).containsExactly(1068L, 1069L);
        assertThat(tampa.routing().get(1).describe()).isEqualTo("providers 1068, 1069, then wait 1 h 30 min");
        assertThat(RoutingStage.planFromJson(RoutingStage.toJson(tampa.routing()))).extracting(RoutingStage::describe)
                .containsExactlyElementsOf(tampa.routing().stream().map(RoutingStage::describe).toList());
        assertThat(rules().references()).anyMatch(r -> r.kind() == Reference.Kind.POOL_NAME
                && r.value().equals("Tampa Preferred") && r.board().equals("Field Services") && r.line() == 23);
    }

    @Test
    void aRulesFieldsReplaceTheBoardsByTargetAndAddTheOthers() {
        MappingConfig cfg = rules();
        DispatchRule tampa = cfg.rules("Field Services").get(0);
        assertThat(cfg.fieldsFor("Field Services", tampa)).extracting(f -> f.target().text() + "@" + f.line())
                .containsExactly("title@4", "pay.base.amount@20", "pay.type@21");
        ObjectNodeAssert.assertBody(new WorkOrderMapper().map(cfg, "Field Services", tampa,
                json("{\"ticket\": {\"summary\": \"POS\"}}")), "{\"title\":\"POS\",\"pay\":{\"base\":{\"amount\":175},"
                + "\"type\":\"fixed\"}}");
        ObjectNodeAssert.assertBody(new WorkOrderMapper().map(cfg, "Field Services", null,
                json("{\"ticket\": {\"summary\": \"POS\"}}")), "{\"title\":\"POS\",\"pay\":{\"base\":{\"amount\":150}}}");
    }

    @Test
    void whatARulesIfReadsCountsTowardWhatADispatchReads() {
        assertThat(rules().sourceRoots("Field Services")).containsExactlyInAnyOrder("ticket", "address",
                "customFields");
        MappingConfig company = MappingLoader.load("""
                ticketIdCustomField: X
                defaults:
                  fields: [{ target: title, source: ticket.summary }]
                  rules:
                    - { if: 'company.identifier = "GLOBEX" and $$.site.name != "x"', dispatch: false }
                """, "m.yaml");
        assertThat(company.sourceRoots(null)).containsExactlyInAnyOrder("ticket", "company", "site");
    }

    @Test
    void theNamesAnIfMayReadAreFoundInItsText() {
        List<String> known = TicketDocument.ROOTS;
        assertThat(JsonataRoots.of("ticket.company.identifier in [\"GLOBEX\"]", known)).containsExactly("ticket");
        assertThat(JsonataRoots.of("company.identifier = 'contact' and /site/i ~> $contains(ticket.summary)", known))
                .containsExactlyInAnyOrder("company", "ticket");
        assertThat(JsonataRoots.of("`customFields`.Budget > 5 and $x.company", known)).containsExactly("customFields");
        assertThat(JsonataRoots.of("/* company */ ticket.summary * 2", known)).containsExactly("ticket");
        assertThat(JsonataRoots.of("$lookup($$, 'company').name = 'A'", known)).as("read by name: anything")
                .hasSameElementsAs(known);
        assertThat(JsonataRoots.of("**.identifier = 'A'", known)).hasSameElementsAs(known);
        assertThat(JsonataRoots.of("$$.contact.firstName", known)).containsExactly("contact");
    }

    @Test
    void aRuleWithoutIfAppliesToEveryTicketAndAFailingIfNamesItsLine() {
        MappingConfig cfg = MappingLoader.load("""
                ticketIdCustomField: X
                defaults:
                  rules:
                    - name: broken
                      if: '$number(ticket.summary) > 1'
                    - name: always
                      publish: on-approval
                """, "m.yaml");
        assertThat(cfg.chooseRule(null, json("{\"ticket\": {\"summary\": \"12\"}}")).rule().name()).isEqualTo("broken");
        assertThat(cfg.chooseRule(null, json("{\"ticket\": {\"summary\": \"0\"}}")).rule().name()).isEqualTo("always");
        assertThatThrownBy(() -> cfg.chooseRule(null, json("{\"ticket\": {\"summary\": \"twelve\"}}")))
                .isInstanceOf(MappingException.class).hasMessageStartingWith("m.yaml line 4: rule \"broken\": its if failed");
    }

    @Test
    void theWorkedExamplesOfDocsMappingMdLoad() throws Exception {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("docs", "mapping.md"));
        String section = doc.substring(doc.indexOf("## Dispatch rules"), doc.indexOf("## Status map"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?s)```yaml\n(.*?)```").matcher(section);
        int examples = 0;
        while (m.find()) {
            MappingConfig cfg = MappingLoader.load("ticketIdCustomField: X\n" + m.group(1), "example.yaml");
            assertThat(cfg.rules("Field Services")).as(m.group(1)).isNotEmpty();
            examples++;
        }
        assertThat(examples).as("exclude a client, preferred providers first, approval over a threshold").isEqualTo(3);
    }

    // ------------------------------------------------------------------------------------------------ refused

    static String rule(String... lines) {
        return "ticketIdCustomField: X\ndefaults:\n  rules:\n" + String.join("\n", lines) + "\n";
    }

    @Test
    void anIfThatIsNotJsonataIsRefusedWithItsLine() {
        assertThat(one(rule("    - name: a", "      if: 'company.identifier = '", "      dispatch: false")))
                .startsWith("m.yaml line 5: rule \"a\" in defaults: if is not a valid JSONata expression: ");
    }

    @Test
    void anUnknownKeyIsRefusedWithItsLine() {
        assertThat(one(rule("    - name: a", "      if: 'true'", "      dispach: false"))).isEqualTo(
                "m.yaml line 6: unknown key 'dispach' in a rule in defaults (allowed: name, if, dispatch, fields, routing,"
                        + " publish, statusActions)");
        assertThat(one(rule("    - routing:", "        - { pool: P, wiat: 2h }", "        - { marketplace: true }")))
                .isEqualTo("m.yaml line 5: unknown key 'wiat' in a routing stage of the rule at line 4 in defaults "
                        + "(allowed: providers, pool, marketplace, alert, wait)");
    }

    @Test
    void aWaitThatIsNotADurationIsRefusedWithItsLine() {
        assertThat(one(rule("    - routing:", "        - { pool: P, wait: 2 hours }", "        - { marketplace: true }")))
                .isEqualTo("m.yaml line 5: the rule at line 4 in defaults: wait '2 hours' is not a duration such as "
                        + "20s, 90m, 4h, 1h30m or 2d");
    }

    @Test
    void aStageWithoutATargetIsRefusedWithItsLine() {
        assertThat(one(rule("    - name: r", "      routing:", "        - { pool: P, wait: 1h }", "        - { wait: 1h }",
                "        - { alert: true }"))).isEqualTo("m.yaml line 7: rule \"r\" in defaults: a routing stage without "
                + "a target: give providers: [ids], pool: <name>, marketplace: true or alert: true");
    }

    @Test
    void otherBadRulesAreRefusedWithTheirLines() {
        List<String> p = problems(rule(
                "    - name: x",
                "      dispatch: false",
                "      publish: now",
                "    - name: y",
                "      publish: later",
                "      statusActions: { Closed: approve, Done: pay }",
                "      routing:",
                "        - { alert: true }",
                "        - { providers: [], wait: 1h }",
                "        - { marketplace: yes, pool: P }",
                "        - { marketplace: true, wait: 2h }",
                "    - name: x",
                "      routing: []"));
        assertThat(p).containsExactly(
                "m.yaml line 6: rule \"x\" in defaults: dispatch: false sends nothing to Field Nation, so 'publish' has "
                        + "nothing to change; remove one of them",
                "m.yaml line 8: rule \"y\" in defaults: publish must be now or on-approval, not 'later'",
                "m.yaml line 9: statusActions of rule \"y\" in defaults: unknown action 'pay' for status 'Done' "
                        + "(allowed: cancel, approve, incomplete, publish)",
                "m.yaml line 11: rule \"y\" in defaults: alert: true ends the routing, so it must be the last stage",
                "m.yaml line 12: rule \"y\" in defaults: providers must be a non-empty list of Field Nation provider "
                        + "ids, not a list",
                "m.yaml line 13: rule \"y\" in defaults: a routing stage has one target, not pool and marketplace; "
                        + "make them stages of their own",
                "m.yaml line 14: rule \"y\" in defaults: the wait of the last stage waits for nothing; add the stage "
                        + "that follows it (say alert: true) or remove the wait",
                "m.yaml line 16: rule \"x\" in defaults: routing must be a list of stages (each providers, pool, "
                        + "marketplace: true or alert: true, with a wait before the next); leave it out to publish at once");
    }

    @Test
    void rulesUnderABoardAndTheirFieldsAreCheckedLikeTheBoards() {
        assertThat(one("ticketIdCustomField: X\nboards:\n  HD:\n    rules:\n      - fields:\n"
                + "          - { target: title, action: static }\n")).isEqualTo(
                "m.yaml line 6: field 'title': action static needs 'value'");
        assertThat(one("ticketIdCustomField: X\nboards:\n  HD:\n    rules: { if: x }\n")).isEqualTo(
                "m.yaml line 4: rules in board 'HD' must be a list of rules (each with if and what it changes)");
    }
}
