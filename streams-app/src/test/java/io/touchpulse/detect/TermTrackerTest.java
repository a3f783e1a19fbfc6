package io.touchpulse.detect;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Trending negative terms of one segment × touchpoint: what starts a trend, what does not, and how one ends. */
class TermTrackerTest {
    private static final long MINUTE = 60_000;
    private final TermTrendConfig config = TermTrendConfig.defaults(MINUTE);
    private final Random random = new Random(3);
    private TermTracker tracker = TermTracker.empty(config);
    private long end = 0;

    /** One window with a steady "delivery" around 40 and "refund" around 1, plus the extra counts given. */
    private List<TermChange> window(Map<String, Long> extra) {
        Map<String, Long> counts = new HashMap<>();
        counts.put("delivery", 40L + random.nextInt(13) - 6);
        long refund = random.nextInt(3);
        if (refund > 0) {
            counts.put("refund", refund);
        }
        counts.putAll(extra);
        // the store round trip each window, as the processor does it
        tracker = TermTracker.decode(config, tracker.encode());
        return tracker.observe(end += MINUTE, counts);
    }

    private List<TermChange> windows(int n, Map<String, Long> extra) {
        List<TermChange> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.addAll(window(extra));
        }
        return all;
    }

    @Test
    void aTermJumpingFromAboutOneToFifteenTrends() {
        assertThat(windows(60, Map.of())).isEmpty();
        List<TermChange> changes = window(Map.of("refund", 15L));
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.term()).isEqualTo("refund");
            assertThat(c.trending()).isTrue();
            assertThat(c.count()).isEqualTo(15);
            assertThat(c.baseline()).isBetween(0.5, 2.0);
            assertThat(c.lift()).isGreaterThan(5);
            assertThat(c.score()).isGreaterThan(0.9).isLessThanOrEqualTo(1);
        });
        assertThat(tracker.trending()).extracting(TermChange::term).containsExactly("refund");
    }

    @Test
    void aSteadyHighVolumeTermNeverTrends() {
        assertThat(windows(300, Map.of())).noneMatch(c -> c.term().equals("delivery"));
    }

    @Test
    void aTermNeverSeenBeforeWithTwoUsesDoesNotTrend() {
        windows(60, Map.of());
        assertThat(window(Map.of("voucher", 2L))).isEmpty();
        assertThat(tracker.trending()).isEmpty();
    }

    @Test
    void nothingTrendsDuringWarmUp() {
        assertThat(window(Map.of("refund", 30L))).isEmpty();
        assertThat(windows(5, Map.of("outage", 25L))).isEmpty();
    }

    @Test
    void aTrendEndsOnceTheTermIsBackToItsBaseline() {
        windows(60, Map.of());
        List<TermChange> burst = windows(5, Map.of("refund", 15L));
        assertThat(burst).first().satisfies(c -> assertThat(c.trending()).isTrue());
        assertThat(burst).noneMatch(c -> !c.trending());
        // still high but not rising: no new record each window
        assertThat(burst).hasSize(1);

        List<TermChange> after = windows(5, Map.of());
        assertThat(after).singleElement().satisfies(c -> {
            assertThat(c.term()).isEqualTo("refund");
            assertThat(c.trending()).isFalse();
        });
        assertThat(tracker.trending()).isEmpty();
    }

    @Test
    void aRisingTrendIsReportedAtEachNewPeak() {
        windows(60, Map.of());
        assertThat(window(Map.of("refund", 12L))).extracting(TermChange::count).containsExactly(12L);
        assertThat(window(Map.of("refund", 20L))).extracting(TermChange::count).containsExactly(20L);
        assertThat(window(Map.of("refund", 18L))).isEmpty();
    }

    @Test
    void termsAreBoundedAndTrendingOnesAreKept() {
        windows(60, Map.of());
        window(Map.of("refund", 15L));
        for (int i = 0; i < 50; i++) {
            Map<String, Long> many = new HashMap<>();
            for (int k = 0; k < 20; k++) {
                many.put("w" + i + "-" + k, 1L);
            }
            many.put("refund", 15L);
            window(many);
        }
        assertThat(tracker.terms).hasSizeLessThanOrEqualTo(config.capacity()).containsKeys("refund", "delivery");
        assertThat(tracker.trending()).extracting(TermChange::term).contains("refund");
    }

    @Test
    void windowsNotAfterTheLastAreIgnored() {
        windows(60, Map.of());
        assertThat(tracker.observe(end, Map.of("refund", 50L))).isEmpty();
        assertThat(tracker.observe(end - MINUTE, Map.of("refund", 50L))).isEmpty();
    }

    @Test
    void stateSurvivesEncodingAndRejectsOtherVersions() {
        windows(60, Map.of());
        window(Map.of("refund", 15L));
        TermTracker copy = TermTracker.decode(config, tracker.encode());
        assertThat(copy.trending()).isEqualTo(tracker.trending());
        byte[] bytes = tracker.encode();
        bytes[0] = 9;
        assertThatThrownBy(() -> TermTracker.decode(config, bytes)).hasMessageContaining("version 9");
        assertThatThrownBy(() -> TermTracker.decode(config, java.util.Arrays.copyOf(tracker.encode(), 20))).hasMessageContaining("truncated");
    }

    @Test
    void poissonTailIsPreciseForTinyTails() {
        assertThat(Stats.poissonTail(0, 3)).isEqualTo(1);
        assertThat(Stats.poissonTail(1, 1)).isCloseTo(1 - Math.exp(-1), org.assertj.core.api.Assertions.within(1e-12));
        // P(N >= 15 | 1) = 3.00001e-13, where 1 - CDF has few digits left; P(N >= 1200 | 1000) = 4.684e-10
        assertThat(Stats.poissonTail(15, 1)).isCloseTo(3.0000107e-13, org.assertj.core.api.Assertions.withinPercentage(0.01));
        assertThat(Stats.poissonTail(1200, 1000)).isCloseTo(4.6842e-10, org.assertj.core.api.Assertions.withinPercentage(0.1));
    }
}
