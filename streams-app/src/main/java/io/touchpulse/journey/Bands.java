package io.touchpulse.journey;

/** Risk bands: low < 0.3 ≤ medium < 0.6 ≤ high < 0.8 ≤ critical. */
final class Bands {
    private Bands() {}

    static String of(double risk) {
        if (risk < 0.3) {
            return "low";
        }
        if (risk < 0.6) {
            return "medium";
        }
        return risk < 0.8 ? "high" : "critical";
    }
}
