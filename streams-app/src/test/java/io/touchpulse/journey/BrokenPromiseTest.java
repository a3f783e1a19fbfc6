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

class BrokenPromiseTest {
    private static final JourneyIssueType BROKEN = JourneyIssueType.BROKEN_PROMISE;

    private static void feeWaiverThenCharge(Journey j) {
        j.feed(inbound("call-1", T0, InteractionKind.CALL).setTopic("fee").setOutcome("resolved")
                .setTags(List.of("complaint", "promise:fee-waiver")).setDurationSec(300));
        j.feed(outbound("bill-1", T0 + 2 * D, InteractionKind.LETTER).setTouchpoint("billing").setChannel("billing")
                .setTopic("fee").setTags(List.of("charged:fee")));
    }

    @Test
    void aChargeAfterAFeeWaiverBreaksThePromiseOnce() {
        Journey j = new Journey();
        feeWaiverThenCharge(j);
        j.feed(outbound("bill-2", T0 + 32 * D, InteractionKind.LETTER).setTouchpoint("billing").setChannel("billing")
                .setTags(List.of("charged:fee")));

        assertThat(j.issues(BROKEN)).hasSize(1);
        JourneyIssue issue = j.issues(BROKEN).get(0);
        assertThat(Journey.roles(issue)).containsExactly("promise", "contradiction");
        assertThat(Journey.eventIds(issue)).containsExactly("call-1", "bill-1");
        assertThat(issue.getDetectedAt().toEpochMilli()).isEqualTo(T0 + 2 * D);
        assertThat(issue.getTopic()).isEqualTo("fee");
        assertThat(issue.getSummary()).contains("Fee waiver promised on 2026-11-02 by phone", "the fee was charged on 2026-11-04");
        assertThat(issue.getSuggestedAction())
                .isEqualTo("Reverse the fee charged on 2026-11-04 and call the customer back; the waiver was promised on 2026-11-02 by phone.");
        assertThat(issue.getIssueId()).matches("[0-9a-f]{16}");
        assertThat(j.state.toJson().get("promises").toString()).contains("status=broken");
    }

    @Test
    void reprocessingTheSameEventsGivesTheSameIssueId() {
        Journey first = new Journey();
        feeWaiverThenCharge(first);
        Journey again = new Journey();
        feeWaiverThenCharge(again);
        assertThat(again.issues.get(0).getIssueId()).isEqualTo(first.issues.get(0).getIssueId());
    }

    @Test
    void aKeptCallbackPromiseRaisesNothing() {
        Journey j = new Journey();
        Step made = j.feed(inbound("chat-1", T0, InteractionKind.CHAT).setTopic("refund").setOutcome("callback-promised"));
        assertThat(made.nextDeadline()).isEqualTo(T0 + 24 * H);
        Step call = j.feed(outbound("call-1", T0 + 5 * H, InteractionKind.CALL).setTopic("refund"));
        assertThat(call.nextDeadline()).isEqualTo(Long.MAX_VALUE);
        j.tick(T0 + 25 * H);

        assertThat(j.issues(BROKEN)).isEmpty();
        assertThat(j.state.toJson().get("promises").toString()).contains("what=callback", "status=kept");
    }

    @Test
    void aCallbackDeadlinePassingUnfulfilledBreaksItAtTheDeadline() {
        Journey j = new Journey();
        j.feed(inbound("chat-1", T0, InteractionKind.CHAT).setTopic("refund").setOutcome("callback-promised"));
        assertThat(j.tick(T0 + 23 * H).issues()).isEmpty();
        Step due = j.tick(T0 + 24 * H);
        j.tick(T0 + 30 * H);
        j.feed(outbound("call-late", T0 + 31 * H, InteractionKind.CALL));

        assertThat(due.stateChanged()).isTrue();
        assertThat(j.issues(BROKEN)).hasSize(1);
        JourneyIssue issue = j.issues(BROKEN).get(0);
        assertThat(Journey.roles(issue)).containsExactly("promise");
        assertThat(issue.getDetectedAt().toEpochMilli()).isEqualTo(T0 + 24 * H);
        assertThat(issue.getSummary()).contains("not delivered by its deadline 2026-11-03");
        assertThat(issue.getSuggestedAction()).startsWith("Call the customer back today");
        assertThat(j.state.toJson().get("promises").toString()).contains("status=broken");
    }

    @Test
    void aLaterEventSettlesAnOverdueDeadlineWithoutATick() {
        Journey j = new Journey();
        j.feed(inbound("chat-1", T0, InteractionKind.CHAT).setOutcome("callback-promised"));
        Step next = j.feed(inbound("chat-2", T0 + 2 * D, InteractionKind.CHAT));
        assertThat(next.issues()).extracting(JourneyIssue::getType).containsExactly(BROKEN);
        assertThat(next.issues().get(0).getDetectedAt().toEpochMilli()).isEqualTo(T0 + 24 * H);
    }

    @Test
    void aDueTagSetsTheDeadlineAndAFulfilledTagKeepsThePromise() {
        Journey j = new Journey();
        Step made = j.feed(inbound("call-1", T0, InteractionKind.CALL)
                .setTags(List.of("promise:refund", "due:2026-11-05T12:00:00Z")));
        assertThat(made.nextDeadline()).isEqualTo(java.time.Instant.parse("2026-11-05T12:00:00Z").toEpochMilli());
        j.feed(outbound("pay-1", T0 + 2 * D, InteractionKind.LETTER).setTags(List.of("fulfilled:refund")));
        j.tick(T0 + 20 * D);
        assertThat(j.issues(BROKEN)).isEmpty();
    }

    @Test
    void aTechnicianVisitAfterACancelledVisitBreaksThePromise() {
        Journey j = new Journey();
        j.feed(inbound("call-1", T0, InteractionKind.CALL).setTags(List.of("promise:visit-cancelled")));
        j.feed(outbound("visit-1", T0 + D, InteractionKind.VISIT).setTouchpoint("field-service"));
        assertThat(j.issues(BROKEN)).hasSize(1);
        assertThat(j.issues(BROKEN).get(0).getSummary()).contains("a technician visited anyway");
    }
}
