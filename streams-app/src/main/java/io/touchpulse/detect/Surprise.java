package io.touchpulse.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Turns one window's z into evidence from three tests, each in z units so one threshold serves all:
 * <ul>
 *   <li><b>point</b>: the window's own |z| in the configured direction. In a series where unusual
 *       windows (|z| ≥ 3) are routine (from 0.6% of windows on, fully at 1.5%: spiky load, zero-inflated
 *       counts), a big deviation is judged by how often one that big happens here instead: the
 *       sizes of unusual windows are tracked as a log-normal, and the window's probability
 *       (rate of unusual windows × tail of that log-normal) is expressed as a Gaussian z. A spike
 *       of the usual height then scores like 2.5σ, one far bigger than usual still fires;</li>
 *   <li><b>shift</b>: two one-sided CUSUMs of the point evidence, so a sustained shift of 2σ fires
 *       within a few windows although no single window is surprising. While the alert fires, a
 *       window back within the slack halves the CUSUM instead of lowering it by the slack: the
 *       alert then resolves a few windows after the level is back, not a dozen;</li>
 *   <li><b>burst</b>: the number of onsets of unusual windows (an unusual window after a usual
 *       one) in the last 16 windows against their usual rate (exact Poisson tail, as a z): more
 *       spikes than usual, even if each one looks ordinary. Onsets, not windows, because spikes
 *       come in clusters (a spike often spans two windows) and a cluster is one event. The usual
 *       rate learns from the onsets leaving the 16 windows, so a burst is never judged against
 *       a rate it has raised itself.</li>
 * </ul>
 * Windows whose change is below the minimum effect size are capped below the fire threshold and
 * do not build up a shift: big volumes make tiny changes significant but not important.
 */
final class Surprise {
    static final double UNUSUAL_Z = 3.0;
    /** Rate of |z| ≥ 3 under Gaussian noise: the prior before the series teaches otherwise. */
    static final double GAUSSIAN_UNUSUAL_RATE = 0.0027;
    private static final double ALPHA_RATE = Stats.alpha(250);
    private static final double ALPHA_SIZE = Stats.alpha(10);
    private static final int BURST_WINDOWS = 16;
    private static final int MIN_BURST = 3;
    /** Onsets are not rarer than under Gaussian noise: a lower learned rate means the noise is overestimated. */
    private static final double MIN_ONSET_RATE = 0.002;
    private static final double MIN_LOG_SD = 0.1;

    double unusualRate = GAUSSIAN_UNUSUAL_RATE;
    /** Mean and variance of ln(size) of unusual windows, sizes in the metric's own units; NaN until one was seen. */
    double logSize = Double.NaN;
    double logSizeVar = 1;
    /** Rate of onsets (an unusual window after a usual one), the baseline of the burst test. */
    double onsetRate = GAUSSIAN_UNUSUAL_RATE;
    /** Onsets of the last 32 windows, bit 0 the latest. */
    int onsets;
    boolean lastUnusual;
    double cusumUp;
    double cusumDown;

    /** Evidence of one window, in z units; {@code strength} is the largest, {@code cause} its test. */
    record Evidence(double point, double shift, double burst, double strength, Cause cause) {
        static final Evidence NONE = new Evidence(0, 0, 0, 0, Cause.NONE);
    }

    /** How much the series' own tail, rather than Gaussian noise, decides about an unusual window: 0..1. */
    double tailWeight() {
        return Double.isNaN(logSize) ? 0 : Stats.clamp((unusualRate - 0.006) / 0.009, 0, 1);
    }

    /** Point evidence of a deviation of {@code absZ} standard deviations ({@code scale} in metric units). */
    private double point(double absZ, double scale, double weight) {
        if (absZ < UNUSUAL_Z || weight <= 0) {
            return absZ;
        }
        double sd = Math.max(Math.sqrt(logSizeVar), MIN_LOG_SD);
        double tail = Stats.upperTail((Math.log(absZ * scale) - logSize) / sd);
        double z = Stats.zForTwoSided(unusualRate * tail);
        return (1 - weight) * absZ + weight * Math.min(absZ, z);
    }

    /**
     * Assesses a window with signed deviation {@code z} (in units of {@code scale}). {@code effect}
     * is the change relative to the minimum effect size (infinite when there is none); {@code learn}
     * is false while the alert fires, so an incident does not teach the detector that incidents are normal.
     * The shift statistics only accumulate once {@code warmedUp}: a baseline still learning is
     * always "shifted".
     */
    Evidence assess(double z, double scale, double effect, Direction direction, DetectorConfig c, Cause testCause,
                    boolean learn, boolean warmedUp) {
        double weight = tailWeight();
        double cap = effect >= 1 ? Double.POSITIVE_INFINITY : c.fireThreshold() * effect;
        double signed = Math.copySign(point(Math.min(Math.abs(z), cap), scale, weight), z);
        double point = direction.filter(signed);

        double step = effect >= 1 ? c.fireThreshold() : c.shiftSlack() * effect;
        double zc = Stats.clamp(signed, -step, step);
        double k = c.shiftSlack();
        cusumUp = !warmedUp ? 0 : (!learn && zc <= k ? cusumUp / 2 : Math.max(0, cusumUp + zc - k));
        cusumDown = !warmedUp ? 0 : (!learn && zc >= -k ? cusumDown / 2 : Math.max(0, cusumDown - zc - k));
        double cusum = Math.max(direction == Direction.DOWN ? 0 : cusumUp, direction == Direction.UP ? 0 : cusumDown);
        double shift = c.fireThreshold() * cusum / c.shiftThreshold();

        double gated = Math.min(direction.filter(z), cap);
        boolean unusual = gated >= UNUSUAL_Z;
        boolean onset = unusual && !lastUnusual;
        lastUnusual = unusual;
        onsets = (onsets << 1) | (onset ? 1 : 0);
        int recent = Integer.bitCount(onsets & ((1 << BURST_WINDOWS) - 1));
        double burstZ = recent >= MIN_BURST
                ? Stats.zForTwoSided(2 * Stats.poissonAtLeast(recent, Math.max(onsetRate, MIN_ONSET_RATE) * BURST_WINDOWS)) : 0;
        double burst = c.fireThreshold() * burstZ / c.burstThreshold();

        if (learn) {
            unusualRate += ALPHA_RATE * ((unusual ? 1 : 0) - unusualRate);
            onsetRate += ALPHA_RATE * (((onsets >>> BURST_WINDOWS) & 1) - onsetRate);
            if (unusual && gated * scale > 0) {
                double ln = Math.log(gated * scale);
                if (Double.isNaN(logSize)) {
                    logSize = ln;
                } else {
                    double d = ln - logSize;
                    logSize += ALPHA_SIZE * d;
                    logSizeVar = (1 - ALPHA_SIZE) * (logSizeVar + ALPHA_SIZE * d * d);
                }
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

    /** Forgets the recent windows (shift and burst), which were judged against a baseline now dropped. */
    void resetRecent() {
        resetShift();
        onsets = 0;
        lastUnusual = false;
    }

    void write(DataOutput out) throws IOException {
        out.writeDouble(unusualRate);
        out.writeDouble(logSize);
        out.writeDouble(logSizeVar);
        out.writeDouble(onsetRate);
        out.writeInt(onsets);
        out.writeBoolean(lastUnusual);
        out.writeDouble(cusumUp);
        out.writeDouble(cusumDown);
    }

    static Surprise read(DataInput in) throws IOException {
        Surprise s = new Surprise();
        s.unusualRate = in.readDouble();
        s.logSize = in.readDouble();
        s.logSizeVar = in.readDouble();
        s.onsetRate = in.readDouble();
        s.onsets = in.readInt();
        s.lastUnusual = in.readBoolean();
        s.cusumUp = in.readDouble();
        s.cusumDown = in.readDouble();
        return s;
    }
}
