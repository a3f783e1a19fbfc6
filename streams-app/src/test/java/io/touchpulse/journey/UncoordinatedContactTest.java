package io.touchpulse.journey;

import io.touchpulse.schema.InteractionKind;
import io.touchpulse.schema.JourneyIssue;
import io.touchpulse.schema.JourneyIssueType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.touchpulse.journey.Events.D;
import static io.touchpulse.journey.Events.H;
import static io.touchpulse.journey.Events.T0;
import static io.touchpulse.journey.Events.inbound;
import static io.touchpulse.journey.Events.outbound;
import static org.assertj.core.api.Assertions.assertThat;

class UncoordinatedContactTest {
    private static final JourneyIssueType UNCOORDINATED = JourneyIssueType.UNCOORDINATED_CONTACT;

    private static Journey withOpenCase() {
        Journey j = new Journey();
        j.feed(inbound("chat-1", T0, InteractionKind.CHAT).setCaseId("C-7").setTopic("delivery").setOutcome("unresolved"));
        return j;
    }

    @Test
    void phoneAndMarketingEmailWhileACaseIsOpenFireOncePerCase() {
        Journey j = withOpenCase();
        j.feed(outbound("call-1", T0 + 2 * H, InteractionKind.CALL).setCaseId("C-7").setTopic("delivery"));
        j.feed(outbound("mail-1", T0 + 5 * H, InteractionKind.EMAIL).setTags(List.of("marketing")).setTopic("offer"));
        j.feed(outbound("sms-1", T0 + 6 * H, InteractionKind.SMS));

        assertThat(j.issues(UNCOORDINATED)).hasSize(1);
        JourneyIssue issue = j.issues(UNCOORDINATED).get(0);
        assertThat(Journey.roles(issue)).containsExactly("open-case", "outbound-contact", "outbound-contact");
        assertThat(Journey.eventIds(issue)).containsExactly("chat-1", "call-1", "mail-1");
        assertThat(issue.getDetectedAt().toEpochMilli()).isEqualTo(T0 + 5 * H);
        assertThat(issue.getSummary()).contains("2 outbound contacts on phone, email", "case C-7 about delivery");
        assertThat(issue.getSuggestedAction()).contains("one owner for case C-7", "pause marketing");
        assertThat(issue.getTopic()).isEqualTo("delivery");
    }

    @Test
    void serviceAndMarketingOnTheSameChannelAreUncoordinatedToo() {
        Journey j = withOpenCase();
        j.feed(outbound("mail-1", T0 + H, InteractionKind.EMAIL).setCaseId("C-7"));
        j.feed(outbound("mail-2", T0 + 3 * H, InteractionKind.EMAIL).setTags(List.of("marketing")));
        assertThat(j.issues(UNCOORDINATED)).hasSize(1);
        assertThat(j.issues(UNCOORDINATED).get(0).getSummary()).contains("(service and marketing)");
    }

    @Test
    void severalServiceContactsOnOneChannelAreFine() {
        Journey j = withOpenCase();
        j.feed(outbound("mail-1", T0 + H, InteractionKind.EMAIL).setCaseId("C-7"));
        j.feed(outbound("mail-2", T0 + 3 * H, InteractionKind.EMAIL).setCaseId("C-7"));
        j.feed(outbound("mail-3", T0 + 4 * H, InteractionKind.EMAIL).setCaseId("C-7"));
        assertThat(j.issues(UNCOORDINATED)).isEmpty();
    }

    @Test
    void withoutAnOpenCaseSeveralChannelsAreFine() {
        Journey j = new Journey();
        j.feed(inbound("chat-1", T0, InteractionKind.CHAT).setCaseId("C-7").setTopic("delivery").setOutcome("resolved"));
        j.feed(outbound("call-1", T0 + 2 * H, InteractionKind.CALL));
        j.feed(outbound("mail-1", T0 + 5 * H, InteractionKind.EMAIL).setTags(List.of("marketing")));
        assertThat(j.issues(UNCOORDINATED)).isEmpty();
    }

    @Test
    void contactsFurtherApartThanTheWindowAreFine() {
        Journey j = withOpenCase();
        j.feed(outbound("call-1", T0 + H, InteractionKind.CALL).setCaseId("C-7"));
        j.feed(outbound("mail-1", T0 + 2 * D, InteractionKind.EMAIL).setTags(List.of("marketing")));
        assertThat(j.issues(UNCOORDINATED)).isEmpty();
    }
}
