package io.touchpulse.topology;

import io.touchpulse.schema.Direction;
import io.touchpulse.text.NoAnswerCues;

import java.util.List;
import java.util.Set;

/**
 * Whether an interaction is a customer's question, and whether it ended without an answer: the
 * store greeter who cannot answer, measured. Only INBOUND contacts (the customer reached out) count;
 * an outbound survey that asks "how did we do?" is not a customer's question.
 * A repeated question is marked unanswered later, by the customer stage, which remembers earlier ones.
 */
final class Questions {
    /** Outcomes that leave the customer without an answer. */
    private static final Set<String> NO_ANSWER_OUTCOMES = Set.of("abandoned", "transferred", "unresolved", "no-answer");
    private static final Set<String> NO_ANSWER_TAGS = Set.of("no-answer", "unanswered");

    private Questions() {}

    /**
     * The analyser finds a question when the text ends with one; a transcript carries both sides, so the
     * customer's question is often followed by the reply: a question mark anywhere in an inbound text counts.
     */
    static boolean asked(Direction direction, List<String> intents, List<String> tags, String text) {
        return direction == Direction.INBOUND
                && (intents.contains("question") || tags.contains("question") || (text != null && text.indexOf('?') >= 0));
    }

    /** For a question: the outcome, a tag or the transcript says it got no answer. Tags are lower-case. */
    static boolean unanswered(String outcome, List<String> tags, String text) {
        if (NO_ANSWER_OUTCOMES.contains(outcome)) {
            return true;
        }
        for (String t : tags) {
            if (NO_ANSWER_TAGS.contains(t)) {
                return true;
            }
        }
        return NoAnswerCues.in(text);
    }
}
