package io.touchpulse.journey;

import io.touchpulse.schema.RiskDriver;

/** One driver's part in a customer's risk, as last computed (kept in the state so the API can show it). */
record DriverValue(Driver driver, double strength, double weight, double contribution, String detail) {
    RiskDriver toAvro() {
        return RiskDriver.newBuilder().setName(driver.key()).setStrength(round(strength)).setWeight(weight)
                .setContribution(round(contribution)).setDetail(detail).build();
    }

    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
