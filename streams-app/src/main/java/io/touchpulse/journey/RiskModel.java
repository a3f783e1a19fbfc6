package io.touchpulse.journey;


/**
 * Churn risk as a noisy-OR over the drivers: {@code risk = 1 - Π(1 - weight·strength)}, each driver's contribution
 * its share of the risk in proportion to {@code -ln(1 - weight·strength)} (so contributions sum to the risk).
 * Strengths are in [0, 1] and, for event-driven drivers, halve every {@code risk.half-life}; docs/journeys.md
 * explains each strength and the default weights.
 */
final class RiskModel {
    /** Drivers with weight·strength below this are left out (noise, and flapping driver sets). */
    static final double PRESENT = 0.01;

    private RiskModel() {}

    /**
     * Recomputes {@code state.risk} as of {@code now}; when it changed materially since last published, also
     * {@code state.drivers} (with their sentences) and returns true. Otherwise the drivers stay as last published:
     * the same set, contributions within 0.02 of the current ones, and no strings built.
     */
    static boolean assess(CustomerState s, long now, JourneyConfig config) {
        Driver[] all = Driver.values();
        DriverStrengths.Measure[] measures = new DriverStrengths.Measure[all.length];
        double survive = 1;
        int mask = 0;
        for (Driver d : all) {
            double w = config.weight(d);
            DriverStrengths.Measure m = w == 0 ? null : DriverStrengths.measure(d, s, now, config);
            if (m == null || w * m.strength() < PRESENT) {
                continue;
            }
            measures[d.ordinal()] = m;
            survive *= 1 - w * m.strength();
            mask |= 1 << d.ordinal();
        }
        s.risk = Math.min(1, Math.max(0, 1 - survive));
        double before = s.publishedRisk < 0 ? 0 : s.publishedRisk;
        boolean material = Math.abs(s.risk - before) >= 0.02 || !Bands.of(s.risk).equals(Bands.of(before))
                || mask != s.publishedDrivers;
        if (!material) {
            return false;
        }
        double total = 0;
        for (Driver d : all) {
            if (measures[d.ordinal()] != null) {
                total += -Math.log1p(-config.weight(d) * measures[d.ordinal()].strength());
            }
        }
        s.drivers.clear();
        for (Driver d : all) {
            DriverStrengths.Measure m = measures[d.ordinal()];
            if (m != null) {
                double w = config.weight(d);
                double share = total > 0 ? s.risk * -Math.log1p(-w * m.strength()) / total : 0;
                s.drivers.add(new DriverValue(d, m.strength(), w, share, m.detail().get()));
            }
        }
        s.drivers.sort((a, b) -> Double.compare(b.contribution(), a.contribution()));
        s.publishedRisk = s.risk;
        s.publishedDrivers = mask;
        return true;
    }

    /** Two decimals without String.format (which is slow and locale-bound). */
    static String pct(double v) {
        long hundredths = Math.round(Math.abs(v) * 100);
        String frac = Long.toString(hundredths % 100);
        return (v < 0 && hundredths > 0 ? "-" : "") + hundredths / 100 + "." + (frac.length() == 1 ? "0" + frac : frac);
    }
}
