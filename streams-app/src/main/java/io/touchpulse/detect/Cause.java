package io.touchpulse.detect;

/**
 * Which test made a window anomalous, for alert summaries: one surprising point, a sustained small
 * shift (CUSUM), a burst of unusual points in a series where single spikes are normal, a rate or
 * count far off its volume-aware expectation, or a key that stopped sending.
 */
public enum Cause {
    NONE, POINT, SHIFT, BURST, RATE, COUNT, SILENCE
}
