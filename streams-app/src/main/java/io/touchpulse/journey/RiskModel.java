package io.touchpulse.journey;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

    /** Recomputes {@code state.risk} and {@code state.drivers} as of {@code now}. */
    static void assess(CustomerState s, long now, JourneyConfig config) {
        List<DriverValue> drivers = new ArrayList<>(4);
        double total = 0;
        double survive = 1;
        for (Driver d : Driver.values()) {
            double w = config.weight(d);
            DriverStrengths.Measure m = w == 0 ? null : DriverStrengths.measure(d, s, now, config);
            double p = m == null ? 0 : w * m.strength();
            if (p < PRESENT) {
                continue;
            }
            double log = -Math.log1p(-p);
            total += log;
            survive *= 1 - p;
            drivers.add(new DriverValue(d, m.strength(), w, log, m.detail()));
        }
        double risk = Math.min(1, Math.max(0, 1 - survive));
        s.risk = risk;
        s.drivers.clear();
        for (DriverValue d : drivers) {
            s.drivers.add(new DriverValue(d.driver(), d.strength(), d.weight(), total > 0 ? risk * d.contribution() / total : 0, d.detail()));
        }
        s.drivers.sort((a, b) -> Double.compare(b.contribution(), a.contribution()));
    }

    static int driverSet(CustomerState s) {
        int mask = 0;
        for (DriverValue d : s.drivers) {
            mask |= 1 << d.driver().ordinal();
        }
        return mask;
    }

    /** Whether the risk moved enough since it was last published to publish it again. */
    static boolean material(CustomerState s) {
        double before = s.publishedRisk < 0 ? 0 : s.publishedRisk;
        return Math.abs(s.risk - before) >= 0.02 || !Bands.of(s.risk).equals(Bands.of(before))
                || driverSet(s) != s.publishedDrivers;
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
