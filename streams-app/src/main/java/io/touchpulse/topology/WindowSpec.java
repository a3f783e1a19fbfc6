package io.touchpulse.topology;

import io.touchpulse.config.TouchpulseConfig;

/** Hopping-window geometry in milliseconds: windows of {@code size} starting every {@code advance}, final {@code grace} after their end. */
public record WindowSpec(long size, long advance, long grace, long idleTimeout) {

    public static WindowSpec of(TouchpulseConfig c) {
        return new WindowSpec(c.windowSize().toMillis(), c.windowAdvance().toMillis(), c.windowGrace().toMillis(), c.idleTimeout().toMillis());
    }

    public long paneStart(long t) {
        return Math.floorDiv(t, advance) * advance;
    }

    /** Everything ending at or before this is final once event time has reached {@code watermark}. */
    public long closedUntil(long watermark) {
        return paneStart(watermark - grace);
    }
}
