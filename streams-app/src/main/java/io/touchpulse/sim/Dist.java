package io.touchpulse.sim;

import java.util.SplittableRandom;

/** Small, allocation-free sampling helpers on one seeded generator (the hot path of the simulator). */
final class Dist {
    private Dist() {
    }

    static boolean chance(SplittableRandom r, double p) {
        return r.nextDouble() < p;
    }

    /** Log-normal with the given median and log-space sigma. */
    static double logNormal(SplittableRandom r, double median, double sigma) {
        return median * Math.exp(sigma * r.nextGaussian());
    }

    /** Exponential with the given mean. */
    static double exponential(SplittableRandom r, double mean) {
        return -mean * Math.log(1.0 - r.nextDouble());
    }

    static <T> T pick(SplittableRandom r, T[] items) {
        return items[r.nextInt(items.length)];
    }

    /** Normalised cumulative weights for {@link #pickIndex}. */
    static double[] cumulative(double[] weights) {
        double sum = 0;
        for (double w : weights) sum += w;
        double[] c = new double[weights.length];
        double acc = 0;
        for (int i = 0; i < weights.length; i++) {
            acc += weights[i] / sum;
            c[i] = acc;
        }
        c[c.length - 1] = 1.0;
        return c;
    }

    /** Index drawn from normalised cumulative weights (binary search: also fine for thousands of customers). */
    static int pickIndex(SplittableRandom r, double[] cum) {
        double u = r.nextDouble();
        int lo = 0, hi = cum.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cum[mid] > u) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    static int clamp(long v, int lo, int hi) {
        return (int) Math.max(lo, Math.min(hi, v));
    }
}
