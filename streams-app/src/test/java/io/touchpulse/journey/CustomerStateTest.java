package io.touchpulse.journey;

import io.touchpulse.schema.InteractionKind;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerStateTest {
    private static Journey busy() {
        Journey j = new Journey(profile(30, "gold", 2500));
        j.feed(text(inbound("chat-1", T0, InteractionKind.CHAT), "Still no refund, this is unacceptable", -0.6, "complaint")
                .setTopic("refund").setCaseId("C-1").setOutcome("callback-promised").setDissatisfied(true)
                .setReasons(List.of("COMPLAINT", "NEGATIVE_VERBATIM")));
        j.feed(inbound("s-1", T0 + H, InteractionKind.SURVEY).setNps(3));
        j.feed(outbound("mail-1", T0 + 2 * H, InteractionKind.EMAIL).setTags(List.of("marketing")));
        j.feed(Events.search("q-1", T0 + 3 * H, "cancel my contract", -0.1, "churn"));
        return j;
    }

    @Test
    void encodeDecodeRoundTripKeepsEverything() {
        Journey j = busy();
        byte[] bytes = j.state.encode();
        CustomerState back = CustomerState.decode(bytes);

        assertThat(back.encode()).isEqualTo(bytes);
        assertThat(back.toJson()).isEqualTo(j.state.toJson());
        assertThat(back.issueIds()).isEqualTo(j.state.issueIds());
        assertThat(back.nextDeadline()).isEqualTo(T0 + 24 * H);
        assertThat(bytes.length).isLessThan(2048);
    }

    /** customer-state-v1.bin: {@link #busy()} encoded by the version-1 codec, before version 2 (2026-11). */
    @Test
    void statesWrittenInVersion1AreStillReadAndRewrittenInTheCurrentVersion() throws Exception {
        byte[] v1;
        try (var in = CustomerStateTest.class.getResourceAsStream("/journey/customer-state-v1.bin")) {
            v1 = in.readAllBytes();
        }
        assertThat(v1[0]).isEqualTo((byte) 1);
        CustomerState busy = busy().state;
        CustomerState back = CustomerState.decode(v1);
        assertThat(back.toJson()).isEqualTo(busy.toJson());
        assertThat(back.encode()).isEqualTo(busy.encode());
        assertThat(CustomerState.peekRisk(v1)).isEqualTo(busy.risk());
        assertThat(CustomerState.peekSegment(v1)).isEqualTo("consumer");
        assertThat(busy.encode()[0]).isEqualTo(StateCodec.VERSION);
        assertThat(busy.encode().length).as("version 2 against version 1").isLessThan(v1.length * 4 / 5);
    }

    @Test
    void riskAndSegmentCanBePeekedWithoutDecoding() {
        Journey j = busy();
        byte[] bytes = j.state.encode();
        assertThat(CustomerState.peekRisk(bytes)).isEqualTo(j.state.risk()).isGreaterThan(0.5);
        assertThat(CustomerState.peekSegment(bytes)).isEqualTo("consumer");
    }

    @Test
    void theCustomerViewHasTheDocumentedShape() {
        Map<String, Object> json = busy().state.toJson();
        assertThat(json).containsKeys("customerId", "segment", "tier", "risk", "band", "drivers", "sentiment", "contacts",
                "openCases", "surveys", "promises", "recentDissatisfaction", "issues", "updatedAt");
        assertThat(json).containsEntry("customerId", Events.CUSTOMER).containsEntry("tier", "gold")
                .containsEntry("updatedAt", "2026-11-02T12:00:00Z");
        assertThat(json.get("contacts")).isEqualTo(Map.of("chat", 1, "email", 1, "survey", 1));
        assertThat(json.get("openCases").toString()).contains("caseId=C-1", "topic=refund", "complaint=true");
        assertThat(json.get("promises").toString()).contains("what=callback", "status=pending", "dueAt=2026-11-03T09:00:00Z");
        assertThat(json.get("recentDissatisfaction").toString()).contains("COMPLAINT", "support-chat");
        assertThat(json.get("drivers").toString()).contains("name=churn_intent", "contribution=", "detail=");

        Map<String, Object> summary = busy().state.toSummaryJson();
        assertThat(summary).containsOnlyKeys("customerId", "segment", "tier", "risk", "band", "drivers", "valueAtRisk", "updatedAt");
    }

    @Test
    void everyListIsCappedSoTheStateStaysBounded() {
        Journey j = new Journey(profile(30, "gold", 2500));
        String longText = "x".repeat(5000);
        for (int i = 0; i < 300; i++) {
            long t = T0 + i * H;
            j.feed(text(inbound("e-" + i, t, InteractionKind.CHAT), longText, -0.5, "complaint")
                    .setCaseId("case-" + i).setTopic("topic-" + (i % 20)).setOutcome("callback-promised")
                    .setTags(List.of("promise:thing-" + i, "complaint")).setDissatisfied(true).setReasons(List.of("COMPLAINT")));
            j.feed(inbound("s-" + i, t + 1, InteractionKind.SURVEY).setCsat(1));
        }
        byte[] bytes = j.state.encode();
        assertThat(bytes.length).isLessThan(16 * 1024);
        assertThat(j.state.issueIds()).hasSizeLessThanOrEqualTo(CustomerState.MAX_ISSUES);
        assertThat(CustomerState.decode(bytes).encode()).isEqualTo(bytes);
    }

    @Test
    void plainPageViewsAndDuplicatesLeaveTheStateAlone() {
        Journey j = new Journey();
        Step view = j.feed(Events.pageView("v-1", T0));
        assertThat(view.stateChanged()).isFalse();
        assertThat(j.stored).isNull();

        j.feed(inbound("chat-1", T0, InteractionKind.CHAT).setTopic("refund"));
        byte[] before = j.stored.clone();
        Step again = j.feed(inbound("chat-1", T0, InteractionKind.CHAT).setTopic("refund"));
        assertThat(again.stateChanged()).isFalse();
        assertThat(j.stored).isEqualTo(before);
    }

    @Test
    void badBytesAndBadSignalsGiveClearErrors() {
        assertThatThrownBy(() -> CustomerState.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> CustomerState.decode(new byte[] {9, 1, 2})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 9");
        byte[] good = busy().state.encode();
        assertThatThrownBy(() -> CustomerState.decode(Arrays.copyOf(good, good.length / 2))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> CustomerState.peekRisk(new byte[] {1, 2})).isInstanceOf(IllegalArgumentException.class);

        JourneyEngine engine = new JourneyEngine(JourneyConfig.defaults());
        assertThatThrownBy(() -> engine.observe(null, inbound("x", T0, InteractionKind.CALL).setCustomerId(null).build(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no customerId");
        CustomerState other = engine.observe(null, inbound("x", T0, InteractionKind.CALL).build(), null).state();
        assertThatThrownBy(() -> engine.observe(other, inbound("y", T0, InteractionKind.CALL).setCustomerId("someone-else").build(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("someone-else");
    }

    @Test
    void aLateEventSlotsIntoHistoryWithoutMovingUpdatedAtBack() {
        Journey j = new Journey();
        j.feed(inbound("chat-2", T0 + D, InteractionKind.CHAT).setTopic("refund"));
        Step late = j.feed(inbound("chat-1", T0, InteractionKind.CHAT).setTopic("refund"));
        assertThat(late.addedReasons()).isEmpty(); // nothing before it
        assertThat(j.state.updatedAt()).isEqualTo(T0 + D);
        Step third = j.feed(inbound("chat-3", T0 + 2 * D, InteractionKind.CHAT).setTopic("refund"));
        assertThat(third.issues()).hasSize(1);
        assertThat(Journey.eventIds(third.issues().get(0))).containsExactly("chat-1", "chat-2", "chat-3");
    }
}
