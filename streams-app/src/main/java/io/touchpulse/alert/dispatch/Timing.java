package io.touchpulse.alert.dispatch;

import java.time.Duration;

/**
 * Alertmanager's three pacing knobs for one group and receiver.
 *
 * @param groupWait      how long a new group waits before its first notification, so alerts that
 *                       fire together arrive together
 * @param groupInterval  the least time between two notifications of a group about changes
 * @param repeatInterval after this long without changes, firing alerts are sent again
 */
public record Timing(Duration groupWait, Duration groupInterval, Duration repeatInterval) {
    public static final Timing DEFAULT = new Timing(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(4));

    public Timing {
        if (groupWait.isNegative() || groupInterval.isNegative()) {
            throw new IllegalArgumentException("group wait and group interval must not be negative");
        }
        if (repeatInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("repeat interval must be at least 1s, was " + repeatInterval);
        }
    }
}
