package io.touchpulse.detect;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * One baseline: an exponentially weighted level and noise (variance), optionally plus a seasonal
 * profile (additive Holt-Winters without trend). Learning is robust: the error is winsorised at a
 * few standard deviations, so one outlier moves the level by a bounded step and the noise estimate
 * by a bounded amount. The mean absolute one-step error is tracked on every window, unclipped, to
 * compare seasonal and plain models (AUTO).
 */
final class LevelModel {
    static final int PLAIN = 0;
    static final int DAILY = 1;
    static final int WEEKLY = 2;
    /** No winsorising for the first few windows: the noise estimate is not worth clipping against yet. */
    private static final int UNCLIPPED_WINDOWS = 5;

    final int type;
    final SeasonalProfile profile;
    double level = Double.NaN;
    double var = Double.NaN;
    double mae = Double.NaN;
    long updates;
    long varUpdates;
    /** Windows predicted with a seasonal bucket seen in an earlier period. */
    long seasonalPredictions;

    LevelModel(int type) {
        this.type = type;
        this.profile = switch (type) {
            case PLAIN -> null;
            case DAILY -> new SeasonalProfile(24, true);
            case WEEKLY -> new SeasonalProfile(168, true);
            default -> throw new IllegalArgumentException("model type " + type);
        };
    }

    private LevelModel(int type, SeasonalProfile profile) {
        this.type = type;
        this.profile = profile;
    }

    boolean started() {
        return !Double.isNaN(level);
    }

    /** The expectation for bucket {@code b}: level, plus the seasonal offset once that bucket is qualified. */
    double expected(int b, double visitsPerPeriod) {
        if (profile != null && profile.qualified(b, visitsPerPeriod)) {
            return level + profile.offset[b];
        }
        return level;
    }

    /** Noise variance for bucket {@code b}: the global estimate blended with the bucket's own as it matures. */
    double variance(int b, double visitsPerPeriod) {
        if (profile == null || profile.noise == null || !profile.qualified(b, visitsPerPeriod) || Float.isNaN(profile.noise[b])) {
            return var;
        }
        int v = profile.visits(b);
        double w = Math.min(0.7, v / (v + 2 * visitsPerPeriod));
        return Double.isNaN(var) ? profile.noise[b] : (1 - w) * var + w * profile.noise[b];
    }

    /** Tracks the one-step error for model comparison, whether or not the model learns from this window. */
    void track(double error, double alphaMae, int b, double visitsPerPeriod) {
        double a = Math.abs(error);
        mae = Double.isNaN(mae) ? a : mae + alphaMae * (a - mae);
        if (profile != null && profile.qualified(b, visitsPerPeriod)) {
            seasonalPredictions++;
        }
    }

    /**
     * Learns from one window. {@code clip} is the winsorising bound on the error (a few standard
     * deviations); {@code gamma} the seasonal learning rate per visit. During its first period a
     * seasonal model predicts like the plain one (same level) while its profile collects each
     * bucket's mean; then the profile is centred and Holt-Winters takes over. Its noise is learned
     * only from windows predicted with a qualified bucket, i.e. from the residuals of the seasonal
     * fit, not from the pattern it had not learned yet.
     */
    void learn(double x, double expected, int b, double clip, double alphaLevel, double alphaVar, double gamma,
               boolean firstPeriod, boolean qualified) {
        updates++;
        if (!started()) {
            level = x;
            return;
        }
        double e = x - expected;
        double ec = varUpdates < UNCLIPPED_WINDOWS || Double.isNaN(var) ? e : Stats.clamp(e, -clip, clip);
        double aL = Math.max(alphaLevel, 1.0 / updates);
        if (profile != null && !profile.centred) {
            if (firstPeriod) {
                level += aL * e;
                profile.learnRaw(b, x);
                return;
            }
            double mean = profile.centre();
            level = mean; // the first period's mean, like the batch initialisation of Holt-Winters
            ec = 0;
        }
        level += aL * ec;
        if (profile == null || qualified) {
            varUpdates++;
            double aV = Math.max(alphaVar, 1.0 / varUpdates);
            var = Double.isNaN(var) ? ec * ec : var + aV * (ec * ec - var);
        }
        if (profile != null) {
            profile.learn(b, ec, aL, gamma, qualified);
        }
    }

    void write(DataOutput out) throws IOException {
        out.writeByte(type);
        out.writeDouble(level);
        out.writeDouble(var);
        out.writeDouble(mae);
        out.writeLong(updates);
        out.writeLong(varUpdates);
        out.writeLong(seasonalPredictions);
        if (profile != null) {
            profile.write(out);
        }
    }

    static LevelModel read(DataInput in) throws IOException {
        int type = in.readUnsignedByte();
        if (type > WEEKLY) {
            throw new IOException("unknown model type " + type);
        }
        double level = in.readDouble();
        double var = in.readDouble();
        double mae = in.readDouble();
        long updates = in.readLong();
        long varUpdates = in.readLong();
        long seasonal = in.readLong();
        LevelModel m = new LevelModel(type, type == PLAIN ? null : SeasonalProfile.read(in));
        m.level = level;
        m.var = var;
        m.mae = mae;
        m.updates = updates;
        m.varUpdates = varUpdates;
        m.seasonalPredictions = seasonal;
        return m;
    }
}
