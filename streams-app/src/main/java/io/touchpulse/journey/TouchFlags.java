package io.touchpulse.journey;

import io.touchpulse.schema.Direction;
import io.touchpulse.schema.Signal;
import io.touchpulse.schema.SignalSource;

import java.util.Arrays;
import java.util.List;

/** Classifies a signal once into the {@link Touch} bit flags the rules read, so they never re-parse tags. */
final class TouchFlags {
    private TouchFlags() {}

    static int of(Signal s, JourneyConfig config) {
        int f = 0;
        boolean interaction = s.getSource() == SignalSource.INTERACTION;
        boolean outbound = s.getDirection() == Direction.OUTBOUND;
        List<String> tags = s.getTags();
        List<String> intents = s.getIntents();
        String topic = s.getTopic();
        if (outbound) {
            f |= Touch.OUTBOUND;
        }
        if (interaction && !outbound && s.getKind() != null) {
            f |= switch (s.getKind()) {
                case CALL, CHAT, EMAIL, SMS, SOCIAL, VISIT, LETTER -> Touch.INBOUND_CONTACT;
                default -> 0;
            };
        }
        if (tags.contains("marketing")) {
            f |= Touch.MARKETING;
        }
        if (outbound && (tags.contains("retention") || tags.contains("renewal") || tags.contains("loyalty")
                || "retention".equals(topic) || "renewal".equals(topic) || "loyalty".equals(topic))) {
            f |= Touch.RETENTION;
        }
        if (s.getQuestion() || intents.contains("question") || tags.contains("question")) {
            f |= Touch.QUESTION;
        }
        Integer duration = s.getDurationSec();
        if (interaction && (tags.contains("trivial") || (duration != null && duration * 1000L < config.trivialInteraction().toMillis()))) {
            f |= Touch.TRIVIAL;
        }
        if (s.getKind() == io.touchpulse.schema.InteractionKind.SURVEY) {
            f |= Touch.SURVEY;
        }
        List<String> reasons = s.getReasons();
        if (!outbound && (tags.contains("complaint") || reasons.contains("COMPLAINT") || reasons.contains("ESCALATION")
                || intents.contains("complaint"))) {
            f |= Touch.COMPLAINT;
        }
        if ("resolved".equals(s.getOutcome())) {
            f |= Touch.RESOLVED;
        }
        return f;
    }

    /** Order-free hash of a question's terms (0: not a question or no terms), so the same words in another order still match. */
    static int termsHash(Signal s, int flags) {
        if ((flags & Touch.QUESTION) == 0 || s.getTerms().isEmpty()) {
            return 0;
        }
        String[] terms = s.getTerms().stream().distinct().sorted().toArray(String[]::new);
        int h = Arrays.hashCode(terms);
        return h == 0 ? 1 : h;
    }

    /** The customer says they want to leave: a churn intent, or a cancel request (tag, or topic cancel/cancellation). */
    static boolean churn(Signal s) {
        if (s.getDirection() == Direction.OUTBOUND) {
            return false;
        }
        return s.getIntents().contains("churn") || s.getReasons().contains("CHURN_INTENT")
                || s.getTags().contains("cancel-request") || "cancel".equals(s.getTopic()) || "cancellation".equals(s.getTopic());
    }
}
