package io.touchpulse.journey;

import io.touchpulse.config.Durations;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Turns {@code journey.*} / {@code risk.*} properties into a {@link JourneyConfig}; every error names its key. */
final class JourneyConfigParser {
    private JourneyConfigParser() {}

    static JourneyConfig parse(Map<String, String> props) {
        JourneyConfig d = JourneyConfig.defaults();
        int budget = d.surveyBudget();
        int repeat = d.repeatThreshold();
        int loyal = d.loyalTenureMonths();
        Map<String, Duration> durations = new HashMap<>();
        Map<String, Duration> deadlines = new TreeMap<>(d.deadlines());
        Map<Driver, Double> weights = new EnumMap<>(d.weights());
        for (Map.Entry<String, String> e : new TreeMap<>(props).entrySet()) {
            String key = e.getKey();
            if (!key.startsWith("journey.") && !key.startsWith("risk.")) {
                continue;
            }
            String value = e.getValue() == null ? "" : e.getValue().trim();
            switch (key) {
                case "journey.survey-budget" -> budget = integer(key, value, 0, 1000);
                case "journey.repeat-threshold" -> repeat = integer(key, value, 2, 100);
                case "journey.loyal-tenure-months" -> loyal = integer(key, value, 0, 1200);
                case "journey.survey-period", "journey.survey-min-gap", "journey.trivial-interaction",
                     "journey.uncoordinated-window", "journey.repeat-window", "journey.offer-window",
                     "journey.case-expiry", "journey.contact-window", "risk.half-life" ->
                        durations.put(key, duration(key, value));
                default -> {
                    if (key.startsWith("journey.deadline.") && key.length() > "journey.deadline.".length()) {
                        deadlines.put(key.substring("journey.deadline.".length()), duration(key, value));
                    } else if (key.startsWith("risk.weight.")) {
                        Driver driver = Driver.byKey(key.substring("risk.weight.".length()));
                        if (driver == null) {
                            throw new IllegalArgumentException(key + ": unknown risk driver; known: " + knownDrivers());
                        }
                        weights.put(driver, weight(key, value));
                    } else {
                        throw new IllegalArgumentException(key + ": unknown setting (see docs/journeys.md for the journey.* and risk.* keys)");
                    }
                }
            }
        }
        return new JourneyConfig(budget, durations.getOrDefault("journey.survey-period", d.surveyPeriod()),
                durations.getOrDefault("journey.survey-min-gap", d.surveyMinGap()),
                durations.getOrDefault("journey.trivial-interaction", d.trivialInteraction()),
                durations.getOrDefault("journey.uncoordinated-window", d.uncoordinatedWindow()),
                durations.getOrDefault("journey.repeat-window", d.repeatWindow()), repeat, loyal,
                durations.getOrDefault("journey.offer-window", d.offerWindow()),
                durations.getOrDefault("journey.case-expiry", d.caseExpiry()),
                durations.getOrDefault("journey.contact-window", d.contactWindow()), deadlines,
                durations.getOrDefault("risk.half-life", d.halfLife()), weights);
    }

    private static int integer(String key, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new IllegalArgumentException(key + ": must be within " + min + ".." + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + value + "' is not a whole number", e);
        }
    }

    private static Duration duration(String key, String value) {
        Duration d;
        try {
            d = Durations.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + ": " + (value.isEmpty() ? "empty value" : e.getMessage()) + " (use e.g. 30s, 15m, 24h, 7d or PT24H)", e);
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + ": must be positive, got '" + value + "'");
        }
        return d;
    }

    /** Below 1: a weight of 1 would make a single driver certain churn and its log-share infinite. */
    private static double weight(String key, String value) {
        try {
            double w = Double.parseDouble(value);
            if (!(w >= 0 && w <= 0.99)) {
                throw new IllegalArgumentException(key + ": must be within 0..0.99, got " + value);
            }
            return w;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + value + "' is not a number", e);
        }
    }

    private static String knownDrivers() {
        StringBuilder sb = new StringBuilder();
        for (Driver d : Driver.values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(d.key());
        }
        return sb.toString();
    }
}
