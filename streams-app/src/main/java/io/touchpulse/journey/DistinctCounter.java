package io.touchpulse.journey;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;

/**
 * Distinct customers of an idea: exact up to {@code k} (1000) customers, then a k-minimum-values estimate (about 3%
 * error at k = 1000) in the same bounded memory. The k smallest 63-bit hashes are kept; while fewer than k were ever
 * seen they are all the customers (a collision of two ids is a 1-in-10^15 event here).
 */
final class DistinctCounter {
    static final int K = 1000;

    private final TreeSet<Long> smallest = new TreeSet<>();
    private boolean saturated;

    void add(String id) {
        if (id == null) {
            return;
        }
        long h = hash(id);
        if (saturated && h >= smallest.last()) {
            return;
        }
        if (smallest.add(h) && smallest.size() > K) {
            smallest.pollLast();
            saturated = true;
        }
    }

    long estimate() {
        if (!saturated) {
            return smallest.size();
        }
        double kth = (double) smallest.last() / Long.MAX_VALUE;
        return Math.round((K - 1) / kth);
    }

    /** 64-bit FNV-1a finished with a murmur mix, made non-negative: uniform enough for a KMV sketch. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h >>> 1;
    }

    void write(DataOutput out) throws IOException {
        out.writeBoolean(saturated);
        out.writeInt(smallest.size());
        for (long h : smallest) {
            out.writeLong(h);
        }
    }

    static DistinctCounter read(DataInput in) throws IOException {
        DistinctCounter c = new DistinctCounter();
        c.saturated = in.readBoolean();
        int n = in.readInt();
        if (n < 0 || n > K) {
            throw new IOException("distinct counter with " + n + " hashes, at most " + K + " expected");
        }
        for (int i = 0; i < n; i++) {
            c.smallest.add(in.readLong());
        }
        return c;
    }
}
