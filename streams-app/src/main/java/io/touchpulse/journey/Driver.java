package io.touchpulse.journey;

import java.util.Locale;

/**
 * The reasons a customer may leave that the risk model knows, with their default weights: the churn probability the
 * driver alone implies at full strength. The rationale for each weight is in docs/journeys.md; operators override
 * them with {@code risk.weight.<name>}.
 */
public enum Driver {
    NEGATIVE_SENTIMENT_TREND(0.40),
    CHURN_INTENT(0.60),
    REPEAT_CONTACTS(0.35),
    UNRESOLVED_CASE(0.30),
    BROKEN_PROMISE(0.50),
    DETRACTOR(0.35),
    TENURE_VALUE(0.15),
    JOURNEY_FRICTION(0.30);

    private final double defaultWeight;
    private final String key;

    Driver(double defaultWeight) {
        this.defaultWeight = defaultWeight;
        this.key = name().toLowerCase(Locale.ROOT);
    }

    public double defaultWeight() {
        return defaultWeight;
    }

    /** The name in config keys, RiskDriver.name and JSON: lower_snake_case. */
    public String key() {
        return key;
    }

    /** The driver with this config name, or null. */
    public static Driver byKey(String key) {
        for (Driver d : values()) {
            if (d.key.equals(key)) {
                return d;
            }
        }
        return null;
    }
}
