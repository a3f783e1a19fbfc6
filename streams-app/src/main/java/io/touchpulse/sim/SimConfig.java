package io.touchpulse.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Everything that determines a simulation run: the same config always yields exactly the same events.
 *
 * @param seed            seed of the single random generator
 * @param start           simulated start time (the diurnal curve uses its UTC hour of day)
 * @param customers       number of customers with a profile (about 3% more customers without one are added)
 * @param eventsPerSecond mean events per simulated second at the daily peak (night is about 10% of that)
 * @param incidents       scripted incidents, offsets relative to {@code start}
 * @param journeys        play the scripted journey cast and its control group ({@link JourneyCast})
 * @param journeysAt      when the first journey cohort starts, relative to {@code start} (the live start after a history)
 */
public record SimConfig(long seed, Instant start, int customers, double eventsPerSecond, List<Incident> incidents,
                        boolean journeys, Duration journeysAt) {

    public SimConfig {
        if (start == null) throw new IllegalArgumentException("start is required");
        if (customers < 1) throw new IllegalArgumentException("customers must be >= 1, got " + customers);
        if (!(eventsPerSecond > 0)) throw new IllegalArgumentException("eventsPerSecond must be > 0, got " + eventsPerSecond);
        incidents = incidents == null ? List.of() : List.copyOf(incidents);
        if (journeysAt == null) journeysAt = Duration.ZERO;
        if (journeysAt.isNegative()) throw new IllegalArgumentException("journeysAt must be >= 0, got " + journeysAt);
    }

    /** With the journey cast on, its first cohort at {@code start}. */
    public SimConfig(long seed, Instant start, int customers, double eventsPerSecond, List<Incident> incidents) {
        this(seed, start, customers, eventsPerSecond, incidents, true, Duration.ZERO);
    }

    /** Seed 42, start = now truncated to the minute, 50,000 customers, 60 events/s at peak, the default incident schedule. */
    public static SimConfig defaults() {
        return new SimConfig(42L, Instant.now().truncatedTo(ChronoUnit.MINUTES), 50_000, 60.0, Incident.defaultSchedule());
    }

    public SimConfig withSeed(long s) { return new SimConfig(s, start, customers, eventsPerSecond, incidents, journeys, journeysAt); }

    public SimConfig withStart(Instant s) { return new SimConfig(seed, s, customers, eventsPerSecond, incidents, journeys, journeysAt); }

    public SimConfig withCustomers(int c) { return new SimConfig(seed, start, c, eventsPerSecond, incidents, journeys, journeysAt); }

    public SimConfig withEventsPerSecond(double r) { return new SimConfig(seed, start, customers, r, incidents, journeys, journeysAt); }

    public SimConfig withIncidents(List<Incident> i) { return new SimConfig(seed, start, customers, eventsPerSecond, i, journeys, journeysAt); }

    public SimConfig withJourneys(boolean on) { return new SimConfig(seed, start, customers, eventsPerSecond, incidents, on, journeysAt); }

    public SimConfig withJourneysAt(Duration at) { return new SimConfig(seed, start, customers, eventsPerSecond, incidents, journeys, at); }
}
