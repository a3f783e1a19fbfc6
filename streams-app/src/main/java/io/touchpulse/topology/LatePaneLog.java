package io.touchpulse.topology;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * Makes the window merger's late panes visible in the log, not only in a counter: the first one at once,
 * then a summary with counts at most once a minute, so a backlog of them is not a flood of lines.
 * A pane reaches the merger late when its partition was treated as idle (watermark.idle-timeout) and the
 * other partitions' watermarks closed windows it had events for.
 */
final class LatePaneLog {
    private static final Logger LOG = LoggerFactory.getLogger(HealthWindowMerger.class);
    private static final long EVERY_MS = 60_000;

    private long lastLogMs = Long.MIN_VALUE;
    private long droppedPanes;
    private long droppedEvents;
    private long partialPanes;
    private long partialEvents;

    void dropped(int sender, String key, long paneStart, long events, long finalUntil) {
        droppedPanes++;
        droppedEvents += events;
        maybeLog(sender, key, paneStart, events, finalUntil, "dropped: all its windows were final");
    }

    void partial(int sender, String key, long paneStart, long events, long finalUntil) {
        partialPanes++;
        partialEvents += events;
        maybeLog(sender, key, paneStart, events, finalUntil, "missed the windows already final, counted in the later ones");
    }

    private void maybeLog(int sender, String key, long paneStart, long events, long finalUntil, String what) {
        long now = System.currentTimeMillis();
        if (lastLogMs != Long.MIN_VALUE && now - lastLogMs < EVERY_MS) {
            return;
        }
        lastLogMs = now;
        LOG.warn("late pane from input partition {} ({} at {}, {} events) {} (windows final until {}); so far {} panes / {} events dropped, "
                        + "{} panes / {} events partly late (touchpulse_late_events_total, stages merger and merger-partial)",
                sender, key, Instant.ofEpochMilli(paneStart), events, what, Instant.ofEpochMilli(finalUntil),
                droppedPanes, droppedEvents, partialPanes, partialEvents);
    }
}
