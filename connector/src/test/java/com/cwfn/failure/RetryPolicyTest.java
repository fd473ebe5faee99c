package com.cwfn.failure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The retry schedule: doubling from the first delay, capped, ±20% jitter, never before Retry-After; giving up. */
class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(2000, 60_000, 3_600_000);

    @RepeatedTest(20)
    void delaysDoubleWithJitterUpToTheCap() {
        assertThat(policy.delay(1, null)).isBetween(1600L, 2400L);
        assertThat(policy.delay(2, null)).isBetween(3200L, 4800L);
        assertThat(policy.delay(3, null)).isBetween(6400L, 9600L);
        assertThat(policy.delay(6, null)).as("2 s * 2^5 = 64 s, capped at 60 s").isBetween(48_000L, 72_000L);
        assertThat(policy.delay(40, null)).as("no overflow far out").isBetween(48_000L, 72_000L);
        assertThat(policy.delay(0, null)).as("before any attempt: the first delay").isBetween(1600L, 2400L);
    }

    @RepeatedTest(20)
    void retryAfterIsAFloor() {
        assertThat(policy.delay(1, 30)).isEqualTo(30_000L);
        assertThat(policy.delay(3, 1)).as("a short Retry-After does not shorten the backoff").isBetween(6400L, 9600L);
        assertThat(policy.delay(1, 0)).isBetween(1600L, 2400L);
    }

    @Test
    void itGivesUpOnceTheNextTryWouldComeTooLate() {
        long received = 1_000_000;
        assertThat(policy.givesUp(received, received + 3_600_000)).isFalse();
        assertThat(policy.givesUp(received, received + 3_600_001)).isTrue();
    }
}
