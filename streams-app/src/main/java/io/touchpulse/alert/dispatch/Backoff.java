package io.touchpulse.alert.dispatch;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Retry pacing of one receiver: exponential from {@code initial}, capped at {@code max}, each
 * delay shortened by up to {@code jitter} (a fraction) at random so that many deliveries failing
 * together do not come back together. {@code maxAttempts} bounds a delivery; after it the
 * delivery counts as failed and the group tries again at its next group interval.
 */
public record Backoff(Duration initial, Duration max, int maxAttempts, double jitter) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 8, 0.2);

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry backoff needs 0 < initial <= max, was " + initial + " / " + max);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("retry maxAttempts must be >= 1, was " + maxAttempts);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("retry jitter must be in [0, 1), was " + jitter);
        }
    }

    /** The wait after failed attempt number {@code attempt} (1-based); a receiver's Retry-After wins if longer, up to {@code max}. */
    public Duration delay(int attempt, Duration retryAfter, RandomGenerator random) {
        double base = Math.min(max.toMillis(), initial.toMillis() * Math.pow(2, Math.min(attempt - 1, 30)));
        long millis = Math.round(base * (1 - jitter * random.nextDouble()));
        if (retryAfter != null && retryAfter.toMillis() > millis) {
            millis = Math.min(retryAfter.toMillis(), max.toMillis());
        }
        return Duration.ofMillis(millis);
    }
}
