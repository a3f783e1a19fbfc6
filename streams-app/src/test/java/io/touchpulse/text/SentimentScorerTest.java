package io.touchpulse.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SentimentScorerTest {
    private final SentimentScorer s = SentimentScorer.standard();

    @Test
    void labelsPlainTexts() {
        assertThat(s.score("The agent was really helpful, thanks!").label()).isEqualTo("positive");
        assertThat(s.score("Terrible service, I was charged twice").label()).isEqualTo("negative");
        assertThat(s.score("How do I change my delivery address?").label()).isEqualTo("neutral");
        assertThat(s.score("").label()).isEqualTo("neutral");
        assertThat(s.score(null).compound()).isZero();
    }

    @Test
    void negationFlipsAndDampens() {
        assertThat(s.score("not good").compound()).isNegative();
        assertThat(s.score("the app isn't bad").compound()).isPositive();
        assertThat(s.score("no problems at all").compound()).isPositive();
    }

    @Test
    void laterClauseOfButWeighsMore() {
        assertThat(s.score("The app is fine but checkout keeps failing").compound()).isNegative();
        assertThat(s.score("Delivery was late but the support team sorted it out quickly").compound()).isPositive();
        // the later clause has no sentiment words: the contrast itself turns it against the first
        assertThat(s.score("Nice shop but the parking is a mile away").label()).isEqualTo("negative");
        assertThat(s.score("Although the flight was delayed, the crew handled it really well").label()).isEqualTo("positive");
    }

    @Test
    void praiseBesideAClearFailureDoesNotMakeItPositive() {
        assertThat(s.score("Fantastic, charged twice again. Well done.").label()).isEqualTo("negative");
        assertThat(s.score("Great service, thanks a lot").label()).isEqualTo("positive");
        assertThat(s.score("great, thanks for sorting order 182").label()).isEqualTo("positive");
    }

    @Test
    void emphasisIncreasesIntensity() {
        double plain = s.score("the wait was bad").compound();
        assertThat(s.score("the wait was very bad").compound()).isLessThan(plain);
        assertThat(s.score("the wait was BAD").compound()).isLessThan(plain);
        assertThat(s.score("the wait was bad!!!").compound()).isLessThan(plain);
        assertThat(s.score("the app is sooo slooow").compound()).isLessThan(s.score("the app is slow").compound());
        assertThat(s.score("loooove the new app").label()).isEqualTo("positive");
    }

    @Test
    void compoundStaysInRangeAndProportionsSumToOne() {
        Sentiment x = s.score("awful awful awful terrible horrible worst nightmare scam!!!!");
        assertThat(x.compound()).isBetween(-1.0, -0.9);
        assertThat(x.positive() + x.neutral() + x.negative()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void termsDropStopWordsAndDuplicates() {
        assertThat(Terms.of("Where is my REFUND? my refund is late")).containsExactly("refund", "late");
        assertThat(Terms.of("The promo code fails, checkout says invalid")).containsExactly("promo", "code", "fails", "checkout", "says", "invalid",
                "promo code", "code fails", "checkout says", "says invalid");
    }
}
