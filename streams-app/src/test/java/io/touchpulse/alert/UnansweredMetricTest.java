package io.touchpulse.alert;

import io.touchpulse.config.TouchpulseConfig;
import io.touchpulse.schema.TouchpointHealth;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The unanswered-question rate as the alert stage reads it, and that it is watched by default. */
class UnansweredMetricTest {

    private static TouchpointHealth window(long questions, long unanswered) {
        Instant end = Instant.parse("2026-03-02T10:05:00Z");
        return TouchpointHealth.newBuilder().setSegment("premium").setTouchpoint("store").setWindowStart(end.minusSeconds(300)).setWindowEnd(end)
                .setEvents(100).setDistinctCustomers(30).setDissatisfied(10).setDissatisfiedRate(0.1).setTextEvents(0)
                .setTopNegativeTerms(List.of()).setSampleVerbatims(List.of()).setQuestions(questions).setUnansweredQuestions(unanswered)
                .setUnansweredRate(questions == 0 ? null : (double) unanswered / questions).build();
    }

    @Test
    void readsTheRateWithItsExactCounts() {
        AlertMetric m = AlertMetric.byId("unanswered_rate");
        assertThat(m).isEqualTo(AlertMetric.UNANSWERED_RATE);
        assertThat(m.kind()).isEqualTo(AlertMetric.Kind.RATE);
        assertThat(m.bad()).isEqualTo(AlertMetric.Direction.UP);
        assertThat(m.read(window(30, 7))).isEqualTo(new AlertMetric.Reading(7.0 / 30, 7, 30));
        assertThat(m.format(7.0 / 30)).isEqualTo("23.3%");
    }

    @Test
    void aWindowWithoutQuestionsHasNoReading() {
        assertThat(AlertMetric.UNANSWERED_RATE.read(window(0, 0))).isNull();
    }

    @Test
    void isWatchedByDefault() {
        assertThat(TouchpulseConfig.from(TouchpulseConfig.DEFAULTS).alerts().metrics()).contains("unanswered_rate");
    }

    @Test
    void aThinWindowOfTwoQuestionsIsNeverJudged() {
        MetricWatch watch = MetricWatch.of(Map.of("warmup", "3"), 60_000, io.touchpulse.schema.Severity.WARNING);
        byte[] state = null;
        long t = 0;
        // a well-supported clean baseline, then many windows where both of only two questions go unanswered
        for (int i = 0; i < 40; i++) {
            state = watch.observe(state, AlertMetric.UNANSWERED_RATE, t += 60_000, AlertMetric.UNANSWERED_RATE.read(window(40, 2))).state();
        }
        for (int i = 0; i < 20; i++) {
            MetricWatch.Outcome o = watch.observe(state, AlertMetric.UNANSWERED_RATE, t += 60_000, AlertMetric.UNANSWERED_RATE.read(window(2, 2)));
            assertThat(o.decision()).isNull();
            state = o.state();
        }
        // the same share on enough questions does fire
        AlertComposer.Decision fired = null;
        for (int i = 0; i < 10 && fired == null; i++) {
            fired = watch.observe(state, AlertMetric.UNANSWERED_RATE, t += 60_000, AlertMetric.UNANSWERED_RATE.read(window(40, 40))).decision();
        }
        assertThat(fired).isNotNull();
    }
}
