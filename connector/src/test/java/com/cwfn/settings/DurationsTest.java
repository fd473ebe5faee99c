package com.cwfn.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Durations as written in settings and mappings.yaml, and the duration settings that use them. */
class DurationsTest {

    @Test
    void unitsLargestFirst() {
        assertThat(Durations.parse("20s")).isEqualTo(Duration.ofSeconds(20));
        assertThat(Durations.parse("90m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse(" 4h ")).isEqualTo(Duration.ofHours(4));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("1h 30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("2D")).isEqualTo(Duration.ofDays(2));
    }

    @Test
    void whatIsNotADurationIsRefusedSayingWhatOneLooksLike() {
        for (String bad : new String[] {"", "4", "h", "4 hours", "-4h", "30m1h", "1h1h", "0s", "PT4H", "1.5h"}) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("20s, 90m, 4h");
        }
    }

    @Test
    void inWords() {
        assertThat(Durations.words(Duration.ofHours(2))).isEqualTo("2 h");
        assertThat(Durations.words(Duration.ofMinutes(90))).isEqualTo("1 h 30 min");
        assertThat(Durations.words(Duration.ofSeconds(20))).isEqualTo("20 s");
        assertThat(Durations.words(Duration.ofDays(1).plusHours(2))).isEqualTo("1 d 2 h");
    }

    @Test
    void theUnassignedAlertSettingIsADurationOrEmpty() {
        assertThat(new Settings(Map.of("connectwise.callback-token", "t", "sync.unassigned-alert-before", "24h")::get)
                .text(Catalog.SYNC_UNASSIGNED_ALERT_BEFORE)).isEqualTo("24h");
        new Settings(Map.of("connectwise.callback-token", "t")::get).validate();
        assertThatThrownBy(() -> new Settings(Map.of("connectwise.callback-token", "t",
                "sync.unassigned-alert-before", "a day")::get).validate())
                .hasMessageContaining("sync.unassigned-alert-before must be a duration such as 20s, 90m, 4h");
    }
}
