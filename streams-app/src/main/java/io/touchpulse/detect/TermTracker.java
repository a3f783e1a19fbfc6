package io.touchpulse.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which negative terms of one segment × touchpoint are trending: an exponentially weighted baseline of each term's
 * count per window, and a Poisson test of each window's count against it. Answers "what are customers suddenly
 * complaining about here" in a few kilobytes per key whatever they type: at most {@code capacity} terms are
 * remembered, the least used first forgotten. A trending term's baseline learns slowly, so a burst is not
 * absorbed by the baseline that judges it, and a lasting new level still becomes normal after a few hours.
 */
public final class TermTracker {
    private final TermTrendConfig config;
    final Map<String, TermStat> terms;
    int windows;
    long lastEnd = Long.MIN_VALUE;

    TermTracker(TermTrendConfig config, Map<String, TermStat> terms) {
        this.config = config;
        this.terms = terms;
    }

    public static TermTracker empty(TermTrendConfig config) {
        return new TermTracker(config, new HashMap<>());
    }

    public static TermTracker decode(TermTrendConfig config, byte[] bytes) {
        return TermTrackerCodec.decode(config, bytes);
    }

    public byte[] encode() {
        return TermTrackerCodec.encode(this);
    }

    /**
     * One window's negative-term counts (terms not listed count 0). Returns what changed: terms that started trending,
     * trending terms at a new peak, and terms that stopped trending. A window not after the last one is ignored.
     */
    public List<TermChange> observe(long windowEnd, Map<String, Long> counts) {
        if (windowEnd <= lastEnd) {
            return List.of();
        }
        decayGap(windowEnd);
        lastEnd = windowEnd;
        boolean warm = windows >= config.warmupWindows();
        windows++;
        admit(counts);
        double alpha = config.alpha();
        List<TermChange> changes = new ArrayList<>();
        for (Map.Entry<String, TermStat> e : terms.entrySet()) {
            TermStat t = e.getValue();
            long count = Math.max(0, counts.getOrDefault(e.getKey(), 0L));
            double baseline = t.fresh ? config.priorBaseline() : Math.max(t.mean, config.priorBaseline());
            double lift = (count + 1) / (baseline + 1);
            double tail = Stats.poissonTail(count, baseline);
            t.record(count, baseline, lift, score(tail));
            TermChange change = step(e.getKey(), t, windowEnd, warm, count, lift, tail);
            if (change != null) {
                changes.add(change);
            }
            // a burst must not teach the baseline that judges it: trending terms learn at a quarter of the pace
            // during warm-up a term's first count is its baseline (learn fast); once warm, a term never seen before had 0
            double a = t.trending ? alpha / 4 : alpha;
            t.mean = t.fresh && !warm ? count : t.mean + a * (count - t.mean);
            t.fresh = false;
        }
        prune(counts);
        changes.sort(Comparator.comparingDouble(TermChange::score).reversed().thenComparing(TermChange::term));
        return changes;
    }

    private TermChange step(String term, TermStat t, long windowEnd, boolean warm, long count, double lift, double tail) {
        if (!t.trending) {
            if (warm && count >= config.minCount() && lift >= config.minLift() && tail <= config.startTail()) {
                t.trending = true;
                t.quiet = 0;
                t.peak = count;
                return t.change(term, windowEnd, true);
            }
            return null;
        }
        if (count < config.minCount() || lift < config.endLift()) {
            if (++t.quiet >= config.quietWindows()) {
                t.trending = false;
                t.quiet = 0;
                t.peak = 0;
                return t.change(term, windowEnd, false);
            }
            return null;
        }
        t.quiet = 0;
        if (count > t.peak) {
            t.peak = count;
            return t.change(term, windowEnd, true);
        }
        return null;
    }

    /** The trending terms as of the last window, highest score first. */
    public List<TermChange> trending() {
        List<TermChange> out = new ArrayList<>();
        terms.forEach((term, t) -> {
            if (t.trending) {
                out.add(t.change(term, lastEnd, true));
            }
        });
        out.sort(Comparator.comparingDouble(TermChange::score).reversed().thenComparing(TermChange::term));
        return out;
    }

    /** Windows the key did not report had none of its terms: the baselines decay for each of them. */
    private void decayGap(long windowEnd) {
        if (lastEnd == Long.MIN_VALUE) {
            return;
        }
        long missed = Math.min((windowEnd - lastEnd) / config.intervalMs() - 1, 10_000);
        if (missed > 0) {
            double keep = Math.pow(1 - config.alpha(), missed);
            terms.values().forEach(t -> t.mean *= keep);
        }
    }

    /** New terms of this window, making room by forgetting the least used terms that are neither trending nor in it. */
    private void admit(Map<String, Long> counts) {
        for (String term : counts.keySet()) {
            if (terms.containsKey(term) || term == null || term.isBlank()) {
                continue;
            }
            if (terms.size() >= config.capacity() && !evictOneExcept(counts)) {
                return;
            }
            terms.put(term, new TermStat());
        }
    }

    private boolean evictOneExcept(Map<String, Long> keep) {
        String victim = null;
        double least = Double.MAX_VALUE;
        for (Map.Entry<String, TermStat> e : terms.entrySet()) {
            if (!e.getValue().trending && !keep.containsKey(e.getKey()) && e.getValue().mean < least) {
                least = e.getValue().mean;
                victim = e.getKey();
            }
        }
        if (victim != null) {
            terms.remove(victim);
        }
        return victim != null;
    }

    /** Terms whose baseline decayed to nothing are forgotten: they would start from the prior anyway. */
    private void prune(Map<String, Long> counts) {
        terms.entrySet().removeIf(e -> !e.getValue().trending && e.getValue().mean < 0.01 && !counts.containsKey(e.getKey()));
    }

    /** The tail on the detector's score scale: z of the tail, {@code z⁴/(z⁴+t⁴)} with t the start threshold's z. */
    private double score(double tail) {
        double threshold = Stats.zForTwoSided(2 * config.startTail());
        return Stats.score(Stats.zForTwoSided(2 * Math.max(tail, 1e-300)), threshold);
    }

    /** One term's baseline and its last reading. */
    static final class TermStat {
        double mean;
        boolean fresh = true;
        boolean trending;
        int quiet;
        long peak;
        long lastCount;
        double lastBaseline;
        double lastLift;
        double lastScore;

        void record(long count, double baseline, double lift, double score) {
            lastCount = count;
            lastBaseline = baseline;
            lastLift = lift;
            lastScore = score;
        }

        TermChange change(String term, long windowEnd, boolean trending) {
            return new TermChange(term, windowEnd, lastCount, lastBaseline, lastLift, lastScore, trending);
        }
    }
}
