package io.touchpulse.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Turns one window's z into evidence from three tests, each in z units so one threshold serves all:
 * <ul>
 *   <li><b>point</b>: the window's own |z| (in the configured direction), divided by the series'
 *       tail scale: in a series where spikes are routine (more than ~1% of windows beyond 3σ) a
 *       spike of the usual height is not news, only a clearly bigger one is;</li>
 *   <li><b>shift</b>: two one-sided CUSUMs of z, so a sustained shift of 2σ fires within a few
 *       windows although no single window is surprising;</li>
 *   <li><b>burst</b>: the count of unusual windows (|z| ≥ 3) in the last ~16 windows against their
 *       usual rate (Poisson z): more spikes than usual, even if each looks ordinary.</li>
 * </ul>
 * Windows whose change is below the minimum effect size are capped below the fire threshold and
 * do not build up a shift: big volumes make tiny changes significant but not important.
 */
final class Surprise {
    static final double UNUSUAL_Z = 3.0;
    /** Rate and mean size of |z| ≥ 3 under Gaussian noise: the prior before the series teaches otherwise. */
    static final double GAUSSIAN_UNUSUAL_RATE = 0.0027;
    static final double GAUSSIAN_UNUSUAL_SIZE = 3.3;
    private static final double ALPHA_RATE = Stats.alpha(500);
    private static final double ALPHA_SIZE = Stats.alpha(20);
    private static final double ALPHA_RECENT = Stats.alpha(16);
    private static final double MIN_BURST = 2.5;

    double unusualRate = GAUSSIAN_UNUSUAL_RATE;
    double unusualSize = GAUSSIAN_UNUSUAL_SIZE;
    double recentUnusual;
    double cusumUp;
    double cusumDown;

    /** Evidence of one window, in z units; {@code strength} is the largest, {@code cause} its test. */
    record Evidence(double point, double shift, double burst, double strength, Cause cause) {
        static final Evidence NONE = new Evidence(0, 0, 0, 0, Cause.NONE);
    }

    /** How much heavier than Gaussian the series' tail is: 1 for ordinary noise, larger when spikes are routine. */
    double tailScale() {
        double w = Stats.clamp((unusualRate - 0.005) / 0.015, 0, 1);
        return 1 + w * Math.max(0, unusualSize / GAUSSIAN_UNUSUAL_SIZE - 1);
    }

    /**
     * Assesses a window with signed deviation {@code z}. {@code effect} is the change relative to
     * the minimum effect size (infinite when there is none); {@code learn} is false while the
     * alert fires, so an incident does not teach the detector that incidents are normal.
     */
    Evidence assess(double z, double effect, Direction direction, DetectorConfig c, Cause testCause, boolean learn) {
        double ts = tailScale();
        double zf = direction.filter(z);
        double gated = effect >= 1 ? zf : Math.min(zf, c.fireThreshold() * effect);
        double point = gated / ts;

        double cap = effect >= 1 ? c.fireThreshold() : c.shiftSlack() * effect;
        double zc = Stats.clamp(z / ts, -cap, cap);
        cusumUp = Math.max(0, cusumUp + zc - c.shiftSlack());
        cusumDown = Math.max(0, cusumDown - zc - c.shiftSlack());
        double cusum = Math.max(direction == Direction.DOWN ? 0 : cusumUp, direction == Direction.UP ? 0 : cusumDown);
        double shift = c.fireThreshold() * cusum / c.shiftThreshold();

        boolean unusual = gated >= UNUSUAL_Z;
        recentUnusual += ALPHA_RECENT * ((unusual ? 1 : 0) - recentUnusual);
        double observed = recentUnusual / ALPHA_RECENT;
        double expected = Math.max(unusualRate, 0.0005) / ALPHA_RECENT;
        double burstZ = observed >= MIN_BURST ? (observed - expected) / Math.sqrt(Math.max(expected, 0.25)) : 0;
        double burst = c.fireThreshold() * Math.max(0, burstZ) / c.burstThreshold();

        if (learn) {
            unusualRate += ALPHA_RATE * ((unusual ? 1 : 0) - unusualRate);
            if (unusual) {
                unusualSize += ALPHA_SIZE * (gated - unusualSize);
            }
        }
        double strength = Math.max(point, Math.max(shift, burst));
        Cause cause = strength <= 0 ? Cause.NONE
                : strength == point ? testCause : (strength == shift ? Cause.SHIFT : Cause.BURST);
        return new Evidence(point, shift, burst, strength, cause);
    }

    void resetShift() {
        cusumUp = 0;
        cusumDown = 0;
    }

    void write(DataOutput out) throws IOException {
        out.writeDouble(unusualRate);
        out.writeDouble(unusualSize);
        out.writeDouble(recentUnusual);
        out.writeDouble(cusumUp);
        out.writeDouble(cusumDown);
    }

    static Surprise read(DataInput in) throws IOException {
        Surprise s = new Surprise();
        s.unusualRate = in.readDouble();
        s.unusualSize = in.readDouble();
        s.recentUnusual = in.readDouble();
        s.cusumUp = in.readDouble();
        s.cusumDown = in.readDouble();
        return s;
    }
}
