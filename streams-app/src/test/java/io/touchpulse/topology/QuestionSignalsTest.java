package io.touchpulse.topology;

import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.schema.Direction;
import io.touchpulse.schema.Interaction;
import io.touchpulse.schema.InteractionKind;
import io.touchpulse.schema.Signal;
import io.touchpulse.text.TextAnalyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which interactions are customers' questions, and which of them ended without an answer. */
class QuestionSignalsTest {
    private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
    private final SignalFactory factory = new SignalFactory(TouchpulseConfig.from(TouchpulseConfig.DEFAULTS),
            Clock.fixed(T, ZoneOffset.UTC), TextAnalyzer.standard());

    private static Interaction.Builder chat(String text) {
        return Interaction.newBuilder().setEventId("i1").setTimestamp(T).setCustomerId("c1").setKind(InteractionKind.CHAT)
                .setDirection(Direction.INBOUND).setTouchpoint("store").setChannel("chat").setText(text);
    }

    private Signal score(Interaction.Builder b) {
        return factory.fromInteraction(b.build());
    }

    @Test
    void anAnsweredQuestionIsAQuestionOnly() {
        Signal s = score(chat("How do I change my delivery address?").setOutcome("resolved"));
        assertThat(s.getQuestion()).isTrue();
        assertThat(s.getUnanswered()).isFalse();
        assertThat(s.getReasons()).doesNotContain("UNANSWERED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abandoned", "transferred", "unresolved", "no-answer", "Transferred"})
    void aQuestionEndingWithoutAnAnswerIsUnanswered(String outcome) {
        Signal s = score(chat("Do you stock the Nova X charger?").setOutcome(outcome));
        assertThat(s.getQuestion()).isTrue();
        assertThat(s.getUnanswered()).isTrue();
        assertThat(s.getReasons()).contains("UNANSWERED");
        assertThat(s.getDissatisfied()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-answer", "unanswered", "NO-ANSWER"})
    void aNoAnswerTagMarksItUnanswered(String tag) {
        Signal s = score(chat("Is the store open on Sunday?").setTags(List.of(tag)));
        assertThat(s.getUnanswered()).isTrue();
        assertThat(s.getReasons()).contains("UNANSWERED");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Customer: can I return this without a receipt? Agent: Sorry, I can't help with that.",
            "Customer: why is my parcel held at customs? Agent: I cannot help you with customs questions.",
            "Customer: what is the warranty on this? Agent: That's not something I can help with.",
            "Customer: does this fit the 2019 model? Agent: I don\u2019t know, sorry.",
            "Customer: can you unlock my card? Agent: You'll have to ask your branch.",
            "Customer: why was I charged twice? Agent: I'm not able to answer that.",
            "Why was my order cancelled? I called twice and no one could tell me",
            "What happened to my refund? Nobody could answer it in the store"})
    void aCantHelpReplyInTheTranscriptMarksItUnanswered(String transcript) {
        Signal s = score(chat(transcript));
        assertThat(s.getQuestion()).as(transcript).isTrue();
        assertThat(s.getUnanswered()).as(transcript).isTrue();
    }

    @Test
    void aQuestionTagCountsEvenWithoutAQuestionInTheText() {
        Signal s = score(chat("Customer asked about opening hours").setTags(List.of("Question")).setOutcome("abandoned"));
        assertThat(s.getQuestion()).isTrue();
        assertThat(s.getUnanswered()).isTrue();
    }

    @Test
    void outboundContactsAreNotCustomersQuestions() {
        Signal s = score(chat("How did we do today? I don't know if you saw our offer?").setDirection(Direction.OUTBOUND).setOutcome("abandoned"));
        assertThat(s.getQuestion()).isFalse();
        assertThat(s.getUnanswered()).isFalse();
        assertThat(s.getReasons()).doesNotContain("UNANSWERED");
    }

    @Test
    void aStatementThatEndsBadlyIsNoUnansweredQuestion() {
        Signal s = score(chat("The agent was rude and the chat dropped").setOutcome("abandoned"));
        assertThat(s.getQuestion()).isFalse();
        assertThat(s.getUnanswered()).isFalse();
        assertThat(s.getReasons()).contains("ABANDONED").doesNotContain("UNANSWERED");
    }
}
