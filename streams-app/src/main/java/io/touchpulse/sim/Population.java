package io.touchpulse.sim;

import io.touchpulse.schema.CustomerProfile;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The simulated customer base: profiles by segment plus about 3% "ghost" customers who act but have no profile
 * (they show up as the {@code unknown} segment downstream). Also holds each customer's mutable state — mood,
 * last touchpoint and open case — so surveys and repeat contacts follow the customer's experience.
 * Struct-of-arrays: it is read on every event.
 */
final class Population {
    private static final String[] REGIONS = {"north", "south", "east", "west", "central", "north-east", "south-west"};
    private static final double[] REGION_CUM = Dist.cumulative(new double[]{0.16, 0.18, 0.12, 0.17, 0.22, 0.08, 0.07});

    final int profiled;
    final String[] ids;
    final Segment[] segment;
    final String[] tier, region;
    final int[] tenure;
    final double[] ltv;
    /** Current mood in [-1, 1]; drifts back to the segment baseline, pushed down by bad experiences. */
    final float[] mood;
    final String[] lastTouchpoint;
    final String[] openCase;
    /** When the customer was last sent a survey (epoch ms; may lie ahead: surveys are scheduled after the contact). */
    final long[] lastSurveyMs;
    /** When the customer was last sent marketing / called for retention (epoch ms), for contact-frequency caps. */
    final long[] lastMarketingMs, lastRetentionMs;
    private final double[] activity;
    private double[] activityCum;

    Population(SplittableRandom rng, int customers) {
        int ghosts = Math.max(1, (int) Math.round(customers * 0.03));
        int n = customers + ghosts;
        profiled = customers;
        ids = new String[n];
        segment = new Segment[n];
        tier = new String[n];
        region = new String[n];
        tenure = new int[n];
        ltv = new double[n];
        mood = new float[n];
        lastTouchpoint = new String[n];
        openCase = new String[n];
        lastSurveyMs = new long[n];
        java.util.Arrays.fill(lastSurveyMs, Long.MIN_VALUE / 2);
        lastMarketingMs = lastSurveyMs.clone();
        lastRetentionMs = lastSurveyMs.clone();
        double[] segCum = Dist.cumulative(new double[]{
                Segment.CONSUMER.share, Segment.SMALL_BUSINESS.share, Segment.PREMIUM.share, Segment.NEW.share});
        activity = new double[n];
        for (int i = 0; i < n; i++) {
            boolean ghost = i >= customers;
            Segment s = ghost ? (rng.nextDouble() < 0.7 ? Segment.CONSUMER : Segment.NEW)
                    : Segment.VALUES[Dist.pickIndex(rng, segCum)];
            segment[i] = s;
            ids[i] = "C" + ((ghost ? 9_000_000 : 1_000_000) + i);
            tier[i] = s.tiers[Dist.pickIndex(rng, s.tierCum)];
            region[i] = REGIONS[Dist.pickIndex(rng, REGION_CUM)];
            tenure[i] = s.tenureMin + rng.nextInt(s.tenureMax - s.tenureMin + 1);
            double value = Dist.logNormal(rng, s.ltvMedian, s.ltvSigma) * (0.5 + Math.min(1.5, tenure[i] / 48.0));
            ltv[i] = Math.round(value * 100) / 100.0;
            mood[i] = (float) clampMood(s.baseMood + 0.35 * rng.nextGaussian());
            lastTouchpoint[i] = Touchpoints.HOME;
            // a few heavy users per segment, many occasional ones
            activity[i] = s.activity * Dist.logNormal(rng, 1.0, 0.8);
        }
        activityCum = Dist.cumulative(activity);
    }

    /**
     * Takes these customers out of all random activity (their weight becomes zero; the others' shares grow, so the
     * volume stays the same): the journey cast acts only as scripted.
     */
    void exclude(int[] customers) {
        for (int c : customers) activity[c] = 0;
        activityCum = Dist.cumulative(activity);
    }

    int size() {
        return ids.length;
    }

    boolean hasProfile(int c) {
        return c < profiled;
    }

    /** The customer behind the next activity, weighted by how active each customer is. */
    int pickActive(SplittableRandom rng) {
        return Dist.pickIndex(rng, activityCum);
    }

    /** A random profiled customer of the given segment (for incident-driven activity); -1 if there is none. */
    int pickIn(SplittableRandom rng, Segment s) {
        for (int attempt = 0; attempt < 64; attempt++) {
            int c = pickActive(rng);
            if (segment[c] == s && hasProfile(c)) return c;
        }
        return -1;
    }

    /** The segment the monitor will see for this customer ("unknown" downstream when there is no profile). */
    Segment visibleSegment(int c) {
        return hasProfile(c) ? segment[c] : null;
    }

    void experience(int c, double delta) {
        Segment s = segment[c];
        double m = mood[c];
        m += (s.baseMood - m) * 0.03 + delta;
        mood[c] = (float) clampMood(m);
    }

    CustomerProfile profile(int c, Instant updatedAt) {
        return new CustomerProfile(ids[c], segment[c].id, tier[c], tenure[c], ltv[c], region[c], updatedAt);
    }

    private static double clampMood(double m) {
        return Math.max(-1.0, Math.min(1.0, m));
    }
}
