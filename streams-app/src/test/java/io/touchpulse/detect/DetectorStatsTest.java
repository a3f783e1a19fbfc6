package io.touchpulse.detect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/** The numeric helpers against textbook values. */
class DetectorStatsTest {

    @Test
    void normalTails() {
        assertThat(Stats.upperTail(0)).isCloseTo(0.5, offset(1e-7));
        assertThat(Stats.upperTail(1.959964)).isCloseTo(0.025, offset(1e-7));
        assertThat(Stats.upperTail(3)).isCloseTo(0.0013499, offset(1e-7));
        assertThat(Stats.upperTail(-3)).isCloseTo(1 - 0.0013499, offset(1e-7));
        assertThat(Stats.upperTail(8)).isCloseTo(6.22e-16, offset(1e-17));
    }

    @Test
    void zForTwoSidedInvertsTheTail() {
        assertThat(Stats.zForTwoSided(0.05)).isCloseTo(1.959964, offset(1e-5));
        assertThat(Stats.zForTwoSided(0.0027)).isCloseTo(3.0, offset(1e-3));
        assertThat(Stats.zForTwoSided(1)).isZero();
        for (double z = 0.1; z < 9; z += 0.37) {
            assertThat(Stats.zForTwoSided(2 * Stats.upperTail(z))).isCloseTo(z, offset(1e-4 * z));
        }
        assertThat(Stats.zForTwoSided(0)).isGreaterThan(30).isFinite();
    }

    @Test
    void poissonTail() {
        assertThat(Stats.poissonAtLeast(0, 3)).isEqualTo(1.0);
        assertThat(Stats.poissonAtLeast(1, 2)).isCloseTo(1 - Math.exp(-2), offset(1e-12));
        assertThat(Stats.poissonAtLeast(4, 0.32)).isCloseTo(3.386e-4, offset(1e-6));
    }

    @Test
    void scoreIsMonotoneAndHalfAtTheThreshold() {
        assertThat(Stats.score(0, 4)).isZero();
        assertThat(Stats.score(4, 4)).isCloseTo(0.5, offset(1e-12));
        assertThat(Stats.score(1, 4)).isLessThan(0.005);
        assertThat(Stats.score(Double.POSITIVE_INFINITY, 4)).isEqualTo(1.0);
        double prev = 0;
        for (double z = 0.5; z < 40; z += 0.5) {
            double s = Stats.score(z, 4);
            assertThat(s).isGreaterThan(prev).isLessThanOrEqualTo(1);
            prev = s;
        }
    }

    @Test
    void halfLife() {
        double a = Stats.alpha(10);
        assertThat(Math.pow(1 - a, 10)).isCloseTo(0.5, offset(1e-12));
    }
}
