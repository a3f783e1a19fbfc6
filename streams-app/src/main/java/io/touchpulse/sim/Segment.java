package io.touchpulse.sim;

/**
 * The customer segments and how they differ: size, activity, channel mix, tiers, tenure, lifetime value, baseline
 * mood and what they contact us about. Segment ids are the strings the monitor keys its windows by.
 */
enum Segment {
    //             id               share activity mobile contact mood  tiers                        tier weights        tenure    ltv median/sigma
    CONSUMER("consumer", 0.60, 1.0, 0.55, 0.14, 0.10, new String[]{"bronze", "silver", "gold"}, new double[]{0.55, 0.38, 0.07}, 3, 120, 850, 0.7,
            // contact subjects: billing checkout login search mobile-app product support plan email
            new double[]{0.20, 0.12, 0.08, 0.05, 0.10, 0.20, 0.10, 0.10, 0.05}),
    SMALL_BUSINESS("small-business", 0.18, 1.4, 0.30, 0.20, 0.00, new String[]{"bronze", "silver", "gold"}, new double[]{0.10, 0.50, 0.40}, 6, 180, 6200, 0.8,
            new double[]{0.38, 0.08, 0.06, 0.03, 0.05, 0.14, 0.12, 0.10, 0.04}),
    PREMIUM("premium", 0.10, 1.8, 0.45, 0.12, 0.30, new String[]{"gold", "platinum"}, new double[]{0.60, 0.40}, 24, 240, 24000, 0.6,
            new double[]{0.14, 0.20, 0.05, 0.04, 0.10, 0.25, 0.10, 0.08, 0.04}),
    NEW("new", 0.12, 1.2, 0.60, 0.18, 0.15, new String[]{"bronze", "silver"}, new double[]{0.80, 0.20}, 0, 3, 120, 0.9,
            new double[]{0.16, 0.10, 0.22, 0.06, 0.16, 0.14, 0.08, 0.05, 0.03});

    /** Contact subjects, parallel to {@link #subjectCum}. */
    static final String[] SUBJECTS = {"billing", "checkout", "login", "search", "app", "product", "support", "plan", "email"};

    final String id;
    final double share, activity, mobileShare, contactShare, baseMood;
    final String[] tiers;
    final double[] tierCum;
    final int tenureMin, tenureMax;
    final double ltvMedian, ltvSigma;
    final double[] subjectCum;

    Segment(String id, double share, double activity, double mobileShare, double contactShare, double baseMood,
            String[] tiers, double[] tierWeights, int tenureMin, int tenureMax, double ltvMedian, double ltvSigma,
            double[] subjectWeights) {
        this.id = id;
        this.share = share;
        this.activity = activity;
        this.mobileShare = mobileShare;
        this.contactShare = contactShare;
        this.baseMood = baseMood;
        this.tiers = tiers;
        this.tierCum = Dist.cumulative(tierWeights);
        this.tenureMin = tenureMin;
        this.tenureMax = tenureMax;
        this.ltvMedian = ltvMedian;
        this.ltvSigma = ltvSigma;
        this.subjectCum = Dist.cumulative(subjectWeights);
    }

    static final Segment[] VALUES = values();
}
