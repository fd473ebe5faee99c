package com.cwfn.settings;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in settings and {@code mappings.yaml}: one or more whole numbers, each with its unit
 * ({@code s}, {@code m}, {@code h} or {@code d}), largest first, e.g. {@code 20s}, {@code 90m}, {@code 4h},
 * {@code 1h30m}, {@code 2d}. Spaces between the parts are allowed.
 */
public final class Durations {
    private static final Pattern WHOLE = Pattern.compile("(\\s*\\d{1,9}\\s*[smhd])+\\s*");
    private static final Pattern PART = Pattern.compile("(\\d{1,9})\\s*([smhd])");
    private static final String UNITS = "dhms";

    private Durations() {
    }

    /** What a duration looks like, for messages. */
    public static final String FORMAT = "a duration such as 20s, 90m, 4h, 1h30m or 2d";

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.isEmpty() || !WHOLE.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not " + FORMAT);
        }
        Duration total = Duration.ZERO;
        int lastUnit = -1;
        Matcher m = PART.matcher(t);
        while (m.find()) {
            int unit = UNITS.indexOf(m.group(2));
            if (unit <= lastUnit) {
                throw new IllegalArgumentException("'" + text + "' is not " + FORMAT + " (each unit once, largest first)");
            }
            lastUnit = unit;
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "d" -> Duration.ofDays(n);
                case "h" -> Duration.ofHours(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            });
        }
        if (total.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is no time at all; use " + FORMAT);
        }
        return total;
    }

    /** The problem with {@code text} as a duration, or null when it is one. */
    public static String problem(String text) {
        try {
            parse(text);
            return null;
        } catch (IllegalArgumentException e) {
            return "must be " + FORMAT;
        }
    }

    /** A duration in words people read in a note: {@code 2 h}, {@code 90 min}, {@code 1 h 30 min}, {@code 20 s}. */
    public static String words(Duration d) {
        long s = d.toSeconds();
        StringBuilder out = new StringBuilder();
        long days = s / 86_400;
        long hours = s % 86_400 / 3_600;
        long minutes = s % 3_600 / 60;
        long seconds = s % 60;
        append(out, days, "d");
        append(out, hours, "h");
        append(out, minutes, "min");
        append(out, seconds, "s");
        return out.length() == 0 ? "0 s" : out.toString();
    }

    private static void append(StringBuilder out, long n, String unit) {
        if (n > 0) {
            out.append(out.length() == 0 ? "" : " ").append(n).append(' ').append(unit);
        }
    }
}
