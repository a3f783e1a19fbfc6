package io.touchpulse.text;

/**
 * Sentiment of one text: {@code compound} in [-1, 1] plus the share of positive, neutral and
 * negative weight, and the label derived from the compound with the usual ±0.05 cut-offs.
 */
public record Sentiment(double compound, double positive, double neutral, double negative) {

    public static final Sentiment NONE = new Sentiment(0, 0, 1, 0);
    public static final double THRESHOLD = 0.05;

    public String label() {
        return compound >= THRESHOLD ? "positive" : compound <= -THRESHOLD ? "negative" : "neutral";
    }

    public boolean isNegative() {
        return compound <= -THRESHOLD;
    }
}
