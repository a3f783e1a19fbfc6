package io.touchpulse.detect;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The level baselines of one key (used for {@link Detector#observe} and {@link Detector#observeCount}):
 * predicts with the model in use, lets every model learn, and picks the model in use. With AUTO the
 * plain, daily and weekly models learn side by side; a seasonal one takes over once it has predicted
 * with buckets from an earlier period for a quarter of a day and its mean absolute error is clearly
 * (20%) lower, so a series without a daily pattern never pays for one, and one with a pattern gets
 * it after about a day. The model in use does not learn while the alert fires; the others always do.
 */
final class Baselines {
    private static final double SWITCH_FACTOR = 0.8;
    private static final double CLIP_SIGMAS = 3;
    private static final double DAY_MS = 86_400_000;
    static final double ABSOLUTE_SCALE_FLOOR = 1e-6;

    private final DetectorConfig c;
    private final double alphaLevel;
    private final double alphaVar;
    private final long fixedOffsetMs;
    /** Seasonal and model-choice rates for the configured interval (NaN when it is learned per key). */
    private final double fixedGamma;
    private final double fixedAlphaMae;

    Baselines(DetectorConfig c) {
        this.c = c;
        this.alphaLevel = Stats.alpha(c.baselineHalfLife());
        this.alphaVar = Stats.alpha(c.varianceHalfLife());
        this.fixedOffsetMs = c.zone() instanceof ZoneOffset o ? o.getTotalSeconds() * 1000L : Long.MIN_VALUE;
        double interval = c.interval() == null ? Double.NaN : c.interval().toMillis();
        this.fixedGamma = gamma(interval);
        this.fixedAlphaMae = alphaMae(interval);
    }

    private double gamma(double intervalMs) {
        return Stats.alpha(c.seasonHalfLife() * SeasonalProfile.HOUR_MS / intervalMs);
    }

    private static double alphaMae(double intervalMs) {
        return Stats.alpha(Math.max(50, DAY_MS / intervalMs / 4));
    }

    /** Where the models of a key stand for one window. */
    record Prediction(double expected, double variance, int daily, int weekly, double visits, boolean started) {
    }

    LevelModel[] newModels() {
        return switch (c.seasonality()) {
            case NONE -> new LevelModel[] {new LevelModel(LevelModel.PLAIN)};
            case DAILY -> new LevelModel[] {new LevelModel(LevelModel.DAILY)};
            case WEEKLY -> new LevelModel[] {new LevelModel(LevelModel.WEEKLY)};
            case AUTO -> new LevelModel[] {new LevelModel(LevelModel.PLAIN), new LevelModel(LevelModel.DAILY),
                    new LevelModel(LevelModel.WEEKLY)};
        };
    }

    /** Expected time between observations: configured, else learned from the gaps. */
    double intervalMs(State s) {
        if (c.interval() != null) {
            return c.interval().toMillis();
        }
        return Double.isNaN(s.interval) ? 60_000 : s.interval;
    }

    /** Learns the cadence of a key (robust to the odd late or doubled window). */
    void observeTime(State s, long ts) {
        if (s.lastTs != Long.MIN_VALUE && ts > s.lastTs) {
            double gap = ts - s.lastTs;
            s.interval = Double.isNaN(s.interval) ? gap
                    : s.interval + 0.05 * (Stats.clamp(gap, 0.5 * s.interval, 2 * s.interval) - s.interval);
        }
        s.lastTs = Math.max(s.lastTs, ts);
    }

    Prediction predict(State s, long ts) {
        double visits = SeasonalProfile.HOUR_MS / intervalMs(s);
        long offset = fixedOffsetMs != Long.MIN_VALUE ? fixedOffsetMs
                : c.zone().getRules().getOffset(Instant.ofEpochMilli(ts)).getTotalSeconds() * 1000L;
        long hour = Math.floorDiv(ts + offset, SeasonalProfile.HOUR_MS);
        int daily = (int) Math.floorMod(hour, 24L);
        int weekly = (int) Math.floorMod(hour + 72, 168L);
        LevelModel m = s.activeModel();
        int b = m.type == LevelModel.WEEKLY ? weekly : daily;
        return new Prediction(m.expected(b, visits), m.variance(b, visits), daily, weekly, visits, m.started());
    }

    /** Noise scale (standard deviation) of a prediction, with the configured floors. */
    double scale(double variance, double expected) {
        double floor = Math.max(ABSOLUTE_SCALE_FLOOR, c.minRelativeScale() * Math.abs(expected));
        return Double.isNaN(variance) ? floor : Math.max(Math.sqrt(variance), floor);
    }

    /**
     * Every model learns from {@code x}, except model {@code frozen} (the one that was in use when
     * the alert fired; -1 for none); then AUTO picks. Prediction errors only count for that choice
     * while no alert fires: a model must not win by having learned the incident.
     * Returns whether the model in use changed.
     */
    boolean learn(State s, Prediction p, double x, int frozen) {
        double interval = intervalMs(s);
        double perDay = DAY_MS / interval;
        double gamma = Double.isNaN(fixedGamma) ? gamma(interval) : fixedGamma;
        double alphaMae = Double.isNaN(fixedAlphaMae) ? alphaMae(interval) : fixedAlphaMae;
        for (int i = 0; i < s.models.length; i++) {
            LevelModel m = s.models[i];
            int b = m.type == LevelModel.WEEKLY ? p.weekly() : p.daily();
            double expected = m.expected(b, p.visits());
            if (m.started() && frozen < 0) {
                m.track(x - expected, alphaMae, b, p.visits());
            }
            if (i == frozen) {
                continue;
            }
            double clip = CLIP_SIGMAS * scale(m.variance(b, p.visits()), expected);
            boolean firstPeriod = m.profile != null && m.updates < p.visits() * m.profile.buckets();
            boolean qualified = m.profile != null && m.profile.qualified(b, p.visits());
            m.learn(x, expected, b, clip, alphaLevel, alphaVar, gamma, firstPeriod, qualified);
        }
        int before = s.active;
        choose(s, perDay);
        return s.active != before;
    }

    /** Accepts a persistent change: the model in use moves by {@code delta} and widens to {@code variance}. */
    void relearn(State s, double delta, double variance) {
        LevelModel m = s.activeModel();
        m.level += delta;
        if (!Double.isNaN(m.var)) {
            m.var = Math.max(m.var, variance);
        }
    }

    /** Undoes relearning: the model in use moves back by {@code delta} and gets its old noise {@code variance}. */
    void revert(State s, double delta, double variance) {
        LevelModel m = s.activeModel();
        m.level -= delta;
        if (!Double.isNaN(variance)) {
            m.var = variance;
        }
    }

    private void choose(State s, double perDay) {
        int best = s.active;
        for (int i = 0; i < s.models.length; i++) {
            LevelModel m = s.models[i];
            boolean eligible = m.started() && !Double.isNaN(m.mae)
                    && (m.profile == null || m.seasonalPredictions >= perDay / 4);
            if (i != best && eligible && m.mae < SWITCH_FACTOR * s.models[best].mae) {
                best = i;
            }
        }
        s.active = best;
    }
}
