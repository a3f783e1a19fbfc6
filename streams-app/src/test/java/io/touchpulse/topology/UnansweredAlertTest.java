package io.touchpulse.topology;

import io.touchpulse.schema.Alert;
import io.touchpulse.schema.AlertStatus;
import io.touchpulse.schema.TouchpointHealth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import static io.touchpulse.topology.PipelineDriver.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store greeter who cannot answer, measured: when the share of customers' questions that end
 * without an answer jumps at one touchpoint, an unanswered_rate alert fires for that touchpoint and
 * no other; the windows carry the counts.
 */
class UnansweredAlertTest {
    private final PipelineDriver d = new PipelineDriver();
    private final Random random = new Random(11);
    private int customers;

    @AfterEach
    void close() {
        d.close();
    }

    /** About {@code perMinute} questions per minute at a touchpoint, each unanswered with probability {@code unanswered}. */
    private void questions(String touchpoint, int fromMinute, int toMinute, int perMinute, double unanswered) {
        for (int minute = fromMinute; minute < toMinute; minute++) {
            for (int i = 0; i < perMinute; i++) {
                Instant at = T0.plus(Duration.ofMinutes(minute)).plusMillis(i * (60_000L / perMinute) + random.nextInt(60_000 / perMinute));
                // a new customer each time: the same customer asking the same question again counts as unanswered too
                // (CustomerStageTest), which would blur the jump this test is about
                String customer = "c" + customers++;
                if (random.nextDouble() < unanswered) {
                    if (random.nextBoolean()) {
                        d.chatWithOutcome(customer, touchpoint, "Customer: do you have this in size 10? Agent: Sorry, I can't help with that.", null, at);
                    } else {
                        d.chatWithOutcome(customer, touchpoint, "Where can I pick up my order?", "transferred", at);
                    }
                } else {
                    d.chatWithOutcome(customer, touchpoint, "Where can I pick up my order?", "resolved", at);
                }
            }
        }
    }

    @Test
    void aJumpInUnansweredQuestionsFiresForThatTouchpointOnly() {
        for (int minute = 0; minute < 80; minute += 10) {
            // a busy store: about 100 questions per 5-minute window (on 40 the detector is rightly unsure of a jump)
            questions("store", minute, minute + 10, 20, minute >= 50 && minute < 70 ? 0.5 : 0.1);
            questions("support-chat", minute, minute + 10, 20, 0.1);
        }
        List<TouchpointHealth> windows = d.healthValues();
        assertThat(windows).filteredOn(h -> h.getTouchpoint().equals("store") && h.getWindowStart().isAfter(T0)).first().satisfies(h -> {
            assertThat(h.getQuestions()).isGreaterThan(90);
            assertThat(h.getUnansweredRate()).isNotNull();
        });

        List<Alert> all = d.alerts.readValuesToList();
        List<Alert> unanswered = all.stream().filter(a -> a.getMetric().equals("unanswered_rate")).toList();
        assertThat(unanswered).isNotEmpty().allMatch(a -> a.getTouchpoint().equals("store"));
        Alert fired = unanswered.get(0);
        assertThat(fired.getStatus()).isEqualTo(AlertStatus.FIRING);
        assertThat(fired.getStartsAt()).isBetween(T0.plus(Duration.ofMinutes(50)), T0.plus(Duration.ofMinutes(56)));
        assertThat(fired.getObserved()).isGreaterThan(fired.getBaseline() + 0.2);
        assertThat(fired.getSummary()).contains("unanswered question rate");
        assertThat(fired.getEvidence().getReasonCounts()).containsKey("UNANSWERED");
    }
}
