package io.touchpulse.detect;

/**
 * How {@link TermTracker} decides that a term's negative use is trending at one segment × touchpoint.
 *
 * @param intervalMs      time between two windows of a key (the window advance); a gap counts as windows without the term
 * @param halfLifeWindows the baseline forgets half of a window's count after this many windows
 * @param warmupWindows   windows a key must have seen before any of its terms may trend
 * @param minCount        fewest negative uses in a window to trend (3 customers typing "refund" is not news)
 * @param minLift         (count + 1) / (baseline + 1) needed to start trending
 * @param startTail       Poisson tail P(N >= count | baseline) at or below which a term starts trending
 * @param endLift         a trending term is quiet in a window whose lift is below this (or whose count is below minCount)
 * @param quietWindows    consecutive quiet windows that end a trend
 * @param capacity        terms remembered per key; the least used non-trending ones are forgotten first
 * @param priorBaseline   the baseline of a term never seen before (a Poisson rate needs to be above 0)
 */
public record TermTrendConfig(long intervalMs, double halfLifeWindows, int warmupWindows, long minCount, double minLift,
                              double startTail, double endLift, int quietWindows, int capacity, double priorBaseline) {

    public TermTrendConfig {
        if (intervalMs <= 0 || halfLifeWindows <= 0 || warmupWindows < 0 || minCount < 1 || minLift < 1 || endLift < 1
                || !(startTail > 0 && startTail < 1) || quietWindows < 1 || capacity < 1 || priorBaseline <= 0) {
            throw new IllegalArgumentException("invalid term trend settings: " + this);
        }
    }

    /**
     * Defaults for 5-minute windows advancing 1 minute: an hour's half-life; 15 windows of warm-up; at least 5 uses,
     * twice the baseline and a 1-in-1000 tail to start; two windows back under 1.5 times the baseline to end.
     * Neighbouring hopping windows share four fifths of their events, so a trend starts on one window's evidence (the
     * tail already says how surprising it is) and is never confirmed by its overlapping neighbours as if they were new.
     */
    public static TermTrendConfig defaults(long intervalMs) {
        return new TermTrendConfig(intervalMs, 60, 15, 5, 2.0, 1e-3, 1.5, 2, 200, 0.2);
    }

    double alpha() {
        return Stats.alpha(halfLifeWindows);
    }
}
