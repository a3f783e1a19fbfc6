package io.touchpulse.topology.window;

import io.touchpulse.schema.Signal;

/**
 * What the per-partition pane combiner tells the window merger. PARTIAL carries one closed
 * pane of one segment × touchpoint from one input partition ("sender"); WATERMARK says the
 * sender has closed every pane ending at or before {@code time}; IDLE says the sender has no
 * input for now and must not hold windows back. LATE never leaves the combiner's task: it
 * carries a record that arrived after its pane closed, on its way to the dead-letter topic, and
 * the sender's event time then.
 */
public record PaneMessage(Kind kind, int sender, long time, PaneAggregate pane, Signal late) {

    public enum Kind { PARTIAL, WATERMARK, IDLE, LATE }

    public static PaneMessage partial(int sender, long paneStart, PaneAggregate pane) {
        return new PaneMessage(Kind.PARTIAL, sender, paneStart, pane, null);
    }

    public static PaneMessage watermark(int sender, long closedUntil) {
        return new PaneMessage(Kind.WATERMARK, sender, closedUntil, null, null);
    }

    public static PaneMessage idle(int sender) {
        return new PaneMessage(Kind.IDLE, sender, 0, null, null);
    }

    /** @param eventTime how far the sender's event time had got when the late record arrived */
    public static PaneMessage late(int sender, Signal signal, long eventTime) {
        return new PaneMessage(Kind.LATE, sender, eventTime, null, signal);
    }

    /** Control messages go to every partition of the partials topic; partials go by key. */
    public boolean broadcast() {
        return kind == Kind.WATERMARK || kind == Kind.IDLE;
    }
}
