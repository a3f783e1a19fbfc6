package io.touchpulse.topology;

import io.touchpulse.journey.IdeaMention;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary serde of idea mentions on the internal idea-mentions repartition topic: a version byte, then the fields
 * (null strings as a flag). Internal topics outlive a deployment by their retention, so a reader must recognise
 * what it cannot read.
 */
public final class IdeaMentionSerde implements Serde<IdeaMention> {
    static final byte VERSION = 1;

    @Override
    public Serializer<IdeaMention> serializer() {
        return (topic, m) -> {
            if (m == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeByte(VERSION);
                string(out, m.eventId());
                string(out, m.customerId());
                string(out, m.segment());
                string(out, m.touchpoint());
                out.writeLong(m.timestamp());
                string(out, m.text());
                List<String> terms = m.terms() == null ? List.of() : m.terms();
                out.writeShort(Math.min(terms.size(), 1000));
                for (int i = 0; i < Math.min(terms.size(), 1000); i++) {
                    out.writeUTF(terms.get(i) == null ? "" : terms.get(i));
                }
                out.writeDouble(m.weight());
            } catch (IOException e) {
                throw new SerializationException("cannot write idea mention " + m.eventId(), e);
            }
            return bytes.toByteArray();
        };
    }

    @Override
    public Deserializer<IdeaMention> deserializer() {
        return (topic, data) -> {
            if (data == null) {
                return null;
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
                byte version = in.readByte();
                if (version != VERSION) {
                    throw new SerializationException("idea mention written by unknown version " + version + " (this code reads " + VERSION + ")");
                }
                String eventId = string(in);
                String customerId = string(in);
                String segment = string(in);
                String touchpoint = string(in);
                long timestamp = in.readLong();
                String text = string(in);
                int n = in.readUnsignedShort();
                List<String> terms = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    terms.add(in.readUTF());
                }
                return new IdeaMention(eventId, customerId, segment, touchpoint, timestamp, text, List.copyOf(terms), in.readDouble());
            } catch (IOException e) {
                throw new SerializationException("corrupt idea mention of " + data.length + " bytes", e);
            }
        };
    }

    /** Texts are redacted customer texts: cut at 4,000 characters so one never exceeds writeUTF's 64 KB. */
    private static void string(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s.length() > 4000 ? s.substring(0, 4000) : s);
        }
    }

    private static String string(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
