package io.touchpulse.journey;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JourneyConfigTest {
    @Test
    void defaultsMatchTheDocs() {
        JourneyConfig c = JourneyConfig.defaults();
        assertThat(c.surveyBudget()).isEqualTo(3);
        assertThat(c.surveyPeriod()).isEqualTo(Duration.ofDays(30));
        assertThat(c.uncoordinatedWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(c.loyalTenureMonths()).isEqualTo(12);
        assertThat(c.halfLife()).isEqualTo(Duration.ofDays(14));
        assertThat(c.deadlines()).containsEntry("callback", Duration.ofHours(24)).containsEntry("refund", Duration.ofDays(10));
        assertThat(c.weight(Driver.CHURN_INTENT)).isEqualTo(0.6);
        assertThat(c.deadline("fee-waiver", 0)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void readsJourneyAndRiskKeysAndIgnoresOthers() {
        JourneyConfig c = JourneyConfig.of(Map.of("journey.survey-budget", "5", "journey.survey-period", "PT720H",
                "journey.trivial-interaction", "90s", "journey.deadline.credit", "3d", "risk.weight.churn_intent", "0.7",
                "risk.half-life", "21d", "kafka.bootstrap", "whatever", "journeys", "x"));
        assertThat(c.surveyBudget()).isEqualTo(5);
        assertThat(c.surveyPeriod()).isEqualTo(Duration.ofDays(30));
        assertThat(c.trivialInteraction()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.deadline("credit", 0)).isEqualTo(Duration.ofDays(3).toMillis());
        assertThat(c.deadlines()).containsKey("callback");
        assertThat(c.weight(Driver.CHURN_INTENT)).isEqualTo(0.7);
        assertThat(c.weight(Driver.DETRACTOR)).isEqualTo(Driver.DETRACTOR.defaultWeight());
        assertThat(c.halfLife()).isEqualTo(Duration.ofDays(21));
    }

    @Test
    void errorsNameTheKeyAndTheProblem() {
        assertError("journey.surveybudget", "3", "journey.surveybudget: unknown setting");
        assertError("risk.weight.grumpiness", "0.3", "risk.weight.grumpiness: unknown risk driver");
        assertError("risk.weight.churn_intent", "1.5", "risk.weight.churn_intent: must be within 0..0.99");
        assertError("risk.weight.churn_intent", "high", "risk.weight.churn_intent: 'high' is not a number");
        assertError("journey.survey-budget", "three", "journey.survey-budget: 'three' is not a whole number");
        assertError("journey.survey-budget", "-1", "journey.survey-budget: must be within 0..1000");
        assertError("journey.survey-period", "soon", "journey.survey-period:");
        assertError("journey.survey-period", "0s", "journey.survey-period: must be positive");
        assertError("risk.half-life", "", "risk.half-life: empty value");
        assertError("journey.deadline.refund", "10 weeks", "journey.deadline.refund:");
        assertError("journey.deadline.", "1d", "journey.deadline.: unknown setting");
    }

    private static void assertError(String key, String value, String message) {
        assertThatThrownBy(() -> JourneyConfig.of(Map.of(key, value)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }
}
