package io.touchpulse.config;

import java.time.Duration;
import java.util.Locale;

/** Parses durations the way operators write them: ISO-8601 ({@code PT5M}) or short ({@code 5m}, {@code 30s}, {@code 250ms}, {@code 2h}, {@code 1d}). */
public final class Durations {
    private Durations() {}

    public static Duration parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.startsWith("p")) {
            return Duration.parse(s.toUpperCase(Locale.ROOT));
        }
        int i = 0;
        while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (use e.g. 5m, 30s, 250ms or PT5M)");
        }
        double n = Double.parseDouble(s.substring(0, i));
        String unit = s.substring(i).trim();
        long millis = switch (unit) {
            case "ms" -> Math.round(n);
            case "s", "" -> Math.round(n * 1_000);
            case "m", "min" -> Math.round(n * 60_000);
            case "h" -> Math.round(n * 3_600_000);
            case "d" -> Math.round(n * 86_400_000);
            default -> throw new IllegalArgumentException("'" + text + "' has an unknown unit '" + unit + "' (use ms, s, m, h or d)");
        };
        return Duration.ofMillis(millis);
    }
}
