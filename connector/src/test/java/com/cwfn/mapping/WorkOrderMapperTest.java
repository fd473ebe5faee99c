package com.cwfn.mapping;

import static com.cwfn.mapping.TestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class WorkOrderMapperTest {
    final WorkOrderMapper mapper = new WorkOrderMapper();

    static MappingConfig fields(String... entries) {
        return MappingLoader.load("ticketIdCustomField: X\ndefaults:\n  fields:\n    - " + String.join("\n    - ", entries) + "\n", "w.yaml");
    }

    @Test
    void laterEntriesWriteIntoObjectsOfEarlierOnes() {
        MappingConfig cfg = fields("{ target: pay, action: static, value: {type: fixed, base: {amount: 150, units: 1}} }",
                "{ target: pay.base.amount, source: amount }");
        assertThat(mapper.map(cfg, null, json("{\"amount\": 99}")).get("pay"))
                .isEqualTo(json("{\"type\": \"fixed\", \"base\": {\"amount\": 99, \"units\": 1}}"));
    }

    @Test
    void arraySlotsNothingWroteAreDropped() {
        MappingConfig cfg = fields("{ target: \"contacts.results[0].name\", source: a }",
                "{ target: \"contacts.results[1].name\", source: b }",
                "{ target: \"tags[2]\", source: b }");
        assertThat(mapper.map(cfg, null, json("{\"b\": \"B\"}"))).isEqualTo(json("""
                {"contacts": {"results": [ {"name": "B"} ]}, "tags": ["B"]}"""));
        assertThat(mapper.map(cfg, null, json("{}"))).isEmpty();
    }

    @Test
    void writingThroughAValueIsAPermanentErrorNamingTargetAndLine() {
        MappingConfig cfg = fields("{ target: description, source: a }", "{ target: description.html, action: html, source: a }");
        assertThatThrownBy(() -> mapper.map(cfg, null, json("{\"a\": \"text\"}")))
                .isInstanceOf(MappingException.class)
                .hasMessage("w.yaml line 5: target 'description.html' (html): cannot write 'description.html': "
                        + "'description' is already set to a string, not an object");
    }

    @Test
    void customFieldsAreCollectedByName() {
        MappingConfig cfg = fields("{ target: \"custom_fields.Site Access\", source: \"customFields.Site Access\" }",
                "{ target: \"custom_fields.Ext Ref\", source: \"customFields.Ext Ref\" }",
                "{ target: \"custom_fields.Story Points\", source: \"customFields.Story Points\" }");
        ObjectNode doc = Tickets.fullDocument();
        assertThat(mapper.map(cfg, null, doc).get("custom_fields"))
                .isEqualTo(json("{\"Site Access\": \"Badge at front desk\", \"Story Points\": 5}"));
    }

    @Test
    void eachValueSaysWhichEntryMadeItFromWhat() {
        MappingConfig cfg = fields("{ target: title, source: ticket.summary }",
                "{ target: types_of_work, action: static, value: [{id: 62}] }",
                "{ target: description.html, action: concat, sources: [a, \"literal: - \", b] }",
                "{ target: pay.units, source: missing, default: 1 }",
                "{ target: nothing, source: missing }");
        WorkOrderMapper.Traced t = mapper.mapWithSources(cfg, null, null,
                json("{\"ticket\": {\"summary\": \"POS down\"}, \"a\": \"A\", \"b\": \"B\"}"));
        assertThat(t.body()).isEqualTo(mapper.map(cfg, null,
                json("{\"ticket\": {\"summary\": \"POS down\"}, \"a\": \"A\", \"b\": \"B\"}")));
        assertThat(t.fields()).extracting(WorkOrderMapper.FieldSource::target)
                .containsExactly("title", "types_of_work", "description.html", "pay.units");
        WorkOrderMapper.FieldSource title = t.fields().get(0);
        assertThat(title.source()).isEqualTo("ticket.summary");
        assertThat(title.action()).isEqualTo("sync");
        assertThat(title.line()).isEqualTo(4);
        assertThat(title.value().asText()).isEqualTo("POS down");
        assertThat(t.fields().get(1).source()).isEqualTo("static value");
        assertThat(t.fields().get(2).source()).isEqualTo("a + \" - \" + b");
        assertThat(t.fields().get(3).defaulted()).isTrue();
    }

    @Test
    void theDocumentIsNotChanged() {
        ObjectNode doc = Tickets.fullDocument();
        ObjectNode before = doc.deepCopy();
        ObjectNode wo = mapper.map(MappingLoader.load(TestSupport.SHIPPED), null, doc);
        ((ObjectNode) wo.get("location")).put("city", "changed");
        assertThat(doc).isEqualTo(before);
    }

    @Test
    void expressionsAreSafeToEvaluateFromManyThreads() throws Exception {
        MappingConfig cfg = fields("{ target: a, action: expression, expression: \"$string(n) & '-' & $count(list)\" }",
                "{ target: b, action: expression, expression: \"$sum(list) * n\" }");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    ObjectNode doc = json("{\"n\": " + n + ", \"list\": [1, 2, " + n + "]}");
                    ObjectNode out = mapper.map(cfg, null, doc);
                    return out.get("a").asText().equals(n + "-3") && out.get("b").asLong() == (3L + n) * n;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
