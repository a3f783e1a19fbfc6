package io.touchpulse.detect;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Every knob of the {@link Detector}, named, with defaults that suit one-minute windows of health
 * metrics and NAB-like 5-minute series alike. Thresholds are in standard deviations (z) of the
 * baseline's own noise; "windows" count observations of one key.
 *
 * @param direction            which way a deviation must go to count
 * @param seasonality          seasonal profile: AUTO learns daily and weekly ones and uses them once they predict better
 * @param interval             expected time between observations; null learns it from the gaps
 * @param zone                 zone of the hour-of-day / hour-of-week buckets
 * @param warmup               observations before any alert (the baseline learns from them)
 * @param fireThreshold        a window is anomalous at this z (or the equivalent evidence of the other tests)
 * @param fireWindows          consecutive anomalous windows to fire
 * @param immediateThreshold   one window this far off fires at once (spikes, outages)
 * @param resolveThreshold     a window below this z counts towards resolving
 * @param resolveWindows       consecutive quiet windows to resolve
 * @param warningThreshold     evidence (z) from which a firing alert is WARNING
 * @param criticalThreshold    evidence (z) from which a firing alert is CRITICAL
 * @param baselineHalfLife     half-life of the level, in windows
 * @param varianceHalfLife     half-life of the noise estimate, in windows
 * @param seasonHalfLife       half-life of each seasonal bucket, in periods (days or weeks)
 * @param shiftSlack           CUSUM slack k: drift per window (z) that is ignored
 * @param shiftThreshold       CUSUM decision interval h: accumulated z beyond the slack that fires
 * @param burstThreshold       z of the count of unusual windows (Poisson test against their usual rate) that fires
 * @param relearnAfter         firing windows after which a persistent change becomes the new baseline
 * @param minRelativeScale     noise floor relative to |expected|, so flat series do not alert on rounding
 * @param minRelativeEffect    smallest change relative to |expected| that may alert (0: any)
 * @param minTrials            rate test: fewer trials than this are not tested
 * @param minRateEffect        rate test: smallest absolute change of the rate that may alert
 * @param minRelativeRateEffect rate test: smallest change relative to the baseline rate that may alert
 * @param minVolume            count test: expected count below which drops and silence are not tested
 * @param silenceWindows       intervals without any observation after which {@link Detector#tick} reports silence
 */
public record DetectorConfig(
        Direction direction, Seasonality seasonality, Duration interval, ZoneId zone, int warmup,
        double fireThreshold, int fireWindows, double immediateThreshold, double resolveThreshold, int resolveWindows,
        double warningThreshold, double criticalThreshold,
        double baselineHalfLife, double varianceHalfLife, double seasonHalfLife,
        double shiftSlack, double shiftThreshold, double burstThreshold, int relearnAfter,
        double minRelativeScale, double minRelativeEffect,
        long minTrials, double minRateEffect, double minRelativeRateEffect,
        double minVolume, double silenceWindows) {

    public DetectorConfig {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(seasonality, "seasonality");
        Objects.requireNonNull(zone, "zone");
        if (interval != null && (interval.isNegative() || interval.isZero())) {
            throw new IllegalArgumentException("interval must be positive");
        }
        positive("fireThreshold", fireThreshold);
        positive("immediateThreshold", immediateThreshold);
        positive("resolveThreshold", resolveThreshold);
        positive("baselineHalfLife", baselineHalfLife);
        positive("varianceHalfLife", varianceHalfLife);
        positive("seasonHalfLife", seasonHalfLife);
        positive("shiftThreshold", shiftThreshold);
        positive("burstThreshold", burstThreshold);
        positive("silenceWindows", silenceWindows);
        if (resolveThreshold > fireThreshold) {
            throw new IllegalArgumentException("resolveThreshold (" + resolveThreshold + ") must not exceed fireThreshold (" + fireThreshold + ")");
        }
        if (warmup < 0 || fireWindows < 1 || resolveWindows < 1 || relearnAfter < 1 || minTrials < 0) {
            throw new IllegalArgumentException("warmup, minTrials >= 0 and fireWindows, resolveWindows, relearnAfter >= 1");
        }
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be a positive number, not " + v);
        }
    }

    /** The defaults, documented on each component. */
    public static DetectorConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.direction = direction; b.seasonality = seasonality; b.interval = interval; b.zone = zone; b.warmup = warmup;
        b.fireThreshold = fireThreshold; b.fireWindows = fireWindows; b.immediateThreshold = immediateThreshold;
        b.resolveThreshold = resolveThreshold; b.resolveWindows = resolveWindows;
        b.warningThreshold = warningThreshold; b.criticalThreshold = criticalThreshold;
        b.baselineHalfLife = baselineHalfLife; b.varianceHalfLife = varianceHalfLife; b.seasonHalfLife = seasonHalfLife;
        b.shiftSlack = shiftSlack; b.shiftThreshold = shiftThreshold; b.burstThreshold = burstThreshold; b.relearnAfter = relearnAfter;
        b.minRelativeScale = minRelativeScale; b.minRelativeEffect = minRelativeEffect;
        b.minTrials = minTrials; b.minRateEffect = minRateEffect; b.minRelativeRateEffect = minRelativeRateEffect;
        b.minVolume = minVolume; b.silenceWindows = silenceWindows;
        return b;
    }

    /** Fluent builder; every setter names the record component it sets. */
    public static final class Builder {
        private Direction direction = Direction.BOTH;
        private Seasonality seasonality = Seasonality.AUTO;
        private Duration interval;
        private ZoneId zone = ZoneOffset.UTC;
        private int warmup = 30;
        private double fireThreshold = 4.0;
        private int fireWindows = 2;
        private double immediateThreshold = 6.0;
        private double resolveThreshold = 2.5;
        private int resolveWindows = 3;
        private double warningThreshold = 6.0;
        private double criticalThreshold = 10.0;
        private double baselineHalfLife = 30;
        private double varianceHalfLife = 60;
        private double seasonHalfLife = 2;
        private double shiftSlack = 1.0;
        private double shiftThreshold = 12;
        private double burstThreshold = 3.2;
        private int relearnAfter = 120;
        private double minRelativeScale = 0.01;
        private double minRelativeEffect = 0;
        private long minTrials = 20;
        private double minRateEffect = 0.02;
        private double minRelativeRateEffect = 0.2;
        private double minVolume = 5;
        private double silenceWindows = 5;

        private Builder() {
        }

        public Builder direction(Direction v) { direction = v; return this; }
        public Builder seasonality(Seasonality v) { seasonality = v; return this; }
        public Builder interval(Duration v) { interval = v; return this; }
        public Builder zone(ZoneId v) { zone = v; return this; }
        public Builder warmup(int v) { warmup = v; return this; }
        public Builder fireThreshold(double v) { fireThreshold = v; return this; }
        public Builder fireWindows(int v) { fireWindows = v; return this; }
        public Builder immediateThreshold(double v) { immediateThreshold = v; return this; }
        public Builder resolveThreshold(double v) { resolveThreshold = v; return this; }
        public Builder resolveWindows(int v) { resolveWindows = v; return this; }
        public Builder warningThreshold(double v) { warningThreshold = v; return this; }
        public Builder criticalThreshold(double v) { criticalThreshold = v; return this; }
        public Builder baselineHalfLife(double v) { baselineHalfLife = v; return this; }
        public Builder varianceHalfLife(double v) { varianceHalfLife = v; return this; }
        public Builder seasonHalfLife(double v) { seasonHalfLife = v; return this; }
        public Builder shiftSlack(double v) { shiftSlack = v; return this; }
        public Builder shiftThreshold(double v) { shiftThreshold = v; return this; }
        public Builder burstThreshold(double v) { burstThreshold = v; return this; }
        public Builder relearnAfter(int v) { relearnAfter = v; return this; }
        public Builder minRelativeScale(double v) { minRelativeScale = v; return this; }
        public Builder minRelativeEffect(double v) { minRelativeEffect = v; return this; }
        public Builder minTrials(long v) { minTrials = v; return this; }
        public Builder minRateEffect(double v) { minRateEffect = v; return this; }
        public Builder minRelativeRateEffect(double v) { minRelativeRateEffect = v; return this; }
        public Builder minVolume(double v) { minVolume = v; return this; }
        public Builder silenceWindows(double v) { silenceWindows = v; return this; }

        public DetectorConfig build() {
            return new DetectorConfig(direction, seasonality, interval, zone, warmup,
                    fireThreshold, fireWindows, immediateThreshold, resolveThreshold, resolveWindows,
                    warningThreshold, criticalThreshold, baselineHalfLife, varianceHalfLife, seasonHalfLife,
                    shiftSlack, shiftThreshold, burstThreshold, relearnAfter,
                    minRelativeScale, minRelativeEffect, minTrials, minRateEffect, minRelativeRateEffect,
                    minVolume, silenceWindows);
        }
    }
}
