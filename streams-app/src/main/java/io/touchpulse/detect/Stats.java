package io.touchpulse.detect;

/** The few numeric helpers the detector shares: EWMA weights and the z-to-score mapping. */
final class Stats {
    private Stats() {
    }

    /** EWMA weight that halves an observation's influence after {@code halfLife} updates. */
    static double alpha(double halfLife) {
        return 1 - Math.pow(0.5, 1 / Math.max(halfLife, 1e-9));
    }

    /**
     * Maps evidence in z units to a score in [0, 1]: {@code z^4 / (z^4 + t^4)}. Smooth and monotone,
     * 0.5 at the fire threshold {@code t}, about 0.004 at z = 1 and 0.06 at z = 2 (ordinary
     * noise stays near 0), 0.94 at 2t. The fourth power makes the score rank clearly anomalous
     * windows far above the noise while keeping a gradient for ranking.
     */
    static double score(double z, double threshold) {
        if (!(z > 0)) {
            return 0;
        }
        double r = z / threshold;
        double r4 = r * r * r * r;
        return Double.isInfinite(r4) ? 1 : r4 / (r4 + 1);
    }

    static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : (v > hi ? hi : v);
    }
}
