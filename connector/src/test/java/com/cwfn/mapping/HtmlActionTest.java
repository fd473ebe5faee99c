package com.cwfn.mapping;

import static com.cwfn.mapping.TestSupport.mapOne;
import static org.assertj.core.api.Assertions.assertThat;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class HtmlActionTest {
    static final ObjectNode DOC = ActionFixtures.DOC;

    @Test
    void escapesAndTurnsLineBreaksIntoBr() {
        assertThat(mapOne("{ target: description.html, action: html, source: text }", DOC).at("/description/html").asText())
                .isEqualTo("a &lt; b &amp; &quot;c&quot; &#39;d&#39; &gt; e<br>line2<br>line3<br>line4");
    }

    @Test
    void blankLinesAreKeptAndMissingGivesNothing() {
        assertThat(HtmlAction.toHtml("a\n\nb\r\n\r\nc")).isEqualTo("a<br><br>b<br><br>c");
        assertThat(mapOne("{ target: d, action: html, source: nope }", DOC).has("d")).isFalse();
    }
}
