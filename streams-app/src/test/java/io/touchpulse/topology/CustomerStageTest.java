package io.touchpulse.topology;

import io.touchpulse.schema.CustomerRisk;
import io.touchpulse.schema.Direction;
import io.touchpulse.schema.InteractionKind;
import io.touchpulse.schema.JourneyIssue;
import io.touchpulse.schema.JourneyIssueType;
import io.touchpulse.schema.Signal;
import io.touchpulse.schema.SurveyDecision;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The customer stage in the real topology: findings reach their topics, signals carry the customer's history, state survives. */
class CustomerStageTest {
    private static final Instant T = PipelineDriver.T0;
    /** Journeys take days; the driver's clock would call those events "from the future". */
    private static final Map<String, String> DAYS_AHEAD = Map.of("validation.max-future-skew", "3650d");

    @Test
    void aFeeWaiverFollowedByTheFeeBilledIsABrokenPromiseOnTheTopicOnce() {
        try (PipelineDriver d = new PipelineDriver(DAYS_AHEAD)) {
            d.profile("c1", "premium", 36, 4200);
            d.interaction("c1", InteractionKind.CALL, Direction.INBOUND, "billing", "phone", "Why was I charged a late fee? I always pay on time.",
                    "resolved", "case-1", "fee", List.of("complaint", "promise:fee-waiver"), T);
            d.interaction("c1", InteractionKind.LETTER, Direction.OUTBOUND, "billing", "letter", "Your invoice: late payment fee 25.00",
                    null, null, "fee", List.of("charged:fee"), T.plus(Duration.ofDays(3)));
            // the same billing letter again (a retry upstream) proves nothing new
            d.interaction("c1", InteractionKind.LETTER, Direction.OUTBOUND, "billing", "letter", "Your invoice: late payment fee 25.00",
                    null, null, "fee", List.of("charged:fee"), T.plus(Duration.ofDays(3)).plusSeconds(5));

            List<JourneyIssue> issues = d.journeyIssues.readValuesToList();
            assertThat(issues).singleElement().satisfies(i -> {
                assertThat(i.getType()).isEqualTo(JourneyIssueType.BROKEN_PROMISE);
                assertThat(i.getCustomerId()).isEqualTo("c1");
                assertThat(i.getSegment()).isEqualTo("premium");
                assertThat(i.getEvidence()).hasSizeGreaterThanOrEqualTo(2);
                assertThat(i.getSuggestedAction()).isNotBlank();
            });
            List<CustomerRisk> risks = d.risk.readValuesToList();
            assertThat(risks).isNotEmpty().allSatisfy(r -> assertThat(r.getCustomerId()).isEqualTo("c1"));
            assertThat(risks.get(risks.size() - 1).getDrivers()).extracting(dr -> dr.getName()).contains("broken_promise");
        }
    }

    @Test
    void journeyIssuesAreKeptForKeepIssuesOfStreamTimeThenRemoved() {
        Map<String, String> settings = new java.util.HashMap<>(DAYS_AHEAD);
        settings.put("journey.keep-issues", "2d");
        try (PipelineDriver d = new PipelineDriver(settings)) {
            for (String c : List.of("c1", "c2")) {
                Instant from = c.equals("c1") ? T : T.plus(Duration.ofDays(2));
                d.interaction(c, InteractionKind.CALL, Direction.INBOUND, "billing", "phone", "Why was I charged a late fee?",
                        "resolved", "case-" + c, "fee", List.of("complaint", "promise:fee-waiver"), from);
                d.interaction(c, InteractionKind.LETTER, Direction.OUTBOUND, "billing", "letter", "Your invoice: late payment fee 25.00",
                        null, null, "fee", List.of("charged:fee"), from.plus(Duration.ofDays(1)));
            }
            List<JourneyIssue> found = d.journeyIssues.readValuesToList();
            assertThat(found).extracting(JourneyIssue::getCustomerId).containsExactly("c1", "c2");
            org.apache.kafka.streams.state.KeyValueStore<String, ?> kept = d.driver.getKeyValueStore(Stores.JOURNEY_ISSUES);
            assertThat(kept.get(found.get(0).getIssueId())).isNotNull();

            // stream time passes c1's issue + 2 days (the deadline scan runs every 30 s of stream time), not c2's
            d.page("c3", "home", found.get(0).getDetectedAt().plus(Duration.ofDays(2)).plusSeconds(31), 200, 100);
            assertThat(kept.get(found.get(0).getIssueId())).isNull();
            assertThat(kept.get(found.get(1).getIssueId())).isNotNull();
        }
    }

    @Test
    void aRepeatContactIsADissatisfiedSignalAndCountsInTheWindows() {
        try (PipelineDriver d = new PipelineDriver(DAYS_AHEAD)) {
            d.profile("c2", "consumer", 12, 300);
            for (int i = 0; i < 3; i++) {
                d.interaction("c2", InteractionKind.CHAT, Direction.INBOUND, "support-chat", "chat", "My refund still has not arrived.",
                        "unresolved", "case-" + i, "refund", List.of(), T.plus(Duration.ofHours(20L * i)));
            }
            List<Signal> signals = d.signals.readValuesToList();
            assertThat(signals).hasSize(3);
            assertThat(signals.get(0).getReasons()).doesNotContain(Reason.REPEAT_CONTACT.name());
            assertThat(signals.get(1).getReasons()).contains(Reason.REPEAT_CONTACT.name());
            assertThat(signals.get(2).getDissatisfied()).isTrue();
            assertThat(d.journeyIssues.readValuesToList()).extracting(JourneyIssue::getType).containsExactly(JourneyIssueType.REPEAT_CONTACT);
        }
    }

    @Test
    void aCallbackPromiseWhoseDeadlinePassesIsFoundOnStreamTime() {
        try (PipelineDriver d = new PipelineDriver(DAYS_AHEAD)) {
            d.profile("c3", "consumer", 12, 300);
            d.interaction("c3", InteractionKind.CALL, Direction.INBOUND, "call-center", "phone", "Please call me back about my contract.",
                    "callback-promised", "case-9", "contract", List.of("due:" + T.plus(Duration.ofHours(2))), T);
            // other customers' events move stream time past the deadline; nobody called c3 back
            d.page("c4", "home", T.plus(Duration.ofHours(3)), 200, 100);
            assertThat(d.journeyIssues.readValuesToList()).singleElement().satisfies(i -> {
                assertThat(i.getType()).isEqualTo(JourneyIssueType.BROKEN_PROMISE);
                assertThat(i.getCustomerId()).isEqualTo("c3");
            });
        }
    }

    @Test
    void aCompletedCallGetsASurveyDecision() {
        try (PipelineDriver d = new PipelineDriver(DAYS_AHEAD)) {
            d.profile("c5", "consumer", 12, 300);
            d.interaction("c5", InteractionKind.CALL, Direction.INBOUND, "call-center", "phone", "I would like to update my address.",
                    "resolved", "case-5", "account", List.of(), T);
            List<SurveyDecision> decisions = d.surveys.readValuesToList();
            assertThat(decisions).singleElement().satisfies(s -> {
                assertThat(s.getCustomerId()).isEqualTo("c5");
                assertThat(s.getSend()).isTrue();
            });
        }
    }

    @Test
    void theStageCanBeSwitchedOff() {
        try (PipelineDriver d = new PipelineDriver(Map.of("journey.enabled", "false"))) {
            d.interaction("c6", InteractionKind.CALL, Direction.INBOUND, "call-center", "phone", "Hello", "resolved", "k", "fee",
                    List.of("promise:fee-waiver"), T);
            assertThat(d.signals.readValuesToList()).hasSize(1);
            assertThat(d.surveys.isEmpty()).isTrue();
        }
    }

    /** Deadline keys sort by time as text: 13 digits, zero-padded (the index is scanned by range). */
    @Test
    void deadlineKeysAreZeroPaddedSoTheySortByTime() {
        assertThat(CustomerStage.deadlineKey(5, "c-1")).isEqualTo("0000000000005|c-1");
        assertThat(CustomerStage.deadlineKey(1_764_000_000_000L, "c-1")).isEqualTo("1764000000000|c-1");
        assertThat(CustomerStage.deadlineKey(-3, "")).isEqualTo("0000000000000|");
        assertThat(CustomerStage.deadlineKey(99, "z")).isLessThan(CustomerStage.deadlineKey(100, "a"));
    }
}
