package io.touchpulse.journey;

import io.touchpulse.schema.CustomerRisk;
import io.touchpulse.schema.JourneyIssue;
import io.touchpulse.schema.SurveyDecision;

import java.util.List;

/**
 * What one {@link JourneyEngine#observe} or {@link JourneyEngine#tick} did: the new state (store it when
 * {@code stateChanged}) and what to publish.
 *
 * @param risk             null unless the risk or its drivers changed materially (|Δ| ≥ 0.02, band change, driver set change)
 * @param survey           null unless this event calls for a survey decision
 * @param idea             null unless the text is a request, a workaround or an "I wish"
 * @param addedReasons     reasons to add to the signal (REPEAT_CONTACT, UNANSWERED)
 * @param repeatedQuestion the customer asks the same question again: mark the signal unanswered
 * @param nextDeadline     earliest pending deadline in the state, Long.MAX_VALUE if none
 */
public record Step(CustomerState state, boolean stateChanged, List<JourneyIssue> issues, CustomerRisk risk,
                   SurveyDecision survey, IdeaMention idea, List<String> addedReasons, boolean repeatedQuestion,
                   long nextDeadline) {
    public Step {
        issues = List.copyOf(issues);
        addedReasons = List.copyOf(addedReasons);
    }

    static Step unchanged(CustomerState state) {
        return new Step(state, false, List.of(), null, null, null, List.of(), false,
                state == null ? Long.MAX_VALUE : state.nextDeadline());
    }
}
