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
import static io.touchpulse.journey.Events.text;
import static org.assertj.core.api.Assertions.assertThat;

class ToneDeafOutreachTest {
    private static final JourneyIssueType TONE_DEAF = JourneyIssueType.TONE_DEAF_OUTREACH;

    private static void complain(Journey j) {
        j.feed(text(inbound("call-1", T0, InteractionKind.CALL), "You billed me a fee again, this is unacceptable", -0.6, "complaint")
                .setTopic("fee").setOutcome("unresolved").setTags(List.of("complaint")));
    }

    @Test
    void aRetentionCallWhileTheComplaintIsUnansweredFiresPerOutreach() {
        Journey j = new Journey();
        complain(j);
        j.feed(outbound("ret-1", T0 + 3 * D, InteractionKind.CALL).setTopic("retention").setTags(List.of("retention")));
        j.feed(outbound("ret-2", T0 + 4 * D, InteractionKind.EMAIL).setTags(List.of("renewal")));

        assertThat(j.issues(TONE_DEAF)).hasSize(2);
        JourneyIssue issue = j.issues(TONE_DEAF).get(0);
        assertThat(Journey.roles(issue)).containsExactly("complaint", "outreach");
        assertThat(Journey.eventIds(issue)).containsExactly("call-1", "ret-1");
        assertThat(issue.getEvidence().get(0).getText()).isEqualTo("You billed me a fee again, this is unacceptable");
        assertThat(issue.getSummary()).isEqualTo("Retention call on 2026-11-05 while the complaint about fee from 2026-11-02 is still unanswered.");
        assertThat(issue.getSuggestedAction()).contains("resolve the complaint about fee from 2026-11-02 first");
        assertThat(j.issues(TONE_DEAF).get(1).getIssueId()).isNotEqualTo(issue.getIssueId());
    }

    @Test
    void aRetentionCallAfterTheComplaintWasResolvedIsFine() {
        Journey j = new Journey();
        complain(j);
        j.feed(outbound("call-2", T0 + D, InteractionKind.CALL).setTopic("fee").setOutcome("resolved"));
        j.feed(outbound("ret-1", T0 + 3 * D, InteractionKind.CALL).setTopic("retention").setTags(List.of("retention")));
        assertThat(j.issues(TONE_DEAF)).isEmpty();
    }

    @Test
    void outreachToACustomerWithoutComplaintsIsFine() {
        Journey j = new Journey();
        j.feed(inbound("chat-1", T0, InteractionKind.CHAT).setTopic("delivery").setOutcome("resolved"));
        j.feed(outbound("ret-1", T0 + 3 * D, InteractionKind.CALL).setTopic("retention").setTags(List.of("retention")));
        assertThat(j.issues(TONE_DEAF)).isEmpty();
    }
}
