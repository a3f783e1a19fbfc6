package io.touchpulse.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Baseline of a rate with its volume: exponentially weighted hits and trials (so a busy window
 * weighs more than a quiet one), and an overdispersion factor. The test is the binomial score test
 * (the one the Wilson interval inverts): {@code z = (p - p0) / sqrt(p0 (1 - p0) / n · phi)}. 3 of
 * 10 against 10% is z ≈ 2; 3000 of 10000 is z ≈ 67. Real rates vary more than binomially between
 * windows (customers are not coin flips), so {@code phi}, the running mean of z² over ordinary
 * windows, widens the test to the variation actually seen; it never narrows it below binomial.
 */
final class RateModel {
    double hits = Double.NaN;
    double trials = Double.NaN;
    double phi = 1;
    long updates;

    boolean started() {
        return !Double.isNaN(trials) && trials > 0;
    }

    /**
     * Baseline rate, shrunk towards 1/2 by one pseudo-observation spread over the baseline's
     * effective number of trials, so a baseline of zero hits still has a (tiny) variance.
     */
    double rate(double alpha) {
        if (!started()) {
            return Double.NaN;
        }
        double windows = Math.min(updates, 1 / alpha);
        return (hits * windows + 0.5) / (trials * windows + 1);
    }

    /** Mean trials per window in the baseline (the volume a silence is judged against). */
    double meanTrials() {
        return started() ? trials : 0;
    }

    /** Signed score-test z of {@code k} hits in {@code n} trials against rate {@code p0}. */
    double z(long k, long n, double p0) {
        double p = (double) k / n;
        double sd = Math.sqrt(p0 * (1 - p0) / n * Math.max(1, phi));
        return (p - p0) / sd;
    }

    /** Learns from one window, the rate winsorised at {@code clipZ} standard deviations of the test. */
    void learn(long k, long n, double p0, double z, double clipZ, double alpha, double alphaPhi) {
        updates++;
        if (!started()) {
            hits = k;
            trials = n;
            return;
        }
        double p = (double) k / n;
        if (Math.abs(z) > clipZ && updates > 5) {
            double sd = Math.sqrt(p0 * (1 - p0) / n * Math.max(1, phi));
            p = Stats.clamp(p, p0 - clipZ * sd, p0 + clipZ * sd);
        }
        double a = Math.max(alpha, 1.0 / updates);
        hits += a * (p * n - hits);
        trials += a * (n - trials);
        // phi learns from the plain binomial z (z was divided by sqrt(phi)), winsorised like the rate
        double widen = Math.max(1, phi);
        double z2 = Math.min(z * z, clipZ * clipZ) * widen;
        phi += Math.max(alphaPhi, 1.0 / updates) * (z2 - phi);
    }

    /** Moves the baseline to a new rate (a persistent change accepted after a long alert). */
    void shiftTo(double p) {
        if (started()) {
            hits = Stats.clamp(p, 0, 1) * trials;
        }
    }

    void write(DataOutput out) throws IOException {
        out.writeDouble(hits);
        out.writeDouble(trials);
        out.writeDouble(phi);
        out.writeLong(updates);
    }

    static RateModel read(DataInput in) throws IOException {
        RateModel r = new RateModel();
        r.hits = in.readDouble();
        r.trials = in.readDouble();
        r.phi = in.readDouble();
        r.updates = in.readLong();
        return r;
    }
}
