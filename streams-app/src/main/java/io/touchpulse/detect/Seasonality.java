package io.touchpulse.detect;

import java.util.Locale;

/**
 * The seasonal profile the baseline subtracts. AUTO learns the daily and weekly profiles side by
 * side with the plain baseline and switches to a seasonal one only once it predicts clearly better.
 */
public enum Seasonality {
    NONE, DAILY, WEEKLY, AUTO;

    /** Parses {@code none}, {@code daily}, {@code weekly} or {@code auto}, case-insensitive. */
    public static Seasonality parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("seasonality must be auto, none, daily or weekly, not '" + s + "'");
        }
    }
}
