package io.touchpulse.topology.window;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bounded heavy-hitters counter (Space-Saving): keeps at most {@code capacity} terms; a new
 * term replaces the rarest one and inherits its count. Frequent terms are found with
 * bounded memory whatever customers type, which matters because search terms are unbounded.
 */
public final class TermCounter {
    public static final int CAPACITY = 32;

    private final Map<String, long[]> counts = new HashMap<>();

    public void add(String term, long n) {
        long[] c = counts.get(term);
        if (c != null) {
            c[0] += n;
            return;
        }
        if (counts.size() < CAPACITY) {
            counts.put(term, new long[] {n});
            return;
        }
        String rarest = null;
        long min = Long.MAX_VALUE;
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            if (e.getValue()[0] < min) {
                min = e.getValue()[0];
                rarest = e.getKey();
            }
        }
        counts.remove(rarest);
        counts.put(term, new long[] {min + n});
    }

    public void merge(TermCounter other) {
        other.counts.forEach((t, c) -> add(t, c[0]));
    }

    public List<Map.Entry<String, Long>> top(int n) {
        List<Map.Entry<String, Long>> all = new ArrayList<>(counts.size());
        counts.forEach((t, c) -> all.add(Map.entry(t, c[0])));
        all.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return all.subList(0, Math.min(n, all.size()));
    }

    void write(DataOutput out) throws IOException {
        out.writeByte(counts.size());
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue()[0]);
        }
    }

    static TermCounter read(DataInput in) throws IOException {
        TermCounter t = new TermCounter();
        int n = in.readUnsignedByte();
        for (int i = 0; i < n; i++) {
            t.counts.put(in.readUTF(), new long[] {in.readLong()});
        }
        return t;
    }
}
