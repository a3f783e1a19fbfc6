package io.touchpulse.journey;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every knob of the customer stage ({@code journey.*}) and of the risk model ({@code risk.*}), with the defaults
 * documented in docs/journeys.md. Parsed from properties by {@link JourneyConfigParser}.
 *
 * @param surveyBudget         surveys a customer may get within {@code surveyPeriod}
 * @param surveyPeriod         the budget's period
 * @param surveyMinGap         no new survey within this time of the last one ("recently-surveyed")
 * @param trivialInteraction   interactions shorter than this (or tagged {@code trivial}) are trivial
 * @param uncoordinatedWindow  outbound contacts on several channels within this window are uncoordinated
 * @param repeatWindow         inbound contacts about one problem within this window are repeats
 * @param repeatThreshold      contacts about one problem within the window that make a REPEAT_CONTACT issue
 * @param loyalTenureMonths    tenure from which a customer counts as loyal (loyalty penalty)
 * @param offerWindow          an offer within this time after a churn intent counts as "only after threatening to leave"
 * @param caseExpiry           an open case without any interaction for this long is forgotten (closed elsewhere)
 * @param contactWindow        contacts per channel are counted over this window
 * @param deadlines            default deadline per promise kind ({@code journey.deadline.<what>}); kinds without one
 *                             wait for a contradiction
 * @param halfLife             time decay of the risk drivers and of the rolling sentiment
 * @param weights              weight per driver ({@code risk.weight.<driver>})
 */
public record JourneyConfig(int surveyBudget, Duration surveyPeriod, Duration surveyMinGap, Duration trivialInteraction,
                            Duration uncoordinatedWindow, Duration repeatWindow, int repeatThreshold,
                            int loyalTenureMonths, Duration offerWindow, Duration caseExpiry, Duration contactWindow,
                            Map<String, Duration> deadlines, Duration halfLife, Map<Driver, Double> weights) {

    public JourneyConfig {
        deadlines = Collections.unmodifiableMap(new TreeMap<>(deadlines));
        EnumMap<Driver, Double> w = new EnumMap<>(Driver.class);
        for (Driver d : Driver.values()) {
            w.put(d, weights.getOrDefault(d, d.defaultWeight()));
        }
        weights = Collections.unmodifiableMap(w);
    }

    public static JourneyConfig defaults() {
        return new JourneyConfig(3, Duration.ofDays(30), Duration.ofDays(7), Duration.ofSeconds(60),
                Duration.ofHours(24), Duration.ofDays(7), 3, 12, Duration.ofDays(30), Duration.ofDays(30),
                Duration.ofDays(30), Map.of("callback", Duration.ofHours(24), "refund", Duration.ofDays(10)),
                Duration.ofDays(14), Map.of());
    }

    /**
     * Reads keys {@code journey.*} and {@code risk.*} over the defaults; other prefixes are ignored.
     *
     * @throws IllegalArgumentException naming the key, for an unknown key under those prefixes or a bad value
     */
    public static JourneyConfig of(Map<String, String> props) {
        return JourneyConfigParser.parse(props);
    }

    public double weight(Driver d) {
        return weights.get(d);
    }

    /** Deadline of a new promise of this kind made at {@code madeAt}, or Long.MAX_VALUE (waits for a contradiction). */
    public long deadline(String what, long madeAt) {
        Duration d = deadlines.get(what);
        return d == null ? Long.MAX_VALUE : madeAt + d.toMillis();
    }
}
