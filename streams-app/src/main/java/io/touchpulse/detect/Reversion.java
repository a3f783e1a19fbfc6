package io.touchpulse.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Remembers the baseline from before a relearn, for a while, so a long incident that ends is seen
 * as "back to normal" and not as a new change. Relearning assumes a change outlasting
 * {@code relearnAfter} windows is the new normal (a level shift); an outage that merely lasted
 * that long (a flat line for half a day) teaches the baseline the outage. When the metric then
 * returns to its old level, the relearned baseline would call the return an anomaly and fire
 * until it relearned again. Instead: once three consecutive windows are within the fire threshold
 * of the old baseline and fit it clearly (by 1.5σ) better than the relearned one, the relearn is
 * undone; the alert holds fire meanwhile. After a genuine level shift that takes three windows of
 * over 2σ noise towards the old level in a row: about one in a million windows.
 * Successive relearns of one change add up: the old baseline is the one from before the change.
 */
final class Reversion {
    /** How long, in relearn periods, the old baseline is remembered. */
    private static final int MEMORY_PERIODS = 4;
    private static final int FITS = 3;
    private static final double MARGIN = 1.5;

    /** Model index the relearn moved, or -1 when nothing is remembered. */
    int model = -1;
    /** The level shift applied by the relearn. */
    double delta;
    /** The noise variance before the relearn widened it. */
    double varBefore;
    int windowsLeft;
    int fits;

    void remember(int modelIndex, double shift, double variance, DetectorConfig c) {
        if (model == modelIndex) {
            delta += shift;
        } else {
            model = modelIndex;
            delta = shift;
            varBefore = variance;
        }
        windowsLeft = MEMORY_PERIODS * c.relearnAfter();
        fits = 0;
    }

    /**
     * Judges one window of model {@code active} with deviation {@code residual} and noise
     * {@code scale} under the relearned baseline. Returns true when the relearn is to be undone.
     */
    boolean backToOld(int active, double residual, double scale, DetectorConfig c) {
        if (model < 0) {
            return false;
        }
        if (active != model || --windowsLeft <= 0) {
            forget();
            return false;
        }
        double zNew = Math.abs(residual) / scale;
        double zOld = Math.abs(residual + delta) / scale;
        fits = zOld < c.fireThreshold() && zNew - zOld >= MARGIN ? fits + 1 : 0;
        if (fits < FITS) {
            return false;
        }
        forget();
        return true;
    }

    /** Whether the last window fitted the old baseline (the return may be under way). */
    boolean pending() {
        return fits > 0;
    }

    private void forget() {
        model = -1;
        fits = 0;
    }

    void write(DataOutput out) throws IOException {
        out.writeByte(model);
        if (model >= 0) {
            out.writeDouble(delta);
            out.writeDouble(varBefore);
            out.writeInt(windowsLeft);
            out.writeInt(fits);
        }
    }

    static Reversion read(DataInput in) throws IOException {
        Reversion r = new Reversion();
        r.model = in.readByte();
        if (r.model >= 0) {
            r.delta = in.readDouble();
            r.varBefore = in.readDouble();
            r.windowsLeft = in.readInt();
            r.fits = in.readInt();
        }
        return r;
    }
}
