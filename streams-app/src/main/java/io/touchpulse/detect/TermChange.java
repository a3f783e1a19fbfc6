package io.touchpulse.detect;

/**
 * A trending term as of one window: it started trending, reached a new peak, or (trending = false) went back to
 * its baseline.
 *
 * @param count    negative uses in the window
 * @param baseline expected uses per window before this one
 * @param lift     (count + 1) / (baseline + 1)
 * @param score    surprise in [0, 1]: the Poisson tail of the count on the detector's z-score scale, 0.5 at the start threshold
 */
public record TermChange(String term, long windowEnd, long count, double baseline, double lift, double score, boolean trending) {
}
