package io.touchpulse.topology.window;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Log-bucketed latency histogram (10% wide buckets from 1 ms to about 3 minutes) that merges
 * by addition; percentiles come out with about 5% relative error, which is plenty to tell a
 * 300 ms page from a 4 s one, at a fixed and small size per pane.
 */
public final class LatencyHistogram {
    private static final int BUCKETS = 128;
    private static final double LOG_BASE = Math.log(1.1);

    private final int[] counts = new int[BUCKETS];
    private long total;

    public void add(int millis) {
        counts[bucket(millis)]++;
        total++;
    }

    static int bucket(int millis) {
        if (millis <= 1) {
            return 0;
        }
        int b = (int) Math.ceil(Math.log(millis) / LOG_BASE);
        return Math.min(b, BUCKETS - 1);
    }

    public void merge(LatencyHistogram o) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += o.counts[i];
        }
        total += o.total;
    }

    public long total() {
        return total;
    }

    /** The q-quantile (0..1) in ms, or NaN when empty; the geometric middle of the bucket holding it. */
    public double quantile(double q) {
        if (total == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i == 0 ? 1 : Math.pow(1.1, i - 0.5);
            }
        }
        return Math.pow(1.1, BUCKETS - 1);
    }

    void write(DataOutput out) throws IOException {
        int used = 0;
        for (int c : counts) {
            if (c != 0) {
                used++;
            }
        }
        out.writeByte(used);
        for (int i = 0; i < BUCKETS; i++) {
            if (counts[i] != 0) {
                out.writeByte(i);
                out.writeInt(counts[i]);
            }
        }
    }

    static LatencyHistogram read(DataInput in) throws IOException {
        LatencyHistogram h = new LatencyHistogram();
        int used = in.readUnsignedByte();
        for (int k = 0; k < used; k++) {
            int i = in.readUnsignedByte();
            int c = in.readInt();
            h.counts[i] = c;
            h.total += c;
        }
        return h;
    }
}
