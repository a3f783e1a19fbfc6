package io.touchpulse.journey;

import io.touchpulse.bytes.ByteWriter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.touchpulse.bytes.ByteWriter.unzigzag;
import static io.touchpulse.bytes.ByteWriter.zigzag;

/**
 * The primitives of the compact state format ({@link StateCodec} version 2): varints, times as deltas from one base
 * time, UTF-8 strings, and repeated labels (touchpoint, channel, kind, topic...) written once per state and then
 * referred to by number. A customer's state is written at every commit that changed it, so its size and the cost of
 * writing it are paid per event.
 */
final class StateBytes {
    /** Labels remembered per state; later new ones are written inline (a state rarely has more than ~20 distinct). */
    static final int MAX_LABELS = 64;
    /** Hash slots for the writer's labels: a power of two, at most half full. */
    private static final int LABEL_SLOTS = 2 * MAX_LABELS;

    private StateBytes() {}

    static final class Writer extends ByteWriter {
        private static final ThreadLocal<Writer> REUSED = ThreadLocal.withInitial(Writer::new);

        private long base;
        /** Labels written so far, open addressing by hash (a scan with equals() was most of the encoding time). */
        private final String[] slots = new String[LABEL_SLOTS];
        private final int[] numbers = new int[LABEL_SLOTS];
        private int labelCount;

        /** A writer of this thread, emptied; times are written relative to {@code base}. */
        private Writer() {
            super(4096);
        }

        static Writer start(long base) {
            Writer w = REUSED.get();
            w.clear();
            w.base = base;
            if (w.labelCount > 0) {
                Arrays.fill(w.slots, null);
                w.labelCount = 0;
            }
            return w;
        }

        void fixedLong(long v) {
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buf[pos++] = (byte) (v >>> shift);
            }
        }

        void fixedInt(int v) {
            ensure(4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                buf[pos++] = (byte) (v >>> shift);
            }
        }

        void fixedDouble(double v) {
            fixedLong(Double.doubleToRawLongBits(v));
        }

        /** A time: {@link CustomerState#NEVER} in one byte, others as the zigzag delta from the base plus one. */
        void time(long t) {
            unsigned(timeCode(t, base));
        }

        /** Length plus UTF-8 bytes; null allowed. */
        void string(String s) {
            if (s == null) {
                write(0);
                return;
            }
            int n = s.length();
            int start = pos;
            unsigned(n + 1L);
            ensure(n);
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    pos = start;
                    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                    unsigned(utf8.length + 1L);
                    ensure(utf8.length);
                    System.arraycopy(utf8, 0, buf, pos, utf8.length);
                    pos += utf8.length;
                    return;
                }
                buf[pos + i] = (byte) c;
            }
            pos += n;
        }

        /**
         * A label that tends to repeat within a state: 0 = null, k ≤ labels seen = the k-th one, labels seen + 1 =
         * a new one follows inline (remembered while there is room).
         */
        void label(String s) {
            if (s == null) {
                write(0);
                return;
            }
            int slot = s.hashCode() & (LABEL_SLOTS - 1);
            for (String l; (l = slots[slot]) != null; slot = (slot + 1) & (LABEL_SLOTS - 1)) {
                if (l == s || l.equals(s)) {
                    unsigned(numbers[slot]);
                    return;
                }
            }
            unsigned(labelCount + 1L);
            string(s);
            if (labelCount < MAX_LABELS) {
                slots[slot] = s;
                numbers[slot] = ++labelCount;
            }
        }
    }

    static final class Reader {
        private final byte[] buf;
        private int pos;
        private long base;
        private final String[] labels = new String[MAX_LABELS];
        private int labelCount;

        Reader(byte[] buf, int pos) {
            this.buf = buf;
            this.pos = pos;
        }

        void base(long base) {
            this.base = base;
        }

        boolean atEnd() {
            return pos == buf.length;
        }

        int remaining() {
            return buf.length - pos;
        }

        int read() {
            need(1);
            return buf[pos++] & 0xFF;
        }

        long fixedLong() {
            need(8);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (buf[pos++] & 0xFF);
            }
            return v;
        }

        int fixedInt() {
            need(4);
            int v = 0;
            for (int i = 0; i < 4; i++) {
                v = (v << 8) | (buf[pos++] & 0xFF);
            }
            return v;
        }

        double fixedDouble() {
            return Double.longBitsToDouble(fixedLong());
        }

        long unsigned() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = read();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("varint longer than 10 bytes at " + (pos - 1));
        }

        /** An unsigned varint that must fit {@code 0..max}. */
        int count(int max, String what) {
            long n = unsigned();
            if (n > max) {
                throw new IllegalArgumentException(n + " " + what + ", more than the cap of " + max);
            }
            return (int) n;
        }

        long signed() {
            return unzigzag(unsigned());
        }

        long time() {
            return timeOf(unsigned(), base);
        }

        String string() {
            long n = unsigned();
            if (n == 0) {
                return null;
            }
            if (n - 1 > remaining()) {
                throw new IllegalArgumentException("truncated customer state (" + buf.length + " bytes): a string of " + (n - 1)
                        + " bytes, " + remaining() + " left");
            }
            int len = (int) (n - 1);
            String s = new String(buf, pos, len, StandardCharsets.UTF_8);
            pos += len;
            return s;
        }

        String label() {
            long k = unsigned();
            if (k == 0) {
                return null;
            }
            if (k <= labelCount) {
                return labels[(int) k - 1];
            }
            if (k != labelCount + 1L) {
                throw new IllegalArgumentException("label " + k + " of " + labelCount);
            }
            String s = string();
            if (s == null) {
                throw new IllegalArgumentException("null label");
            }
            if (labelCount < MAX_LABELS) {
                labels[labelCount++] = s;
            }
            return s;
        }

        private void need(int n) {
            if (pos + n > buf.length) {
                throw new IllegalArgumentException("truncated customer state (" + buf.length + " bytes)");
            }
        }
    }

    /**
     * A bijection of all longs onto unsigned codes: {@code NEVER} → 0, any other time → zigzag(t - base) + 1, except
     * the one time whose zigzag delta is all ones (it would wrap to 0), which takes the code NEVER would have had. Times
     * near the base cost 1-4 bytes instead of 8.
     */
    static long timeCode(long t, long base) {
        if (t == CustomerState.NEVER) {
            return 0;
        }
        long zz = zigzag(t - base);
        return zz == -1L ? zigzag(CustomerState.NEVER - base) + 1 : zz + 1;
    }

    static long timeOf(long code, long base) {
        if (code == 0) {
            return CustomerState.NEVER;
        }
        long t = base + unzigzag(code - 1);
        return t == CustomerState.NEVER ? base + unzigzag(-1L) : t;
    }
}
