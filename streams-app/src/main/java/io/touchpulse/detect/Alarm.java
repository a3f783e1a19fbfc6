package io.touchpulse.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The alert of one key with hysteresis: it fires after {@code fireWindows} consecutive anomalous
 * windows (or one beyond the immediate threshold, or one burst) and resolves after {@code resolveWindows}
 * consecutive windows below the lower resolve threshold, so a metric hovering at the threshold does
 * not flap. Severity escalates at once and de-escalates only after {@code resolveWindows} windows.
 * While firing it also keeps the mean and spread of the residuals, which become the new baseline
 * if the change outlasts {@code relearnAfter} windows.
 */
final class Alarm {
    boolean firing;
    boolean silent;
    Severity severity;
    Cause cause = Cause.NONE;
    int above;
    int quiet;
    int lower;
    int firingWindows;
    /** The baseline model in use when the alert fired: it does not learn while the alert fires. */
    int frozenModel = -1;
    long shadowCount;
    double shadowMean;
    double shadowVar;

    /**
     * One window's evidence. {@code hold}: the window may be the return to the baseline from before
     * a relearn ({@link Reversion}), so it does not fire; the next windows decide.
     */
    Transition step(Surprise.Evidence ev, boolean warmedUp, DetectorConfig c, int activeModel, boolean hold) {
        double s = ev.strength();
        if (!firing) {
            if (!warmedUp || s < c.fireThreshold()) {
                above = 0;
                return Transition.NONE;
            }
            above++;
            // a burst already aggregates several unusual windows: it needs no consecutive windows
            boolean immediate = s >= c.immediateThreshold() || ev.cause() == Cause.BURST;
            if (hold || above < c.fireWindows() && !immediate) {
                return Transition.NONE;
            }
            fire(severityOf(s, c), ev.cause());
            frozenModel = activeModel;
            return Transition.FIRED;
        }
        firingWindows++;
        if (s < c.resolveThreshold()) {
            if (++quiet >= c.resolveWindows()) {
                resolve();
                return Transition.RESOLVED;
            }
        } else {
            quiet = 0;
        }
        if (cause == Cause.SILENCE) {
            return Transition.NONE;
        }
        Severity target = severityOf(s, c);
        if (target.compareTo(severity) > 0) {
            severity = target;
            lower = 0;
            return Transition.SEVERITY_CHANGED;
        }
        if (target.compareTo(severity) < 0 && ++lower >= c.resolveWindows()) {
            severity = target;
            lower = 0;
            return Transition.SEVERITY_CHANGED;
        }
        if (target == severity) {
            lower = 0;
        }
        return Transition.NONE;
    }

    /** A key that stopped sending: the most severe alert there is. */
    Transition silence(int activeModel) {
        silent = true;
        if (!firing) {
            fire(Severity.CRITICAL, Cause.SILENCE);
            frozenModel = activeModel;
            return Transition.FIRED;
        }
        Transition t = severity == Severity.CRITICAL ? Transition.NONE : Transition.SEVERITY_CHANGED;
        severity = Severity.CRITICAL;
        cause = Cause.SILENCE;
        return t;
    }

    /** Residual of a window while firing, for relearning. */
    void track(double residual) {
        shadowCount++;
        double a = Math.max(0.2, 1.0 / shadowCount);
        double d = residual - shadowMean;
        shadowMean += a * d;
        shadowVar = shadowCount == 1 ? 0 : (1 - a) * (shadowVar + a * d * d);
    }

    /** Starts a new relearning period (after the baseline accepted the change). */
    void relearned() {
        firingWindows = 0;
        shadowCount = 0;
        shadowMean = 0;
        shadowVar = 0;
    }

    static Severity severityOf(double strength, DetectorConfig c) {
        if (strength >= c.criticalThreshold()) {
            return Severity.CRITICAL;
        }
        return strength >= c.warningThreshold() ? Severity.WARNING : Severity.INFO;
    }

    private void fire(Severity sev, Cause why) {
        firing = true;
        severity = sev;
        cause = why;
        above = 0;
        quiet = 0;
        lower = 0;
        relearned();
    }

    private void resolve() {
        firing = false;
        frozenModel = -1;
        silent = false;
        severity = null;
        cause = Cause.NONE;
        quiet = 0;
        lower = 0;
        relearned();
    }

    void write(DataOutput out) throws IOException {
        out.writeByte((firing ? 1 : 0) | (silent ? 2 : 0));
        out.writeByte(severity == null ? 255 : severity.ordinal());
        out.writeByte(cause.ordinal());
        out.writeInt(above);
        out.writeInt(quiet);
        out.writeInt(lower);
        out.writeInt(firingWindows);
        out.writeByte(frozenModel);
        out.writeLong(shadowCount);
        out.writeDouble(shadowMean);
        out.writeDouble(shadowVar);
    }

    static Alarm read(DataInput in) throws IOException {
        Alarm a = new Alarm();
        int flags = in.readUnsignedByte();
        a.firing = (flags & 1) != 0;
        a.silent = (flags & 2) != 0;
        int sev = in.readUnsignedByte();
        a.severity = sev == 255 ? null : Severity.values()[sev];
        a.cause = Cause.values()[in.readUnsignedByte()];
        a.above = in.readInt();
        a.quiet = in.readInt();
        a.lower = in.readInt();
        a.firingWindows = in.readInt();
        a.frozenModel = in.readByte();
        a.shadowCount = in.readLong();
        a.shadowMean = in.readDouble();
        a.shadowVar = in.readDouble();
        return a;
    }
}
