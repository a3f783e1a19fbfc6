package io.touchpulse.cli;

import io.touchpulse.sim.Incident;
import io.touchpulse.sim.SimConfig;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Simulator flags shared by {@code demo} and {@code simulate}. */
final class SimOptions {
    @Option(names = "--speed", defaultValue = "20", description = "Simulated time runs this many times faster than real time; 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--duration", paramLabel = "DURATION", description = "Stop after this much wall-clock time, e.g. 90s or 10m (default: run until Ctrl-C).")
    String duration;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed; the same seed and start give the same events (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start", paramLabel = "INSTANT", description = "Simulated start time, ISO-8601 (default: now, to the minute).")
    Instant start;

    @Option(names = "--customers", description = "Number of simulated customers (default: 50000).")
    Integer customers;

    @Option(names = "--rate", paramLabel = "EVENTS_PER_S", description = "Events per simulated second at the daily peak (default: 200 for demo, 60 for simulate).")
    Double rate;

    @Option(names = "--incident", paramLabel = "NAME", split = ",",
            description = "Scripted incidents to run (repeatable or comma-separated): checkout-5xx, search-zero-results, billing-fee-complaints, login-outage, or none. Default: all of them, one after another, repeating.")
    List<String> incidents = new ArrayList<>();

    @Option(names = "--history", paramLabel = "DURATION", defaultValue = "1h",
            description = "First produce this much simulated history before the start, as fast as possible, so baselines are learnt "
                    + "before the first incident (incident times count from the start, not from the history); 0 = none (default: ${DEFAULT-VALUE}).")
    String history;

    @Option(names = "--no-journeys", negatable = false,
            description = "Do not play the scripted customer journeys (a cast showing each journey issue type from the start on, "
                    + "a new cohort every simulated hour, next to a control group of near misses).")
    boolean noJourneys;

    /** The simulation begins {@link #history()} before the start; incidents are placed relative to the start. */
    SimConfig simConfig(double defaultRate) {
        SimConfig d = SimConfig.defaults();
        Duration h = history();
        List<Incident> chosen = (incidents.isEmpty() ? d.incidents() : Incident.named(incidents)).stream()
                .map(i -> i.at(i.startOffset().plus(h), i.duration(), i.repeatEvery())).toList();
        // like incidents, the journey cohorts count from the live start, not from the history
        return new SimConfig(seed, liveStart().minus(h), customers != null ? customers : d.customers(), rate != null ? rate : defaultRate, chosen,
                !noJourneys, h);
    }

    /** Where paced, live simulation begins: the start (default now, to the minute). */
    Instant liveStart() {
        if (start == null) {
            start = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        }
        return start;
    }

    Duration history() {
        Duration h = io.touchpulse.config.Durations.parse(history);
        if (h.isNegative()) {
            throw new IllegalArgumentException("--history must not be negative");
        }
        return h;
    }

    Duration wallDuration() {
        return duration == null ? null : io.touchpulse.config.Durations.parse(duration);
    }
}
