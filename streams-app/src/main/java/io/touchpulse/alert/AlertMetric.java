package io.touchpulse.alert;

import io.touchpulse.schema.TouchpointHealth;

import java.util.Locale;

/**
 * The touchpoint health metrics Touchpulse watches, how each is read from a window, and which way
 * is bad. Rates carry their counts so the detector can tell 3 of 10 from 3,000 of 10,000; levels
 * (latency) carry their support so thin windows are not judged; volume is watched both ways, down to silence.
 */
public enum AlertMetric {
    DISSATISFIED_RATE("dissatisfied_rate", Kind.RATE, Direction.UP, "dissatisfied rate"),
    ERROR_RATE("error_rate", Kind.RATE, Direction.UP, "error rate"),
    ZERO_RESULT_RATE("zero_result_rate", Kind.RATE, Direction.UP, "zero-result search rate"),
    LATENCY_P95("latency_p95_ms", Kind.LEVEL, Direction.UP, "p95 latency"),
    /** Sentiment as a rate (negative texts of texts), not the mean compound: a count test knows 2 of 3 from 200 of 300. */
    NEGATIVE_SHARE("negative_share", Kind.RATE, Direction.UP, "negative text share"),
    EVENTS("events", Kind.COUNT, Direction.BOTH, "event volume"),
    /** Customers' questions that ended without an answer, of all their questions at the touchpoint. */
    UNANSWERED_RATE("unanswered_rate", Kind.RATE, Direction.UP, "unanswered question rate");

    public enum Kind { RATE, LEVEL, COUNT }

    public enum Direction { UP, DOWN, BOTH }

    /** One window's reading of a metric: the value, and for rates the hits out of trials; for levels, trials is the support. */
    public record Reading(double value, long hits, long trials) {
    }

    private final String id;
    private final Kind kind;
    private final Direction bad;
    private final String label;

    AlertMetric(String id, Kind kind, Direction bad, String label) {
        this.id = id;
        this.kind = kind;
        this.bad = bad;
        this.label = label;
    }

    /** The name used in alerts, labels and config ({@code dissatisfied_rate}). */
    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public Direction bad() {
        return bad;
    }

    public String label() {
        return label;
    }

    public static AlertMetric byId(String id) {
        for (AlertMetric m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown alert metric '" + id + "'");
    }

    /** This metric in one window, or null when the window has no data for it (no requests, no searches, no texts). */
    public Reading read(TouchpointHealth h) {
        return switch (this) {
            case DISSATISFIED_RATE -> new Reading(h.getDissatisfiedRate(), h.getDissatisfied(), h.getEvents());
            case ERROR_RATE -> rate(h.getErrorRate(), h.getRequests());
            case ZERO_RESULT_RATE -> rate(h.getZeroResultRate(), h.getSearches());
            case LATENCY_P95 -> h.getLatencyP95Ms() == null ? null : new Reading(h.getLatencyP95Ms(), 0, h.getRequests());
            case NEGATIVE_SHARE -> rate(h.getNegativeShare(), h.getTextEvents());
            case EVENTS -> new Reading(h.getEvents(), h.getEvents(), h.getEvents());
            // exact counts, not rate × trials: both are in the window
            case UNANSWERED_RATE -> h.getUnansweredRate() == null || h.getQuestions() == 0 ? null
                    : new Reading(h.getUnansweredRate(), h.getUnansweredQuestions(), h.getQuestions());
        };
    }

    private static Reading rate(Double rate, long trials) {
        return rate == null || trials == 0 ? null : new Reading(rate, Math.round(rate * trials), trials);
    }

    /** A value as people read it: 12.5%, 840 ms, -0.42, 1,204. */
    public String format(double v) {
        return switch (this) {
            case DISSATISFIED_RATE, ERROR_RATE, ZERO_RESULT_RATE, NEGATIVE_SHARE, UNANSWERED_RATE -> String.format(Locale.ROOT, "%.1f%%", 100 * v);
            case LATENCY_P95 -> String.format(Locale.ROOT, "%.0f ms", v);
            case EVENTS -> String.format(Locale.ROOT, "%,.0f", v);
        };
    }
}
