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

    /** P(Z > x) for a standard normal Z (Numerical Recipes' erfc, relative error below 1.2e-7). */
    static double upperTail(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.5 * z);
        double erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? erfc / 2 : 1 - erfc / 2;
    }

    /**
     * The |z| whose two-sided tail probability is {@code p}: the inverse of {@code 2 P(Z > z)}
     * (Acklam's rational approximation, relative error below 1.2e-9). Used to express "this big
     * happens with probability p here" on the same z scale as Gaussian noise.
     */
    static double zForTwoSided(double p) {
        double q = Stats.clamp(p / 2, 1e-300, 0.5);
        if (q >= 0.5) {
            return 0;
        }
        if (q < 0.02425) {
            double r = Math.sqrt(-2 * Math.log(q));
            return -(((((-7.784894002430293e-03 * r - 3.223964580411365e-01) * r - 2.400758277161838e+00) * r
                    - 2.549732539343734e+00) * r + 4.374664141464968e+00) * r + 2.938163982698783e+00)
                    / ((((7.784695709041462e-03 * r + 3.224671290700398e-01) * r + 2.445134137142996e+00) * r
                    + 3.754408661907416e+00) * r + 1);
        }
        double u = q - 0.5;
        double r = u * u;
        return -(((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r
                + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * u
                / (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r
                + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1);
    }

    /** P(N >= k) for N ~ Poisson(lambda), summed directly (k is small here). */
    static double poissonAtLeast(int k, double lambda) {
        double term = Math.exp(-lambda);
        double below = 0;
        for (int i = 0; i < k; i++) {
            below += term;
            term *= lambda / (i + 1);
        }
        return Math.max(0, 1 - below);
    }

    /**
     * P(N >= k) for N ~ Poisson(lambda), summed upward from k in log space: precise for tiny tails and large
     * counts, where {@link #poissonAtLeast} (1 minus the lower sum) rounds to 0.
     */
    static double poissonTail(long k, double lambda) {
        if (k <= 0) {
            return 1;
        }
        if (lambda <= 0) {
            return 0;
        }
        double log = k * Math.log(lambda) - lambda - logFactorial(k);
        double term = Math.exp(log);
        double sum = 0;
        for (long i = k; i < k + 100_000 && term > 0; i++) {
            sum += term;
            if (term < sum * 1e-15) {
                break;
            }
            term *= lambda / (i + 1);
        }
        return Math.min(1, sum);
    }

    /** ln(n!): exact sum for small n, Stirling's series beyond (error below 1e-10). */
    static double logFactorial(long n) {
        if (n < 20) {
            double s = 0;
            for (int i = 2; i <= n; i++) {
                s += Math.log(i);
            }
            return s;
        }
        double x = n + 1.0;
        return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }

    static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : (v > hi ? hi : v);
    }
}
