package io.touchpulse.topology.window;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Distinct-count sketch for "distinct customers" per window: 1024 registers (about 3%
 * standard error) that merge by taking maxima, so five one-minute panes combine into a
 * five-minute window exactly as if counted together. Serialised sparsely while small.
 */
public final class HyperLogLog {
    private static final int P = 10;
    private static final int M = 1 << P;
    private static final double ALPHA_M2 = 0.7213 / (1 + 1.079 / M) * M * M;

    private final byte[] registers = new byte[M];
    private int nonZero;

    public void add(String value) {
        long h = hash(value);
        int idx = (int) (h >>> (64 - P));
        int rank = Long.numberOfLeadingZeros((h << P) | (1L << (P - 1))) + 1;
        if (rank > registers[idx]) {
            if (registers[idx] == 0) {
                nonZero++;
            }
            registers[idx] = (byte) rank;
        }
    }

    public void merge(HyperLogLog other) {
        for (int i = 0; i < M; i++) {
            if (other.registers[i] > registers[i]) {
                if (registers[i] == 0) {
                    nonZero++;
                }
                registers[i] = other.registers[i];
            }
        }
    }

    public long estimate() {
        if (nonZero == 0) {
            return 0;
        }
        double sum = 0;
        for (byte r : registers) {
            sum += 1.0 / (1L << r);
        }
        double e = ALPHA_M2 / sum;
        int zeros = M - nonZero;
        if (e <= 2.5 * M && zeros > 0) {
            e = M * Math.log((double) M / zeros);
        }
        return Math.round(e);
    }

    void write(DataOutput out) throws IOException {
        out.writeShort(nonZero);
        if (nonZero < M / 3) {
            for (int i = 0; i < M; i++) {
                if (registers[i] != 0) {
                    out.writeShort(i);
                    out.writeByte(registers[i]);
                }
            }
        } else {
            out.write(registers);
        }
    }

    static HyperLogLog read(DataInput in) throws IOException {
        HyperLogLog h = new HyperLogLog();
        int n = in.readUnsignedShort();
        if (n < M / 3) {
            for (int k = 0; k < n; k++) {
                int i = in.readUnsignedShort();
                h.registers[i] = in.readByte();
            }
        } else {
            in.readFully(h.registers);
        }
        h.nonZero = n;
        return h;
    }

    /** Multiply-rotate over the chars, then the SplitMix64 finaliser: cheap, and well mixed in the top bits HLL uses. */
    static long hash(String s) {
        long h = 0x9E3779B97F4A7C15L ^ s.length();
        for (int i = 0; i < s.length(); i++) {
            h = Long.rotateLeft((h ^ s.charAt(i)) * 0xbf58476d1ce4e5b9L, 29);
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }
}
