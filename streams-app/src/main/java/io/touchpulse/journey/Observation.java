package io.touchpulse.journey;

import io.touchpulse.schema.JourneyEvidence;
import io.touchpulse.schema.JourneyIssue;
import io.touchpulse.schema.JourneyIssueType;
import io.touchpulse.schema.Signal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The working set of one engine call: the state being changed, the event (null on a tick), the current event time,
 * and what the rules found. Rules raise issues through {@link #raise} so ids, the state's issue list and the
 * journey-friction driver stay consistent.
 */
final class Observation {
    final JourneyConfig config;
    final CustomerState state;
    final Signal signal;
    /** The event as remembered (null on a tick). */
    final Touch touch;
    final long now;
    final List<JourneyIssue> issues = new ArrayList<>(1);
    final List<String> addedReasons = new ArrayList<>(1);
    boolean repeatedQuestion;

    Observation(JourneyConfig config, CustomerState state, Signal signal, Touch touch, long now) {
        this.config = config;
        this.state = state;
        this.signal = signal;
        this.touch = touch;
        this.now = now;
    }

    /** Tags of the event, lower-case (empty on a tick). */
    List<String> tags() {
        return signal == null ? List.of() : signal.getTags();
    }

    long halfLife() {
        return config.halfLife().toMillis();
    }

    void addReason(String reason) {
        if (!signal.getReasons().contains(reason) && !addedReasons.contains(reason)) {
            addedReasons.add(reason);
        }
    }

    /** Sets an event-driven driver to at least {@code strength} now (after decaying what it was). */
    void bump(Driver d, double strength) {
        int i = d.ordinal();
        double was = Journeys.decay(state.levels[i], state.levelAt[i], now, halfLife());
        state.levels[i] = Math.min(1.0, Math.max(was, strength));
        state.levelAt[i] = Math.max(now, state.levelAt[i]);
    }

    void raise(JourneyIssueType type, String key, String summary, String action, List<JourneyEvidence> evidence,
               String touchpoint, String topic) {
        raise(type, key, summary, action, evidence, touchpoint, topic, now);
    }

    /** {@code detectedAt}: when the issue became certain, e.g. a promise's deadline found passed by a later call. */
    void raise(JourneyIssueType type, String key, String summary, String action, List<JourneyEvidence> evidence,
               String touchpoint, String topic, long detectedAt) {
        String id = Journeys.issueId(state.customerId, type.name(), key);
        issues.add(JourneyIssue.newBuilder().setIssueId(id).setType(type).setCustomerId(state.customerId)
                .setSegment(state.segment).setDetectedAt(Instant.ofEpochMilli(detectedAt)).setSummary(summary)
                .setSuggestedAction(action).setEvidence(evidence).setTouchpoint(touchpoint).setTopic(topic).build());
        state.issues.remove(id);
        CustomerState.addCapped(state.issues, id, CustomerState.MAX_ISSUES);
        double friction = switch (type) {
            case UNCOORDINATED_CONTACT, TONE_DEAF_OUTREACH, LOYALTY_PENALTY -> 0.5;
            case SURVEY_FATIGUE -> 0.25;
            default -> 0; // broken promises and repeat contacts are drivers of their own
        };
        if (friction > 0) {
            int i = Driver.JOURNEY_FRICTION.ordinal();
            double was = Journeys.decay(state.levels[i], state.levelAt[i], now, halfLife());
            if (was < 0.01) {
                state.frictionTypes = 0;
                state.frictionCount = 0;
            }
            state.levels[i] = Math.min(1.0, was + friction);
            state.levelAt[i] = Math.max(now, state.levelAt[i]);
            state.frictionTypes |= 1 << type.ordinal();
            state.frictionCount++;
        }
    }
}
