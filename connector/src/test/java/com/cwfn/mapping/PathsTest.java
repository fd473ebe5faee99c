package com.cwfn.mapping;

import static com.cwfn.mapping.TestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.cwfn.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PathsTest {
    static final ObjectNode DOC = json("""
            { "a": { "b c": 1, "list": [ {"k": "x", "v": 1}, {"k": "y.z", "v": 2}, {"k": 3, "v": 3} ] },
              "m": [[10, 11], [20]] }
            """);

    @Test
    void parsesNamesIndexesAndSelectors() {
        SourcePath p = SourcePath.parse(" a.list[k=y.z].v ");
        assertThat(p.text()).isEqualTo("a.list[k=y.z].v");
        assertThat(p.segments()).containsExactly(new SourcePath.Name("a"), new SourcePath.Name("list"),
                new SourcePath.Select("k", "y.z"), new SourcePath.Name("v"));
        assertThat(p.root()).isEqualTo("a");
        assertThat(SourcePath.parse("m[1][0]").segments()).containsExactly(new SourcePath.Name("m"),
                new SourcePath.Index(1), new SourcePath.Index(0));
    }

    @Test
    void resolves() {
        assertThat(SourcePath.parse("a.b c").resolve(DOC).asInt()).isEqualTo(1);
        assertThat(SourcePath.parse("a.list[1].v").resolve(DOC).asInt()).isEqualTo(2);
        assertThat(SourcePath.parse("a.list[k=y.z].v").resolve(DOC).asInt()).isEqualTo(2);
        assertThat(SourcePath.parse("a.list[k=3].v").resolve(DOC).asInt()).isEqualTo(3);
        assertThat(SourcePath.parse("a.list[ k = x ].v").resolve(DOC).asInt()).isEqualTo(1);
        assertThat(SourcePath.parse("m[0][1]").resolve(DOC).asInt()).isEqualTo(11);
    }

    @Test
    void missingStepsGiveNull() {
        assertThat(SourcePath.parse("a.nope.x").resolve(DOC)).isNull();
        assertThat(SourcePath.parse("a.list[9].v").resolve(DOC)).isNull();
        assertThat(SourcePath.parse("a.list[k=none].v").resolve(DOC)).isNull();
        assertThat(SourcePath.parse("a[0]").resolve(DOC)).isNull();
        assertThat(SourcePath.parse("a.b c.d").resolve(DOC)).isNull();
        assertThat(SourcePath.parse("a.list.k").resolve(DOC)).isNull();
    }

    @Test
    void badSyntax() {
        for (String bad : new String[] {"", "  ", "a..b", ".a", "a.", "a[", "a[]", "a[x]", "a]b", "a[0]b", "a[[0]]", "[0]", "a[=x]"}) {
            assertThatThrownBy(() -> SourcePath.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> SourcePath.parse("a..b")).hasMessage("bad path 'a..b': empty name at position 3");
        assertThatThrownBy(() -> SourcePath.parse("a[x]")).hasMessageContaining("neither an index [n] nor a selector [key=value]");
    }

    @Test
    void targetWritesObjectsAndArrays() {
        ObjectNode out = Json.object();
        Set<ArrayNode> created = Collections.newSetFromMap(new IdentityHashMap<>());
        TargetPath.parse("contacts.results[0].name", "custom_fields.").set(out, Json.F.textNode("Jo"), created);
        TargetPath.parse("contacts.results[0].role", "custom_fields.").set(out, Json.F.textNode("R"), created);
        TargetPath.parse("types_of_work[1].id", "custom_fields.").set(out, Json.F.numberNode(62), created);
        TargetPath.parse("schedule.service_window.start.utc", null).set(out, Json.F.textNode("t"), created);
        assertThat(out).isEqualTo(json("""
                { "contacts": { "results": [ { "name": "Jo", "role": "R" } ] },
                  "types_of_work": [ null, { "id": 62 } ],
                  "schedule": { "service_window": { "start": { "utc": "t" } } } }
                """));
        assertThat(created).hasSize(2);
    }

    @Test
    void customFieldTargetsAreCollectedByName() {
        ObjectNode out = Json.object();
        Set<ArrayNode> created = Collections.newSetFromMap(new IdentityHashMap<>());
        TargetPath t = TargetPath.parse("custom_fields.P.O. Number", "custom_fields.");
        assertThat(t.customField()).isEqualTo("P.O. Number");
        t.set(out, Json.F.textNode("42"), created);
        TargetPath.parse("custom_fields.Site Access", "custom_fields.").set(out, Json.F.textNode("key"), created);
        assertThat(out).isEqualTo(json("{\"custom_fields\": {\"P.O. Number\": \"42\", \"Site Access\": \"key\"}}"));
        // without a collector prefix it is an ordinary path
        assertThat(TargetPath.parse("custom_fields.x", null).customField()).isNull();
    }

    @Test
    void badTargets() {
        assertThatThrownBy(() -> TargetPath.parse("a[k=v].b", null)).hasMessageContaining("[key=value] selects, it cannot be written");
        assertThatThrownBy(() -> TargetPath.parse("custom_fields. ", "custom_fields.")).hasMessageContaining("names no custom field");
        assertThatThrownBy(() -> TargetPath.parse("a..b", null)).hasMessageContaining("bad path");
    }

    @Test
    void writingThroughAScalarIsAnError() {
        ObjectNode out = json("{\"title\": \"x\"}");
        assertThatThrownBy(() -> TargetPath.parse("title.html", null).set(out, Json.F.textNode("y"), Set.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'title' is already set to a string");
    }
}
