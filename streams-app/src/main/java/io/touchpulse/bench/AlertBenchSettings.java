package io.touchpulse.bench;

import java.time.Duration;

/**
 * The alert-latency phase: whether it runs, and its simulation.
 *
 * @param enabled         false = skipped ({@code --no-alerts}); the latency keys are then null
 * @param speed           simulated time runs this many times faster than the wall clock during the live stretch
 * @param live            simulated length of the live stretch (wall time = live / speed)
 * @param eventsPerSecond simulator events per simulated second at the daily peak
 * @param customers       simulated customers with a profile
 */
public record AlertBenchSettings(boolean enabled, double speed, Duration live, double eventsPerSecond, int customers) {
    public static final double DEFAULT_SPEED = 60;
    public static final Duration DEFAULT_LIVE = Duration.ofMinutes(100);
    public static final double DEFAULT_EVENTS_PER_S = 100;
    public static final int DEFAULT_CUSTOMERS = 10_000;

    public AlertBenchSettings {
        if (enabled) {
            if (!(speed > 0)) throw new IllegalArgumentException("--alert-speed must be > 0");
            if (live == null || live.compareTo(Duration.ofMinutes(10)) < 0)
                throw new IllegalArgumentException("--alert-live must be at least 10m of simulated time (incidents start 2 minutes in)");
            if (!(eventsPerSecond > 0)) throw new IllegalArgumentException("alert phase events/s must be > 0");
            if (customers < 1) throw new IllegalArgumentException("alert phase customers must be >= 1");
        }
    }

    public static AlertBenchSettings defaults() {
        return new AlertBenchSettings(true, DEFAULT_SPEED, DEFAULT_LIVE, DEFAULT_EVENTS_PER_S, DEFAULT_CUSTOMERS);
    }

    public static AlertBenchSettings skipped() {
        return new AlertBenchSettings(false, DEFAULT_SPEED, DEFAULT_LIVE, DEFAULT_EVENTS_PER_S, DEFAULT_CUSTOMERS);
    }
}
