package io.touchpulse.sim;

/**
 * Daily volume curve: quiet nights, a morning ramp, a late-morning peak, a lunch dip and an evening peak.
 * Uses the UTC hour of day of the simulated time; 1.0 is the peak that {@link SimConfig#eventsPerSecond()} refers to.
 */
final class Diurnal {
    /** Relative volume at the start of each UTC hour; linearly interpolated in between. */
    private static final double[] HOURLY = {
            0.22, 0.14, 0.10, 0.08, 0.08, 0.11, 0.20, 0.38, 0.62, 0.82, 0.95, 1.00,
            0.92, 0.88, 0.90, 0.86, 0.84, 0.86, 0.92, 0.98, 1.00, 0.86, 0.62, 0.38};
    private static final double[] PER_MINUTE = new double[24 * 60];

    static {
        for (int m = 0; m < PER_MINUTE.length; m++) {
            int h = m / 60;
            double f = (m % 60) / 60.0;
            PER_MINUTE[m] = HOURLY[h] * (1 - f) + HOURLY[(h + 1) % 24] * f;
        }
    }

    private Diurnal() {
    }

    /** Relative volume in (0, 1] at an epoch-millisecond instant. */
    static double factor(long epochMillis) {
        return PER_MINUTE[(int) Math.floorMod(epochMillis / 60_000L, 24L * 60L)];
    }
}
