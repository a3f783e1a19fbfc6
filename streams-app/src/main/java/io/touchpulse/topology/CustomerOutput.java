package io.touchpulse.topology;

import io.touchpulse.journey.IdeaMention;
import io.touchpulse.schema.CustomerRisk;
import io.touchpulse.schema.JourneyIssue;
import io.touchpulse.schema.Signal;
import io.touchpulse.schema.SurveyDecision;

/**
 * What the customer stage forwards: the (annotated) signal on its way to the windows, and the customer-level findings.
 * Never serialised: the stage's children split it by type right away, each branch with its own serde.
 */
sealed interface CustomerOutput {
    record SignalOut(Signal signal) implements CustomerOutput {}

    record RiskOut(CustomerRisk risk) implements CustomerOutput {}

    record IssueOut(JourneyIssue issue) implements CustomerOutput {}

    record SurveyOut(SurveyDecision decision) implements CustomerOutput {}

    record IdeaOut(IdeaMention mention) implements CustomerOutput {}
}
