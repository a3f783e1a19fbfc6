package io.touchpulse.journey;

import io.touchpulse.schema.CustomerRisk;
import io.touchpulse.schema.InteractionKind;
import io.touchpulse.schema.RiskDriver;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.touchpulse.journey.Events.D;
import static io.touchpulse.journey.Events.H;
import static io.touchpulse.journey.Events.T0;
import static io.touchpulse.journey.Events.inbound;
import static io.touchpulse.journey.Events.outbound;
import static io.touchpulse.journey.Events.profile;
import static io.touchpulse.journey.Events.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RiskModelTest {
    /** Churn intent, a broken fee waiver and three contacts about the fee within a week. */
    private static Journey angry(JourneyConfig config) {
        Journey j = new Journey(config, profile(40, "silver", 2000));
        j.feed(inbound("call-1", T0, InteractionKind.CALL).setTopic("fee").setOutcome("resolved").setTags(List.of("promise:fee-waiver")));
        j.feed(outbound("bill-1", T0 + D, InteractionKind.LETTER).setTopic("fee").setTags(List.of("charged:fee")));
        j.feed(inbound("chat-1", T0 + D + H, InteractionKind.CHAT).setTopic("fee").setOutcome("unresolved").setCaseId("C-1"));
        j.feed(text(inbound("chat-2", T0 + 2 * D, InteractionKind.CHAT), "I am cancelling my contract", -0.5, "churn", "complaint")
                .setTopic("fee").setOutcome("escalated").setCaseId("C-1"));
        return j;
    }

    @Test
    void churnIntentBrokenPromiseAndRepeatContactsAreCritical() {
        Journey j = angry(JourneyConfig.defaults());
        CustomerRisk risk = j.risks.get(j.risks.size() - 1);

        assertThat(risk.getRisk()).isGreaterThanOrEqualTo(0.8);
        assertThat(risk.getBand()).isEqualTo("critical");
        assertThat(risk.getDrivers()).extracting(RiskDriver::getName)
                .contains("churn_intent", "broken_promise", "repeat_contacts", "unresolved_case");
        assertThat(risk.getDrivers().get(0).getName()).isEqualTo("churn_intent");
        assertThat(risk.getDrivers()).extracting(RiskDriver::getContribution).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        double sum = risk.getDrivers().stream().mapToDouble(RiskDriver::getContribution).sum();
        assertThat(sum).isCloseTo(risk.getRisk(), within(1e-3));
        assertThat(detail(risk, "repeat_contacts")).isEqualTo("3 contacts about fee in 2 days");
        assertThat(detail(risk, "broken_promise")).contains("fee-waiver promised on 2026-11-02, broken on 2026-11-03");
        assertThat(risk.getValueAtRisk()).isCloseTo(risk.getRisk() * 2000, within(0.25)); // risk is rounded to 4 decimals
        assertThat(risk.getLastEventId()).isEqualTo("chat-2");
        assertThat(j.state.toSummaryJson()).containsEntry("band", "critical");
    }

    @Test
    void oneMildlyNegativeChatStaysLow() {
        Journey j = new Journey(profile(30, "silver", 800));
        j.feed(text(inbound("chat-1", T0, InteractionKind.CHAT), "The delivery was a bit slow", -0.35)
                .setTopic("delivery").setCaseId("C-1").setOutcome("unresolved"));
        assertThat(j.state.risk()).isGreaterThan(0).isLessThan(0.3);
        assertThat(j.state.band()).isEqualTo("low");
    }

    @Test
    void aHappyCustomerIsAboutZero() {
        Journey j = new Journey(profile(48, "gold", 5000));
        j.feed(text(inbound("chat-1", T0, InteractionKind.CHAT), "Thanks, great service", 0.8, "praise").setOutcome("resolved").setTopic("app"));
        j.feed(inbound("s-1", T0 + H, InteractionKind.SURVEY).setNps(10).setCsat(5));
        assertThat(j.state.risk()).isLessThan(0.01);
        assertThat(j.risks).isEmpty(); // nothing material ever happened
    }

    @Test
    void weightsFromConfigChangeTheScore() {
        double standard = angry(JourneyConfig.defaults()).state.risk();
        double lighter = angry(JourneyConfig.of(Map.of("risk.weight.churn_intent", "0.2", "risk.weight.broken_promise", "0.1"))).state.risk();
        assertThat(lighter).isLessThan(standard - 0.1);
        Journey off = angry(JourneyConfig.of(Map.of("risk.weight.churn_intent", "0")));
        assertThat(off.state.toSummaryJson().get("drivers").toString()).doesNotContain("churn_intent");
    }

    @Test
    void riskDecaysOverTime() {
        Journey j = new Journey(profile(40, "silver", 1000));
        j.feed(text(inbound("chat-1", T0, InteractionKind.CHAT), "I will cancel my subscription", -0.2, "churn"));
        double fresh = j.state.risk();
        Step later = j.tick(T0 + 28 * D);
        assertThat(later.risk()).isNotNull();
        assertThat(later.risk().getRisk()).isCloseTo(j.state.risk(), within(1e-4));
        assertThat(later.risk().getUpdatedAt().toEpochMilli()).isEqualTo(T0 + 28 * D);
        assertThat(j.state.risk()).isLessThan(fresh / 3);
        assertThat(j.state.risk()).isGreaterThan(0);
    }

    @Test
    void aLongerHalfLifeDecaysSlower() {
        Journey standard = new Journey(profile(40, "silver", 1000));
        Journey slow = new Journey(JourneyConfig.of(Map.of("risk.half-life", "60d")), profile(40, "silver", 1000));
        for (Journey j : List.of(standard, slow)) {
            j.feed(text(inbound("chat-1", T0, InteractionKind.CHAT), "I will cancel my subscription", -0.2, "churn"));
            j.tick(T0 + 28 * D);
        }
        assertThat(slow.state.risk()).isGreaterThan(standard.state.risk());
    }

    @Test
    void riskIsPublishedOnlyWhenItChangesMaterially() {
        Journey j = new Journey(profile(40, "silver", 1000));
        Step churn = j.feed(text(inbound("chat-1", T0, InteractionKind.CHAT), "I will cancel my subscription", -0.2, "churn"));
        Step same = j.feed(inbound("chat-2", T0 + 1000, InteractionKind.CHAT));
        assertThat(churn.risk()).isNotNull();
        assertThat(churn.risk().getDrivers()).extracting(RiskDriver::getName).contains("churn_intent");
        assertThat(same.risk()).isNull();
        assertThat(same.stateChanged()).isTrue();
    }

    @Test
    void newCustomersCarryATenureRiskLongStandingOnesDoNot() {
        Journey fresh = new Journey(profile(1, "silver", 100));
        fresh.feed(inbound("chat-1", T0, InteractionKind.CHAT));
        assertThat(fresh.state.toSummaryJson().get("drivers").toString()).contains("tenure_value", "customer for 1 month");
        assertThat(fresh.state.risk()).isLessThan(0.3);

        Journey loyal = new Journey(profile(40, "silver", 100));
        loyal.feed(inbound("chat-1", T0, InteractionKind.CHAT));
        assertThat(loyal.state.risk()).isZero();
    }

    private static String detail(CustomerRisk risk, String driver) {
        return risk.getDrivers().stream().filter(d -> d.getName().equals(driver)).findFirst().orElseThrow().getDetail();
    }
}
