package com.cwfn.sandbox.connectwise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.cwfn.sandbox.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The conditions language on its own. */
class ConditionsTest {
    static ObjectNode rec(String json) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static final ObjectNode T = rec("""
            {"id":69,"summary":"Printer offline","closedFlag":false,"budgetHours":1.5,"requiredDate":null,
             "board":{"id":1,"name":"Service A"},"status":{"id":2,"name":"In Progress"},
             "company":{"id":2,"identifier":"ACME"},"items":[{"value":"a@x.com"},{"value":"b@y.com"}],
             "_info":{"lastUpdated":"2024-05-02T15:00:10Z"}}""");

    static boolean test(String c) {
        return Conditions.parse(c).test(T);
    }

    @Test
    void comparisonsAndTypes() {
        assertThat(test("id = 69")).isTrue();
        assertThat(test("id != 69")).isFalse();
        assertThat(test("id <> 70")).isTrue();
        assertThat(test("id > 60 and id <= 69 and id >= 69 and id < 70")).isTrue();
        assertThat(test("budgetHours > 1.25")).isTrue();
        assertThat(test("summary = \"printer OFFLINE\"")).isTrue();
        assertThat(test("summary = 'Printer offline'")).isTrue();
        assertThat(test("summary like \"*off*\"")).isTrue();
        assertThat(test("summary like \"off*\"")).isFalse();
        assertThat(test("summary contains \"ter off\"")).isTrue();
        assertThat(test("summary not contains \"ter off\"")).isFalse();
        assertThat(test("summary not like \"P*\"")).isFalse();
        assertThat(test("closedFlag = FALSE")).isTrue();
        assertThat(test("requiredDate = null")).isTrue();
        assertThat(test("requiredDate != null")).isFalse();
        assertThat(test("requiredDate > [2020-01-01T00:00:00Z]")).isFalse(); // null never compares
        assertThat(test("lastUpdated > [2024-05-02T15:00:09Z]")).isTrue();
        assertThat(test("_info/lastUpdated < [2024-05-02T15:00:10Z]")).isFalse();
        assertThat(test("lastupdated >= [2024-05-02T11:00:10-04:00]")).isTrue();
        assertThat(test("board/name = \"service a\" AND status/id in (1, 2, 3)")).isTrue();
        assertThat(test("company/identifier in (\"X\", 'acme')")).isTrue();
        assertThat(test("status/id not in (2)")).isFalse();
        assertThat(test("items/value = \"b@y.com\"")).isTrue();
        assertThat(test("summary = \"it\"\"s\"")).isFalse();
    }

    @Test
    void precedenceAndParentheses() {
        assertThat(test("id = 1 or id = 69 and closedFlag = true")).isFalse(); // AND binds tighter
        assertThat(test("(id = 1 or id = 69) and closedFlag = false")).isTrue();
        assertThat(test("not (id = 1) AND NOT id = 2")).isTrue();
        assertThat(test("((id = 69))")).isTrue();
        assertThat(test("id = 1 OR (board/id = 1 AND (status/name = \"New\" OR status/name = \"In Progress\"))"))
                .isTrue();
    }

    @Test
    void errorsLookLikeConnectWise() {
        assertThatThrownBy(() -> Conditions.parse("summary = ")).hasMessageContaining(
                "String values should be enclosed with double or single quotes");
        assertThatThrownBy(() -> Conditions.parse("summary = \"open")).hasMessageContaining("Unterminated string");
        assertThatThrownBy(() -> Conditions.parse("id = 1 and")).isInstanceOf(Conditions.ConditionException.class);
        assertThatThrownBy(() -> Conditions.parse("id == 1")).isInstanceOf(Conditions.ConditionException.class);
        assertThatThrownBy(() -> Conditions.parse("id in 1, 2")).hasMessageContaining("'(' after 'in'");
        assertThatThrownBy(() -> Conditions.parse("lastUpdated > [yesterday]")).hasMessageContaining("datetime");
        assertThatThrownBy(() -> Conditions.parse("id = 1) ")).hasMessageContaining("Unexpected ')'");
        assertThatThrownBy(() -> test("closedFlag = 1")).hasMessageStartingWith(
                "Expected a boolean value, not a numeric.");
        assertThatThrownBy(() -> test("summary = 5")).hasMessageStartingWith("Expected a string value");
        assertThatThrownBy(() -> test("summary like 5")).hasMessageContaining("Expected a string value after 'like'");
        assertThatThrownBy(() -> Conditions.filter(List.of(T), "nosuchfield = 1"))
                .hasMessageContaining("Unknown field 'nosuchfield'");
        assertThat(Conditions.filter(List.<JsonNode>of(), "nosuchfield = 1")).isEmpty();
    }
}
