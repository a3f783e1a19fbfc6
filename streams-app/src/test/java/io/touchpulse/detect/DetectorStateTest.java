package io.touchpulse.detect;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The state a Kafka state store keeps between windows: encode/decode must lose nothing. */
class DetectorStateTest {
    static final long FIVE_MIN = 300_000;
    static final long T0 = 1_700_006_400_000L;

    private static final Detector SEASONAL = new Detector(DetectorConfig.builder()
            .interval(Duration.ofMinutes(5)).warmup(288).seasonality(Seasonality.AUTO).build());

    /** Nine days of a daily pattern with noise and a few spikes: every model and profile has learned. */
    private static State trained(Detector d, int windows) {
        State s = d.newState();
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < windows; i++) {
            double hour = (i * 5 / 60.0) % 24;
            double v = 100 + 20 * Math.sin(2 * Math.PI * hour / 24) + 2 * r.nextGaussian() + (i % 500 == 499 ? 40 : 0);
            d.observe(s, T0 + i * FIVE_MIN, v);
        }
        return s;
    }

    @Test
    void roundTripKeepsEveryBitAndTheFuture() {
        State original = trained(SEASONAL, 288 * 9);
        byte[] bytes = original.encode();
        State copy = State.decode(bytes);
        assertThat(copy.encode()).isEqualTo(bytes);
        assertThat(copy.observations()).isEqualTo(original.observations());
        assertThat(copy.seasonalityInUse()).isEqualTo(original.seasonalityInUse()).isNotEqualTo(Seasonality.NONE);
        // both continue identically, through an anomaly and its alert
        for (int i = 288 * 9; i < 288 * 9 + 300; i++) {
            double v = i > 288 * 9 + 100 && i < 288 * 9 + 130 ? 200 : 100;
            assertThat(SEASONAL.observe(copy, T0 + i * FIVE_MIN, v)).isEqualTo(SEASONAL.observe(original, T0 + i * FIVE_MIN, v));
        }
        assertThat(copy.encode()).isEqualTo(original.encode());
    }

    @Test
    void roundTripOfRateCountFiringAndSilentStates() {
        Detector d = new Detector(DetectorConfig.builder().interval(Duration.ofMinutes(1)).seasonality(Seasonality.NONE).build());
        State rate = d.newState();
        State count = d.newState();
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 100; i++) {
            d.observeRate(rate, T0 + i * 60_000L, DetectorTest.binomial(r, 200, 0.05), 200);
            d.observeCount(count, T0 + i * 60_000L, DetectorTest.poisson(r, 50));
        }
        d.observeRate(rate, T0 + 100 * 60_000L, 150, 200);
        assertThat(rate.firing()).isTrue();
        d.tick(count, T0 + 120 * 60_000L);
        assertThat(count.firing()).isTrue();
        for (State s : new State[] {rate, count, d.newState()}) {
            byte[] bytes = s.encode();
            State copy = State.decode(bytes);
            assertThat(copy.encode()).isEqualTo(bytes);
            assertThat(copy.firing()).isEqualTo(s.firing());
            assertThat(copy.lastObservation()).isEqualTo(s.lastObservation());
        }
    }

    @Test
    void roundTripRemembersTheBaselineFromBeforeARelearn() {
        Detector d = new Detector(DetectorConfig.builder().interval(Duration.ofMinutes(1)).seasonality(Seasonality.NONE)
                .relearnAfter(60).build());
        State s = d.newState();
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 400; i++) {
            d.observe(s, T0 + i * 60_000L, (i < 200 ? 100 : 130) + 2 * r.nextGaussian());
        }
        assertThat(s.reversion.model).as("a relearned change is remembered").isGreaterThanOrEqualTo(0);
        byte[] bytes = s.encode();
        State copy = State.decode(bytes);
        assertThat(copy.encode()).isEqualTo(bytes);
        for (int i = 400; i < 420; i++) { // back to the old level: both revert identically
            double v = 100 + 2 * r.nextGaussian();
            assertThat(d.observe(copy, T0 + i * 60_000L, v)).isEqualTo(d.observe(s, T0 + i * 60_000L, v));
        }
        assertThat(s.reversion.model).as("reverted").isEqualTo(-1);
        assertThat(copy.encode()).isEqualTo(s.encode());
    }

    @Test
    void compact() {
        assertThat(trained(SEASONAL, 288 * 9).encode().length).isLessThan(2600);
        Detector plain = new Detector(DetectorConfig.builder().seasonality(Seasonality.NONE).build());
        assertThat(trained(plain, 500).encode().length).isLessThan(250);
    }

    @Test
    void versionByteFirstAndBadBytesAreRejectedClearly() {
        byte[] bytes = trained(SEASONAL, 400).encode();
        assertThat(bytes[0]).isEqualTo(State.VERSION);
        byte[] future = bytes.clone();
        future[0] = 99;
        assertThatThrownBy(() -> State.decode(future)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 99");
        assertThatThrownBy(() -> State.decode(Arrays.copyOf(bytes, bytes.length / 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> State.decode(Arrays.copyOf(bytes, bytes.length + 3))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> State.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 200; i++) {
            byte[] garbage = new byte[r.nextInt(1, 400)];
            for (int j = 0; j < garbage.length; j++) {
                garbage[j] = (byte) r.nextInt(256);
            }
            garbage[0] = State.VERSION;
            try {
                State.decode(garbage);
            } catch (IllegalArgumentException expected) {
                // the only way decoding may fail
            }
        }
    }
}
