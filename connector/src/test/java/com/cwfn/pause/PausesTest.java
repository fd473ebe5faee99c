package com.cwfn.pause;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.cwfn.testing.TestClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Pauses: one per storm however often it is raised, logged once, its time counted once, never shortened. */
class PausesTest {
    final TestClock clock = new TestClock(1_000_000);

    @Test
    void aStormOfRaisesIsOnePauseLoggedOnceAndItsTimeCountedOnce() {
        Pauses pauses = new Pauses(clock);
        List<String> started = new ArrayList<>();
        long[] added = new long[1];
        pauses.listen((resource, isNew, ms) -> {
            if (isNew) {
                started.add(resource);
            }
            added[0] += ms;
        });
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(Pauses.class);
        log.start();
        logger.addAppender(log);
        try {
            long start = clock.millis();
            assertThat(pauses.raise("ConnectWise", start + 2000, "answered 429")).isEqualTo(start + 2000);
            for (int i = 0; i < 20; i++) {
                pauses.raise("ConnectWise", clock.millis() + 1500, "answered 429"); // never shortens it
            }
            clock.millis.addAndGet(500);
            long later = clock.millis();
            assertThat(pauses.raise("ConnectWise", later + 2000, "answered 429")).as("extended").isEqualTo(later + 2000);
            assertThat(pauses.until("ConnectWise")).isEqualTo(clock.millis() + 2000);
            assertThatThrownBy(() -> pauses.check("ConnectWise")).isInstanceOf(Pause.class)
                    .hasMessageContaining("ConnectWise is paused until");
            pauses.check("Field Nation"); // another resource is not paused
            clock.millis.addAndGet(2000);
            assertThat(pauses.isPaused("ConnectWise")).isFalse();
            pauses.raise("ConnectWise", clock.millis() + 1000, "answered 429 again");
        } finally {
            logger.detachAppender(log);
        }
        assertThat(started).containsExactly("ConnectWise", "ConnectWise");
        assertThat(added[0]).as("2.5 s of the first pause, 1 s of the second").isEqualTo(3500);
        assertThat(log.list.stream().filter(e -> e.getLevel().toString().equals("WARN")).count())
                .as("one line per pause").isEqualTo(2);
    }
}
