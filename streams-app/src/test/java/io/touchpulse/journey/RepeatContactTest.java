package io.touchpulse.journey;

import io.touchpulse.schema.InteractionKind;
import io.touchpulse.schema.JourneyIssue;
import io.touchpulse.schema.JourneyIssueType;
import org.junit.jupiter.api.Test;

import static io.touchpulse.journey.Events.D;
import static io.touchpulse.journey.Events.H;
import static io.touchpulse.journey.Events.T0;
import static io.touchpulse.journey.Events.inbound;
import static io.touchpulse.journey.Events.text;
import static org.assertj.core.api.Assertions.assertThat;

class RepeatContactTest {
    private static final JourneyIssueType REPEAT = JourneyIssueType.REPEAT_CONTACT;

    @Test
    void theSecondContactAboutAProblemIsMarkedAndTheThirdRaisesOneIssue() {
        Journey j = new Journey();
        Step first = j.feed(inbound("call-1", T0, InteractionKind.CALL).setTopic("refund").setCaseId("A").setOutcome("unresolved"));
        Step second = j.feed(inbound("chat-1", T0 + 2 * D, InteractionKind.CHAT).setTopic("refund").setCaseId("B").setOutcome("unresolved"));
        Step third = j.feed(inbound("mail-1", T0 + 4 * D + H, InteractionKind.EMAIL).setTopic("refund"));
        Step fourth = j.feed(inbound("call-2", T0 + 5 * D, InteractionKind.CALL).setTopic("refund"));

        assertThat(first.addedReasons()).isEmpty();
        assertThat(second.addedReasons()).containsExactly("REPEAT_CONTACT");
        assertThat(third.addedReasons()).containsExactly("REPEAT_CONTACT");
        assertThat(fourth.addedReasons()).containsExactly("REPEAT_CONTACT");
        assertThat(j.issues(REPEAT)).hasSize(1);
        JourneyIssue issue = third.issues().get(0);
        assertThat(issue.getType()).isEqualTo(REPEAT);
        assertThat(Journey.eventIds(issue)).containsExactly("call-1", "chat-1", "mail-1");
        assertThat(Journey.roles(issue)).containsOnly("contact");
        assertThat(issue.getSummary()).isEqualTo("3 contacts about refund in 5 days without a resolution.");
        assertThat(issue.getTopic()).isEqualTo("refund");
    }

    @Test
    void twoContactsOnlyAreNoIssue() {
        Journey j = new Journey();
        j.feed(inbound("call-1", T0, InteractionKind.CALL).setTopic("refund"));
        j.feed(inbound("chat-1", T0 + D, InteractionKind.CHAT).setTopic("refund"));
        j.feed(inbound("chat-2", T0 + D, InteractionKind.CHAT).setTopic("delivery"));
        assertThat(j.issues(REPEAT)).isEmpty();
    }

    @Test
    void contactsMoreThanAWeekApartAreNoRepeat() {
        Journey j = new Journey();
        j.feed(inbound("call-1", T0, InteractionKind.CALL).setTopic("refund"));
        Step later = j.feed(inbound("call-2", T0 + 8 * D, InteractionKind.CALL).setTopic("refund"));
        assertThat(later.addedReasons()).isEmpty();
    }

    @Test
    void surveysAndOutboundContactsAreNotRepeatContacts() {
        Journey j = new Journey();
        j.feed(inbound("call-1", T0, InteractionKind.CALL).setTopic("refund"));
        j.feed(Events.outbound("call-2", T0 + H, InteractionKind.CALL).setTopic("refund"));
        Step survey = j.feed(inbound("s-1", T0 + 2 * H, InteractionKind.SURVEY).setTopic("refund").setCsat(2));
        assertThat(survey.addedReasons()).isEmpty();
    }

    @Test
    void theSameQuestionAgainIsARepeatedQuestion() {
        Journey j = new Journey();
        Step first = j.feed(text(inbound("chat-1", T0, InteractionKind.CHAT), "How do I reset my password?", 0, "question")
                .setQuestion(true).setTopic("password"));
        Step again = j.feed(text(inbound("chat-2", T0 + 2 * D, InteractionKind.CHAT), "How can I reset my password?", 0, "question")
                .setQuestion(true).setTopic("password"));
        Step other = j.feed(text(inbound("chat-3", T0 + 2 * D, InteractionKind.CHAT), "When does my parcel arrive?", 0, "question")
                .setQuestion(true).setTopic("delivery"));

        assertThat(first.repeatedQuestion()).isFalse();
        assertThat(again.repeatedQuestion()).isTrue();
        assertThat(again.addedReasons()).contains("UNANSWERED");
        assertThat(other.repeatedQuestion()).isFalse();
    }

    @Test
    void theSameWordsWithoutATopicAreTheSameQuestion() {
        Journey j = new Journey();
        j.feed(text(inbound("v-1", T0, InteractionKind.VERBATIM), "where is my invoice?", 0, "question").setQuestion(true));
        Step again = j.feed(text(inbound("v-2", T0 + D, InteractionKind.VERBATIM), "my invoice where is?", 0, "question").setQuestion(true));
        assertThat(again.repeatedQuestion()).isTrue();
    }
}
