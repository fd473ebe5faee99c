package com.cwfn.http;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Reads an HTTP {@code Retry-After} header of a remote server's answer: delay-seconds or an HTTP date (RFC 9110
 * §10.2.3). The connector's own answers say it through {@link Refusals}.
 */
public final class RetryAfter {
    private RetryAfter() {
    }

    /** Seconds to wait from a response's headers (their names in lower case); null when absent or unreadable. */
    public static Integer fromHeaders(Map<String, String> lowerCaseHeaders, Clock clock) {
        return seconds(lowerCaseHeaders.get("retry-after"), clock);
    }

    /** Seconds to wait, never negative; null when the header is absent or unreadable. */
    public static Integer seconds(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return Math.max(0, Integer.parseInt(v));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                long s = Duration.between(clock.instant(), at.toInstant()).toSeconds();
                return (int) Math.max(0, s);
            } catch (RuntimeException ignored) {
                return null;
            }
        }
    }
}
