package com.cwfn.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cwfn.testing.Connector;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The request budget's settings: their defaults, and a bad value stops start-up with one line naming it. */
class BudgetSettingsTest {

    @Test
    void defaults() {
        Settings s = new Settings(k -> null);
        assertThat(s.integer(Catalog.CONNECTWISE_REQUESTS_PER_MINUTE)).isEqualTo(800);
        assertThat(s.integer(Catalog.FIELDNATION_REQUESTS_PER_MINUTE)).isZero();
        assertThat(s.integer(Catalog.CONNECTWISE_CACHE_TTL_MS)).isEqualTo(60_000);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "connectwise.requests-per-minute | -1   | must be from 0 to 2147483647, not '-1'",
        "connectwise.requests-per-minute | fast | must be a whole number, not 'fast'",
        "fieldnation.requests-per-minute | -20  | must be from 0 to 2147483647, not '-20'",
        "connectwise.cache-ttl-ms        | 1m   | must be a whole number, not '1m'"})
    void aBadValueStopsStartUpWithOneLineNamingIt(String key, String value, String problem) {
        assertThatThrownBy(() -> Connector.start(Map.of(key, value))).satisfies(e -> {
            String message = rootMessage(e);
            assertThat(Arrays.stream(message.split("\n")).filter(l -> l.contains(key)))
                    .containsExactly("  - " + key + " " + problem);
        });
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
