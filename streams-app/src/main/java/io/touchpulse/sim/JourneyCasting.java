package io.touchpulse.sim;

import io.touchpulse.schema.JourneyIssueType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Picks the customers of the journey cohorts: {@link JourneyCast#PER_TYPE} cast and as many control customers per
 * type and cohort, all with a profile, each in one role only. LOYALTY_PENALTY needs long-standing customers (tenure
 * of at least {@link #LOYAL_MONTHS}, well above the rules' default of 12) and one control needs a new customer.
 * Scripted customers leave the random traffic, so the number of cohorts is capped at {@link #MAX_COHORTS} (one
 * simulated day) and at {@link #MAX_SHARE} of the customers; fewer cohorts when the population is small.
 */
final class JourneyCasting {
    static final int MAX_COHORTS = 24;
    static final double MAX_SHARE = 0.2;
    static final int LOYAL_MONTHS = 24, NEW_MONTHS = 3;
    static final JourneyIssueType[] TYPES = JourneyIssueType.values();

    /** Customer indices of one cohort, per type, one per script variant. */
    record Cohort(Map<JourneyIssueType, int[]> cast, Map<JourneyIssueType, int[]> control) {
    }

    private enum Need { ANY, LOYAL, NEW }

    private final Population pop;
    private final int[] order;
    private final boolean[] used;
    private final int[] next = new int[Need.values().length];

    private JourneyCasting(Population pop, SplittableRandom rng) {
        this.pop = pop;
        order = new int[pop.profiled];
        for (int i = 0; i < order.length; i++) order[i] = i;
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        used = new boolean[pop.profiled];
    }

    static List<Cohort> pick(Population pop, SplittableRandom rng) {
        return new JourneyCasting(pop, rng).cohorts();
    }

    private List<Cohort> cohorts() {
        int perCohort = 2 * JourneyCast.PER_TYPE * TYPES.length;
        int max = Math.min(MAX_COHORTS, (int) (MAX_SHARE * pop.profiled / perCohort));
        List<Cohort> out = new ArrayList<>();
        for (int k = 0; k < max; k++) {
            Map<JourneyIssueType, int[]> cast = new EnumMap<>(JourneyIssueType.class), control = new EnumMap<>(JourneyIssueType.class);
            for (JourneyIssueType type : TYPES) {
                int[] a = new int[JourneyCast.PER_TYPE], b = new int[JourneyCast.PER_TYPE];
                for (int v = 0; v < a.length; v++) {
                    boolean loyalty = type == JourneyIssueType.LOYALTY_PENALTY;
                    a[v] = take(loyalty ? Need.LOYAL : Need.ANY);
                    b[v] = take(ControlScripts.wantsNewCustomer(type, v) ? Need.NEW : loyalty ? Need.LOYAL : Need.ANY);
                    if (a[v] < 0 || b[v] < 0) return out; // population exhausted: no partial cohort
                }
                cast.put(type, a);
                control.put(type, b);
            }
            out.add(new Cohort(cast, control));
        }
        return out;
    }

    /** The next unused customer, in the shuffled order, that fits; -1 if none is left. */
    private int take(Need need) {
        int n = order.length;
        while (next[need.ordinal()] < n) {
            int c = order[next[need.ordinal()]++];
            if (used[c] || !fits(c, need)) continue;
            used[c] = true;
            return c;
        }
        return -1;
    }

    private boolean fits(int c, Need need) {
        return switch (need) {
            case ANY -> true;
            case LOYAL -> pop.tenure[c] >= LOYAL_MONTHS;
            case NEW -> pop.tenure[c] <= NEW_MONTHS;
        };
    }
}
