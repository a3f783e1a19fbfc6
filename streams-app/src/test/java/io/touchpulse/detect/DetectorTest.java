package io.touchpulse.detect;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DetectorTest {
    static final long MIN = 60_000;
    static final long T0 = 1_700_006_400_000L; // a midnight, UTC

    private static Detector detector(DetectorConfig.Builder b) {
        return new Detector(b.interval(Duration.ofMinutes(1)).build());
    }

    /** Feeds {@code n} windows of Gaussian noise (mean 100, sd 2) from window {@code from}; returns the verdicts. */
    private static List<Verdict> noise(Detector d, State s, int from, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Verdict> out = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            out.add(d.observe(s, T0 + i * MIN, 100 + 2 * r.nextGaussian()));
        }
        return out;
    }

    @Test
    void noAlertDuringWarmUpThenAlerts() {
        Detector d = detector(DetectorConfig.builder().warmup(20));
        State s = d.newState();
        noise(d, s, 0, 10, 1);
        Verdict during = d.observe(s, T0 + 10 * MIN, 1000);
        assertThat(during.warmedUp()).isFalse();
        assertThat(during.firing()).isFalse();
        assertThat(during.anomalyScore()).isZero();
        noise(d, s, 11, 40, 2);
        Verdict after = d.observe(s, T0 + 51 * MIN, 1000);
        assertThat(after.warmedUp()).isTrue();
        assertThat(after.firing()).isTrue();
        assertThat(after.transition()).isEqualTo(Transition.FIRED);
        assertThat(after.anomalyScore()).isGreaterThan(0.9);
    }

    @Test
    void hysteresisNeedsConsecutiveWindowsToFireAndToResolve() {
        Detector d = detector(DetectorConfig.builder().fireWindows(2).resolveWindows(3));
        State s = d.newState();
        noise(d, s, 0, 200, 3);
        // ~5 sigma: anomalous but below the immediate threshold, so it takes two windows
        Verdict first = d.observe(s, T0 + 200 * MIN, 110);
        assertThat(first.firing()).isFalse();
        assertThat(first.anomalyScore()).isGreaterThan(0.5);
        Verdict second = d.observe(s, T0 + 201 * MIN, 110);
        assertThat(second.transition()).isEqualTo(Transition.FIRED);
        assertThat(second.severity()).isEqualTo(Severity.INFO);
        // hovering between the resolve (2.5) and fire (4) thresholds keeps it firing: no flapping
        for (int i = 202; i < 210; i++) {
            assertThat(d.observe(s, T0 + i * MIN, 106.5).transition()).isEqualTo(Transition.NONE);
        }
        assertThat(s.firing()).isTrue();
        assertThat(d.observe(s, T0 + 210 * MIN, 100).firing()).isTrue();
        assertThat(d.observe(s, T0 + 211 * MIN, 100).firing()).isTrue();
        Verdict resolved = d.observe(s, T0 + 212 * MIN, 100);
        assertThat(resolved.transition()).isEqualTo(Transition.RESOLVED);
        assertThat(resolved.firing()).isFalse();
        assertThat(resolved.severity()).isNull();
    }

    @Test
    void oneIsolatedModerateWindowDoesNotFireButAnImmediateOneDoes() {
        Detector d = detector(DetectorConfig.builder());
        State s = d.newState();
        noise(d, s, 0, 200, 4);
        assertThat(d.observe(s, T0 + 200 * MIN, 110).firing()).isFalse();
        assertThat(d.observe(s, T0 + 201 * MIN, 100).firing()).isFalse();
        noise(d, s, 202, 50, 5);
        Verdict spike = d.observe(s, T0 + 252 * MIN, 140);
        assertThat(spike.transition()).isEqualTo(Transition.FIRED);
        assertThat(spike.cause()).isEqualTo(Cause.POINT);
        assertThat(spike.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(spike.deviation()).isGreaterThan(10);
    }

    @Test
    void severityEscalatesWhileFiring() {
        Detector d = detector(DetectorConfig.builder());
        State s = d.newState();
        noise(d, s, 0, 200, 6);
        d.observe(s, T0 + 200 * MIN, 110);
        assertThat(d.observe(s, T0 + 201 * MIN, 110).severity()).isEqualTo(Severity.INFO);
        Verdict worse = d.observe(s, T0 + 202 * MIN, 150);
        assertThat(worse.transition()).isEqualTo(Transition.SEVERITY_CHANGED);
        assertThat(worse.severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void oneOutlierDoesNotWreckTheBaseline() {
        Detector d = detector(DetectorConfig.builder());
        State s = d.newState();
        noise(d, s, 0, 200, 7);
        double before = d.observe(s, T0 + 200 * MIN, 100).expected();
        d.observe(s, T0 + 201 * MIN, 1_000_000);
        Verdict next = d.observe(s, T0 + 202 * MIN, 100);
        assertThat(next.expected()).isCloseTo(before, org.assertj.core.data.Offset.offset(2.0));
        List<Verdict> after = noise(d, s, 203, 50, 8);
        assertThat(after).noneMatch(v -> v.firing() && v.transition() == Transition.FIRED);
    }

    @Test
    void aLastingLevelShiftIsRelearnedAndResolves() {
        Detector d = detector(DetectorConfig.builder().relearnAfter(60));
        State s = d.newState();
        noise(d, s, 0, 200, 9);
        SplittableRandom r = new SplittableRandom(10);
        List<Verdict> shifted = new ArrayList<>();
        for (int i = 200; i < 400; i++) {
            shifted.add(d.observe(s, T0 + i * MIN, 130 + 2 * r.nextGaussian()));
        }
        assertThat(shifted.get(0).firing()).isTrue();
        int resolvedAt = -1;
        for (int i = 0; i < shifted.size(); i++) {
            if (shifted.get(i).transition() == Transition.RESOLVED) {
                resolvedAt = i;
                break;
            }
        }
        assertThat(resolvedAt).as("resolves once the baseline has accepted the new level").isBetween(60, 80);
        assertThat(shifted.subList(resolvedAt + 1, shifted.size())).noneMatch(Verdict::firing);
        assertThat(shifted.get(shifted.size() - 1).expected()).isCloseTo(130, org.assertj.core.data.Offset.offset(2.0));
    }

    @Test
    void aLongIncidentThatEndsIsNotTakenForANewChange() {
        Detector d = detector(DetectorConfig.builder().relearnAfter(60));
        State s = d.newState();
        noise(d, s, 0, 200, 11);
        SplittableRandom r = new SplittableRandom(12);
        for (int i = 200; i < 400; i++) { // long enough to be relearned as the new normal
            d.observe(s, T0 + i * MIN, 130 + 2 * r.nextGaussian());
        }
        assertThat(s.firing()).isFalse();
        List<Verdict> back = noise(d, s, 400, 100, 13);
        assertThat(back).as("the return to the old level is recognised, not alerted on").noneMatch(Verdict::firing);
        assertThat(back.get(back.size() - 1).expected()).isCloseTo(100, org.assertj.core.data.Offset.offset(2.0));
        // the old baseline is remembered only for a while: a genuine later change still alerts
        Verdict spike = d.observe(s, T0 + 500 * MIN, 130);
        assertThat(spike.firing()).isTrue();
    }

    @Test
    void directionFiltersWhichDeviationsCount() {
        for (Direction dir : Direction.values()) {
            Detector d = detector(DetectorConfig.builder().direction(dir));
            State up = d.newState();
            noise(d, up, 0, 200, 11);
            boolean firesUp = d.observe(up, T0 + 200 * MIN, 150).firing();
            State down = d.newState();
            noise(d, down, 0, 200, 11);
            boolean firesDown = d.observe(down, T0 + 200 * MIN, 50).firing();
            assertThat(firesUp).as(dir + " up").isEqualTo(dir != Direction.DOWN);
            assertThat(firesDown).as(dir + " down").isEqualTo(dir != Direction.UP);
        }
    }

    @Test
    void rateTestWeighsVolume() {
        Detector d = detector(DetectorConfig.builder().direction(Direction.UP));
        State small = d.newState();
        State large = d.newState();
        SplittableRandom r = new SplittableRandom(12);
        for (int i = 0; i < 200; i++) {
            d.observeRate(small, T0 + i * MIN, binomial(r, 1000, 0.1), 1000);
            d.observeRate(large, T0 + i * MIN, binomial(r, 1000, 0.1), 1000);
        }
        Verdict threeOfTen = d.observeRate(small, T0 + 200 * MIN, 3, 10);
        Verdict threeThousandOfTenThousand = d.observeRate(large, T0 + 200 * MIN, 3000, 10_000);
        assertThat(threeOfTen.observed()).isEqualTo(threeThousandOfTenThousand.observed());
        assertThat(threeOfTen.firing()).isFalse();
        assertThat(threeOfTen.tested()).isFalse(); // 10 trials is below minTrials
        assertThat(threeThousandOfTenThousand.firing()).isTrue();
        assertThat(threeThousandOfTenThousand.cause()).isEqualTo(Cause.RATE);
        assertThat(threeThousandOfTenThousand.deviation()).isGreaterThan(20);

        // with enough trials to be tested, 6 of 20 against 10% is a modest z, not an alert
        State medium = d.newState();
        for (int i = 0; i < 200; i++) {
            d.observeRate(medium, T0 + i * MIN, binomial(r, 1000, 0.1), 1000);
        }
        Verdict sixOfTwenty = d.observeRate(medium, T0 + 200 * MIN, 6, 20);
        assertThat(sixOfTwenty.tested()).isTrue();
        assertThat(sixOfTwenty.deviation()).isBetween(2.0, 4.0);
        assertThat(sixOfTwenty.firing()).isFalse();
    }

    @Test
    void hugeVolumesDoNotAlertOnTrivialShifts() {
        Detector d = detector(DetectorConfig.builder().direction(Direction.UP));
        State s = d.newState();
        for (int i = 0; i < 200; i++) {
            d.observeRate(s, T0 + i * MIN, 50_000, 1_000_000);
        }
        // 5.0% -> 5.4%: z ≈ 18 on a million trials, but a change of 0.4 points is below the minimum effect
        List<Verdict> trivial = new ArrayList<>();
        for (int i = 200; i < 220; i++) {
            trivial.add(d.observeRate(s, T0 + i * MIN, 54_000, 1_000_000));
        }
        assertThat(trivial.get(0).deviation()).isGreaterThan(10);
        assertThat(trivial).noneMatch(Verdict::firing);
        assertThat(d.observeRate(s, T0 + 220 * MIN, 90_000, 1_000_000).firing()).isTrue(); // 9%: real
    }

    @Test
    void countDropsAndSilence() {
        Detector d = detector(DetectorConfig.builder().silenceWindows(5));
        State s = d.newState();
        SplittableRandom r = new SplittableRandom(13);
        for (int i = 0; i < 200; i++) {
            d.observeCount(s, T0 + i * MIN, poisson(r, 100));
        }
        assertThat(d.tick(s, T0 + 203 * MIN).firing()).as("3 intervals of silence").isFalse();
        Verdict silent = d.tick(s, T0 + 205 * MIN);
        assertThat(silent.transition()).isEqualTo(Transition.FIRED);
        assertThat(silent.cause()).isEqualTo(Cause.SILENCE);
        assertThat(silent.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(d.tick(s, T0 + 206 * MIN).transition()).isEqualTo(Transition.NONE);
        // data flows again: resolves after the quiet windows
        List<Verdict> back = new ArrayList<>();
        for (int i = 207; i < 215; i++) {
            back.add(d.observeCount(s, T0 + i * MIN, poisson(r, 100)));
        }
        assertThat(back).anyMatch(v -> v.transition() == Transition.RESOLVED);
        assertThat(s.firing()).isFalse();

        Verdict drop = null;
        for (int i = 215; i < 218; i++) {
            drop = d.observeCount(s, T0 + i * MIN, 20);
        }
        assertThat(drop.firing()).isTrue();
        assertThat(drop.cause()).isEqualTo(Cause.COUNT);
        assertThat(drop.movedUp()).isFalse();
    }

    @Test
    void lowVolumeKeysNeitherDropNorGoSilent() {
        Detector d = detector(DetectorConfig.builder().minVolume(5));
        State s = d.newState();
        SplittableRandom r = new SplittableRandom(14);
        for (int i = 0; i < 200; i++) {
            d.observeCount(s, T0 + i * MIN, poisson(r, 1.5));
        }
        assertThat(d.observeCount(s, T0 + 200 * MIN, 0).tested()).isFalse();
        assertThat(d.tick(s, T0 + 300 * MIN).firing()).isFalse();
    }

    @Test
    void dailySeasonalityIsLearnedAndUsed() {
        DetectorConfig.Builder b = DetectorConfig.builder().interval(Duration.ofMinutes(5)).warmup(288).relearnAfter(144);
        Detector auto = new Detector(b.seasonality(Seasonality.AUTO).build());
        Detector none = new Detector(b.seasonality(Seasonality.NONE).build());
        State sa = auto.newState();
        State sn = none.newState();
        SplittableRandom r = new SplittableRandom(15);
        int days = 4;
        for (int i = 0; i < 288 * days; i++) {
            double v = daily(i) + r.nextGaussian();
            auto.observe(sa, T0 + i * 5 * MIN, v);
            none.observe(sn, T0 + i * 5 * MIN, v);
        }
        assertThat(sa.seasonalityInUse()).isEqualTo(Seasonality.DAILY);
        assertThat(sn.seasonalityInUse()).isEqualTo(Seasonality.NONE);
        // at 03:00 the usual value is ~100; 130 is the noon level: normal at noon, an anomaly at night
        int night = 288 * days + 36;
        Verdict atNight = auto.observe(sa, T0 + night * 5 * MIN, 130);
        assertThat(atNight.expected()).isCloseTo(daily(night), org.assertj.core.data.Offset.offset(3.0));
        assertThat(atNight.anomalyScore()).isGreaterThan(0.9);
        State sa2 = auto.newState();
        for (int i = 0; i < 288 * days; i++) {
            auto.observe(sa2, T0 + i * 5 * MIN, daily(i) + r.nextGaussian());
        }
        int noon = 288 * days + 144;
        for (int i = 288 * days; i < noon; i++) {
            auto.observe(sa2, T0 + i * 5 * MIN, daily(i) + r.nextGaussian());
        }
        Verdict atNoon = auto.observe(sa2, T0 + noon * 5 * MIN, daily(noon));
        assertThat(atNoon.anomalyScore()).isLessThan(0.1);
    }

    /** 100 at 03:00, 130 at 15:00: a smooth daily wave. */
    private static double daily(int i) {
        double hour = (i * 5 / 60.0) % 24;
        return 115 - 15 * Math.cos(2 * Math.PI * (hour - 3) / 24);
    }

    @Test
    void scoreIsNearZeroForNoiseAndMonotoneInSurprise() {
        Detector d = detector(DetectorConfig.builder());
        State s = d.newState();
        List<Verdict> quiet = noise(d, s, 0, 2000, 16);
        double mean = quiet.stream().skip(100).mapToDouble(Verdict::anomalyScore).average().orElseThrow();
        assertThat(mean).isLessThan(0.02);
        double previous = -1;
        for (double dev : new double[] {0, 2, 4, 6, 8, 12, 20}) {
            byte[] snapshot = s.encode();
            double score = d.observe(State.decode(snapshot), T0 + 3000 * MIN, 100 + dev * 2).anomalyScore();
            assertThat(score).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(previous);
            previous = score;
        }
        assertThat(previous).isGreaterThan(0.95);
    }

    @Test
    void aStateServesOneKindOfMetric() {
        Detector d = detector(DetectorConfig.builder());
        State s = d.newState();
        d.observe(s, T0, 1);
        assertThatThrownBy(() -> d.observeRate(s, T0 + MIN, 1, 2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> d.observe(s, T0 + MIN, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.observeRate(d.newState(), T0, 3, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.observeCount(d.newState(), T0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DetectorConfig.builder().resolveThreshold(5).fireThreshold(4).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    static long binomial(SplittableRandom r, int n, double p) {
        long k = 0;
        for (int i = 0; i < n; i++) {
            if (r.nextDouble() < p) {
                k++;
            }
        }
        return k;
    }

    static long poisson(SplittableRandom r, double lambda) {
        double l = Math.exp(-lambda);
        long k = 0;
        double p = r.nextDouble();
        while (p > l) {
            k++;
            p *= r.nextDouble();
        }
        return k;
    }
}
