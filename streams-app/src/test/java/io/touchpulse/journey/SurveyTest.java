package io.touchpulse.journey;

import io.touchpulse.schema.InteractionKind;
import io.touchpulse.schema.JourneyIssue;
import io.touchpulse.schema.JourneyIssueType;
import io.touchpulse.schema.SurveyDecision;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.touchpulse.journey.Events.D;
import static io.touchpulse.journey.Events.MIN;
import static io.touchpulse.journey.Events.T0;
import static io.touchpulse.journey.Events.inbound;
import static org.assertj.core.api.Assertions.assertThat;

class SurveyTest {
    private static final JourneyIssueType FATIGUE = JourneyIssueType.SURVEY_FATIGUE;

    private static SurveyDecision call(Journey j, String id, long ts, int durationSec) {
        return j.feed(inbound(id, ts, InteractionKind.CALL).setTopic("invoice").setOutcome("resolved").setDurationSec(durationSec)).survey();
    }

    private static void npsSurvey(Journey j, String id, long ts) {
        j.feed(inbound(id, ts, InteractionKind.SURVEY).setNps(8).setTags(List.of("survey", "nps")));
    }

    @Test
    void aResolvedCallGetsASurveyThenTheNextWithinAWeekIsSuppressed() {
        Journey j = new Journey();
        SurveyDecision first = call(j, "call-1", T0, 300);
        SurveyDecision second = call(j, "call-2", T0 + 2 * D, 300);

        assertThat(first.getSend()).isTrue();
        assertThat(first.getReason()).isEqualTo("ok");
        assertThat(first.getSurveysInPeriod()).isZero();
        assertThat(first.getBudget()).isEqualTo(3);
        assertThat(first.getEventId()).isEqualTo("call-1");
        assertThat(first.getChannel()).isEqualTo("phone");
        assertThat(second.getSend()).isFalse();
        assertThat(second.getReason()).isEqualTo("recently-surveyed");
        assertThat(second.getSurveysInPeriod()).isEqualTo(1);
    }

    @Test
    void onlyInboundContactsWithAnOutcomeCallForADecision() {
        Journey j = new Journey();
        assertThat(j.feed(inbound("chat-1", T0, InteractionKind.CHAT).setDurationSec(300)).survey()).isNull();
        assertThat(j.feed(Events.outbound("call-1", T0, InteractionKind.CALL).setOutcome("resolved")).survey()).isNull();
        assertThat(j.feed(inbound("verb-1", T0, InteractionKind.VERBATIM).setOutcome("resolved")).survey()).isNull();
    }

    @Test
    void trivialInteractionsAndEscalatedComplaintsSuppress() {
        Journey trivial = new Journey();
        assertThat(call(trivial, "call-1", T0, 25).getReason()).isEqualTo("trivial-interaction");

        Journey escalated = new Journey();
        SurveyDecision d = escalated.feed(inbound("chat-1", T0, InteractionKind.CHAT).setCaseId("C-1").setOutcome("escalated")
                .setTags(List.of("complaint", "escalation")).setDurationSec(600)).survey();
        assertThat(d.getSend()).isFalse();
        assertThat(d.getReason()).isEqualTo("open-complaint");
    }

    @Test
    void surveysWithinTheBudgetAreFineAndTheNextOneIsFatigueOncePerPeriod() {
        Journey j = new Journey();
        npsSurvey(j, "s-1", T0);
        npsSurvey(j, "s-2", T0 + 3 * D);
        npsSurvey(j, "s-3", T0 + 6 * D);
        assertThat(j.issues(FATIGUE)).isEmpty();
        assertThat(call(j, "call-1", T0 + 7 * D, 300).getReason()).isEqualTo("budget-exhausted");

        npsSurvey(j, "s-4", T0 + 9 * D);
        npsSurvey(j, "s-5", T0 + 12 * D);
        assertThat(j.issues(FATIGUE)).hasSize(1);
        JourneyIssue issue = j.issues(FATIGUE).get(0);
        assertThat(Journey.eventIds(issue)).containsExactly("s-1", "s-2", "s-3", "s-4");
        assertThat(Journey.roles(issue)).containsOnly("survey");
        assertThat(issue.getSummary()).isEqualTo("4 surveys in 30 days, over the budget of 3.");
        assertThat(issue.getSuggestedAction()).startsWith("Suppress surveys to this customer until 2026-12-02");
    }

    @Test
    void aSurveyRightAfterATrivialInteractionIsFatigue() {
        Journey j = new Journey();
        call(j, "call-1", T0, 20);
        npsSurvey(j, "s-1", T0 + 5 * MIN);
        assertThat(j.issues(FATIGUE)).hasSize(1);
        assertThat(Journey.roles(j.issues(FATIGUE).get(0))).containsExactly("trivial-interaction", "survey");
        assertThat(j.issues(FATIGUE).get(0).getSummary()).contains("right after a trivial call");
    }

    @Test
    void theAnswerToASurveyWeDecidedToSendIsNotASecondSurvey() {
        Journey j = new Journey();
        assertThat(call(j, "call-1", T0, 300).getSend()).isTrue();
        npsSurvey(j, "s-1", T0 + 10 * MIN);
        @SuppressWarnings("unchecked")
        Map<String, Object> surveys = (Map<String, Object>) j.state.toJson().get("surveys");
        assertThat(surveys).containsEntry("inPeriod", 1).containsEntry("budget", 3);
        assertThat(j.issues(FATIGUE)).isEmpty();
    }

    @Test
    void theBudgetIsConfigurable() {
        Journey j = new Journey(JourneyConfig.of(Map.of("journey.survey-budget", "1", "journey.survey-period", "10d")), null);
        npsSurvey(j, "s-1", T0);
        npsSurvey(j, "s-2", T0 + 3 * D);
        assertThat(j.issues(FATIGUE)).hasSize(1);
        assertThat(j.issues(FATIGUE).get(0).getSummary()).isEqualTo("2 surveys in 10 days, over the budget of 1.");
    }

    @Test
    void surveysSentInABurstAreEachCountedAndTheFourthIsFatigue() {
        Journey j = new Journey();
        for (int n = 0; n < 3; n++) {
            npsSurvey(j, "survey-" + n, T0 + n * 4 * MIN);
        }
        assertThat(j.issues(FATIGUE)).isEmpty();
        npsSurvey(j, "survey-3", T0 + 12 * MIN);
        assertThat(j.issues(FATIGUE)).hasSize(1);
    }

    @Test
    void theSurveyASendDecisionAnnouncedIsNotCountedTwice() {
        Journey j = new Journey();
        call(j, "call-1", T0, 300);
        npsSurvey(j, "survey-1", T0 + 5 * MIN);
        SurveyDecision next = call(j, "call-2", T0 + 8 * D, 300);
        assertThat(next.getSurveysInPeriod()).isEqualTo(1);
    }
}
