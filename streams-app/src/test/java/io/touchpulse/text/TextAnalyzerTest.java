package io.touchpulse.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextAnalyzerTest {
    private final TextAnalyzer a = TextAnalyzer.standard();

    @Test
    void intents() {
        assertThat(a.analyze("I want to cancel my account, I'm switching to another provider").intents()).contains("churn", "request");
        assertThat(a.analyze("Charged twice again, this is unacceptable").intents()).containsExactly("complaint");
        assertThat(a.analyze("Thanks, the agent went above and beyond!").intents()).containsExactly("praise");
        assertThat(a.analyze("How do I change my delivery address?").intents()).containsExactly("question");
        assertThat(a.analyze("Could you please add dark mode to the app").intents()).containsExactly("request");
        assertThat(a.analyze("").intents()).isEmpty();
    }

    @Test
    void aspectsCarryTheirOwnClausePolarity() {
        TextAnalysis t = a.analyze("The staff were lovely, but the bill is a total rip off.");
        assertThat(t.aspects()).containsOnlyKeys("staff", "price");
        assertThat(t.aspects().get("staff")).isPositive();
        assertThat(t.aspects().get("price")).isNegative();
        assertThat(a.analyze("My parcel arrived early and the app tracking was great").aspects()).containsKeys("delivery", "website");
        assertThat(a.analyze("Locked out of my account again").aspects()).containsOnlyKeys("account");
    }
}
