package io.touchpulse.detect;

import java.util.Locale;

/**
 * Which way a deviation must go to count. A latency alert only cares about going up, a sentiment
 * alert only about going down; a volume alert cares about both (a spike and a drop are both news).
 */
public enum Direction {
    BOTH, UP, DOWN;

    /** The part of a signed deviation this direction cares about, as a non-negative number. */
    double filter(double deviation) {
        return switch (this) {
            case BOTH -> Math.abs(deviation);
            case UP -> Math.max(0, deviation);
            case DOWN -> Math.max(0, -deviation);
        };
    }

    /** Parses {@code both}, {@code up} or {@code down}, case-insensitive. */
    public static Direction parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("direction must be both, up or down, not '" + s + "'");
        }
    }
}
