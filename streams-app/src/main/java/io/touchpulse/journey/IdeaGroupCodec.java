package io.touchpulse.journey;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Binary form of an {@link IdeaGroup} for the changelogged ideas store: a version byte first, so state restored
 * after an upgrade is read by the code that knows its layout or rejected with a clear error.
 */
final class IdeaGroupCodec {
    private IdeaGroupCodec() {}

    static byte[] encode(IdeaGroup g) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(IdeaGroup.VERSION);
            out.writeUTF(g.ideaId);
            out.writeLong(g.mentions);
            out.writeDouble(g.weight);
            out.writeLong(g.firstSeen);
            out.writeLong(g.lastSeen);
            writeCounts(out, g.termCounts);
            writeCounts(out, g.touchpoints);
            writeCounts(out, g.segments);
            out.writeByte(g.examples.size());
            for (IdeaGroup.Example e : g.examples) {
                out.writeUTF(e.customerId() == null ? "" : e.customerId());
                out.writeDouble(e.weight());
                out.writeUTF(e.text().length() > 2000 ? e.text().substring(0, 2000) : e.text());
            }
            g.customers.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static IdeaGroup decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte version = in.readByte();
            if (version != IdeaGroup.VERSION) {
                throw new IllegalStateException("idea written by an unknown version " + version + " (this code reads " + IdeaGroup.VERSION + ")");
            }
            IdeaGroup g = new IdeaGroup(in.readUTF());
            g.mentions = in.readLong();
            g.weight = in.readDouble();
            g.firstSeen = in.readLong();
            g.lastSeen = in.readLong();
            readCounts(in, g.termCounts);
            readCounts(in, g.touchpoints);
            readCounts(in, g.segments);
            int n = in.readUnsignedByte();
            for (int i = 0; i < n; i++) {
                String customer = in.readUTF();
                g.examples.add(new IdeaGroup.Example(customer.isEmpty() ? null : customer, in.readDouble(), in.readUTF()));
            }
            g.customers = DistinctCounter.read(in);
            return g;
        } catch (IOException e) {
            throw new IllegalStateException("corrupt idea of " + data.length + " bytes: " + e.getMessage(), e);
        }
    }

    private static void writeCounts(DataOutputStream out, Map<String, Long> m) throws IOException {
        out.writeShort(m.size());
        for (Map.Entry<String, Long> e : m.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeLong(e.getValue());
        }
    }

    private static void readCounts(DataInputStream in, Map<String, Long> into) throws IOException {
        int n = in.readUnsignedShort();
        for (int i = 0; i < n; i++) {
            into.put(in.readUTF(), in.readLong());
        }
    }
}
