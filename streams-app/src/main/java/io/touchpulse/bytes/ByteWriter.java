package io.touchpulse.bytes;

import java.util.Arrays;

/**
 * A byte array that grows as it is written, with the varints the hand-written encoders share (Avro's for signals,
 * the customer state's): unsigned 7-bit groups, least significant first, and zigzag for signed values. Meant to be
 * kept per thread and {@link #clear}ed, so the array that grew is reused.
 */
public class ByteWriter {
    protected byte[] buf;
    protected int pos;

    public ByteWriter(int capacity) {
        buf = new byte[capacity];
    }

    /** Empties the writer, keeping its array. */
    public final void clear() {
        pos = 0;
    }

    /** Room for {@code n} more bytes at {@link #pos}. */
    protected final void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    public final void write(int b) {
        ensure(1);
        buf[pos++] = (byte) b;
    }

    public final void raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    public final void unsigned(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    public final void signed(long v) {
        unsigned(zigzag(v));
    }

    public final byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    public static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    public static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
