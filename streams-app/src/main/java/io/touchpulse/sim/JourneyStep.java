package io.touchpulse.sim;

import io.touchpulse.schema.Direction;
import io.touchpulse.schema.InteractionKind;

import java.util.List;

/**
 * One scripted interaction of a journey, timed relative to the customer's start in its cohort.
 *
 * @param atSec       seconds after the customer's start
 * @param caseSlot    0 = no case; n = the n-th case of this customer's script (the director draws a real case id per slot)
 * @param text        phrase section of the text (see {@code /sim/phrases.txt}), null = no text
 * @param durationSec 0 = none
 * @param tags        lower-case tags from docs/journeys.md; {@code due:+<sec>} is a deadline relative to the start
 */
record JourneyStep(int atSec, InteractionKind kind, Direction direction, String topic, String outcome, int caseSlot,
                   String text, int durationSec, Integer csat, Integer nps, List<String> tags) {
    static final String DUE_PREFIX = "due:+";

    JourneyStep withDuration(int sec) {
        return new JourneyStep(atSec, kind, direction, topic, outcome, caseSlot, text, sec, csat, nps, tags);
    }
}
