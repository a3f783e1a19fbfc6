package io.touchpulse.detect;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Binary form of a {@link TermTracker} for a changelogged store: a version byte, the key's window count and last
 * window end, then each term with its baseline and last reading. A new field means a new version that still reads
 * the old ones, because restored state outlives the code that wrote it.
 */
final class TermTrackerCodec {
    static final byte VERSION = 1;

    private TermTrackerCodec() {}

    static byte[] encode(TermTracker t) {
        Map<String, byte[]> names = new HashMap<>();
        int size = 1 + 4 + 8 + 4;
        for (String term : t.terms.keySet()) {
            byte[] b = term.getBytes(StandardCharsets.UTF_8);
            names.put(term, b);
            size += 2 + b.length + 8 + 1 + 4 + 8 + 8 + 8 + 8 + 8;
        }
        ByteBuffer buf = ByteBuffer.allocate(size).put(VERSION).putInt(t.windows).putLong(t.lastEnd).putInt(t.terms.size());
        t.terms.forEach((term, s) -> {
            byte[] b = names.get(term);
            buf.putShort((short) b.length).put(b).putDouble(s.mean)
                    .put((byte) ((s.fresh ? 1 : 0) | (s.trending ? 2 : 0))).putInt(s.quiet).putLong(s.peak)
                    .putLong(s.lastCount).putDouble(s.lastBaseline).putDouble(s.lastLift).putDouble(s.lastScore);
        });
        return buf.array();
    }

    static TermTracker decode(TermTrendConfig config, byte[] bytes) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            byte version = buf.get();
            if (version != VERSION) {
                throw new IllegalStateException("term trends written by an unknown version " + version + " (this code reads " + VERSION + ")");
            }
            int windows = buf.getInt();
            long lastEnd = buf.getLong();
            int n = buf.getInt();
            if (n < 0 || n > bytes.length) {
                throw new IllegalStateException("corrupt term trends: " + n + " terms in " + bytes.length + " bytes");
            }
            Map<String, TermTracker.TermStat> terms = new HashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                byte[] name = new byte[buf.getShort() & 0xffff];
                buf.get(name);
                TermTracker.TermStat s = new TermTracker.TermStat();
                s.mean = buf.getDouble();
                byte flags = buf.get();
                s.fresh = (flags & 1) != 0;
                s.trending = (flags & 2) != 0;
                s.quiet = buf.getInt();
                s.peak = buf.getLong();
                s.lastCount = buf.getLong();
                s.lastBaseline = buf.getDouble();
                s.lastLift = buf.getDouble();
                s.lastScore = buf.getDouble();
                terms.put(new String(name, StandardCharsets.UTF_8), s);
            }
            TermTracker t = new TermTracker(config, terms);
            t.windows = windows;
            t.lastEnd = lastEnd;
            return t;
        } catch (BufferUnderflowException e) {
            throw new IllegalStateException("corrupt term trends: truncated after " + bytes.length + " bytes", e);
        }
    }
}
