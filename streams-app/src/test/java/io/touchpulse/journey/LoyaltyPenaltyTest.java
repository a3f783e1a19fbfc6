package io.touchpulse.journey;

import io.touchpulse.schema.InteractionKind;
import io.touchpulse.schema.JourneyIssue;
import io.touchpulse.schema.JourneyIssueType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.touchpulse.journey.Events.D;
import static io.touchpulse.journey.Events.T0;
import static io.touchpulse.journey.Events.inbound;
import static io.touchpulse.journey.Events.outbound;
import static io.touchpulse.journey.Events.profile;
import static io.touchpulse.journey.Events.text;
import static org.assertj.core.api.Assertions.assertThat;

class LoyaltyPenaltyTest {
    private static final JourneyIssueType LOYALTY = JourneyIssueType.LOYALTY_PENALTY;
    private static final String ASK = "Why do new customers get a better price than me?";

    @Test
    void aLoyalCustomerAskingForTheNewCustomerOfferFiresOncePerRequest() {
        Journey j = new Journey(profile(48, "gold", 4200));
        j.feed(text(inbound("chat-1", T0, InteractionKind.CHAT), ASK, -0.2, "question").setTopic("price"));
        j.feed(inbound("call-1", T0 + 2 * D, InteractionKind.CALL).setTopic("price")
                .setTags(List.of("offer:new-customer")).setOutcome("refused"));

        assertThat(j.issues(LOYALTY)).hasSize(1);
        JourneyIssue issue = j.issues(LOYALTY).get(0);
        assertThat(Journey.roles(issue)).containsExactly("request");
        assertThat(Journey.eventIds(issue)).containsExactly("chat-1");
        assertThat(issue.getSummary()).isEqualTo("A customer of 4 years asked for the offer new customers get.");
        assertThat(issue.getSuggestedAction()).contains("customer of 4 years the new-customer price", "for price");
    }

    @Test
    void aSearchForTheNewCustomerDealCountsAsAsking() {
        Journey j = new Journey(profile(30, "silver", 900));
        j.feed(Events.search("q-1", T0, "deal for new customers only", 0));
        assertThat(j.issues(LOYALTY)).hasSize(1);
    }

    @Test
    void loyalCustomersPayingMoreIsAnAskToo() {
        Journey j = new Journey(profile(30, "silver", 900));
        j.feed(text(inbound("mail-1", T0, InteractionKind.EMAIL), "I have been a loyal customer for years and I pay more than my neighbour", -0.3));
        assertThat(j.issues(LOYALTY)).hasSize(1);
    }

    @Test
    void aRefusedNewCustomerOfferFires() {
        Journey j = new Journey(profile(24, "silver", 900));
        j.feed(inbound("call-1", T0, InteractionKind.CALL).setTags(List.of("offer:new-customer")).setOutcome("declined"));
        assertThat(j.issues(LOYALTY)).hasSize(1);
        assertThat(Journey.roles(j.issues(LOYALTY).get(0))).containsExactly("refusal");
        assertThat(j.issues(LOYALTY).get(0).getSummary()).contains("was refused the offer new customers get");
    }

    @Test
    void aRetentionOfferOnlyAfterAChurnIntentFires() {
        Journey j = new Journey(profile(36, "gold", 3000));
        j.feed(text(inbound("chat-1", T0, InteractionKind.CHAT), "I am cancelling my contract, switching to another provider", -0.4, "churn"));
        j.feed(outbound("call-1", T0 + 2 * D, InteractionKind.CALL).setTopic("retention").setTags(List.of("retention", "offer:retention")));

        assertThat(j.issues(LOYALTY)).hasSize(1);
        JourneyIssue issue = j.issues(LOYALTY).get(0);
        assertThat(Journey.roles(issue)).containsExactly("churn-intent", "offer");
        assertThat(Journey.eventIds(issue)).containsExactly("chat-1", "call-1");
    }

    @Test
    void aRetentionOfferBeforeAnyChurnIntentIsFine() {
        Journey j = new Journey(profile(36, "gold", 3000));
        j.feed(outbound("call-1", T0, InteractionKind.CALL).setTags(List.of("offer:retention")));
        assertThat(j.issues(LOYALTY)).isEmpty();
    }

    @Test
    void aNewCustomerAskingAboutTheNewCustomerOfferIsFine() {
        Journey j = new Journey(profile(2, "bronze", 60));
        j.feed(text(inbound("chat-1", T0, InteractionKind.CHAT), ASK, -0.2, "question"));
        j.feed(inbound("call-1", T0 + D, InteractionKind.CALL).setTags(List.of("offer:new-customer")).setOutcome("refused"));
        assertThat(j.issues(LOYALTY)).isEmpty();
    }

    @Test
    void withoutAProfileNobodyIsJudgedLoyal() {
        Journey j = new Journey();
        j.feed(text(inbound("chat-1", T0, InteractionKind.CHAT), ASK, -0.2, "question"));
        assertThat(j.issues(LOYALTY)).isEmpty();
    }
}
