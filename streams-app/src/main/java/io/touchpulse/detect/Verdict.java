package io.touchpulse.detect;

/**
 * What the detector concluded about one window of one key.
 *
 * @param timestamp    event time of the window (epoch millis)
 * @param observed     the value as observed (a rate for {@link Detector#observeRate}, NaN for a tick)
 * @param expected     the baseline's expectation for this window
 * @param deviation    signed surprise in standard deviations (z) of the baseline's noise; 0 when not tested
 * @param anomalyScore 0..1, monotone in how surprising the window is; about 0 for ordinary windows, 0.5 at the fire threshold
 * @param firing       whether the alert of this key is firing after this window (after hysteresis)
 * @param transition   what changed in the alert with this window
 * @param severity     severity of the firing alert, null when not firing
 * @param cause        which test found this window anomalous (NONE if none did); for a firing alert, the cause that fired it
 * @param warmedUp     whether the baseline has seen enough windows to alert
 * @param tested       false when the window had too little volume to be judged (rates, counts)
 */
public record Verdict(long timestamp, double observed, double expected, double deviation, double anomalyScore,
                      boolean firing, Transition transition, Severity severity, Cause cause,
                      boolean warmedUp, boolean tested) {

    /** Whether the metric moved above its baseline (for the alert's {@code direction} field). */
    public boolean movedUp() {
        return deviation > 0 || (deviation == 0 && observed > expected);
    }
}
