package com.cwfn.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Retry-After as delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
class RetryAfterTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void delaySeconds() {
        assertThat(RetryAfter.seconds("120", clock)).isEqualTo(120);
        assertThat(RetryAfter.seconds(" 5 ", clock)).isEqualTo(5);
        assertThat(RetryAfter.seconds("0", clock)).isZero();
        assertThat(RetryAfter.seconds("-3", clock)).as("never negative").isZero();
    }

    @Test
    void anHttpDate() {
        assertThat(RetryAfter.seconds("Tue, 01 Dec 2026 10:01:30 GMT", clock)).isEqualTo(90);
        assertThat(RetryAfter.seconds("Tue, 01 Dec 2026 09:59:00 GMT", clock)).as("in the past").isZero();
    }

    @Test
    void absentOrUnreadableIsNull() {
        assertThat(RetryAfter.seconds(null, clock)).isNull();
        assertThat(RetryAfter.seconds("", clock)).isNull();
        assertThat(RetryAfter.seconds("soon", clock)).isNull();
        assertThat(RetryAfter.seconds("1.5", clock)).isNull();
    }
}
