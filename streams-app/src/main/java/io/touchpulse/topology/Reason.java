package io.touchpulse.topology;

/** Why a single event counts as a dissatisfied customer moment. Names appear in Signal.reasons and TouchpointHealth.reasonCounts. */
public enum Reason {
    HTTP_5XX, SLOW, ABANDONED, ZERO_RESULTS, REFORMULATED, LOW_CSAT, DETRACTOR, COMPLAINT, ESCALATION, NEGATIVE_VERBATIM, LONG_WAIT, CHURN_INTENT,
    /** The customer contacts again about the same problem (journey state). */
    REPEAT_CONTACT,
    /** A question that ended without an answer. */
    UNANSWERED;

    private static final Reason[] VALUES = values();

    public static Reason[] all() {
        return VALUES;
    }
}
