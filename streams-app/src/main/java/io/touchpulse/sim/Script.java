package io.touchpulse.sim;

import io.touchpulse.schema.Direction;
import io.touchpulse.schema.InteractionKind;

import java.util.ArrayList;
import java.util.List;

/** A small builder for one scripted journey: the steps read like the story they tell. */
final class Script {
    /** Phrase section of the generic marketing texts. */
    static final String MARKETING = "outbound.marketing";

    private final List<JourneyStep> steps = new ArrayList<>();

    /** The customer reaches out. */
    Script in(int atSec, InteractionKind kind, String topic, String outcome, int caseSlot, String text, String... tags) {
        return add(atSec, kind, Direction.INBOUND, topic, outcome, caseSlot, text, null, null, tags);
    }

    /** The company contacts the customer (or bills them, or sends a technician). */
    Script out(int atSec, InteractionKind kind, String topic, String outcome, int caseSlot, String text, String... tags) {
        return add(atSec, kind, Direction.OUTBOUND, topic, outcome, caseSlot, text, null, null, tags);
    }

    /** A post-contact CSAT survey answer (1-5) about the contact in {@code caseSlot}. */
    Script csat(int atSec, int score, int caseSlot, String text) {
        return add(atSec, InteractionKind.SURVEY, Direction.INBOUND, null, null, caseSlot, text, score, null, "survey", "csat");
    }

    /** A relationship NPS survey answer (0-10). */
    Script nps(int atSec, int score, String text) {
        return add(atSec, InteractionKind.SURVEY, Direction.INBOUND, null, null, 0, text, null, score, "survey", "nps");
    }

    /** Overrides the duration of the last step (e.g. a trivial 25-second chat). */
    Script lasting(int sec) {
        steps.set(steps.size() - 1, steps.get(steps.size() - 1).withDuration(sec));
        return this;
    }

    List<JourneyStep> steps() {
        return List.copyOf(steps);
    }

    private Script add(int atSec, InteractionKind kind, Direction dir, String topic, String outcome, int caseSlot, String text,
                       Integer csat, Integer nps, String... tags) {
        if (!steps.isEmpty() && steps.get(steps.size() - 1).atSec() >= atSec)
            throw new IllegalArgumentException("journey steps must be in time order, got " + atSec + " s after "
                    + steps.get(steps.size() - 1).atSec() + " s");
        steps.add(new JourneyStep(atSec, kind, dir, topic, outcome, caseSlot, text, defaultDuration(kind, dir), csat, nps, List.of(tags)));
        return this;
    }

    /** Typical lengths: long enough not to count as trivial (the rules' default threshold is 60 s). */
    private static int defaultDuration(InteractionKind kind, Direction dir) {
        return switch (kind) {
            case CALL -> dir == Direction.INBOUND ? 330 : 190;
            case CHAT -> 420;
            case VISIT -> 2700;
            default -> 0;
        };
    }
}
