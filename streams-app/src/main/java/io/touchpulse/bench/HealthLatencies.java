package io.touchpulse.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Health-record latency of a live phase, pure (no Kafka, no clock) so the rule is tested on its own.
 *
 * <p>A window [start, end) can only be final once every input partition has an event at or after end + grace
 * (the watermark includes the grace). So each health record is measured from the wall-clock moment the producer had
 * sent every event before end + grace ({@link SimClock}) to the moment a read_committed consumer saw the record.
 * That is the pipeline's part (watermark propagation through the pane topic, merge, the exactly-once commit); the
 * window length and the grace themselves are waiting the definition of a final window imposes, not measured.
 * Windows whose end + grace lies outside what the producer sent while live, or within {@link #TAIL_MS} simulated ms
 * of its last step (closed by idle timeouts after it stopped, not by events), are not measured.
 */
final class HealthLatencies {
    static final long TAIL_MS = 1000;

    /** One health record as the watcher saw it. */
    record Seen(long windowEndMs, long visibleAtMs) {
    }

    /** A measured record: its window end and its latency. */
    record Measured(long windowEndMs, long latencyMs) {
    }

    private HealthLatencies() {
    }

    static List<Measured> measure(List<Seen> seen, long graceMs, SimClock clock) {
        long last = clock.lastSimMs();
        List<Measured> out = new ArrayList<>();
        for (Seen s : seen) {
            long closable = s.windowEndMs() + graceMs;
            if (closable > last - TAIL_MS) continue;
            long from = clock.wallWhenReached(closable);
            if (from < 0) continue;
            out.add(new Measured(s.windowEndMs(), s.visibleAtMs() - from));
        }
        return out;
    }

    /** Nearest-rank percentile, as for alert latency; p in (0, 1]. */
    static long percentile(List<Measured> m, double p) {
        if (m.isEmpty()) throw new IllegalArgumentException("no values");
        long[] v = m.stream().mapToLong(Measured::latencyMs).sorted().toArray();
        int rank = (int) Math.ceil(p * v.length);
        return v[Math.max(0, Math.min(v.length, rank) - 1)];
    }
}
