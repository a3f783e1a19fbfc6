package io.touchpulse.sim;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Prints the single-core generation rate (never asserts it: performance belongs to benchmarks, see {@link SimBench}). */
class GenerationRateTest {
    @Test
    void printsGenerationRate() {
        SimBench.run(300_000);
        long[] r = SimBench.run(1_000_000);
        System.out.printf("simulator: %d events in %.2f s = %.0f events/s%n", r[0], r[1] / 1e9, r[0] / (r[1] / 1e9));
        assertThat(r[0]).isGreaterThanOrEqualTo(1_000_000);
    }
}
