package io.touchpulse.bench;

import java.time.Duration;

/**
 * A live phase: the pipeline runs while the simulator produces for {@code duration} of wall time.
 *
 * @param enabled    false = skipped
 * @param duration   wall time the producer runs
 * @param rate       target input events per wall second, paced (simulated time runs rate / {@link EventLoad#PEAK_EVENTS_PER_S}
 *                   times faster than the wall clock, so windows hold the same events as in the throughput rounds);
 *                   0 = saturating: as fast as possible, with the backlog capped at {@code maxBacklog}
 * @param maxBacklog saturating mode: the producer pauses while more than this many input records are not yet committed
 */
public record LiveSettings(boolean enabled, Duration duration, double rate, long maxBacklog) {
    public static final long DEFAULT_MAX_BACKLOG = 1_000_000;

    public LiveSettings {
        if (enabled) {
            if (duration == null || duration.compareTo(Duration.ofSeconds(5)) < 0) throw new IllegalArgumentException("a live phase must last at least 5s");
            if (!(rate >= 0)) throw new IllegalArgumentException("a live phase's rate must be >= 0 (0 = as fast as possible)");
            if (maxBacklog < 1000) throw new IllegalArgumentException("a live phase's backlog cap must be >= 1000");
        }
    }

    public static LiveSettings skipped() {
        return new LiveSettings(false, Duration.ofMinutes(1), 0, DEFAULT_MAX_BACKLOG);
    }

    boolean saturating() {
        return rate == 0;
    }

    /** Simulated seconds per wall second when paced; 0 when saturating. */
    double speed() {
        return rate / EventLoad.PEAK_EVENTS_PER_S;
    }
}
